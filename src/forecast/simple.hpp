#pragma once
// The simple benchmarks: naive, seasonal naive, random walk with drift (as R's
// forecast::naive/snaive/rwf) and Naive2 (naive on the seasonally adjusted series, M4).
// Intervals follow Hyndman & Athanasopoulos, FPP3 §5.5 (see docs/forecasting.md).
// Each throws DataError when y is too short (naive 2, snaive period + 1, drift 3).

#include <span>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast {

Forecast forecast_naive(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_snaive(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_drift(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_naive2(std::span<const double> y, const ForecastOptions& options);
// Log-linear trend (the engine's first baseline): slope b of log y on time by least
// squares over the last min(n, 8) values, anchored at the last value, mean_h = y_n e^{bh};
// intervals exp(log mean_h -+ z s sqrt(h)), s the fit's residual standard deviation.
// Needs 2 positive values (DataError otherwise); with 2, s = 0.
Forecast forecast_log_trend(std::span<const double> y, const ForecastOptions& options);

// Throws DataError "<method>: series has n observations; expected at least k" when short.
void require_length(std::span<const double> y, std::size_t k, const char* method);

}  // namespace cloudcast::forecast
