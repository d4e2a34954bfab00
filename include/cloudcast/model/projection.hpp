#pragma once
// What the engine returns: per company, the reported history it starts from followed
// by the projected quarters. Plain values (std::vector, std::optional), no Eigen.

#include <optional>
#include <string>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::model {

// One quarter's figures in millions of the company's currency (margin and
// utilisation as fractions). Reported quarters leave what was not reported empty.
struct QuarterFigures {
  Quarter period;
  std::string fiscal_period;
  bool actual = false;  // reported history (true) or projection (false)
  std::optional<double> revenue;
  std::optional<double> core_revenue;
  std::optional<double> ai_revenue;
  std::optional<double> capex;          // the cloud segment's share of capex (capex_cloud_share x company capex)
  std::optional<double> capex_company;  // company-wide capex, as guided and reported (before the cloud share)
  std::optional<double> depreciation;
  std::optional<double> variable_cost;
  std::optional<double> capacity_cost;
  std::optional<double> operating_income;
  std::optional<double> operating_margin;
  std::optional<double> free_cash_flow;
  std::optional<double> utilization;
  std::optional<double> cumulative_capex;
  std::optional<double> capex_intensity;  // capex / revenue (tables; not in the forecast JSON contract)
  std::string capex_basis;  // "reported", "estimate" (plan value for an unreported quarter), ...
  // Reported quarters: the metric ids whose figure the data marks recalled (read in no
  // source, dataset::Confidence::recalled); a margin is recalled when a part of it is.
  std::vector<std::string> recalled;
};

// How well the calibrated cost structure reproduces the last reported quarters.
struct Calibration {
  double variable_cost_ratio = 0;  // as projected: the fitted ratio less anchor_margin
  double capacity_cost_ratio = 0;
  // The fit's miss in T as a share of revenue, (reported - model) / revenue, taken off the
  // variable cost ratio so the projection starts from T's reported margin (0 when a
  // scenario fixes the variable cost ratio).
  double anchor_margin = 0;
  double existing_asset_base = 0;  // net book value at the start of the projection
  double max_abs_error = 0;        // largest |model - reported| operating income, currency m
  double max_rel_error = 0;        // the same relative to reported operating income
  double max_margin_error = 0;     // the same relative to revenue (margin points, as a fraction)
  double tolerance = 0;            // the stated tolerance on max_margin_error
  int quarters_used = 0;
  // Stability: the fit repeated with each calibration quarter left out in turn. The
  // ranges of the two ratios, and how far the last projected quarter's operating margin
  // moves (largest |margin without one quarter - margin|, as a fraction).
  double loo_variable_cost_min = 0, loo_variable_cost_max = 0;
  double loo_capacity_cost_min = 0, loo_capacity_cost_max = 0;
  double loo_margin_move = 0;
};

// A projected margin that moves more than this when one calibration quarter is left out
// is flagged in the notes: the cost fit hangs on that quarter.
inline constexpr double kStabilityMarginWarning = 0.03;

// A guidance item known at the start of the projection, beside the projection's figure
// for the same quarters (docs/model.md, "Guidance").
struct GuidanceCheck {
  std::string id;  // the data's guidance id
  std::string metric;
  std::string period_label;  // "CY2026", "FY2026Q3"
  Quarter first, last;
  double low = 0, high = 0;
  std::string unit;
  std::string given;   // date given
  std::string source;
  bool honoured = false;             // the engine placed it (capex, or revenue on the projection basis, use_guidance on)
  std::optional<double> projected;   // company-wide capex summed over the quarters, or segment revenue; none when not comparable
  // "inside" the range (a point guide: within kPointGuideTolerance), "above", "below", or
  // "not comparable" (a metric the engine does not project, or quarters before the timeline).
  std::string status;
};

// A point guide ("about USD 200 bn") counts as met within 5 % either way.
inline constexpr double kPointGuideTolerance = 0.05;

struct CompanyProjection {
  std::string id;
  std::string currency;
  std::string baseline_model;   // the forecasting model behind core revenue
  forecast::Forecast baseline;  // its forecast of segment revenue, h = 1..horizon, with 80/95 % intervals
  Calibration calibration;
  std::vector<QuarterFigures> quarters;      // reported history first, then projections, in time order
  std::vector<GuidanceCheck> guidance;       // guidance known at T covering a listed quarter
  std::optional<int> payback_quarter_index;  // index into quarters where cumulative FCF turns positive
  // "2027Q3" (the payback quarter), "self-funding" (cumulative FCF never dips below 0)
  // or "beyond horizon" (it dips and does not recover within the projection).
  std::string payback;
  std::vector<std::string> notes;
};

struct Projection {
  std::string scenario;

  // Notes on the scenario as a whole, e.g. an override that moves nothing.
  std::vector<std::string> notes;
  int horizon = 12;
  std::vector<CompanyProjection> companies;
};

}  // namespace cloudcast::model
