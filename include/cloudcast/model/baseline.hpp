#pragma once
// The "if nothing changes" path of a company's segment revenue: ONE function, so a better
// statistical model (ETS, Theta, a combination from cloudcast/forecast/) drops in here
// without touching the engine.
//
// Any model of the forecasting registry, by name (naive, ets, theta, comb, ...). The
// default, "trend", is a log-linear trend: the slope b of log(y) on time is fitted by
// least squares to the last min(N, 8) quarters; the path is anchored at the last
// observation so the first projected quarter follows on from it: mean_h = y_T exp(b h).
// Its intervals use the residual standard deviation s of that fit:
// exp(log mean_h +- z s sqrt(h)). It is the default because it has the lowest
// rolling-origin error on the companies' own histories (docs/forecasting.md, "Baseline").

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"

namespace cloudcast::model {

inline constexpr int kBaselineWindow = 8;  // quarters the trend is fitted to

// Models accepted by --model: every name in the forecasting registry.
std::vector<std::string> baseline_models();

// history: positive values in time order (at least 2). horizon >= 1. Throws DataError
// for fewer than 2 points, fewer than the model needs, or a non-positive value;
// UsageError for an unknown model.
// `place` starts its DataError messages ("data/companies/x.json: company x: baseline").
forecast::Forecast baseline_forecast(std::span<const double> history, int horizon, std::string_view model = "trend",
                                     std::string_view place = "baseline");

}  // namespace cloudcast::model
