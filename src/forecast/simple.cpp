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
// The forecast of a series of n values that ends with `tail` (its last `lag` values at
// least) and whose squared lag-differences sum to sse.
Forecast lag_walk_from(std::span<const double> tail, std::size_t n, int lag, double sse,
                       const ForecastOptions& options) {
  const auto l = static_cast<std::size_t>(lag);
  const double sigma2 = sse / static_cast<double>(n - l);
  Forecast f;
  std::vector<double> se;
  for (int h = 1; h <= options.horizon; ++h) {
    const auto back = static_cast<std::size_t>((h - 1) % lag);
    f.mean.push_back(tail[tail.size() - l + back]);
    const int k = (h - 1) / lag + 1;
    se.push_back(std::sqrt(sigma2 * k));
  }
  detail::set_normal_intervals(f, se);
  return f;
}

// Adds the lag-difference terms of t in [from, to) to sse, in increasing t: the order
// lag_walk adds them in, so a running sum over a growing series is bit for bit its sum.
double add_squared_differences(std::span<const double> y, std::size_t lag, std::size_t from, std::size_t to,
                               double sse) {
  for (std::size_t t = std::max(from, lag); t < to; ++t) sse += (y[t] - y[t - lag]) * (y[t] - y[t - lag]);
  return sse;
}

Forecast lag_walk(std::span<const double> y, int lag, const ForecastOptions& options) {
  return lag_walk_from(y, y.size(), lag, add_squared_differences(y, static_cast<std::size_t>(lag), 0, y.size(), 0.0),
                       options);
}

}  // namespace

std::vector<Forecast> rolling_naive(std::span<const double> y, std::span<const std::size_t> origins,
                                    const ForecastOptions& options) {
  std::vector<Forecast> out;
  double sse = 0;
  std::size_t done = 0;  // sse holds the terms of t < done
  for (std::size_t origin : origins) {
    const auto train = y.first(origin);
    require_length(train, 2, "naive");
    sse = add_squared_differences(y, 1, done, origin, sse);
    done = origin;
    Forecast f = lag_walk_from(train, origin, 1, sse, options);
    f.method = "naive";
    f.description = "naive (last value)";
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<Forecast> rolling_naive2(std::span<const double> y, std::span<const std::size_t> origins,
                                     const ForecastOptions& options) {
  std::vector<Forecast> out;
  RollingSeasonalAdjustment adjust(y, options.period, options.horizon);
  double sse = 0;  // naive's on y itself, for the origins where y is not seasonal
  std::size_t done = 0;
  for (std::size_t origin : origins) {
    const auto train = y.first(origin);
    require_length(train, 2, "naive2");
    sse = add_squared_differences(y, 1, done, origin, sse);
    done = origin;
    const RollingSeasonalAdjustment::At at = adjust.at(origin);
    // lag_walk on the adjusted series (y itself when not seasonal): its last value and
    // its squared differences.
    const double last[1] = {at.last_adjusted};
    Forecast f = at.seasonal ? lag_walk_from(last, origin, 1, at.adjusted_sse, options)
                             : lag_walk_from(train, origin, 1, sse, options);
    detail::scale_forecast(f, at.future);
    f.method = "naive2";
    f.description = at.seasonal ? "naive on the seasonally adjusted series" : "naive (series not seasonal)";
    out.push_back(std::move(f));
  }
  return out;
}

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
  fit.last = logs[n - 1];  // log(y.back()), the tail's last value: taken once
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
