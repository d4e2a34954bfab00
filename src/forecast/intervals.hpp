#pragma once
// Private helpers shared by the forecasting models: normal prediction intervals from
// standard errors, and re-seasonalising a forecast of seasonally adjusted data.

#include <cstddef>
#include <span>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast::detail {

// Standard normal quantile qnorm(0.90); qnorm(0.975) is forecast::kZ95.
inline constexpr double kZ80 = 1.2815515655446004;

// Sets lower/upper 80 % and 95 % bounds as mean -+ z * se[h].
inline void set_normal_intervals(Forecast& f, std::span<const double> se) {
  const std::size_t n = f.mean.size();
  f.lower80.resize(n);
  f.upper80.resize(n);
  f.lower95.resize(n);
  f.upper95.resize(n);
  for (std::size_t h = 0; h < n; ++h) {
    f.lower80[h] = f.mean[h] - kZ80 * se[h];
    f.upper80[h] = f.mean[h] + kZ80 * se[h];
    f.lower95[h] = f.mean[h] - kZ95 * se[h];
    f.upper95[h] = f.mean[h] + kZ95 * se[h];
  }
}

// Multiplies the mean and every bound by factor[h] (seasonal indices; all positive).
inline void scale_forecast(Forecast& f, std::span<const double> factor) {
  for (std::size_t h = 0; h < f.mean.size(); ++h) {
    f.mean[h] *= factor[h];
    f.lower80[h] *= factor[h];
    f.upper80[h] *= factor[h];
    f.lower95[h] *= factor[h];
    f.upper95[h] *= factor[h];
  }
}

}  // namespace cloudcast::forecast::detail
