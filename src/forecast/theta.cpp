#include "forecast/theta.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include "forecast/decompose.hpp"
#include "forecast/intervals.hpp"
#include "forecast/simple.hpp"
#include "forecast/smoothing.hpp"

namespace cloudcast::forecast {

Forecast forecast_theta(std::span<const double> y, const ForecastOptions& options) {
  require_length(y, smoothing_min_length(Trend::none), "theta");
  const std::size_t n = y.size();
  const int m = options.period;
  std::vector<double> x(y.begin(), y.end());
  std::vector<double> future(static_cast<std::size_t>(options.horizon), 1.0);
  // thetaf tests when n > 2m (the M4 benchmarks ask n >= 3m), and gives up the
  // adjustment when an index is within 1e-4 of zero.
  bool seasonal = seasonal_test(y, m, 2 * m + 1);
  if (seasonal) {
    const std::vector<double> si = multiplicative_seasonal_indices(y, m);
    if (std::any_of(si.begin(), si.end(), [](double s) { return std::abs(s) < 1e-4; })) {
      seasonal = false;
    } else {
      for (std::size_t t = 0; t < n; ++t) x[t] = y[t] / si[t];
      const auto mm = static_cast<std::size_t>(m);
      for (std::size_t h = 0; h < future.size(); ++h) future[h] = si[n - mm + h % mm];
    }
  }
  const SmoothingFit fit = fit_smoothing(x, Trend::none);
  // Slope of the least-squares line through (0..n-1, x).
  const double tn = static_cast<double>(n);
  const double t_mean = (tn - 1) / 2;
  double x_mean = 0;
  for (double v : x) x_mean += v;
  x_mean /= tn;
  double sxy = 0, sxx = 0;
  for (std::size_t t = 0; t < n; ++t) {
    sxy += (static_cast<double>(t) - t_mean) * (x[t] - x_mean);
    sxx += (static_cast<double>(t) - t_mean) * (static_cast<double>(t) - t_mean);
  }
  const double half_slope = sxy / sxx / 2;
  const double alpha = std::max(1e-10, fit.alpha);
  const double start = (1 - std::pow(1 - alpha, tn)) / alpha;
  Forecast f;
  f.method = "theta";
  f.description = fmt::format("Theta alpha={:.4f} drift={:.6g}{}", alpha, half_slope,
                              seasonal ? ", seasonally adjusted" : "");
  std::vector<double> se;
  for (int h = 1; h <= options.horizon; ++h) {
    const auto k = static_cast<std::size_t>(h - 1);
    f.mean.push_back((fit.level + half_slope * (static_cast<double>(k) + start)) * future[k]);
    se.push_back(std::sqrt(fit.sigma2) * std::sqrt(static_cast<double>(k) * alpha * alpha + 1));
  }
  detail::set_normal_intervals(f, se);
  return f;
}

}  // namespace cloudcast::forecast
