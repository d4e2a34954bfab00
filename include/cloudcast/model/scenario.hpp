#pragma once
// Scenarios: the drivers of the projection engine, per company, read from JSON files
// (data/scenarios/*.json, compiled into the binary, or any file). A variant names its
// base ("base": "base") and overrides drivers; docs/scenarios.md documents every driver.
//
// Every numeric driver is a double in CompanyDrivers and is described by one row of a
// driver table (drivers()), so Monte Carlo, sensitivity and "did you mean" can get and
// set any driver by name: driver(company, "useful_life") or driver(scenario,
// "alibaba.useful_life"). Rates are stated ANNUAL in the files and the table; the engine
// converts them to quarterly with (1+a)^(1/4)-1.

#include <cmath>
#include <filesystem>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/model/correlation.hpp"
#include "cloudcast/model/distribution.hpp"
#include "cloudcast/model/event.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::dataset {
struct Dataset;
}

namespace cloudcast::model {

// How the value of the build-out ends its horizon (model/valuation.hpp).
enum class TerminalMethod {
  growth,    // Gordon growth: the last year's mean quarterly FCF growing at terminal_growth forever
  multiple,  // exit_multiple x the last year's EBITDA (operating income + depreciation)
};

// How the remaining capex commitment is spread over the window quarters not yet reported.
enum class Phasing {
  flat,           // equal amounts
  front_loaded,   // linearly declining weights n, n-1, ..., 1
  explicit_list,  // relative weights per window quarter, given in "weights"
};

// "Not set": a cost ratio left NaN is taken from calibration.
inline constexpr double kCalibrated = std::numeric_limits<double>::quiet_NaN();

// Per-company drivers. Money in millions of the company's reporting currency.
struct CompanyDrivers {
  // Core (non-AI) revenue.
  bool core_from_baseline = true;  // "core_growth": "baseline" -> the statistical baseline
  double core_growth = 0;          // annual growth of core revenue when not from the baseline
  double core_growth_shift = 0;    // annual rate added on top of either path (bull/bear)
  double core_level_shift = 0;     // fraction added to the core level of either path (0.05 = 5 % higher)
  // AI revenue.
  double ai_share = 0.1;  // AI share of revenue in ai_share_quarter
  // The calendar quarter ai_share refers to (scenario-wide "ai_share_quarter"); unset = the
  // company's last reported quarter. A run from another last quarter (a backtest origin)
  // converts the share with model::ai_share_at (src/model/core_baseline.hpp).
  std::optional<Quarter> ai_share_quarter;
  double ai_volume_growth = 1.0;        // annual growth of AI volume demanded (1.0 = +100 %)
  double ai_price_change = -0.2;        // annual change of AI unit prices (-0.3 = 30 % cuts)
  double ai_initial_utilization = 0.8;  // AI demand / AI capacity in the last reported quarter
  double ai_capex_share = 0.5;          // share of cloud capex that builds AI capacity
  double ai_capacity_turnover = 1.0;    // annual AI revenue (at today's prices) per unit of AI capex in service
  double max_utilization = 0.9;         // AI demand served never exceeds this share of capacity
  // Capex plan (company-wide capex; cloud_share of it is attributed to the cloud segment).
  double capex_commitment = 0;   // total over the window incl. reported quarters; 0 = no commitment
  double capex_window = 12;      // quarters in the commitment window
  double capex_growth = 0;       // annual growth of the capex run-rate outside a commitment window
  double capex_cloud_share = 1;  // share of company capex attributable to the cloud segment
  double capex_run_rate = 0;     // company capex per quarter assumed when none is reported (else unused)
  double use_guidance = 1;       // 1 = honour the company's guidance (capex totals, revenue), 0 = ignore it
  Quarter capex_start{2025, 1};  // first quarter of the commitment window
  Phasing capex_phasing = Phasing::flat;
  std::vector<double> capex_weights;  // Phasing::explicit_list: one weight per window quarter
  // Monte Carlo: drivers the file gives as distributions; the double above then holds
  // the distribution's point value (docs/model.md, "Uncertainty").
  std::vector<DriverDistribution> distributions;
  // Assets.
  double in_service_lag = 2;        // quarters from spending to service (rounded)
  double useful_life = 6;           // years, straight-line, for assets entering service in the projection
  double reported_useful_life = 6;  // years, the accounting life of assets already in service
  // Costs (NaN = calibrated to the last four reported quarters).
  double variable_cost_ratio = kCalibrated;  // share of revenue
  double variable_cost_ratio_change = 0;     // added to the calibrated ratio
  double capacity_cost_ratio = kCalibrated;  // cost per quarter per unit of gross capital in service
  double capacity_cost_ratio_change = 0;     // added to the calibrated ratio
  // Share of a change in fixed costs per unit of revenue (capacity cost + depreciation,
  // relative to T) that the other costs absorb: 0 = none (margins carry the whole
  // depreciation ramp and operating leverage), 1 = all (the margin stays at T's).
  double cost_discipline = 0;
  // Damping phi of the operating margin's recent trend (src/model/margin_trend.hpp): the
  // other costs move the margin by the shrunk trend x (phi + ... + phi^h) in quarter h;
  // 0 = off (the margin carries no trend).
  double margin_trend_damping = 0;
  // Backlog: revenue of the next four quarters = backlog_conversion x the segment's
  // backlog at T (data signals); 0 = off (the default: the engine backtest did not
  // favour it, docs/model.md), NaN = measured: revenue of T-3..T / backlog at T-4.
  double backlog_conversion = 0;
  // Value of the build-out (assumptions, not sourced figures: docs/scenarios.md).
  double wacc = 0.09;             // annual discount rate of the free cash flow
  double terminal_growth = 0.03;  // annual, Gordon growth after the horizon; below wacc
  double exit_multiple = 12;      // x the last projected year's EBITDA
  TerminalMethod terminal_method = TerminalMethod::growth;
  // Where the scenario files set each driver, in the order applied (a later entry for
  // the same driver overrides): "file:/companies/alibaba/core_growth". The engine names
  // the one behind a projected figure it refuses (src/model/figure_check.cpp).
  struct Place {
    std::string driver;  // the driver table's name ("capex_growth" for capex/growth)
    std::string place;
  };
  std::vector<Place> places;
};

// One row of the driver table.
struct DriverInfo {
  std::string_view name;  // "useful_life"
  double CompanyDrivers::*member;
  std::string_view unit;  // "years", "annual rate", "share", "quarters", "currency m"
  double min;             // valid range, inclusive
  double max;
  bool allow_unset;  // NaN means "calibrated"
  std::string_view doc;
  // Sensitivity: the absolute step (+-) for a driver whose base is 0, where a relative
  // swing moves nothing; 0 = none (the driver then stays put at a base of 0).
  double zero_step = 0;
  // Whole-number drivers (quarters) move by whole steps; a switch (0/1) is not moved.
  enum class Scale : unsigned char { real, integer, switch_ } scale = Scale::real;
  // False for drivers the projection does not read (the valuation's): sensitivity's
  // default tornado leaves them out, unless its output is the NPV.
  bool moves_projection = true;
  // Sensitivity's default move (P10P90 for a driver that is a number): base -+ step
  // instead of -+20 %, where a share of the base is no sensible step (one point of WACC,
  // one year of asset life); 0 = the relative swing.
  double step = 0;
};

std::span<const DriverInfo> drivers();
// The table row for a driver name; UsageError with "did you mean" otherwise.
const DriverInfo& find_driver(std::string_view name);
double& driver(CompanyDrivers& company, std::string_view name);
double driver(const CompanyDrivers& company, std::string_view name);

// Scenario-wide FX path: CNY per USD for each projected quarter.
struct FxPath {
  double cny_per_usd = kCalibrated;  // first projected quarter; NaN = last rate in the data
  double annual_change = 0;          // drift of CNY per USD per year (+ = weaker RMB)
  std::vector<double> path;          // explicit per projected quarter; overrides the two above
};

struct NamedDrivers {
  std::string company;  // "alibaba"
  CompanyDrivers drivers;
};

struct Scenario {
  std::string name;  // "base", "price-war"
  std::string description;
  std::vector<std::string> chain;  // files or built-in names applied, base first
  std::string digest;              // FNV-1a 64 of the bytes of every file in the chain, hex
  FxPath fx;
  std::vector<NamedDrivers> companies;  // in data order
  // Monte Carlo: correlation between uncertain drivers ("correlation", checked when
  // simulating, which may repair it) and the events whose probabilities to report.
  std::vector<std::string> overrides;  // --set texts applied on top, in order ("alibaba.useful_life=3")
  CorrelationMatrix correlation;
  std::string correlation_place;  // "file:/correlation" for messages
  std::vector<EventExpr> events;

