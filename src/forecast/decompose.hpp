#pragma once
// Seasonality test and classical multiplicative decomposition, as R's acf() and
// decompose(type = "multiplicative") compute them. Used by Naive2, the seasonally
// adjusted smoothing benchmarks (M4 definitions) and Theta (forecast::thetaf).

#include <span>
#include <vector>

namespace cloudcast::forecast {

// Sample autocorrelations r_1..r_max_lag (R's acf: deviations from the mean, divided by
// the lag-0 sum of squares). Empty when y has fewer than 2 values or no variation.
std::vector<double> autocorrelations(std::span<const double> y, int max_lag);

// The 90 % one-sided lag-m test of the M4 competition and thetaf:
// |r_m| > 1.645 / sqrt(n) * sqrt(1 + 2 * sum_{k<m} r_k^2). False when n < min_length,
// when period <= 1 or when y is constant.
bool seasonal_test(std::span<const double> y, int period, int min_length);

// Classical multiplicative decomposition's seasonal index for every observation
// (length n), positions counted from the first observation as R's decompose() does.
// Needs n >= 2 * period.
std::vector<double> multiplicative_seasonal_indices(std::span<const double> y, int period);

struct SeasonalAdjustment {
  bool seasonal = false;
  std::vector<double> adjusted;  // y / index (y itself when not seasonal)
  std::vector<double> future;    // index for h = 1..horizon (1 when not seasonal)
};

// The M4 benchmarks' adjustment: test with min_length = 3 * period, decompose when
// seasonal, and repeat the last period's indices over the horizon.
SeasonalAdjustment seasonally_adjust(std::span<const double> y, int period, int horizon);

}  // namespace cloudcast::forecast
