#include "cloudcast/report/engine_backtest_report.hpp"

#include <fmt/format.h>

namespace cloudcast::report {

namespace {

using model::BacktestMetric;
using model::Score;

// How a metric's error is named and measured.
std::string measure(BacktestMetric metric) {
  switch (metric) {
    case BacktestMetric::revenue:
      return "revenue MAPE (%)";
    case BacktestMetric::operating_margin:
      return "operating margin MAE (points)";
    case BacktestMetric::capex:
      return "company capex MAPE (%)";
  }
  return "";
}

Cell optional_cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

// The score columns shared by the summary and the per-company tables.
void add_score_columns(Table& t) {
  t.columns.push_back({"cells", "", Kind::integer, 0});
  t.columns.push_back({"ours", "", Kind::number, 2});
  t.columns.push_back({"ours bias", "", Kind::number, 2});
  for (model::Rule rule : model::kRules)
    t.columns.push_back({std::string(model::rule_name(rule)), "", Kind::number, 2});
  t.columns.push_back({"ours / naive", "", Kind::number, 2});
  t.columns.push_back({"ours / YoY rule", "", Kind::number, 2});
  t.columns.push_back({"ours closer", "cells", Kind::integer, 0});
}

void append_score(std::vector<Cell>& row, const Score& s) {
  row.emplace_back(static_cast<double>(s.cells));
  if (s.cells == 0) {
    row.resize(row.size() + 2 + model::kRules.size() + 3);
    return;
  }
  row.emplace_back(s.ours);
  row.emplace_back(s.ours_bias);
  for (const auto& r : s.rules) row.push_back(optional_cell(r));
  row.push_back(optional_cell(s.ours_over_naive));
  row.push_back(optional_cell(s.ours_over_yoy));
  row.emplace_back(static_cast<double>(s.ours_closer));
}

std::string horizons(int first, int last) {
  return first == last ? fmt::format("{}", first) : fmt::format("{}-{}", first, last);
}

}  // namespace

Document engine_backtest_document(const model::EngineBacktestResult& result, const std::string& data_origin,
                                  const std::string& inputs_digest) {
  const std::string which = result.from ? "origins from " + result.from->to_string() : "every origin";
  Document doc;
  doc.title = fmt::format("Engine backtest: scenario {}, baseline {}, horizon {}, {} ({} data)", result.scenario,
                          result.baseline_model, result.horizon, which, data_origin);
  doc.meta["schema_version"] = 1;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = inputs_digest;
  doc.meta["command"] = "backtest --engine";
  doc.meta["scenario"] = result.scenario;
  doc.meta["baseline_model"] = result.baseline_model;
  doc.meta["horizon"] = result.horizon;
  doc.meta["from"] = result.from ? nlohmann::ordered_json(result.from->to_string()) : nlohmann::ordered_json();

  Table summary;
  summary.title = fmt::format("Summary: all companies, {}", which);
  summary.id = "summary";
  summary.columns = {{"metric", "", Kind::text, 0, "metric", Role::item},
                     {"horizons", "", Kind::text, 0, "horizons", Role::item}};
  add_score_columns(summary);
  for (const model::SummaryScore& s : result.summary) {
    std::vector<Cell> row{measure(s.metric), horizons(s.h_first, s.h_last)};
    append_score(row, s.score);
    summary.rows.push_back(std::move(row));
  }
  summary.notes.push_back(
      "Each cell is one (company, origin, horizon) with a reported figure later; ours and every rule are scored on "
      "exactly the same cells. Ratios below 1: ours is better. Ours bias: the mean signed error (negative: ours "
      "falls short). Ours closer: cells where ours misses by less than the YoY rule (the naive rule for margin).");
  doc.tables.push_back(std::move(summary));

  for (BacktestMetric metric : model::kBacktestMetrics) {
    Table t;
    t.title = fmt::format("{} by company and horizon", measure(metric));
    t.columns = {{"company", "", Kind::text, 0, "company", Role::company},
                 {"h", "", Kind::integer, 0, "h", Role::item}};
    add_score_columns(t);
    for (const model::CompanyHorizonScore& s : result.by_company) {
      if (s.metric != metric) continue;
      std::vector<Cell> row{s.company, static_cast<double>(s.h)};
      append_score(row, s.score);
      t.rows.push_back(std::move(row));
    }
    doc.tables.push_back(std::move(t));
  }

  Table origins;
  origins.title = "Origins";
  origins.id = "origins";
  origins.columns = {{"company", "", Kind::text, 0, "company", Role::company},
                     {"origin", "", Kind::text, 0, "origin", Role::item},
                     {"revenue basis", "", Kind::text, 0},
                     {"history", "quarters", Kind::integer, 0},
                     {"cells", "", Kind::integer, 0},
                     {"skipped", "", Kind::text, 0}};
  for (const model::BacktestOrigin& o : result.origins)
    origins.rows.push_back({o.company, o.origin.to_string(), o.revenue_basis, static_cast<double>(o.history),
                            static_cast<double>(o.cells), o.skipped.empty() ? Cell{} : Cell{o.skipped}});
  doc.tables.push_back(std::move(origins));

  doc.notes = {
      fmt::format("Origins: every quarter O with at least {} contiguous quarters of revenue up to O on the projection "
                  "basis; the engine sees the data as of O (observations after O dropped) and projects O+1..O+{}.",
                  model::kBacktestMinHistory, result.horizon),
      "Scored against the full data on the bases projected at O; revenue and company-wide capex (capex_company, "
      "before the cloud share) by absolute % error, operating margin by absolute error in margin points.",
      "Rules, from the data as of O, k = ceil(h/4): naive y_O; seasonal naive y_{O+h-4k}; YoY rule "
      "y_{O+h-4k} x (y_O / y_{O-4})^k. Margin: naive and seasonal naive only.",
      "The scenario file is today's: drivers stated with later knowledge (capex commitments, AI shares) are not "
      "rolled back."};
  return doc;
}

Table engine_backtest_cells_table(const model::EngineBacktestResult& result) {
  Table t;
  t.columns = {{"company", "", Kind::text, 0}, {"origin", "", Kind::text, 0}, {"h", "", Kind::integer, 0},
               {"period", "", Kind::text, 0},  {"metric", "", Kind::text, 0}, {"actual", "", Kind::number, 6},
               {"ours", "", Kind::number, 6}};
  for (model::Rule rule : model::kRules)
    t.columns.push_back({std::string(model::rule_name(rule)), "", Kind::number, 6});
  for (const model::BacktestCell& c : result.cells) {
    std::vector<Cell> row{c.company,
                          c.origin.to_string(),
                          static_cast<double>(c.h),
                          (c.origin + c.h).to_string(),
                          std::string(model::metric_name(c.metric)),
                          c.actual,
                          c.ours};
    for (const auto& r : c.rules) row.push_back(optional_cell(r));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace cloudcast::report
