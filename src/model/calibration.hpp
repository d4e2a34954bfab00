#pragma once
// Calibration of the cost structure to the last reported quarters. With revenue R_k,
// reported operating income OI_k, the gross cost V_k and depreciation DV_k of the tracked
// capex vintages in service, and the unit run-off shapes e_g(k), e_d(k) of the existing
// asset base (gross cost G), the engine's operating income is
//   OI_k = R_k - vc R_k - cc (G e_g(k) + V_k) - (G e_d(k) + DV_k).
// fit_costs chooses vc in [0, 1], cc in [0, 0.25] and G >= 0 to minimise the squared
// errors plus a weak pull of cc and G towards stated priors (they are only weakly
// identified by four quarters); a fixed vc or cc (set absolutely by a scenario) is held.

#include <optional>
#include <span>

namespace cloudcast::model {

struct CalibrationInput {
  std::span<const double> revenue;
  std::span<const double> operating_income;
  std::span<const double> vintage_gross;
  std::span<const double> vintage_depreciation;
  std::span<const double> existing_gross_unit;
  std::span<const double> existing_depreciation_unit;
  double gross_prior = 0;           // G0
  double capacity_ratio_prior = 0;  // cc0
  std::optional<double> fixed_variable_ratio;
  std::optional<double> fixed_capacity_ratio;
};

struct CalibrationFit {
  double variable_cost_ratio = 0;
  double capacity_cost_ratio = 0;
  double existing_gross = 0;
  double max_abs_error = 0;
  double max_rel_error = 0;
  double max_margin_error = 0;  // max |model - reported| / revenue
  double last_residual_margin = 0;  // (reported - model) / revenue in the last quarter fitted
};

inline constexpr double kMaxCapacityRatio = 0.25;
inline constexpr double kPriorWeight = 0.002;  // weight of the priors relative to the fit

CalibrationFit fit_costs(const CalibrationInput& input);

}  // namespace cloudcast::model
