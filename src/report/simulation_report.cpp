#include "cloudcast/report/simulation_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/model/valuation.hpp"
#include "cloudcast/report/render.hpp"
#include "model/cell_accumulator.hpp"  // kBins: the note states the simulation's own bin count
#include "report/charts.hpp"
#include "report/fan_report.hpp"

namespace cloudcast::report {

namespace {

using json = nlohmann::ordered_json;

std::string percentile_name(double p) { return fmt::format("P{}", p * 100); }

json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
Cell cell(double x) { return std::isfinite(x) ? Cell{x} : Cell{}; }

bool present(const model::CellStats& s) { return std::isfinite(s.mean); }

}  // namespace

std::string metric_label(const std::string& metric) {
  if (const model::ValueInfo* v = model::find_value(metric)) return std::string(v->label);
  const model::Metric* m = model::find_metric(metric);
  return m ? std::string(m->label) : metric;
}

bool metric_is_money(const std::string& metric) {
  if (const model::ValueInfo* v = model::find_value(metric)) return v->unit == model::MetricUnit::money;
  const model::Metric* m = model::find_metric(metric);
  return !m || m->unit == model::MetricUnit::money;
}

namespace {

// Which percentiles make the fan: the closest asked to 5/25/50/75/95.
struct FanColumns {
  std::size_t p5, p25, p50, p75, p95;
};

FanColumns fan_columns(const std::vector<double>& percentiles) {
  auto nearest = [&](double target) {
    std::size_t best = 0;
    for (std::size_t i = 0; i < percentiles.size(); ++i)
      if (std::fabs(percentiles[i] - target) < std::fabs(percentiles[best] - target)) best = i;
    return best;
  };
  return {nearest(0.05), nearest(0.25), nearest(0.5), nearest(0.75), nearest(0.95)};
}

// Band tables, one per (company, metric) in layout order, then one per (company, value)
// of the whole projection (NPV, IRR), whose single row is labelled by the horizon. Each
// goes into the document as it is made (with its fan chart); its CI table waits in
// ci_tables(), which come after the events (or, on a terminal, becomes a note).
class BandTables {
 public:
  BandTables(const model::Simulation& sim, const SimulationReportInfo& info, Document& doc)
      : sim_(sim), info_(info), doc_(doc), fan_(fan_columns(sim.percentiles)) {}

  // One band table (and its CI table) from rows of (period or horizon, statistics);
  // returns the rows as JSON objects, the row label under `key`.
  json add(const std::string& company, const std::string& currency, const std::string& metric, const std::string& label,
           bool money, std::string_view key, const std::vector<std::pair<std::string, const model::CellStats*>>& rows) {
    const std::string unit = money ? money_unit(currency) : "%";
    const Kind kind = money ? Kind::number : Kind::percent;
    const int decimals = money ? 0 : 1;
    const Column label_column = row_label_column(key);
    Table t;
    t.title = fmt::format("{} — {} ({})", company, label, unit);
    t.id = fmt::format("{}_{}", company, metric);
    t.company = company;
    t.metric = metric;
    t.columns = {label_column, {"Mean", unit, kind, decimals, "mean"}, {"SE", unit, kind, money ? 0 : 2, "std_error"}};
    for (double p : sim_.percentiles) t.columns.push_back({percentile_name(p), unit, kind, decimals});
    double axis_low = std::numeric_limits<double>::infinity(), axis_high = -axis_low;
    for (const auto& [name, s] : rows) {
      axis_low = std::min(axis_low, s->percentiles[fan_.p5]);
      axis_high = std::max(axis_high, s->percentiles[fan_.p95]);
    }
    if (info_.terminal) t.columns.push_back({"P5–P95 ░  P25–P75 ▓  median ┃", "", Kind::text});
    Table ci_table;
    ci_table.title = fmt::format("{} — {}: 95 % confidence intervals (precision)", company, label);
    ci_table.id = fmt::format("{}_{}_ci95", company, metric);
    ci_table.company = company;
    ci_table.metric = metric;
    ci_table.columns = {label_column,
                        {"Statistic", "", Kind::text, 0, "statistic", Role::item},
                        {"Value", unit, kind, decimals + 2},
                        {"CI low", unit, kind, decimals + 2},
                        {"CI high", unit, kind, decimals + 2}};
    std::string ci_note;
    json jrows = json::array();
    for (const auto& [name, s] : rows) {
      std::vector<Cell> row{name, cell(s->mean), cell(s->std_error)};
      jrows.push_back(row_json(key, name, *s));
      for (std::size_t i = 0; i < sim_.percentiles.size(); ++i) {
        row.push_back(cell(s->percentiles[i]));
        ci_table.rows.push_back({name, percentile_name(sim_.percentiles[i]), cell(s->percentiles[i]),
                                 cell(s->ci_low[i]), cell(s->ci_high[i])});
        if (s == rows.back().second)
          ci_note += fmt::format("{}{} [{}, {}]", ci_note.empty() ? "" : ", ", percentile_name(sim_.percentiles[i]),
                                 format_cell(cell(s->ci_low[i]), ci_table.columns[3]),
                                 format_cell(cell(s->ci_high[i]), ci_table.columns[4]));
      }
      ci_table.rows.push_back({name, std::string("mean"), cell(s->mean), cell(s->mean_ci_low), cell(s->mean_ci_high)});
      if (info_.terminal)
        row.push_back(draw_fan({s->percentiles[fan_.p5], s->percentiles[fan_.p25], s->percentiles[fan_.p50],
                                s->percentiles[fan_.p75], s->percentiles[fan_.p95]},
                               axis_low, axis_high));
      t.rows.push_back(std::move(row));
    }
    if (metric == "irr" && rows.back().second->non_finite > 0)
      t.notes.push_back(fmt::format(
          "IRR undefined on {} of {} paths (their cash flows start with an inflow or never change sign, or no "
          "rate in range sets the NPV to 0); the statistics are over the other paths",
          rows.back().second->non_finite, sim_.paths));
    if (info_.terminal) {
      t.notes.push_back(fmt::format("fan axis from {} to {} {}",
                                    format_number(money ? axis_low : 100 * axis_low, decimals),
                                    format_number(money ? axis_high : 100 * axis_high, decimals), unit));
      t.notes.push_back(fmt::format("95 % CI in {}: {} (every row in CSV/JSON/Markdown)", rows.back().first, ci_note));
    } else {
      ci_tables_.push_back(std::move(ci_table));
    }
    if (key == "period")
      if (auto fan = fan_chart(t, t.title)) doc_.charts.push_back(std::move(*fan));
    doc_.tables.push_back(std::move(t));
    return jrows;
  }

