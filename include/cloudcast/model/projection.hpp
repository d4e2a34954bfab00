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
};

// How well the calibrated cost structure reproduces the last reported quarters.
struct Calibration {
  double variable_cost_ratio = 0;
  double capacity_cost_ratio = 0;
  double existing_asset_base = 0;  // net book value at the start of the projection
  double max_abs_error = 0;        // largest |model - reported| operating income, currency m
  double max_rel_error = 0;        // the same relative to reported operating income
  double max_margin_error = 0;     // the same relative to revenue (margin points, as a fraction)
  double tolerance = 0;            // the stated tolerance on max_margin_error
  int quarters_used = 0;
};

struct CompanyProjection {
  std::string id;
  std::string currency;
  std::string baseline_model;   // the forecasting model behind core revenue
  forecast::Forecast baseline;  // its forecast of segment revenue, h = 1..horizon, with 80/95 % intervals
  Calibration calibration;
  std::vector<QuarterFigures> quarters;      // reported history first, then projections, in time order
  std::optional<int> payback_quarter_index;  // index into quarters where cumulative FCF turns positive
  // "2027Q3" (the payback quarter), "self-funding" (cumulative FCF never dips below 0)
  // or "beyond horizon" (it dips and does not recover within the projection).
  std::string payback;
  std::vector<std::string> notes;
};

struct Projection {
  std::string scenario;
  int horizon = 12;
  std::vector<CompanyProjection> companies;
};

}  // namespace cloudcast::model
