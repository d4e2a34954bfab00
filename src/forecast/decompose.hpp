#pragma once
// Seasonality test and classical multiplicative decomposition, as R's acf() and
// decompose(type = "multiplicative") compute them. Used by Naive2, the seasonally
// adjusted smoothing benchmarks (M4 definitions) and Theta (forecast::thetaf).

#include <cstddef>
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

// seasonally_adjust of every prefix y[0, n) of one series, for a rolling-origin backtest
// (n non-decreasing across calls to at()): running sums make each prefix O(period) where
// a refit is O(n), so a backtest over every origin is linear in the series, not quadratic.
// The seasonal indices are bit for bit seasonally_adjust's (the same sums, added in the
// same order). The test's autocorrelations come from running sums of products in long
// double; a decision within their error bound of the limit is redone exactly, so the test
// decides as seasonal_test does. The adjusted series' squared differences (naive2's
// interval width) come from per-phase sums in long double, redone exactly when they
// cancel by more than a millionth; within 1e-12 relative of the refit's.
class RollingSeasonalAdjustment {
 public:
  RollingSeasonalAdjustment(std::span<const double> y, int period, int horizon);

  struct At {
    bool seasonal = false;
    double last_adjusted = 0;    // y[n-1] / its index (y[n-1] when not seasonal)
    double adjusted_sse = 0;     // sum over 1 <= t < n of (adjusted_t - adjusted_{t-1})^2, when seasonal
    std::vector<double> future;  // as SeasonalAdjustment::future
  };
  At at(std::size_t n);

 private:
  void advance(std::size_t n);
  bool seasonal(std::size_t n) const;

  std::span<const double> y_;
  int m_;
  int horizon_;
  std::size_t n_ = 0;  // values taken into the sums
  // The test: sums of y, y^2 and y_t y_{t+k} (k = 1..m), prefix sums of y.
  long double s1_ = 0, s2_ = 0;
  std::vector<long double> lag_products_, prefix_;
  // The decomposition: per phase, the sum and count of y_t / trend_t, as
  // multiplicative_seasonal_indices adds them; the next t whose trend is complete.
  std::vector<double> weights_, ratio_sum_;
  std::vector<int> ratio_count_;
  int next_t_ = 0;
  // Per phase p of t (t >= 1): sums of y_t^2, y_t y_{t-1}, y_{t-1}^2.
  std::vector<long double> q_, r_, u_;
};

}  // namespace cloudcast::forecast
