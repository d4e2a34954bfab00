// The driver table: every numeric driver of CompanyDrivers by name, with its range,
// unit and sensitivity steps (declared in cloudcast/model/scenario.hpp).
#include <fmt/format.h>

#include <array>

#include "cloudcast/error.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/scenario_read.hpp"

namespace cloudcast::model {

namespace {

// The driver table. Ranges reject what would make the model meaningless (a useful life
// of 0, a negative cost ratio, utilisation above 1); docs/scenarios.md explains defaults.
const std::array kDrivers{
    DriverInfo{"core_growth", &CompanyDrivers::core_growth, "annual rate", -0.9, 5, false,
               "growth of core (non-AI) revenue when not taken from the statistical baseline"},
    DriverInfo{"core_growth_shift", &CompanyDrivers::core_growth_shift, "annual rate", -0.9, 5, false,
               "annual rate added on top of the core revenue path (bull/bear tilts); the baseline's slope", 0.05},
    DriverInfo{"core_level_shift", &CompanyDrivers::core_level_shift, "share", -0.9, 1, false,
               "fraction added to the core revenue level (baseline or core_growth path); the baseline's level", 0.05},
    DriverInfo{"ai_share", &CompanyDrivers::ai_share, "share", 0, 0.99, false,
               "AI share of segment revenue in the scenario's ai_share_quarter (default: the last reported one)"},
    DriverInfo{"ai_volume_growth", &CompanyDrivers::ai_volume_growth, "annual rate", -0.9, 20, false,
               "growth of AI volume demanded"},
    DriverInfo{"ai_price_change", &CompanyDrivers::ai_price_change, "annual rate", -0.95, 5, false,
               "change of AI unit prices (API price cuts are negative)"},
    DriverInfo{"ai_initial_utilization", &CompanyDrivers::ai_initial_utilization, "share", 0.01, 1, false,
               "AI demand / AI capacity in the last reported quarter"},
    DriverInfo{"ai_capex_share", &CompanyDrivers::ai_capex_share, "share", 0, 1, false,
               "share of cloud capex that builds AI capacity"},
    DriverInfo{"ai_capacity_turnover", &CompanyDrivers::ai_capacity_turnover, "per year", 0.01, 20, false,
               "annual AI revenue at today's prices per unit of AI capex in service"},
    DriverInfo{"max_utilization", &CompanyDrivers::max_utilization, "share", 0.01, 1, false,
               "largest share of AI capacity that demand can use"},
    DriverInfo{"capex_commitment", &CompanyDrivers::capex_commitment, "currency m", 0, 1e8, false,
               "capex committed over the window, reported quarters included; 0 = no commitment"},
    DriverInfo{"capex_window", &CompanyDrivers::capex_window, "quarters", 1, 40, false,
               "quarters in the commitment window", 0, DriverInfo::Scale::integer},
    DriverInfo{"capex_growth", &CompanyDrivers::capex_growth, "annual rate", -0.9, 5, false,
               "growth of the capex run-rate outside a commitment window", 0.05},
    DriverInfo{"capex_cloud_share", &CompanyDrivers::capex_cloud_share, "share", 0, 1, false,
               "share of company capex attributable to the cloud segment"},
    DriverInfo{"capex_run_rate", &CompanyDrivers::capex_run_rate, "currency m", 0, 1e7, false,
               "company capex per quarter assumed for the last reported quarters when none is reported"},
    DriverInfo{"use_guidance", &CompanyDrivers::use_guidance, "switch", 0, 1, false,
               "1 = the plan honours the company's guidance (capex totals, revenue), 0 = ignores it", 0,
               DriverInfo::Scale::switch_},
    DriverInfo{"cost_discipline", &CompanyDrivers::cost_discipline, "share", 0, 1, false,
               "share of a change in (capacity cost + depreciation) / revenue since T absorbed by the other costs"},
    DriverInfo{"margin_trend_damping", &CompanyDrivers::margin_trend_damping, "damping", 0, 0.98, false,
               "damping of the operating margin's recent trend carried into the projection; 0 = off", 0.1},
    DriverInfo{"in_service_lag", &CompanyDrivers::in_service_lag, "quarters", 0, 8, false,
               "quarters from spending to service (rounded to whole quarters)", 0, DriverInfo::Scale::integer},
    DriverInfo{"useful_life", &CompanyDrivers::useful_life, "years", 0.25, 30, false,
               "straight-line life of assets entering service in the projection", 0, DriverInfo::Scale::real, true, 1},
    DriverInfo{"reported_useful_life", &CompanyDrivers::reported_useful_life, "years", 0.25, 30, false,
               "accounting life of assets already in service (calibration, run-off)", 0, DriverInfo::Scale::real, true,
               1},
    DriverInfo{"variable_cost_ratio", &CompanyDrivers::variable_cost_ratio, "share of revenue", 0, 1, true,
               "variable cost / revenue; null = calibrated"},
    DriverInfo{"variable_cost_ratio_change", &CompanyDrivers::variable_cost_ratio_change, "share of revenue", -1, 1,
               false, "added to the (calibrated) variable cost ratio", 0.01},
    DriverInfo{"capacity_cost_ratio", &CompanyDrivers::capacity_cost_ratio, "per quarter", 0, 1, true,
               "cost per quarter per unit of gross capital in service; null = calibrated"},
    DriverInfo{"capacity_cost_ratio_change", &CompanyDrivers::capacity_cost_ratio_change, "per quarter", -1, 1, false,
               "added to the (calibrated) capacity cost ratio"},
    DriverInfo{"backlog_conversion", &CompanyDrivers::backlog_conversion, "per unit of backlog", 0, 5, true,
               "revenue of the next four quarters per unit of the segment's backlog at the last reported quarter; "
               "0 = off, null = measured (revenue of the last four quarters / backlog a year before)"},
    // Value of the build-out (model/valuation.hpp); terminal_method is a word, read below.
    DriverInfo{"wacc", &CompanyDrivers::wacc, "annual rate", 0.001, 0.5, false,
               "weighted average cost of capital discounting the build-out's free cash flow", 0,
               DriverInfo::Scale::real, false, 0.01},
    DriverInfo{"terminal_growth", &CompanyDrivers::terminal_growth, "annual rate", -0.5, 0.2, false,
               "growth of free cash flow after the horizon (Gordon growth terminal value); below wacc", 0,
               DriverInfo::Scale::real, false, 0.01},
    DriverInfo{"exit_multiple", &CompanyDrivers::exit_multiple, "x EBITDA", 0, 100, false,
               "terminal value as a multiple of the last projected year's EBITDA (terminal_method multiple)", 0,
               DriverInfo::Scale::real, false},
};

}  // namespace

std::vector<std::string> driver_names() {
  std::vector<std::string> names;
  for (const auto& d : kDrivers) names.emplace_back(d.name);
  return names;
}

std::string range_text(const DriverInfo& info) {
  return fmt::format("a number in [{}, {}] ({}){}", info.min, info.max, info.unit, info.allow_unset ? " or null" : "");
}

std::span<const DriverInfo> drivers() { return kDrivers; }

const DriverInfo& find_driver(std::string_view name) {
  for (const auto& d : kDrivers)
    if (d.name == name) return d;
  throw UsageError(util::unknown_name_message("driver", name, driver_names()));
}

double& driver(CompanyDrivers& company, std::string_view name) { return company.*find_driver(name).member; }
double driver(const CompanyDrivers& company, std::string_view name) { return company.*find_driver(name).member; }

}  // namespace cloudcast::model
