#pragma once
// The model table: every forecasting model by name, so the CLI, the backtest and the
// benchmark pick models by name. Combinations average their members' point forecasts
// and interval bounds (docs/forecasting.md).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast {

using ModelFunction = Forecast (*)(std::span<const double> y, const ForecastOptions& options);

struct Model {
  std::string_view name;         // "theta"
  std::string_view description;  // one line for help and reports
  ModelFunction fit;             // throws DataError when y is shorter than min_length
  std::size_t min_length;        // fewest observations the model accepts
};

std::span<const Model> models();
// UsageError "unknown model 'x'; expected one of ... (did you mean ...)" otherwise.
const Model& find_model(std::string_view name);
std::vector<std::string> model_names();

// The method cloudcast recommends (chosen on half the M3 development series and
// checked on the other half; docs/forecasting.md).
inline constexpr std::string_view kRecommendedModel = "comb";

// The mean of the members' forecasts: point forecasts and each bound averaged.
Forecast combine(std::span<const Forecast> members, std::string method, std::string description);

}  // namespace cloudcast::forecast
