#pragma once
// The projection engine's two levels (equations in docs/model.md; project() in
// cloudcast/model/engine.hpp runs both). Quarterly, per company, over a
// horizon of H quarters after the last reported one; money in millions of the company's
// reporting currency.
//
// Two levels, so Monte Carlo can run millions of paths:
//   calibrate(company, drivers, options) -> CalibratedCompany   once per company and scenario:
//       reads the history, fits the baseline and the cost structure (Calibration), and
//       fixes everything that does not depend on a path's drivers.
//   project_path(calibrated, drivers, workspace)                 once per path:
//       writes the projected metric arrays into the workspace's preallocated buffers. It
//       never allocates and never throws for drivers inside the table's ranges, so a
//       thread can reuse one PathWorkspace for all its paths. Cost O(N) with N = H + 12.
//   project(dataset, scenario, options) -> Projection            the whole thing for the
//       CLI and reports: calibrate + project_path per company, plus the reported history.
// A path's drivers may differ from the scenario's that calibrated the company: the cost
// ratios and existing asset base stay as calibrated (plus the *_change drivers), every
// other driver (growth, prices, capex plan, lag, life, utilisation) takes the path value.
// The core baseline was fitted with AI backed out at the calibrating AI share and growth:
// a path that states other AI drivers refits it first (CoreRefit in model/core_baseline.hpp;
// the Monte Carlo evaluator, a chunk's paths at once: CoreRefitBatch), else its core
// history is not its own.

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/projection.hpp"
#include "cloudcast/model/scenario.hpp"
#include "model/vintage_scratch.hpp"