  std::vector<Table>& ci_tables() { return ci_tables_; }

 private:
  // The first column of a band table and its CI table: the quarter or the horizon.
  static Column row_label_column(std::string_view key) {
    return {key == "period" ? "Quarter" : "Horizon",    "", Kind::text, 0, std::string(key),
            key == "period" ? Role::period : Role::item};
  }

  // A row's statistics as JSON, the row label under `key`.
  json row_json(std::string_view key, const std::string& name, const model::CellStats& s) const {
    json jq;
    jq[std::string(key)] = name;
    jq["mean"] = number(s.mean);
    jq["std_error"] = number(s.std_error);
    jq["sd"] = number(s.sd);
    jq["min"] = number(s.min);
    jq["max"] = number(s.max);
    json jp = json::object(), jci = json::object();
    for (std::size_t i = 0; i < sim_.percentiles.size(); ++i) {
      jp[percentile_name(sim_.percentiles[i])] = number(s.percentiles[i]);
      jci[percentile_name(sim_.percentiles[i])] = json::array({number(s.ci_low[i]), number(s.ci_high[i])});
    }
    jq["percentiles"] = std::move(jp);
    jq["percentile_ci95"] = std::move(jci);
    if (s.non_finite > 0) jq["non_finite_paths"] = s.non_finite;
    return jq;
  }