  const CompanyDrivers& company(std::string_view id) const;  // UsageError naming the id
  CompanyDrivers& company(std::string_view id);
};

// "alibaba.useful_life" or "fx.annual_change": a reference to the driver in scenario.
// UsageError (did you mean) for an unknown company or driver.
double& driver(Scenario& scenario, std::string_view qualified_name);

// One --set DRIVER=VALUE from the command line or a batch manifest.
inline constexpr std::string_view kAllCompanies = "*";
struct DriverOverride {
  std::string target;        // a company id, kAllCompanies ("defaults." or no prefix) or "fx"
  std::string driver;        // a driver of the table, "capex", or an fx field
  std::string value;         // as written: JSON (3, null, {"dist": ...}) or a bare word (baseline)
  std::string text() const;  // "alibaba.useful_life=3", "useful_life=3" for every company
};

// Parses "COMPANY.DRIVER=VALUE" (a company id or alias of data), "defaults.DRIVER=VALUE"
// or "DRIVER=VALUE" (every company) and "fx.annual_change|cny_per_usd=VALUE". UsageError
// "--set TEXT: ..." with "did you mean" for an unknown company or driver.
DriverOverride parse_override(std::string_view text, const dataset::Dataset& data);
// Applies overrides in order on top of scenario, each value checked exactly as in a
// scenario file (ranges, integer drivers, distributions); UsageError "--set NAME: ..."
// with the file's message otherwise. Records them in scenario.overrides and its digest.
void apply_overrides(Scenario& scenario, std::span<const DriverOverride> overrides);
// How report titles name a scenario and its overrides: "'base'" or "'base' with
// alibaba.useful_life=3, microsoft.ai_volume_growth=2.0".
std::string scenario_title(std::string_view name, std::span<const std::string> overrides);

// Names of the scenarios compiled into the binary, sorted.
std::vector<std::string> builtin_scenario_names();

// A built-in scenario by name, else a file path. Resolves the "base" chain (names or
// paths relative to the variant's folder), validates every driver and returns drivers
// for every company in the dataset. DataError "file:/json/pointer: what; expected ..."
// for bad content, IoError for an unreadable file, UsageError for an unknown name.
Scenario load_scenario(std::string_view name_or_path, const dataset::Dataset& data);
// Same from JSON text (tests, batch manifests); `place` names it in messages.
Scenario parse_scenario(std::string_view text, std::string_view place, const dataset::Dataset& data);

// FNV-1a 64-bit hash of bytes as 16 hex digits: the digest behind Scenario::digest and
// the inputs_digest of reports (not cryptographic; it identifies inputs for diffs).
std::string digest_hex(std::string_view bytes);

// Annual rate -> quarterly rate: (1+a)^(1/4) - 1, as two square roots (each correctly
// rounded, so within about an ulp of pow's value, at a fraction of its cost: the Monte
// Carlo engine takes five a company-path).
inline double quarterly_rate(double annual) { return std::sqrt(std::sqrt(1.0 + annual)) - 1.0; }

}  // namespace cloudcast::model
