#include "cloudcast/forecast/backtest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <thread>

#include "cloudcast/error.hpp"
#include "cloudcast/forecast/registry.hpp"

namespace cloudcast::forecast {

double smape(std::span<const double> actual, std::span<const double> forecast) {
  double sum = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double denom = std::abs(actual[i]) + std::abs(forecast[i]);
    if (denom > 0) sum += 200 * std::abs(actual[i] - forecast[i]) / denom;
  }
  return sum / static_cast<double>(actual.size());
}

double mase_scale(std::span<const double> x, int period) {
  const auto m = static_cast<std::size_t>(period);
  if (x.size() <= m) return std::numeric_limits<double>::quiet_NaN();
  double sum = 0;
  for (std::size_t t = m; t < x.size(); ++t) sum += std::abs(x[t] - x[t - m]);
  return sum / static_cast<double>(x.size() - m);
}

double mase(std::span<const double> actual, std::span<const double> forecast, double scale) {
  double sum = 0;
  for (std::size_t i = 0; i < actual.size(); ++i) sum += std::abs(actual[i] - forecast[i]);
  return sum / static_cast<double>(actual.size()) / scale;
}

namespace {

// A forecast or error term that overflowed (values near the double range, 1e308) never
// reaches the scores, where a report would show inf or a blank: the series' largest value
// is named as the likely cause, by its CSV index.
void check_finite_term(const Series& s, std::string_view model, std::size_t origin, std::size_t h, double actual,
                       double forecast, double smape_term, double mase_term, double mase_scale) {
  if (std::isfinite(forecast) && std::isfinite(smape_term) && std::isfinite(mase_term) && std::isfinite(mase_scale))
    return;
  const auto largest =
      std::max_element(s.values.begin(), s.values.end(), [](double a, double b) { return std::abs(a) < std::abs(b); });
  throw DataError(fmt::format(
      "{}series {}, origin {}, model {}, h {}: forecast {:.3g} against {:.3g} gives a non-finite error; expected "
      "values whose differences and sums stay finite (the largest is {:.3g} at index {})",
      s.place.empty() ? "" : s.place + ": ", s.id, origin, model, h, forecast, actual, *largest,
      largest - s.values.begin() + 1));
}

// What one series contributes: per model, its mean sMAPE/MASE over origins, and the
// per-horizon sums.
struct SeriesScore {
  std::vector<double> smape, mase;                   // [model]
  std::vector<std::vector<double>> smape_h, mase_h;  // [model][h]
  std::vector<std::vector<int>> count_h;             // [model][h]
  std::vector<std::vector<int>> mase_count_h;        // [model][h], 0 when MASE is left out
  std::vector<SeriesForecast> forecasts;
  bool holdout = false;
  bool has_mase = true;  // false when the training values repeat every period: MASE's scale is 0
  int origins = 0;
};

// The forecast origins of a series: its training length (a holdout), or every length
// from the longest any model needs (and MASE's seasonal difference) to the last but one.
// DataError, naming the series and the hungriest model, when the series is too short.
std::vector<std::size_t> forecast_origins(const Series& s, const std::vector<const Model*>& models,
                                          const BacktestOptions& o) {
  std::size_t need = 0;
  const Model* hungriest = models.front();
  for (const Model* m : models)
    if (m->min_length > need) need = m->min_length, hungriest = m;
  need = std::max(need, static_cast<std::size_t>(o.period) + 1);  // MASE needs a seasonal difference

  std::vector<std::size_t> origins;
  const std::size_t n = s.values.size();
  if (!o.rolling && s.n_train < n) {
    origins.push_back(s.n_train);
    if (s.n_train < need)
      throw DataError(fmt::format("{}series {}: {} training values; model {} needs at least {}",
                                  s.place.empty() ? "" : s.place + ": ", s.id, s.n_train, hungriest->name, need));
  } else {
    const std::size_t first = std::max(need, static_cast<std::size_t>(o.min_train));
    if (n < first + 1)
      throw DataError(
          fmt::format("{}series {}: {} values; rolling origin with model {} needs at least {} ({} to fit, 1 to score)",
                      s.place.empty() ? "" : s.place + ": ", s.id, n, hungriest->name, first + 1, first));
    for (std::size_t t = first; t < n; ++t) origins.push_back(t);
  }
  return origins;
}

// The single models to fit at each origin: the requested ones and every member of a
// requested combination, each fitted once and shared.
std::vector<const Model*> single_models(const std::vector<const Model*>& models) {
  std::vector<const Model*> singles;
  auto add_single = [&](const Model* m) {
    if (std::find(singles.begin(), singles.end(), m) == singles.end()) singles.push_back(m);
  };
  for (const Model* m : models) {
    if (m->pooling == Pooling::none)
      add_single(m);
    else
      for (std::string_view member : members_of(*m)) add_single(&find_model(member));
  }
  return singles;
}

SeriesScore score_series(const Series& s, const std::vector<const Model*>& models, const BacktestOptions& o) {
  const std::size_t k = models.size();
  const auto H = static_cast<std::size_t>(o.horizon);
  SeriesScore out;
  out.smape.assign(k, 0.0);
  out.mase.assign(k, 0.0);
  out.smape_h.assign(k, std::vector<double>(H, 0.0));
  out.mase_h.assign(k, std::vector<double>(H, 0.0));
  out.count_h.assign(k, std::vector<int>(H, 0));
  out.mase_count_h.assign(k, std::vector<int>(H, 0));
  const std::vector<std::size_t> origins = forecast_origins(s, models, o);
  const std::size_t n = s.values.size();
  out.holdout = !o.rolling && s.n_train < n;
  out.origins = static_cast<int>(origins.size());
  // MASE's scale at every origin from one running sum: the same additions, in the same
  // order, as mase_scale() on each training span, without rescanning it per origin.
  const auto lag = static_cast<std::size_t>(o.period);
  std::vector<double> scale_sum(n + 1, 0.0);  // scale_sum[t] = sum over lag <= i < t of |x_i - x_{i-lag}|
  for (std::size_t t = lag; t < n; ++t) scale_sum[t + 1] = scale_sum[t] + std::abs(s.values[t] - s.values[t - lag]);
  const ForecastOptions fo{.horizon = o.horizon, .period = o.period};
  const std::vector<const Model*> singles = single_models(models);
  // Models with running sums give every origin's forecast at once (registry.hpp).
  std::vector<std::vector<Forecast>> rolled(singles.size());
  for (std::size_t i = 0; i < singles.size(); ++i)
    if (singles[i]->rolling) rolled[i] = singles[i]->rolling(s.values, origins, fo);
  std::vector<Forecast> cache(singles.size());
  auto cached = [&](const Model* m) -> const Forecast& {
    return cache[static_cast<std::size_t>(std::find(singles.begin(), singles.end(), m) - singles.begin())];
  };
  for (std::size_t oi = 0; oi < origins.size(); ++oi) {
    const std::size_t origin = origins[oi];
    const std::span<const double> train(s.values.data(), origin);
    const std::size_t avail = std::min(H, n - origin);
    const std::span<const double> actual(s.values.data() + origin, avail);
    const double scale = scale_sum[origin] / static_cast<double>(origin - lag);  // origin > lag: need >= period + 1
    if (!(scale > 0)) out.has_mase = false;
    for (std::size_t i = 0; i < singles.size(); ++i) {
      try {
        cache[i] = rolled[i].empty() ? singles[i]->fit(train, fo) : std::move(rolled[i][oi]);
      } catch (const DataError& e) {
        // The model knows what was wrong, the backtest knows where: add the series.
        throw DataError(fmt::format("{}series {}, origin {}: {} (leave the model out with --models)",
                                    s.place.empty() ? "" : s.place + ": ", s.id, origin, e.what()));
      }
    }
    for (std::size_t j = 0; j < k; ++j) {
      Forecast f;
      if (models[j]->pooling == Pooling::none) {
        f = cached(models[j]);
      } else {
        std::vector<Forecast> parts;
        for (std::string_view member : members_of(*models[j])) parts.push_back(cached(&find_model(member)));
        f = combine(parts, models[j]->pooling, std::string(models[j]->name), std::string(models[j]->description));
      }
      const std::span<const double> fc(f.mean.data(), avail);
      for (std::size_t h = 0; h < avail; ++h) {
        const double denom = std::abs(actual[h]) + std::abs(fc[h]);
        const double smape_term = denom > 0 ? 200 * std::abs(actual[h] - fc[h]) / denom : 0.0;
        const double mase_term = out.has_mase ? std::abs(actual[h] - fc[h]) / scale : 0.0;
        check_finite_term(s, models[j]->name, origin, h + 1, actual[h], fc[h], smape_term, mase_term,
                          out.has_mase ? scale : 1.0);
        out.smape_h[j][h] += smape_term;
        ++out.count_h[j][h];
        if (!out.has_mase) continue;
        out.mase_h[j][h] += mase_term;
        ++out.mase_count_h[j][h];
      }
      out.smape[j] += smape(actual, fc);
      if (out.has_mase) out.mase[j] += mase(actual, fc, scale);
      out.forecasts.push_back({s.id, std::string(models[j]->name), static_cast<int>(origin), std::move(f)});
    }
  }
  for (std::size_t j = 0; j < k; ++j) {
    out.smape[j] /= static_cast<double>(origins.size());
    out.mase[j] /= static_cast<double>(origins.size());
  }
  if (!out.has_mase) {  // a zero scale at any origin leaves the whole series out of MASE
    for (std::size_t j = 0; j < k; ++j) {
      out.mase[j] = 0;
      out.mase_h[j].assign(H, 0.0);
      out.mase_count_h[j].assign(H, 0);
    }
  }
  return out;
}

}  // namespace

