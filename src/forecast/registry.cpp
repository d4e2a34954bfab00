#include "cloudcast/forecast/registry.hpp"

#include <array>
#include <cstddef>

#include "cloudcast/error.hpp"
#include "cloudcast/forecast/simple.hpp"
#include "cloudcast/forecast/smoothing.hpp"
#include "cloudcast/forecast/theta.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::forecast {

Forecast combine(std::span<const Forecast> members, std::string method, std::string description) {
  Forecast f;
  f.method = std::move(method);
  f.description = std::move(description);
  const std::size_t h = members.front().mean.size();
  const double k = static_cast<double>(members.size());
  f.mean.assign(h, 0.0);
  f.lower80.assign(h, 0.0);
  f.upper80.assign(h, 0.0);
  f.lower95.assign(h, 0.0);
  f.upper95.assign(h, 0.0);
  for (const Forecast& m : members) {
    for (std::size_t i = 0; i < h; ++i) {
      f.mean[i] += m.mean[i] / k;
      f.lower80[i] += m.lower80[i] / k;
      f.upper80[i] += m.upper80[i] / k;
      f.lower95[i] += m.lower95[i] / k;
      f.upper95[i] += m.upper95[i] / k;
    }
  }
  return f;
}

namespace {

Forecast comb_shd(std::span<const double> y, const ForecastOptions& o) {
  const std::array<Forecast, 3> m{forecast_ses(y, o), forecast_holt(y, o), forecast_damped(y, o)};
  return combine(m, "comb_shd", "mean of ses, holt, damped (seasonally adjusted)");
}

Forecast comb(std::span<const double> y, const ForecastOptions& o) {
  const std::array<Forecast, 3> m{forecast_ses(y, o), forecast_damped(y, o), forecast_theta(y, o)};
  return combine(m, "comb", "mean of ses, damped, theta");
}

constexpr std::array kModels{
    Model{"naive", "last value carried forward", forecast_naive, 2},
    Model{"snaive", "value one year (4 quarters) earlier", forecast_snaive, 5},
    Model{"drift", "random walk with drift (line from first to last value)", forecast_drift, 3},
    Model{"naive2", "naive on the seasonally adjusted series (M4 benchmark)", forecast_naive2, 2},
    Model{"ses", "simple exponential smoothing, seasonally adjusted (M4 benchmark)", forecast_ses, 7},
    Model{"holt", "Holt's linear trend, seasonally adjusted (M4 benchmark)", forecast_holt, 9},
    Model{"damped", "damped Holt, seasonally adjusted (M4 benchmark)", forecast_damped, 10},
    Model{"ses_raw", "simple exponential smoothing on the raw series (R ses())", forecast_ses_raw, 7},
    Model{"damped_raw", "damped Holt on the raw series (R holt(damped = TRUE))", forecast_damped_raw, 10},
    Model{"theta", "Theta method as R forecast::thetaf()", forecast_theta, 7},
    Model{"comb_shd", "mean of ses, holt and damped (M3/M4 Comb S-H-D)", comb_shd, 10},
    Model{"comb", "mean of ses, damped and theta (recommended)", comb, 10},
};

}  // namespace

std::span<const Model> models() { return kModels; }

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  for (const Model& m : kModels) names.emplace_back(m.name);
  return names;
}

const Model& find_model(std::string_view name) {
  for (const Model& m : kModels)
    if (m.name == name) return m;
  throw UsageError(util::unknown_name_message("model", name, model_names()));
}

}  // namespace cloudcast::forecast
