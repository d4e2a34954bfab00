#include "forecast/simple.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

#include "cloudcast/error.hpp"
#include "forecast/decompose.hpp"
#include "forecast/intervals.hpp"

namespace cloudcast::forecast {

void require_length(std::span<const double> y, std::size_t k, const char* method) {
  if (y.size() < k)
    throw DataError(fmt::format("{}: series has {} observations; expected at least {}", method, y.size(), k));
}

namespace {

// R's lagwalk: forecasts repeat the last `lag` values; residual variance is the mean
// squared lag-difference; the h-step variance grows with the number of whole seasons
// ahead, k = floor((h - 1) / lag) + 1 (FPP3 table 5.2).
Forecast lag_walk(std::span<const double> y, int lag, const ForecastOptions& options) {
  const std::size_t n = y.size();
  const auto l = static_cast<std::size_t>(lag);
  double sse = 0;
  for (std::size_t t = l; t < n; ++t) sse += (y[t] - y[t - l]) * (y[t] - y[t - l]);
  const double sigma2 = sse / static_cast<double>(n - l);
  Forecast f;
  std::vector<double> se;
  for (int h = 1; h <= options.horizon; ++h) {
    const auto back = static_cast<std::size_t>((h - 1) % lag);
    f.mean.push_back(y[n - l + back]);
    const int k = (h - 1) / lag + 1;
    se.push_back(std::sqrt(sigma2 * k));
  }
  detail::set_normal_intervals(f, se);
  return f;
}

}  // namespace

Forecast forecast_naive(std::span<const double> y, const ForecastOptions& options) {
  require_length(y, 2, "naive");
  Forecast f = lag_walk(y, 1, options);
  f.method = "naive";
  f.description = "naive (last value)";
  return f;
}

Forecast forecast_snaive(std::span<const double> y, const ForecastOptions& options) {
  require_length(y, static_cast<std::size_t>(options.period) + 1, "snaive");
  Forecast f = lag_walk(y, options.period, options);
  f.method = "snaive";
  f.description = fmt::format("seasonal naive (value {} quarters earlier)", options.period);
  return f;
}

Forecast forecast_drift(std::span<const double> y, const ForecastOptions& options) {
  require_length(y, 3, "drift");
  // R's rwf(drift = TRUE): b = mean first difference, its standard error from
  // lm(diff ~ 1), and var_h = sigma^2 h + (h se_b)^2 (FPP3 table 5.2 plus the
  // drift-estimation term forecast adds).
  const std::size_t n = y.size();
  const double d = static_cast<double>(n - 1);
  const double b = (y[n - 1] - y[0]) / d;
  double ss = 0;
  for (std::size_t t = 1; t < n; ++t) ss += (y[t] - y[t - 1] - b) * (y[t] - y[t - 1] - b);
  const double sigma2 = ss / (d - 1);
  const double b_se = std::sqrt(sigma2 / d);
  Forecast f;
  f.method = "drift";
  f.description = fmt::format("random walk with drift {:.6g} per quarter", b);
  std::vector<double> se;
  for (int h = 1; h <= options.horizon; ++h) {
    f.mean.push_back(y[n - 1] + h * b);
    se.push_back(std::sqrt(sigma2 * h + (h * b_se) * (h * b_se)));
  }
  detail::set_normal_intervals(f, se);
  return f;
}

Forecast forecast_naive2(std::span<const double> y, const ForecastOptions& options) {
  require_length(y, 2, "naive2");
  const SeasonalAdjustment sa = seasonally_adjust(y, options.period, options.horizon);
  Forecast f = lag_walk(sa.adjusted, 1, options);
  detail::scale_forecast(f, sa.future);
  f.method = "naive2";
  f.description = sa.seasonal ? "naive on the seasonally adjusted series" : "naive (series not seasonal)";
  return f;
}

LogTrend fit_log_trend(std::span<const double> y) {
  LogTrend fit;
  const std::size_t n = std::min<std::size_t>(y.size(), 8);
  const auto tail = y.subspan(y.size() - n);
  std::array<double, 8> logs{};
  for (std::size_t t = 0; t < n; ++t) logs[t] = std::log(tail[t]);
  const double nd = static_cast<double>(n);
  const double t_mean = (nd - 1) / 2.0;
  double y_mean = 0;
  for (std::size_t t = 0; t < n; ++t) y_mean += logs[t];
  y_mean /= nd;
  double sxy = 0, sxx = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t) - t_mean;
    sxy += dt * (logs[t] - y_mean);
    sxx += dt * dt;
  }
  fit.n = n;
  fit.slope = sxy / sxx;
  double sse = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double e = logs[t] - (y_mean + fit.slope * (static_cast<double>(t) - t_mean));
    sse += e * e;
  }
  fit.s = n > 2 ? std::sqrt(sse / (nd - 2)) : 0.0;
  fit.last = std::log(y.back());
  return fit;
}

Forecast forecast_log_trend(std::span<const double> y, const ForecastOptions& options) {
  require_length(y, 2, "trend");
  for (double v : y)
    if (!(v > 0))
      throw DataError(fmt::format(
          "trend: value {} is not positive; expected positive values (the trend is fitted to logarithms)", v));
  const LogTrend fit = fit_log_trend(y);
  Forecast f;
  f.method = "trend";
  f.description =
      fmt::format("log-linear trend over the last {} quarters, {:+.1f}% a quarter, anchored at the last quarter", fit.n,
                  100 * (std::exp(fit.slope) - 1));
  for (int h = 1; h <= options.horizon; ++h) {
    const double mu = fit.mu(h);
    const double spread = fit.spread(h);
    f.mean.push_back(std::exp(mu));
    f.lower80.push_back(std::exp(mu - detail::kZ80 * spread));
    f.upper80.push_back(std::exp(mu + detail::kZ80 * spread));
    f.lower95.push_back(std::exp(mu - kZ95 * spread));
    f.upper95.push_back(std::exp(mu + kZ95 * spread));
  }
  return f;
}

}  // namespace cloudcast::forecast
