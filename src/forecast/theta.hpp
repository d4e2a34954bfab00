#pragma once
// The Theta method exactly as R's forecast::thetaf(): when the 90 % lag-m test says
// seasonal (n > 2m, series not constant), divide by classical multiplicative seasonal
// indices; fit SES (ETS(A,N,N), MSE); add half the slope b of a least-squares line,
// f_h = ses_h + b/2 ((h - 1) + (1 - (1 - alpha)^n) / alpha); re-seasonalise.
// Intervals as thetaf: f_h -+ z sigma sqrt(1 + (h - 1) alpha^2), sigma^2 from the SES fit
// (not re-seasonalised). Throws DataError for fewer than 7 observations.

#include <span>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast {

Forecast forecast_theta(std::span<const double> y, const ForecastOptions& options);

}  // namespace cloudcast::forecast
