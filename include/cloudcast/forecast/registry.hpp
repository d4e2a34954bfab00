#pragma once
// The model table: every forecasting model by name, so the CLI, the backtest and the
// benchmark pick models by name. A combination lists its members and how their
// forecasts are pooled (mean or median, point forecasts and each interval bound
// separately; docs/forecasting.md).

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::forecast {

using ModelFunction = Forecast (*)(std::span<const double> y, const ForecastOptions& options);
// Every origin's forecast at once (origins ascending, each fitted on y[0, origin)), the
// same as `fit` at each: what a rolling-origin backtest uses, linear in the series where
// refitting every origin is quadratic.
using RollingFunction = std::vector<Forecast> (*)(std::span<const double> y, std::span<const std::size_t> origins,
                                                  const ForecastOptions& options);

enum class Pooling { none, mean, median };

struct Model {
  std::string_view name;                      // "theta"
  std::string_view description;               // one line for help and reports
  ModelFunction fit;                          // throws DataError when y is shorter than min_length
  std::size_t min_length;                     // fewest observations the model accepts
  Pooling pooling = Pooling::none;            // how a combination pools its members
  std::array<std::string_view, 4> members{};  // a combination's members ("" = unused)
  RollingFunction rolling = nullptr;          // set for the models with running sums
};

std::span<const Model> models();
// UsageError "unknown model 'x'; expected one of ... (did you mean ...)" otherwise.
const Model& find_model(std::string_view name);
std::vector<std::string> model_names();
// A combination's member names (empty for a single model).
std::vector<std::string_view> members_of(const Model& model);

// The method cloudcast recommends (chosen on half the M3 development series and
// checked on the other half; docs/forecasting.md).
inline constexpr std::string_view kRecommendedModel = "comb";

// Pools the members' forecasts h by h: the mean, or the median (the mean of the two
// middle values for an even count) of the point forecasts and of each bound.
Forecast combine(std::span<const Forecast> members, Pooling pooling, std::string method, std::string description);

}  // namespace cloudcast::forecast