namespace cloudcast::model {

// Where project_path writes a headline metric: quarter h at data[(h - 1) * stride]; a
// null data means the workspace's own array (PathWorkspace::Row).
struct PathRow {
  double* data = nullptr;
  std::size_t stride = 1;
};

// A company-wide capex total guided for timeline quarters [first, last] (indices from
// CalibratedCompany::timeline_start, currency m): the guide's midpoint.
struct CapexGuide {
  int first = 0;
  int last = 0;
  double total = 0;
};

// Where a timeline quarter's capex comes from (plan_capex in src/model/capex_plan.hpp).
enum class CapexBasis : unsigned char {
  none,      // before the first reported quarter: part of the existing asset base
  reported,  // as reported
  estimate,  // an unreported quarter up to the last reported one (plan value or gap fill)
  plan,      // a projected quarter
  guidance,  // a quarter of a window the company guided: its share of the guided total
};

// A company's capex plan (plan_capex_rest, src/model/capex_plan.hpp) with everything
// settled that a path's capex growth and commitment total leave alone, for the drivers it
// was made with (docs/decisions/0780). A path whose other plan drivers are the same
// (template_fits) takes the plan from it (plan_capex_from_template): the commitment's
// quarters are remaining x weight, the quarters after a reported or planned one repeat
// or grow it, every other quarter is as stored. Empty (valid false) = not used.
struct CapexPlanTemplate {
  bool valid = false;
  // The plan drivers it was made with, besides capex_growth and the commitment's total.
  bool committed = false;  // capex_commitment > 0
  bool guided = false;     // use_guidance >= 0.5
  double window = 0, run_rate = 0;
  Quarter start;
  Phasing phasing = Phasing::flat;
  std::vector<double> weights;
  // plan_capex_rest's plan for those drivers, whole timeline.
  std::vector<double> values;
  std::vector<CapexBasis> basis;
  double spent = 0;  // reported capex inside the commitment window
  struct Share {
    int quarter = 0;
    double weight = 0;  // the quarter's phasing weight: remaining commitment x weight
  };
  std::vector<Share> commitment;
  struct Derived {
    int quarter = 0;
    bool grows = false;  // the previous quarter x (1 + quarterly growth); else it repeats it
  };
  std::vector<Derived> derived;  // in timeline order
};

// Everything project_path needs that does not depend on a path's drivers. Plain data.
struct CalibratedCompany {
  std::string id;
  std::string currency;
  int fiscal_year_end_month = 12;
  int horizon = 12;
  Quarter last_reported;    // T: the last quarter with reported revenue and operating income
  Quarter timeline_start;   // T - 11: first quarter of the tracked capex timeline
  int timeline_size = 0;    // 12 + horizon quarters: timeline_start .. T + horizon
  double last_revenue = 0;  // revenue in T
  // The core revenue baseline (src/model/core_baseline.hpp) as a revenue-equivalent
  // level, h = 1..H: core_h = (1 - s_T) x baseline_revenue_h, so a path's AI share s_T
  // splits revenue in T and the baseline carries the core's own growth and seasonality.
  std::vector<double> baseline_revenue;
  forecast::Forecast baseline;         // the core baseline in currency m, with its model, description and intervals
  std::vector<double> baseline_sd;     // sd of baseline_revenue, h = 1..H: (upper95 - lower95) / (2 x 1.96) / (1 - s_T)
  std::vector<double> seasonal_ratio;  // S(T + h) / S(T), h = 1..H: seasonality of a stated core growth path
  double ai_share_scale = 1;           // AI share in T per unit of the ai_share driver (ai_share_at / ai_share)
  // The core baseline's own input, so that a Monte Carlo path can refit it at the path's AI
  // share and growth (docs/decisions/0750): the contiguous revenue history ending at T, its
  // first quarter, and its trailing annual growth R_T / R_{T-4} - 1 (NaN: under 5 quarters).
  std::vector<double> revenue_history;
  Quarter history_first;
  double revenue_growth = 0;
  // Guidance known in T (src/model/guidance.hpp), honoured when a path's use_guidance is 1:
  // company-wide capex totals per timeline window, and guided revenue per projected
  // quarter h = 1..H (NaN where none), met by moving the core level from that quarter on.
  std::vector<CapexGuide> capex_guides;
  std::vector<double> revenue_guide;
  bool revenue_guided = true;  // false: revenue_guide holds no figure, so project_path skips it
  std::string baseline_model;
  std::vector<double> reported_capex;  // company capex per timeline quarter up to T, NaN = not reported
  double existing_gross = 0;           // gross cost of assets in service at T-3 not in the timeline
  Calibration calibration;             // fitted ratios and fit quality
  // The fit with one calibration quarter left out, per quarter used (for stability).
  struct Refit {
    Quarter left_out;
    double variable_cost_ratio = 0, capacity_cost_ratio = 0, existing_gross = 0;
  };
  std::vector<Refit> leave_one_out;
  double fixed_cost_share = 0;  // (capacity cost + depreciation) / revenue in T under the fit
  // The same share per projected quarter h = 1..H on the reference path: the calibrating
  // drivers with assets keeping the reported useful life and no cost discipline. The
  // cost_discipline driver absorbs this expected ramp; a path's departures from it (a
  // shorter life, other capex) reach the margin in full.
  std::vector<double> reference_fixed_share;
  // The operating margin's trend at T, shrunk (src/model/margin_trend.hpp): margin share
  // per quarter, 0 when the history is too short or the trend is lost in its noise.
  double margin_trend = 0;
  // Revenue of h = 1..4 that the backlog anchor asks (backlog_conversion x the segment's
  // backlog at T); NaN = no anchor (driver 0, or no backlog or conversion to read).
  double backlog_revenue = std::numeric_limits<double>::quiet_NaN();
  std::vector<QuarterFigures> history;  // the reported quarters T-3..T as shown in reports
  std::vector<std::string> notes;
  // Path-independent parts filled by calibrate() (empty = none; performance only, docs/
  // decisions/0660): the reported part of the capex plan (it reads no driver), and
  // existing_gross x the existing base's run-off (gross, depreciation) per projected
  // quarter at 4 x runoff_life_years quarters, used only when a path's reported useful
  // life is bitwise the same. Either way project_path computes the same values.
  std::vector<double> reported_part;  // plan_capex's reported quarters and zeros, timeline_size long
  std::vector<CapexBasis> reported_part_basis;
  int first_reported_capex = -1;
  std::vector<double> existing_gross_runoff, existing_depreciation_runoff;
  double runoff_life_years = 0;
  CapexPlanTemplate capex_template;  // the plan for the calibrating drivers (docs/decisions/0780)
};

// Preallocated buffers for one path. Outputs are the first `horizon` entries, h = 1..H.
struct PathWorkspace {
  explicit PathWorkspace(int horizon);
  int horizon;
  std::vector<double> revenue, core_revenue, ai_revenue, capex, depreciation, variable_cost, capacity_cost,
      operating_income, operating_margin, free_cash_flow, utilization, cumulative_capex, capex_intensity;
  // False: project_path fills only revenue, operating_income, operating_margin and
  // free_cash_flow (same values), leaving the other metric arrays untouched — for a
  // Monte Carlo run that reads none of them.
  bool breakdown = true;
  // Where project_path writes those four headline metrics: quarter h at data[(h - 1) *
  // stride]; a null data means the array above. A Monte Carlo evaluator points them
  // into its output buffer, so the values are not copied again.
  using Row = PathRow;
  Row revenue_to, operating_income_to, operating_margin_to, free_cash_flow_to;
  // True: project_path leaves the operating margin unwritten, for a caller that divides
  // income by revenue itself, many paths at once in wide SIMD lanes (the Monte Carlo
  // evaluator: a division a quarter was a sixth of project_path's time in two lanes).
  bool margin_by_caller = false;
  // Scratch, sized for the timeline (horizon + 12 quarters).
  std::vector<double> timeline_capex, depreciation_all, gross_all, gross_new;
  VintageScratch vintages;
  std::vector<CapexBasis> capex_basis;
};

// Throws DataError naming the company when its history is too short to calibrate
// (fewer than 2 quarters with both revenue and operating income on one segment basis).
CalibratedCompany calibrate(const dataset::Company& company, const CompanyDrivers& drivers,
                            const EngineOptions& options);

// One path: fills ws.revenue ... ws.capex_intensity for h = 1..calibrated.horizon.
void project_path(const CalibratedCompany& calibrated, const CompanyDrivers& drivers, PathWorkspace& ws);

}  // namespace cloudcast::model
