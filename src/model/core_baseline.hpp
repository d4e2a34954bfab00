#pragma once
// The core (non-AI) revenue baseline, so that AI growth is counted once (docs/model.md
// section Revenue). The reported segment revenue already carries the AI ramp; extrapolating it
// whole and adding AI on top would count that growth twice. So:
//   1. AI revenue is backed out of the history by the scenario's statement (share s_T of
//      revenue in T, growing at g a year): A_t = s_T R_T (1 + g)^((t - T) / 4);
//   2. core history C_t = R_t - A_t; quarterly seasonal factors are estimated on it and
//      shrunk toward 1 (forecast/seasonality.hpp);
//   3. the baseline model is fitted to the seasonally adjusted core series, and its
//      forecast (with intervals) multiplied back by the factors.
// Projected revenue is then core + AI, each with its own growth.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/types.hpp"
#include "forecast/seasonality.hpp"

namespace cloudcast::model {

struct CoreBaselineInput {
  std::span<const double> revenue;  // contiguous reported history on one basis, ending at T
  // Each quarter's place in the data ("file:/observations/i") and the company id, for
  // messages; empty = not known (a test's made-up history).
  std::span<const std::string> origins;
  std::string_view company;
  std::string_view file;  // the company's data file
  Quarter first;                    // the quarter of revenue[0]
  double ai_share = 0;              // AI share of revenue in T, in [0, 1)
  double ai_growth = 0;             // annual growth of AI revenue behind the back-cast
  int horizon = 12;
  std::string_view model = "trend";  // a baseline model (baseline_models())
};

struct CoreBaseline {
  std::vector<double> core_history;  // C_t, one per history quarter
  forecast::SeasonalFactors seasonal;
  forecast::Forecast core;            // core revenue h = 1..H, currency m, factors applied
  std::vector<double> seasonal_ratio;  // S(T + h) / S(T), h = 1..H: for a stated-growth core path
};

// Throws DataError naming the quarter (and its place and company, when given) when the AI
// back-cast leaves a core quarter that is not positive (an AI share or growth that the
// history cannot carry); otherwise as baseline_forecast().
CoreBaseline fit_core_baseline(const CoreBaselineInput& input);

// The AI share in quarter `last` implied by a scenario statement "AI was `share` of revenue
// in quarter `stated`, growing at `ai_growth` a year", when total revenue grows at
// `revenue_growth` a year: share x ((1 + ai_growth) / (1 + revenue_growth))^((last - stated)/4),
// capped at 0.95. Equal to `share` when last == stated. Lets an engine run from an earlier
// origin (a backtest) use a statement made about a later quarter without reading it.
double ai_share_at(double share, Quarter stated, Quarter last, double ai_growth, double revenue_growth);

}  // namespace cloudcast::model
