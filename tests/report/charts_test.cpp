#include "report/charts.hpp"

#include <catch2/catch.hpp>

namespace report_charts_test {

using namespace cloudcast::report;

namespace {

Table forecast_like(const std::string& company, double margin) {
  return Table{.columns = {{"Quarter", "", Kind::text, 0, "period", Role::period},
                           {"Status", "", Kind::text, 0, "status", Role::status},
                           {"Revenue", "RMB m", Kind::number, 0, "revenue"},
                           {"Capex", "RMB m", Kind::number, 0, "capex"},
                           {"Margin", "%", Kind::percent, 1, "operating_margin"}},
               .rows = {{std::string("2025Q4"), std::string("actual"), 43284.0, Cell{}, margin},
                        {std::string("2026Q1"), std::string("projected"), 47492.1, 31691.4, margin + 0.01}},
               .company = company};
}

}  // namespace

TEST_CASE("columns_chart: a line per column, the table's cells as points, projected rows marked", "[charts]") {
  const Chart chart = columns_chart(forecast_like("alibaba", 0.09), {"revenue", "capex", "nope"}, "rc", "t");
  CHECK(chart.unit == "RMB m");
  CHECK_FALSE(chart.percent);
  REQUIRE(chart.series.size() == 2);
  CHECK(chart.series[0].name == "Revenue");
  REQUIRE(chart.series[0].points.size() == 2);
  CHECK(chart.series[0].points[1].x == "2026Q1");
  CHECK(chart.series[0].points[1].y == 47492.1);
  CHECK(chart.series[0].points[1].projected);
  CHECK_FALSE(chart.series[0].points[0].projected);
  REQUIRE(chart.series[1].points.size() == 1);  // the missing reported capex is left out
  CHECK(chart.series[1].points[0].y == 31691.4);
}

TEST_CASE("across_tables_chart: one column of every table, named by company, fractions as percent", "[charts]") {
  const Table a = forecast_like("alibaba", 0.09), g = forecast_like("google", 0.2);
  const Chart chart = across_tables_chart({&a, &g}, "operating_margin", "m", "Operating margin");
  CHECK(chart.percent);
  CHECK(chart.unit == "%");
  REQUIRE(chart.series.size() == 2);
  CHECK(chart.series[1].name == "google");
  CHECK(chart.series[1].points[1].y == Approx(0.21));
}

TEST_CASE("fan_chart and tornado_chart read the bands and the outputs", "[charts]") {
  Table bands{.columns = {{"Quarter", "", Kind::text, 0, "period", Role::period}},
              .id = "alibaba_revenue",
              .company = "alibaba"};
  for (const char* p : {"P5", "P25", "P50", "P75", "P95"}) bands.columns.push_back({p, "USD m"});
  bands.rows.push_back({std::string("2027Q1"), 1.0, 2.0, 3.0, 4.0, 5.0});
  const auto fan = fan_chart(bands, "fan");
  REQUIRE(fan);
  CHECK(fan->id == "alibaba_revenue");
  const ChartPoint& p = fan->series.at(0).points.at(0);
  CHECK((p.low == 1.0 && p.inner_low == 2.0 && p.y == 3.0 && p.inner_high == 4.0 && p.high == 5.0));
  bands.columns.pop_back();
  CHECK_FALSE(fan_chart(bands, "fan"));  // no P95 asked: no fan

  Table tornado{.columns = {{"Driver", "", Kind::text},
                            {"Output at low", "%", Kind::percent, 2},
                            {"Output at high", "%", Kind::percent, 2}},
                .rows = {{std::string("useful_life"), 0.05, 0.12}},
                .id = "tornado"};
  const Chart t = tornado_chart(tornado, 0.09, "tornado");
  CHECK(t.percent);
  const ChartPoint& bar = t.series.at(0).points.at(0);
  CHECK((bar.x == "useful_life" && bar.y == 0.09 && bar.low == 0.05 && bar.high == 0.12));
}

}  // namespace report_charts_test
