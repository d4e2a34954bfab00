#include "cloudcast/model/sensitivity.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/valuation.hpp"
#include "cloudcast/util/parse.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/figure_check.hpp"
#include "model/path_engine.hpp"

namespace cloudcast::model {

namespace {

struct MetricRef {
  std::string company, metric;
  Quarter quarter;  // unset for the NPV, a figure of the whole projection
};

// The one value of the whole projection sensitivity takes: company.npv, no quarter.
constexpr std::string_view kNpv = "npv";

MetricRef parse_metric_ref(std::string_view text) {
  const std::string expected = "expected company.metric@quarter, e.g. alibaba.operating_margin@2027Q4, or company.npv";
  const std::size_t at = text.find('@');
  const std::size_t dot = text.find('.');
  if (at == std::string_view::npos && dot != std::string_view::npos && text.substr(dot + 1) == kNpv)
    return {std::string(text.substr(0, dot)), std::string(kNpv), Quarter{}};
  if (at == std::string_view::npos || dot == std::string_view::npos || dot > at)
    throw UsageError(fmt::format("--metric '{}': {}", text, expected));
  if (text.substr(dot + 1, at - dot - 1) == kNpv)
    throw UsageError(
        fmt::format("--metric '{}': the NPV is a figure of the whole projection; expected {}.npv "
                    "without @quarter",
                    text, text.substr(0, dot)));
  const auto quarter = parse_quarter(text.substr(at + 1));
  if (!quarter)
    throw UsageError(
        fmt::format("--metric '{}': '{}' is not a calendar quarter; {}", text, text.substr(at + 1), expected));
  return {std::string(text.substr(0, dot)), std::string(text.substr(dot + 1, at - dot - 1)), *quarter};
}

// The drivers to move: those asked (--vary, the output's company only, no switch), else
// every driver of the projection with a value (calibrated ratios left NaN move through
// their *_change drivers instead).
std::vector<std::string> drivers_to_move(const SensitivityOptions& options, const std::string& company,
                                         const CompanyDrivers& base_drivers, bool npv_output) {
  std::vector<std::string> names;
  for (const auto& raw : options.vary) {
    std::string name = raw;
    if (const auto dot = raw.find('.'); dot != std::string::npos) {
      if (raw.substr(0, dot) != company)
        throw UsageError(fmt::format("--vary '{}': only {}'s drivers move {}; expected a driver of {}", raw, company,
                                     options.metric, company));
      name = raw.substr(dot + 1);
    }
    if (find_driver(name).scale == DriverInfo::Scale::switch_)  // UsageError with "did you mean" first
      throw UsageError(
          fmt::format("--vary '{}': {} is a switch (0 or 1), not moved by sensitivity; compare two "
                      "scenarios instead (cloudcast diff)",
                      raw, name));
    names.push_back(name);
  }
  // Default: every driver with a value, less the switches and a core_growth that the
  // statistical baseline replaces (core_level_shift and core_growth_shift move that).
  if (names.empty())
    for (const DriverInfo& info : drivers())
      if ((info.moves_projection || npv_output) && !std::isnan(base_drivers.*info.member) &&
          info.scale != DriverInfo::Scale::switch_ &&
          !(info.member == &CompanyDrivers::core_growth && base_drivers.core_from_baseline) &&
          !(info.member == &CompanyDrivers::terminal_growth &&
            base_drivers.terminal_method != TerminalMethod::growth) &&
          !(info.member == &CompanyDrivers::exit_multiple && base_drivers.terminal_method != TerminalMethod::multiple))
        names.emplace_back(info.name);
  return names;
}

// Where one driver moves: P10/P90 of its distribution, its step, or the swing's share
// of its base; whole quarters for an integer driver; inside the driver's range.
SensitivityDriver driver_move(const std::string& company, const std::string& name, const CompanyDrivers& base_drivers,
                              const Swing& swing) {
  const DriverInfo& info = find_driver(name);
  SensitivityDriver d{company + "." + name, std::string(info.unit), base_drivers.*info.member, 0, 0, ""};
  if (std::isnan(d.base))
    throw UsageError(
        fmt::format("--vary '{}': the driver is calibrated (no base value); vary {}_change instead", name, name));
  const auto dist = std::find_if(base_drivers.distributions.begin(), base_drivers.distributions.end(),
                                 [&](const DriverDistribution& e) { return e.driver == name; });
  if (swing.use_distribution && dist != base_drivers.distributions.end()) {
    d.low = dist->distribution.quantile(0.10);
    d.high = dist->distribution.quantile(0.90);
    d.how = "P10/P90 of " + dist->distribution.describe();
  } else if (swing.use_distribution && info.step > 0) {
    // A share of the base is no sensible move here (20 % of a 9 % WACC, of a 4-year life).
    d.low = d.base - info.step;
    d.high = d.base + info.step;
    d.how = fmt::format("base -{0} / +{0} (the driver's step)", info.step);
  } else if (d.base == 0 && info.zero_step > 0) {
    // A relative swing of 0 is 0: a driver whose base is 0 moves by its declared step.
    d.low = -info.zero_step;
    d.high = info.zero_step;
    d.how = fmt::format("base is 0: -{0} / +{0} (absolute step)", info.zero_step);
  } else {
    d.low = d.base * (1 - swing.percent / 100);
    d.high = d.base * (1 + swing.percent / 100);
    d.how = fmt::format("base -{0}% / +{0}%", swing.percent);
    if (d.base == 0) d.how += " (base is 0: no movement)";
  }
  if (info.scale == DriverInfo::Scale::integer) {
    // Whole quarters: round each end away from the base, at least one step (a scenario
    // file rejects 9.6 quarters, and the engine would round them anyway).
    d.low = std::min(d.base - 1, std::round(d.low));
    d.high = std::max(d.base + 1, std::round(d.high));
    d.how += " (whole steps)";
  }
  d.low = std::clamp(d.low, info.min, info.max);
  d.high = std::clamp(d.high, info.min, info.max);
  return d;
}

// The output on a grid x grid of the two drivers' values, each from low to high.
TwoWayTable two_way_table(const std::vector<SensitivityDriver>& moved, const std::vector<std::string>& names, int grid,
                          CompanyDrivers work, const std::function<double(const CompanyDrivers&)>& output) {
  TwoWayTable t{moved[0], moved[1], {}, {}, {}};
  const DriverInfo& row_info = find_driver(names[0]);
  const DriverInfo& col_info = find_driver(names[1]);
  // Integer drivers take whole values on the grid too (a point may then repeat).
  auto grid_value = [](const DriverInfo& info, const SensitivityDriver& d, double f) {
    const double x = d.low + f * (d.high - d.low);
    return info.scale == DriverInfo::Scale::integer ? std::round(x) : x;
  };
  for (int i = 0; i < grid; ++i) {
    const double f = static_cast<double>(i) / (grid - 1);
    t.row_values.push_back(grid_value(row_info, t.rows, f));
    t.column_values.push_back(grid_value(col_info, t.columns, f));
  }
  for (double r : t.row_values) {
    work.*row_info.member = r;
    for (double c : t.column_values) {
      work.*col_info.member = c;
      t.outputs.push_back(output(work));
    }
  }
  return t;
}

}  // namespace

Swing parse_swing(std::string_view text) {
  if (text == "P10P90" || text == "p10p90") return Swing{true, 20};
  if (text.substr(0, 4) == "pct:") {
    const double pct = util::parse_double(text.substr(4), 1e-9, 100, "--swing pct:X");
    return Swing{false, pct};
  }
  throw UsageError(fmt::format("--swing: expected P10P90 or pct:X (e.g. pct:20), got '{}'", text));
}

Sensitivity analyse_sensitivity(const dataset::Dataset& data, const Scenario& scenario,
                                const SensitivityOptions& options) {
  if (options.grid < 2 || options.grid > 21)
    throw UsageError(fmt::format("--grid: expected an integer in [2, 21], got {}", options.grid));
  MetricRef ref = parse_metric_ref(options.metric);
  const dataset::Company* company = nullptr;
  try {
    company = &dataset::find_company(data, ref.company);  // an alias (aws) names its company
  } catch (const UsageError& e) {
    throw UsageError(fmt::format("--metric '{}': {}", options.metric, e.what()));
  }
  ref.company = company->id;
  const bool npv_output = ref.metric == kNpv;
  std::vector<std::string> metrics = path_metric_ids();
  metrics.emplace_back(kNpv);
  const auto metric_it = std::find(metrics.begin(), metrics.end(), ref.metric);
  if (metric_it == metrics.end())
    throw UsageError(
        fmt::format("--metric '{}': {}", options.metric, util::unknown_name_message("metric", ref.metric, metrics)));
  const auto metric_index = static_cast<std::size_t>(metric_it - metrics.begin());

  const CompanyDrivers& base_drivers = scenario.company(ref.company);
  const CalibratedCompany calibrated = calibrate(*company, base_drivers, options.engine);
  const int h = npv_output ? calibrated.horizon : ref.quarter - calibrated.last_reported;
  if (h < 1 || h > calibrated.horizon)
    throw UsageError(fmt::format("--metric '{}': {} is outside {}'s projection {} to {}", options.metric,
                                 ref.quarter.to_string(), ref.company, (calibrated.last_reported + 1).to_string(),
                                 (calibrated.last_reported + calibrated.horizon).to_string()));
  PathWorkspace ws(calibrated.horizon);
  std::vector<double> ebitda(static_cast<std::size_t>(calibrated.horizon)),
      flows(static_cast<std::size_t>(calibrated.horizon) + 1);
  // Each run calibrates with its own drivers, as a forecast with that driver moved does
  // (the cost-discipline reference path and the capex plan follow the drivers).
  auto output = [&](const CompanyDrivers& d) {
    project_path(calibrate(*company, d, options.engine), d, ws);
    if (!npv_output) return (ws.*(path_metrics()[metric_index]->path))[static_cast<std::size_t>(h - 1)];
    if (d.terminal_method == TerminalMethod::growth && d.terminal_growth >= d.wacc)
      throw UsageError(
          fmt::format("--metric '{}': a move puts terminal_growth {} at or above wacc {}, where the "
                      "Gordon terminal value has no meaning; expected --vary without it or a smaller "
                      "--swing",
                      options.metric, d.terminal_growth, d.wacc));
    for (std::size_t q = 0; q < ebitda.size(); ++q) ebitda[q] = ws.operating_income[q] + ws.depreciation[q];
    return value_flows(ws.free_cash_flow, ebitda, d, flows).npv;
  };

  Sensitivity result;
  result.metric_text = options.metric;
  result.company = ref.company;
  result.metric = ref.metric;
  result.currency = calibrated.currency;
  result.quarter = npv_output ? calibrated.last_reported + calibrated.horizon : ref.quarter;
  result.whole_projection = npv_output;
  result.base_output = output(base_drivers);
  check_projected_figures(*company, calibrated, base_drivers, ws);  // the base path, as forecast shows it

  const std::vector<std::string> names = drivers_to_move(options, ref.company, base_drivers, npv_output);

  std::vector<SensitivityDriver> moved;
  for (const auto& name : names) moved.push_back(driver_move(ref.company, name, base_drivers, options.swing));

  CompanyDrivers work = base_drivers;
  for (std::size_t i = 0; i < moved.size(); ++i) {
    const DriverInfo& info = find_driver(names[i]);
    TornadoBar bar{moved[i], 0, 0, 0};
    work.*info.member = moved[i].low;
    bar.output_low = output(work);
    work.*info.member = moved[i].high;
    bar.output_high = output(work);
    work.*info.member = moved[i].base;
    bar.swing = std::fabs(bar.output_high - bar.output_low);
    result.tornado.push_back(std::move(bar));
  }
  // Largest swing first; ties keep the table order (stable).
  std::stable_sort(result.tornado.begin(), result.tornado.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return a.swing > b.swing; });

  if (moved.size() == 2) result.two_way = two_way_table(moved, names, options.grid, work, output);
  if (base_drivers.distributions.empty() && options.swing.use_distribution)
    result.notes.push_back(fmt::format("no driver of {} is a distribution in this scenario: every driver moves +-{}%",
                                       ref.company, options.swing.percent));
  return result;
}

}  // namespace cloudcast::model
