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

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/types.hpp"
#include "forecast/seasonality.hpp"
#include "model/core_refit_lanes.hpp"

namespace cloudcast::model {

struct CoreBaselineInput {
  std::span<const double> revenue;  // contiguous reported history on one basis, ending at T
  // Each quarter's place in the data ("file:/observations/i") and the company id, for
  // messages; empty = not known (a test's made-up history).
  std::span<const std::string> origins;
  std::string_view company;
  std::string_view file;  // the company's data file
  Quarter first;          // the quarter of revenue[0]
  double ai_share = 0;    // AI share of revenue in T, in [0, 1)
  double ai_growth = 0;   // annual growth of AI revenue behind the back-cast
  int horizon = 12;
  std::string_view model = "trend";  // a baseline model (baseline_models())
};

struct CoreBaseline {
  std::vector<double> core_history;  // C_t, one per history quarter
  forecast::SeasonalFactors seasonal;
  forecast::Forecast core;             // core revenue h = 1..H, currency m, factors applied
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

// What a company's drivers say about AI in its last reported quarter T, the input of the
// back-cast: growth g_ai = (1 + ai_volume_growth)(1 + ai_price_change) - 1, the share s_T
// (ai_share_at from the scenario's ai_share_quarter, or ai_share itself), and s_T per unit
// of the ai_share driver. revenue_growth: the history's trailing annual growth, NaN when
// under five quarters are known (then g_ai stands in for it).
struct AiStatement {
  double share = 0;
  double growth = 0;
  double scale = 1;
};
AiStatement ai_statement(const CompanyDrivers& drivers, Quarter last, double revenue_growth);

// What ai_statement() reads besides the three AI drivers, for ai_statements() (model/
// core_refit_lanes.hpp), which gives it for many paths at once.
StatementPlan statement_plan(const CompanyDrivers& drivers, Quarter last, double revenue_growth);

// The core baseline on the scale project_path reads (CalibratedCompany::baseline_revenue and
// baseline_sd): the core forecast's mean and its 95 % interval's width in standard
// deviations, each divided by 1 - s_T. level and sd hold core.mean.size() values.
void revenue_equivalent(const forecast::Forecast& core, double ai_share, std::span<double> level, std::span<double> sd);

// A Monte Carlo path's core baseline at the path's own AI statement (docs/decisions/
// 0750-monte-carlo-paths-refit-the-core-baseline.md): fit_core_baseline on the same
// history again. For the default model, trend, it allocates nothing after construction
// and gives fit_core_baseline's bits; any other model goes through fit_core_baseline.
class CoreRefit {
 public:
  // bands: also the 95 % interval (for the baseline error); the 80 % one is never filled.
  CoreRefit(std::span<const double> revenue, Quarter first, int horizon, std::string_view model, bool bands);
  // False, with nothing written, when the back-cast leaves a core quarter that is not
  // positive (the statement the history cannot carry, a DataError for fit_core_baseline).
  bool fit(double ai_share, double ai_growth);
  const forecast::Forecast& core() const { return core_; }                // as CoreBaseline::core
  std::span<const double> core_history() const { return core_history_; }  // C_t of the last trend fit
  std::span<const double> seasonal_ratio() const { return seasonal_ratio_; }

 private:
  std::vector<double> revenue_, core_history_, adjusted_, scratch_;
  std::vector<double> root_h_;  // sqrt(h), h = 1..H: the interval's spread s sqrt(h)
  Quarter first_;
  int horizon_;
  std::string model_;
  bool bands_;
  forecast::Forecast core_;
  std::vector<double> seasonal_ratio_;
};

// The core baseline at many AI statements at once (a Monte Carlo chunk's paths): for
// each i < share.size(), fit_core_baseline on the same history at (share[i], growth[i]),
// as revenue_equivalent's level and sd (level[i*H .. i*H+H), sd likewise; sd written only
// when bands) and seasonal_ratio (ratio[i*H ..)); valid[i] = 0, with nothing else
// written for i, when the back-cast leaves a core quarter that is not positive. For trend,
// one path per SIMD lane (refit_lanes, decision 0800: within 1e-13 of CoreRefit::fit then
// revenue_equivalent, the same bits on every CPU); any other model path by path through
// CoreRefit.
class CoreRefitBatch {
 public:
  CoreRefitBatch(std::span<const double> revenue, Quarter first, int horizon, std::string_view model, bool bands);
  void fit(std::span<const double> share, std::span<const double> growth, std::span<double> level, std::span<double> sd,
           std::span<double> ratio, std::span<unsigned char> valid);
  int horizon() const { return horizon_; }

 private:
  std::optional<RefitPlan> lanes_;  // trend
  CoreRefit refit_;                 // any other model
  int horizon_;
  bool bands_;
  std::vector<double> sd_unused_;  // revenue_equivalent's sd when no bands are asked
};

}  // namespace cloudcast::model