  const model::Simulation& sim_;
  const SimulationReportInfo& info_;
  Document& doc_;
  FanColumns fan_;
  std::vector<Table> ci_tables_;
};

// Company c's metrics by quarter and values (NPV, IRR) as JSON, their tables added.
json company_json(const model::Simulation& sim, const SimulationReportInfo& info, std::size_t c, BandTables& bands) {
  const auto& layout = sim.layout;
  json jc;
  jc["id"] = layout.companies[c];
  jc["currency"] = c < info.currencies.size() ? info.currencies[c] : "";
  const std::string currency = jc["currency"].get<std::string>();
  json jmetrics = json::array();
  for (std::size_t m = 0; m < layout.metrics.size(); ++m) {
    std::vector<std::pair<std::string, const model::CellStats*>> rows;
    for (std::size_t q = 0; q < layout.quarters.size(); ++q)
      if (const auto* s = sim.find(c, m, q); s && present(*s)) rows.emplace_back(layout.quarters[q].to_string(), s);
    if (rows.empty()) continue;
    const std::string& metric = layout.metrics[m];
    const bool money = metric_is_money(metric);
    json jm;
    jm["metric"] = metric;
    jm["unit"] = money ? money_unit(currency) : "fraction";
    jm["quarters"] = bands.add(layout.companies[c], currency, metric, metric_label(metric), money, "period", rows);
    jmetrics.push_back(std::move(jm));
  }
  jc["metrics"] = std::move(jmetrics);
  json jvalues = json::array();
  for (std::size_t v = 0; v < layout.values.size(); ++v) {
    const auto* s = sim.find_value(c, v);
    if (!s || !present(*s)) continue;
    const std::string& id = layout.values[v];
    const bool money = metric_is_money(id);
    // One row: the value of the company's projected quarters and terminal value.
    json jrow = bands.add(layout.companies[c], currency, id, metric_label(id), money, "horizon", {{"horizon", s}})[0];
    json jv;
    jv["value"] = id;
    jv["unit"] = money ? money_unit(currency) : "fraction";
    for (auto& [k, x] : jrow.items())
      if (k != "horizon") jv[k] = std::move(x);
    jvalues.push_back(std::move(jv));
  }
  if (!jvalues.empty()) jc["values"] = std::move(jvalues);
  return jc;
}

// The event probabilities' table (none without events) and JSON.
json event_table(const model::Simulation& sim, Document& doc) {
  json jevents = json::array();
  if (!sim.events.empty()) {
    Table t;
    t.title = "Event probabilities";
    t.id = "events";
    t.columns = {{"Event", "", Kind::text},          {"Probability", "%", Kind::percent, 2},
                 {"SE", "%", Kind::percent, 2},      {"CI low", "%", Kind::percent, 2},
                 {"CI high", "%", Kind::percent, 2}, {"Paths hit", "", Kind::integer}};
    for (const auto& e : sim.events) {
      t.rows.push_back({e.event.text, e.probability, e.std_error, e.ci_low, e.ci_high, static_cast<double>(e.hits)});
      json je;
      je["event"] = e.event.text;
      je["probability"] = e.probability;
      je["std_error"] = e.std_error;
      je["hits"] = e.hits;
      jevents.push_back(std::move(je));
    }
    t.notes.push_back("CI: probability +- 1.96 standard errors (normal approximation to the binomial)");
    doc.tables.push_back(std::move(t));
  }
  return jevents;
}

// The uncertain drivers' table and JSON.
json driver_table(const SimulationReportInfo& info, Document& doc) {
  Table drivers;
  drivers.title = "Uncertain drivers";
  drivers.id = "drivers";
  drivers.columns = {{"Driver", "", Kind::text}, {"Distribution", "", Kind::text}, {"Point value", ""}};
  json jdrivers = json::array();
  for (const auto& d : info.drivers) {
    drivers.columns[2].decimals = 4;
    drivers.rows.push_back({d.name, d.distribution.describe(), d.distribution.point_value()});
    jdrivers.push_back({{"name", d.name}, {"distribution", d.distribution.to_json()}});
  }
  if (info.drivers.empty()) drivers.notes.push_back("no driver is a distribution in this scenario");
  doc.tables.push_back(std::move(drivers));
  return jdrivers;
}

// Precision reached, how the percentiles are read, then the run's and the caller's notes.
void add_notes(const model::Simulation& sim, const SimulationReportInfo& info, Document& doc) {
  std::string precision = fmt::format(
      "precision reached: largest 95 % CI half-width {:.4g} (relative for means and "
      "percentiles, absolute for probabilities)",
      sim.precision_reached);
  if (sim.precision_target)
    precision +=
        fmt::format("; target {} {}", *sim.precision_target,
                    sim.precision_met ? fmt::format("met after {} of at most {} paths", sim.paths, sim.paths_planned)
                                      : fmt::format("not met within {} paths", sim.paths_planned));
  doc.notes.push_back(precision);
  doc.notes.push_back(
      fmt::format("percentiles: Hyndman-Fan type 7 read from a {}-bin histogram per cell (docs/model.md, "
                  "\"Uncertainty\"); SE: standard error of the mean; CIs: order statistics, binomial method",
                  model::kBins));
  for (const auto& note : sim.notes) doc.notes.push_back(note);
  for (const auto& note : info.notes) doc.notes.push_back(note);
}

}  // namespace

Document simulation_document(const model::Simulation& sim, const SimulationReportInfo& info) {
  Document doc;
  doc.title = fmt::format("Monte Carlo: scenario {}, {} paths, seed {}, {} sampling",
                          model::scenario_title(info.scenario, info.overrides), sim.paths, sim.seed,
                          model::sampling_name(sim.sampling) == "lhs" ? "Latin Hypercube" : "plain Monte Carlo");
  doc.meta["schema_version"] = kSimulationSchemaVersion;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = info.inputs_digest;
  doc.meta["seed"] = sim.seed;
  doc.meta["paths"] = sim.paths;

  BandTables bands(sim, info, doc);
  json companies = json::array();
  for (std::size_t c = 0; c < sim.layout.companies.size(); ++c) companies.push_back(company_json(sim, info, c, bands));
  json jevents = event_table(sim, doc);
  for (auto& t : bands.ci_tables()) doc.tables.push_back(std::move(t));
  // Drivers after the CI tables; their JSON goes in below.
  json jdrivers = driver_table(info, doc);
  add_notes(sim, info, doc);

  json& j = doc.json = json::object();
  j["scenario"] = info.scenario;
  if (!info.overrides.empty()) j["overrides"] = info.overrides;  // only with --set, as in forecast
  j["paths_planned"] = sim.paths_planned;
  j["sampling"] = model::sampling_name(sim.sampling);
  j["percentiles"] = sim.percentiles;
  j["precision"] = {{"target", sim.precision_target ? json(*sim.precision_target) : json(nullptr)},
                    {"reached", number(sim.precision_reached)},
                    {"met", sim.precision_met}};
  j["drivers"] = std::move(jdrivers);
  j["companies"] = std::move(companies);
  j["events"] = std::move(jevents);
  j["notes"] = doc.notes;
  return doc;
}

}  // namespace cloudcast::report