std::size_t rolling_required_length(const BacktestOptions& options) {
  std::size_t need =
      std::max<std::size_t>(static_cast<std::size_t>(options.min_train), static_cast<std::size_t>(options.period) + 1);
  for (const std::string& name : options.models) need = std::max(need, find_model(name).min_length);
  need = std::max(need, find_model("naive2").min_length);
  return need + 1;
}

BacktestResult backtest(std::span<const Series> series, const BacktestOptions& options) {
  std::vector<const Model*> models;
  for (const std::string& name : options.models) {
    const Model* m = &find_model(name);
    if (std::find(models.begin(), models.end(), m) == models.end()) models.push_back(m);
  }
  const Model* naive2 = &find_model("naive2");
  if (std::find(models.begin(), models.end(), naive2) == models.end()) models.push_back(naive2);
  if (series.empty()) throw DataError("backtest: no series; expected at least one");

  std::vector<SeriesScore> scores(series.size());
  std::vector<std::exception_ptr> errors(series.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < series.size(); i = next++) {
      try {
        scores[i] = score_series(series[i], models, options);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const int threads = std::clamp(options.threads, 1, static_cast<int>(series.size()));
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  // The first failing series in file order, whatever thread met it.
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);

  BacktestResult result;
  result.n_series = series.size();
  const std::size_t k = models.size();
  const auto H = static_cast<std::size_t>(options.horizon);
  for (std::size_t j = 0; j < k; ++j) {
    MethodScore ms;
    ms.method = std::string(models[j]->name);
    ms.smape_h.assign(H, 0.0);
    ms.mase_h.assign(H, 0.0);
    ms.count_h.assign(H, 0);
    std::vector<int> mase_count_h(H, 0);
    std::size_t mase_series = 0;
    for (const SeriesScore& sc : scores) {
      ms.smape += sc.smape[j];
      ms.mase += sc.mase[j];
      mase_series += sc.has_mase ? 1 : 0;
      for (std::size_t h = 0; h < H; ++h) {
        ms.smape_h[h] += sc.smape_h[j][h];
        ms.mase_h[h] += sc.mase_h[j][h];
        ms.count_h[h] += sc.count_h[j][h];
        mase_count_h[h] += sc.mase_count_h[j][h];
      }
    }
    // No divisor: NaN, which the report shows blank (every series left out of MASE).
    const auto mean_divisor = [](double count) { return count > 0 ? count : std::numeric_limits<double>::quiet_NaN(); };
    ms.n_series = series.size();
    ms.smape /= static_cast<double>(series.size());
    ms.mase /= mean_divisor(static_cast<double>(mase_series));
    for (std::size_t h = 0; h < H; ++h) {
      ms.smape_h[h] /= mean_divisor(ms.count_h[h]);
      ms.mase_h[h] /= mean_divisor(mase_count_h[h]);
    }
    result.methods.push_back(std::move(ms));
  }
  const MethodScore& ref = result.methods.back();  // naive2, appended last when missing
  const auto n2 = std::find_if(result.methods.begin(), result.methods.end(),
                               [](const MethodScore& m) { return m.method == "naive2"; });
  const MethodScore& base = n2 != result.methods.end() ? *n2 : ref;
  const double s2 = base.smape, m2 = base.mase;
  for (MethodScore& m : result.methods) m.owa = 0.5 * (m.smape / s2 + m.mase / m2);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    SeriesScore& sc = scores[i];
    if (!sc.has_mase) result.without_mase.push_back(series[i].id);
    (sc.holdout ? result.n_holdout : result.n_rolling) += 1;
    result.n_origins += static_cast<std::size_t>(sc.origins);
    for (SeriesForecast& f : sc.forecasts) result.forecasts.push_back(std::move(f));
  }
  return result;
}

}  // namespace cloudcast::forecast
