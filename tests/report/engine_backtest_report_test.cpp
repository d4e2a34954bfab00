#include "cloudcast/report/engine_backtest_report.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "cloudcast/report/render.hpp"

namespace report_engine_backtest_report_test {

using namespace cloudcast;
using model::BacktestMetric;

namespace {

// A result written by hand: the renderer lays out what it is given, nothing more.
model::EngineBacktestResult result() {
  model::EngineBacktestResult r;
  r.scenario = "base";
  r.baseline_model = "trend";
  r.horizon = 2;
  r.from = Quarter{2024, 2};
  model::Score revenue{.cells = 3,
                       .ours = 4.0,
                       .ours_bias = -3.5,
                       .ours_closer = 2,
                       .rules = {{8.0, 20.0, 5.0}},
                       .ours_over_naive = 0.5,
                       .ours_over_yoy = 0.8};
  model::Score margin{.cells = 3,
                      .ours = 2.0,
                      .ours_bias = 0.5,
                      .ours_closer = 1,
                      .rules = {{1.0, 3.0, std::nullopt}},
                      .ours_over_naive = 2.0};
  r.summary = {{BacktestMetric::revenue, 1, 2, revenue},
               {BacktestMetric::operating_margin, 1, 2, margin},
               {BacktestMetric::capex, 1, 2, {}}};
  r.by_company = {{"acme", BacktestMetric::revenue, 1, revenue}, {"acme", BacktestMetric::revenue, 2, {}}};
  r.origins = {{.company = "acme", .origin = {2024, 2}, .revenue_basis = "b", .history = 8, .cells = 6},
               {.company = "acme", .origin = {2024, 3}, .revenue_basis = "b", .history = 9, .skipped = "why"}};
  return r;
}

}  // namespace

TEST_CASE("engine_backtest_document: summary, per-metric tables and origins", "[engine_backtest_report]") {
  const report::Document doc = report::engine_backtest_document(result(), "built-in", "abc");
  CHECK(doc.title == "Engine backtest: scenario base, baseline trend, horizon 2, origins from 2024Q2 (built-in data)");
  CHECK(doc.meta["inputs_digest"] == "abc");
  CHECK(doc.meta["from"] == "2024Q2");
  REQUIRE(doc.tables.size() == 5);  // summary, three metrics, origins

  const report::Table& s = doc.tables[0];
  CHECK(s.title == "Summary: all companies, origins from 2024Q2");
  REQUIRE(s.rows.size() == 3);
  using report::Cell;
  CHECK(s.rows[0] == std::vector<Cell>{std::string("revenue MAPE (%)"), std::string("1-2"), 3.0, 4.0, -3.5, 8.0, 20.0,
                                       5.0, 0.5, 0.8, 2.0});
  // Margin has no YoY rule: those cells are empty, not zero.
  CHECK(s.rows[1] == std::vector<Cell>{std::string("operating margin MAE (points)"), std::string("1-2"), 3.0, 2.0, 0.5,
                                       1.0, 3.0, Cell{}, 2.0, Cell{}, 1.0});
  // No cells: the count and nothing else.
  CHECK(s.rows[2] == std::vector<Cell>{std::string("company capex MAPE (%)"), std::string("1-2"), 0.0, Cell{}, Cell{},
                                       Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}});

  CHECK(doc.tables[1].title == "revenue MAPE (%) by company and horizon");
  REQUIRE(doc.tables[1].rows.size() == 2);
  CHECK(doc.tables[1].rows[0][0] == Cell{std::string("acme")});
  CHECK(doc.tables[1].rows[1][1] == Cell{2.0});
  CHECK(doc.tables[2].rows.empty());

  const report::Table& o = doc.tables[4];
  REQUIRE(o.rows.size() == 2);
  CHECK(o.rows[0] == std::vector<Cell>{std::string("acme"), std::string("2024Q2"), std::string("b"), 8.0, 6.0, Cell{}});
  CHECK(o.rows[1][5] == Cell{std::string("why")});

  // Every format renders it; JSON carries no NaN.
  for (auto format : {report::Format::table, report::Format::csv, report::Format::json, report::Format::markdown}) {
    std::ostringstream out;
    report::render(doc, format, out);
    CHECK(out.str().find("nan") == std::string::npos);
  }
  auto cells = result();
  cells.cells = {{.company = "acme",
                  .origin = {2024, 2},
                  .h = 2,
                  .metric = BacktestMetric::operating_margin,
                  .actual = 0.3,
                  .ours = 0.25,
                  .rules = {{0.2, 0.35, std::nullopt}}}};
  const report::Table t = report::engine_backtest_cells_table(cells);
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0] == std::vector<Cell>{std::string("acme"), std::string("2024Q2"), 2.0, std::string("2024Q4"),
                                       std::string("operating_margin"), 0.3, 0.25, 0.2, 0.35, Cell{}});

  auto every = result();
  every.from.reset();
  CHECK(report::engine_backtest_document(every, "d", "x").tables[0].title == "Summary: all companies, every origin");
}

}  // namespace report_engine_backtest_report_test
