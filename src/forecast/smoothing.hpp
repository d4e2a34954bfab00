#pragma once
// Additive-error, non-seasonal exponential smoothing: simple (ETS(A,N,N)), Holt
// (ETS(A,A,N)) and damped Holt (ETS(A,Ad,N)), fitted as R's forecast::ses() and holt()
// do: parameters and initial states minimise the in-sample one-step MSE within
// ets()'s "usual" bounds (alpha, beta in [1e-4, 0.9999], beta <= alpha,
// phi in [0.8, 0.98]), starting from ets()'s initial values. The default optimiser is
// R's own Nelder-Mead (src/forecast/nelder_mead.hpp), so fits land where R's do; NLopt is the
// alternative that finds lower optima (docs/decisions/0300-r-nelder-mead-for-smoothing.md).
// The M4 benchmark variants ("SES", "Holt", "Damped") first remove multiplicative
// seasonality when the 90 % test says seasonal, as R's M3 script does.

#include <span>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast {

enum class Trend { none, additive, damped };
enum class Optimizer { r_nelder_mead, nlopt };

struct SmoothingFit {
  Trend trend = Trend::none;
  double alpha = 0, beta = 0, phi = 1;
  double level0 = 0, slope0 = 0;  // fitted initial states
  double level = 0, slope = 0;    // states after the last observation
  double mse = 0;                 // in-sample one-step mean squared error
  double sigma2 = 0;              // SSE / (n - number of estimated parameters)
  int n_params = 0;               // smoothing parameters + initial states
};

// Smallest series each form accepts (ets() switches to other estimators below it).
std::size_t smoothing_min_length(Trend trend);

// Throws DataError when y is shorter than smoothing_min_length(trend).
SmoothingFit fit_smoothing(std::span<const double> y, Trend trend, Optimizer optimizer = Optimizer::r_nelder_mead);

// Point forecasts l + (phi + ... + phi^h) b and ets()'s class-1 variance
// sigma2 (1 + sum_{j<h} c_j^2), c_j = alpha + beta (phi + ... + phi^j).
Forecast forecast_from_fit(const SmoothingFit& fit, const ForecastOptions& options);

// On the raw series.
Forecast forecast_ses_raw(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_holt_raw(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_damped_raw(std::span<const double> y, const ForecastOptions& options);
// M4 benchmark variants: on the seasonally adjusted series, re-seasonalised (mean and bounds).
Forecast forecast_ses(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_holt(std::span<const double> y, const ForecastOptions& options);
Forecast forecast_damped(std::span<const double> y, const ForecastOptions& options);

}  // namespace cloudcast::forecast
