#include "cloudcast/model/baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/forecast/registry.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::model {

std::vector<std::string> baseline_models() { return forecast::model_names(); }

// Every model of the forecasting registry (cloudcast/forecast/registry.hpp), chosen by
// name. The default stays "trend", the log-linear trend: on the companies' own revenue
// histories it has the lowest rolling-origin error of all registry models (sMAPE 7.8 %
// against 13.1 % for the M3-recommended combination; docs/forecasting.md, "Baseline").
forecast::Forecast baseline_forecast(std::span<const double> history, int horizon, std::string_view model,
                                     std::string_view place) {
  const auto models = baseline_models();
  if (std::find(models.begin(), models.end(), model) == models.end())
    throw UsageError("--model: " + util::unknown_name_message("model", model, models));
  if (history.size() < 2) throw DataError(fmt::format("{}: {} quarter(s) of history; expected at least 2", place, history.size()));
  for (double y : history)
    if (!(y > 0) || !std::isfinite(y)) throw DataError(fmt::format("{}: revenue {} is not positive; expected positive values", place, y));
  const forecast::Model& m = forecast::find_model(model);
  if (history.size() < m.min_length)
    throw DataError(fmt::format("{}: model {} needs at least {} contiguous quarters of revenue; the history has {} "
                                "(choose another --model, e.g. trend)",
                                place, m.name, m.min_length, history.size()));
  return m.fit(history, forecast::ForecastOptions{.horizon = horizon, .period = 4});
}

}  // namespace cloudcast::model
