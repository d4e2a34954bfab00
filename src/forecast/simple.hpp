#pragma once
// The simple benchmarks: naive, seasonal naive, random walk with drift (as R's
// forecast::naive/snaive/rwf) and Naive2 (naive on the seasonally adjusted series, M4).
// Intervals follow Hyndman & Athanasopoulos, FPP3 §5.5 (see docs/forecasting.md).
// Each throws DataError when y is too short (naive 2, snaive period + 1, drift 3).

#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast {

Forecast forecast_naive(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_snaive(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_drift(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_naive2(std::span<const double> y, const ForecastOptions& options);
// A rolling-origin backtest's forecasts at every origin (ascending; each fitted on
// y[0, origin)) from running sums: O(H + period) an origin where a refit is O(origin).
// naive: bit for bit forecast_naive's. naive2: means and seasonal decisions bit for bit
// forecast_naive2's, interval widths within 1e-12 relative (RollingSeasonalAdjustment).
std::vector<Forecast> rolling_naive(std::span<const double> y, std::span<const std::size_t> origins,
                                    const ForecastOptions& options);
std::vector<Forecast> rolling_naive2(std::span<const double> y, std::span<const std::size_t> origins,
                                     const ForecastOptions& options);
// Log-linear trend (the engine's first baseline): slope b of log y on time by least
// squares over the last min(n, 8) values, anchored at the last value, mean_h = y_n e^{bh};
// intervals exp(log mean_h -+ z s sqrt(h)), s the fit's residual standard deviation.
// Needs 2 positive values (DataError otherwise); with 2, s = 0.
Forecast forecast_log_trend(std::span<const double> y, const ForecastOptions& options);

// The same trend's fit, without allocating or checking y (a Monte Carlo path refits the
// core baseline with it; y positive, at least 2 values): log mean_h = mu(h), the interval
// at z standard errors exp(mu(h) + z spread(h)). forecast_log_trend is built on it.
struct LogTrend {
  std::size_t n = 0;  // values fitted: the last min(size, 8)
  double slope = 0;   // b, per quarter on the log scale
  double s = 0;       // residual standard deviation (0 with 2 values)
  double last = 0;    // log of the last value
  double mu(int h) const { return last + slope * h; }
  double spread(int h) const { return s * std::sqrt(static_cast<double>(h)); }
};
LogTrend fit_log_trend(std::span<const double> y);

// Throws DataError "<method>: series has n observations; expected at least k" when short.
void require_length(std::span<const double> y, std::size_t k, const char* method);

}  // namespace cloudcast::forecast
