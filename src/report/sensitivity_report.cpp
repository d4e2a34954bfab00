#include "cloudcast/report/sensitivity_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cloudcast/report/render.hpp"
#include "cloudcast/report/simulation_report.hpp"
#include "report/charts.hpp"

namespace cloudcast::report {

namespace {

using json = nlohmann::ordered_json;

// A tornado bar: the span from the lower to the higher output, on an axis centred on
// the base output ┃, ◀ where the driver's low value lands and ▶ its high value.
std::string tornado_bar(double low, double high, double base, double half_range, int width) {
  const auto n = static_cast<std::size_t>(width);
  std::vector<std::string_view> cells(n, " ");
  auto at = [&](double x) {
    if (!(half_range > 0)) return n / 2;
    const double position = (x - base) / half_range * (static_cast<double>(n) / 2) + static_cast<double>(n) / 2;
    return static_cast<std::size_t>(std::clamp(std::floor(position), 0.0, static_cast<double>(n - 1)));
  };
  const std::size_t a = at(std::min(low, high)), b = at(std::max(low, high));
  for (std::size_t i = a; i <= b; ++i) cells[i] = "█";
  cells[at(base)] = "┃";
  if (low != high) {
    cells[at(low)] = "◀";
    cells[at(high)] = "▶";
    if (at(low) == at(high)) cells[at(low)] = "◆";
  }
  std::string text;
  for (auto c : cells) text += c;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

// The two-way table of a run that moved two drivers (added to doc) and its JSON.
json two_way_table(const model::Sensitivity& r, const std::string& unit, Kind kind, int decimals, Document& doc) {
  const auto& w = *r.two_way;
  Table g;
  g.title = fmt::format("Two-way table: {} (rows) x {} (columns) -> {} {}", w.rows.name, w.columns.name, r.company,
                        metric_label(r.metric));
  g.id = "two_way";
  g.company = r.company;
  g.metric = r.metric;
  g.columns.push_back(
      {fmt::format("{} \\ {}", w.rows.name, w.columns.name), w.rows.unit, Kind::number, 4, w.rows.name, Role::item});
  for (double c : w.column_values)
    g.columns.push_back({format_number(c, 4), unit, kind, decimals, fmt::format("{}={}", w.columns.name, c)});
  for (std::size_t i = 0; i < w.row_values.size(); ++i) {
    // Cells built in place from the doubles: copying or moving a Cell made from a double
    // draws a false -Wmaybe-uninitialized (its string) from GCC 12 in a unity batch.
    std::vector<Cell> row;
    row.reserve(w.column_values.size() + 1);
    row.emplace_back(w.row_values[i]);
    for (std::size_t j = 0; j < w.column_values.size(); ++j)
      row.emplace_back(w.outputs[i * w.column_values.size() + j]);
    g.rows.push_back(std::move(row));
  }
  g.notes.push_back(fmt::format("column headers are {} values ({})", w.columns.name, w.columns.unit));
  doc.tables.push_back(std::move(g));
  json rows = json::array();
  for (std::size_t i = 0; i < w.row_values.size(); ++i)
    rows.push_back(
        std::vector<double>(w.outputs.begin() + static_cast<std::ptrdiff_t>(i * w.column_values.size()),
                            w.outputs.begin() + static_cast<std::ptrdiff_t>((i + 1) * w.column_values.size())));
  return {{"rows", {{"driver", w.rows.name}, {"values", w.row_values}}},
          {"columns", {{"driver", w.columns.name}, {"values", w.column_values}}},
          {"outputs", std::move(rows)}};
}

}  // namespace

Document sensitivity_document(const model::Sensitivity& r, const model::Scenario& scenario,
                              const std::string& inputs_digest, bool terminal) {
  Document doc;
  const bool money = metric_is_money(r.metric);
  const std::string unit = money ? money_unit(r.currency) : "%";
  const Kind kind = money ? Kind::number : Kind::percent;
  const int decimals = money ? 0 : 2;
  doc.title =
      fmt::format("Sensitivity of {} {} {} (scenario {}): base {}", r.company, metric_label(r.metric),
                  r.whole_projection ? "to " + r.quarter.to_string() + " and after" : "in " + r.quarter.to_string(),
                  model::scenario_title(scenario.name, scenario.overrides),
                  money ? format_number(r.base_output, 0) + " " + unit : format_number(100 * r.base_output, 2) + "%");
  doc.meta["schema_version"] = kSensitivitySchemaVersion;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = inputs_digest;

  Table t;
  t.title = "Tornado: each driver at its low and high value, the others at base, largest swing first";
  t.id = "tornado";
  t.company = r.company;
  t.columns = {{"Rank", "", Kind::integer},
               {"Driver", "", Kind::text, 0, "driver", Role::item},
               {"Unit", "", Kind::text, 0, "driver_unit"},
               {"Low", "", Kind::number, 4},
               {"Base", "", Kind::number, 4},
               {"High", "", Kind::number, 4},
               {"Output at low", unit, kind, decimals},
               {"Output at high", unit, kind, decimals},
               {"Swing", unit, kind, decimals},
               {"Moved by", "", Kind::text}};
  double half_range = 0;
  for (const auto& bar : r.tornado)
    half_range =
        std::max({half_range, std::fabs(bar.output_low - r.base_output), std::fabs(bar.output_high - r.base_output)});
  if (terminal) t.columns.push_back({"◀ low  ┃ base  high ▶", "", Kind::text});
  json jbars = json::array();
  for (std::size_t i = 0; i < r.tornado.size(); ++i) {
    const auto& bar = r.tornado[i];
    std::vector<Cell> row{static_cast<double>(i + 1),
                          bar.driver.name,
                          bar.driver.unit,
                          bar.driver.low,
                          bar.driver.base,
                          bar.driver.high,
                          bar.output_low,
                          bar.output_high,
                          bar.swing,
                          bar.driver.how};
    if (terminal) row.push_back(tornado_bar(bar.output_low, bar.output_high, r.base_output, half_range, 31));
    t.rows.push_back(std::move(row));
    jbars.push_back({{"driver", bar.driver.name},
                     {"unit", bar.driver.unit},
                     {"low", bar.driver.low},
                     {"base", bar.driver.base},
                     {"high", bar.driver.high},
                     {"moved_by", bar.driver.how},
                     {"output_low", bar.output_low},
                     {"output_high", bar.output_high},
                     {"swing", bar.swing}});
  }
  doc.charts.push_back(tornado_chart(t, r.base_output, doc.title));
  doc.tables.push_back(std::move(t));

  json jtwo = r.two_way ? two_way_table(r, unit, kind, decimals, doc) : json(nullptr);
  doc.notes = r.notes;

  json& j = doc.json = json::object();
  j["scenario"] = scenario.name;
  if (!scenario.overrides.empty()) j["overrides"] = scenario.overrides;  // only with --set, as in forecast
  j["metric"] = r.metric_text;
  j["company"] = r.company;
  j["unit"] = money ? unit : "fraction";
  j["base_output"] = r.base_output;
  j["tornado"] = std::move(jbars);
  j["two_way"] = std::move(jtwo);
  j["notes"] = r.notes;
  return doc;
}

}  // namespace cloudcast::report
