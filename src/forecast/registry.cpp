#include "cloudcast/forecast/registry.hpp"

#include <algorithm>
#include <cstddef>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "forecast/ets.hpp"
#include "forecast/simple.hpp"
#include "forecast/smoothing.hpp"
#include "forecast/theta.hpp"

namespace cloudcast::forecast {

namespace {

double pool(std::vector<double>& v, Pooling pooling) {
  if (pooling == Pooling::median) {
    std::sort(v.begin(), v.end());
    const std::size_t k = v.size();
    return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
  }
  double sum = 0;
  for (double x : v) sum += x;
  return sum / static_cast<double>(v.size());
}

}  // namespace

Forecast combine(std::span<const Forecast> members, Pooling pooling, std::string method, std::string description) {
  Forecast f;
  f.method = std::move(method);
  f.description = std::move(description);
  const std::size_t h = members.front().mean.size();
  std::vector<double> v(members.size());
  auto pooled = [&](std::vector<double> Forecast::*field) {
    std::vector<double> out(h);
    for (std::size_t i = 0; i < h; ++i) {
      for (std::size_t k = 0; k < members.size(); ++k) v[k] = (members[k].*field)[i];
      out[i] = pool(v, pooling);
    }
    return out;
  };
  f.mean = pooled(&Forecast::mean);
  f.lower80 = pooled(&Forecast::lower80);
  f.upper80 = pooled(&Forecast::upper80);
  f.lower95 = pooled(&Forecast::lower95);
  f.upper95 = pooled(&Forecast::upper95);
  return f;
}

namespace {

Forecast fit_combination(std::string_view name, std::span<const double> y, const ForecastOptions& o);

Forecast comb_shd(std::span<const double> y, const ForecastOptions& o) { return fit_combination("comb_shd", y, o); }
Forecast comb_sdt(std::span<const double> y, const ForecastOptions& o) { return fit_combination("comb_sdt", y, o); }
Forecast comb_edt(std::span<const double> y, const ForecastOptions& o) { return fit_combination("comb_edt", y, o); }
Forecast comb(std::span<const double> y, const ForecastOptions& o) { return fit_combination("comb", y, o); }

constexpr std::array kModels{
    Model{"naive", "last value carried forward", forecast_naive, 2, Pooling::none, {}, rolling_naive},
    Model{"snaive", "value one year (4 quarters) earlier", forecast_snaive, 5},
    Model{"drift", "random walk with drift (line from first to last value)", forecast_drift, 3},
    Model{"trend", "log-linear trend of the last 8 quarters, anchored at the last (positive data)", forecast_log_trend,
          2},
    Model{"naive2",
          "naive on the seasonally adjusted series (M4 benchmark)",
          forecast_naive2,
          2,
          Pooling::none,
          {},
          rolling_naive2},
    Model{"ses", "simple exponential smoothing, seasonally adjusted (M4 benchmark)", forecast_ses, 7},
    Model{"holt", "Holt's linear trend, seasonally adjusted (M4 benchmark)", forecast_holt, 9},
    Model{"damped", "damped Holt, seasonally adjusted (M4 benchmark)", forecast_damped, 10},
    Model{"ses_raw", "simple exponential smoothing on the raw series (R ses())", forecast_ses_raw, 7},
    Model{"damped_raw", "damped Holt on the raw series (R holt(damped = TRUE))", forecast_damped_raw, 10},
    Model{"theta", "Theta method as R forecast::thetaf()", forecast_theta, 7},
    Model{"ets", "ETS selected by AICc as R forecast::ets() (docs/forecasting-ets.md)", auto_ets, 7},
    Model{"comb_shd",
          "mean of ses, holt and damped (M3/M4 Comb S-H-D)",
          comb_shd,
          10,
          Pooling::mean,
          {"ses", "holt", "damped"}},
    Model{"comb_sdt", "mean of ses, damped and theta", comb_sdt, 10, Pooling::mean, {"ses", "damped", "theta"}},
    Model{"comb_edt", "mean of ets, damped and theta", comb_edt, 10, Pooling::mean, {"ets", "damped", "theta"}},
    Model{"comb",
          "median of snaive, holt, theta and ets (recommended)",
          comb,
          9,
          Pooling::median,
          {"snaive", "holt", "theta", "ets"}},
};

Forecast fit_combination(std::string_view name, std::span<const double> y, const ForecastOptions& o) {
  const Model& model = find_model(name);
  std::vector<Forecast> parts;
  for (std::string_view member : members_of(model)) parts.push_back(find_model(member).fit(y, o));
  return combine(parts, model.pooling, std::string(model.name), std::string(model.description));
}

}  // namespace

std::span<const Model> models() { return kModels; }

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const Model& m : kModels) names.emplace_back(m.name);
  return names;
}

std::vector<std::string_view> members_of(const Model& model) {
  std::vector<std::string_view> out;
  for (std::string_view m : model.members)
    if (!m.empty()) out.push_back(m);
  return out;
}

const Model& find_model(std::string_view name) {
  for (const Model& m : kModels)
    if (m.name == name) return m;
  throw UsageError(util::unknown_name_message("model", name, model_names()));
}

}  // namespace cloudcast::forecast
