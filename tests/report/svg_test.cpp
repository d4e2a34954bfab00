#include "report/svg.hpp"

#include <catch2/catch.hpp>

#include "report/xml_check.hpp"

namespace report_svg_test {

using namespace cloudcast::report;
using cloudcast::test::xml_problem;

TEST_CASE("nice_ticks: steps of 1, 2 or 5 times a power of ten covering the range", "[svg]") {
  CHECK(nice_ticks(0, 47) == std::vector<double>{0, 10, 20, 30, 40, 50});
  CHECK(nice_ticks(10, 20) == std::vector<double>{10, 12, 14, 16, 18, 20});
  const auto fractions = nice_ticks(0.031, 0.094);  // step 0.02 from 0.02 to 0.10
  REQUIRE(fractions.size() == 5);
  CHECK(fractions.front() == Approx(0.02));
  CHECK(fractions.back() == Approx(0.10));
  const auto flat = nice_ticks(5, 5);  // widened by 10 %: 4.5..5.5 in steps of 0.2
  CHECK(flat.front() == Approx(4.4));
  CHECK(flat.back() == Approx(5.6));
  const auto negative = nice_ticks(-0.06, 0.005);  // step 0.02: -0.06 .. 0.02
  CHECK(negative.size() == 5);
  CHECK(negative.front() == Approx(-0.06));
  CHECK(negative.back() == Approx(0.02));
}

TEST_CASE("xml_escape: the five XML specials", "[svg]") {
  CHECK(xml_escape("a<b&\"c'>") == "a&lt;b&amp;&quot;c&#39;&gt;");
}

TEST_CASE("svg_chart line: reported solid, projected dashed from the last reported point, values in titles", "[svg]") {
  Chart chart{.id = "revenue", .title = "Revenue <&>", .unit = "USD m"};
  chart.series.push_back(
      {.name = "alibaba", .points = {{.x = "2025Q4", .y = 10}, {.x = "2026Q1", .y = 20, .projected = true}}});
  const std::string svg = svg_chart(chart);
  CHECK(xml_problem(svg).empty());
  // Frame 72..630 x 52..296; ticks 10..20 step 2; two quarters, 279 px apart, centred.
  CHECK_THAT(svg, Catch::Contains("<path d=\"M211.5,296.0\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\"/>"));
  CHECK_THAT(svg, Catch::Contains("<path d=\"M211.5,296.0 L490.5,52.0\" fill=\"none\" stroke=\"#0072B2\" "
                                  "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"));
  CHECK_THAT(svg, Catch::Contains("<title>alibaba 2026Q1: 20 (projected)</title>"));
  CHECK_THAT(svg, Catch::Contains("<title>Revenue &lt;&amp;&gt;</title>"));
  CHECK_THAT(svg, Catch::Contains(">USD m</text>"));
}

TEST_CASE("svg_chart fan and tornado: well-formed, percent labels, every band in a title", "[svg]") {
  Chart fan{.id = "alibaba_operating_margin", .title = "margin", .unit = "%", .percent = true, .kind = ChartKind::fan};
  fan.series.push_back(
      {.name = "alibaba",
       .points = {{.x = "2026Q1", .y = 0.05, .low = 0.01, .high = 0.09, .inner_low = 0.03, .inner_high = 0.07},
                  {.x = "2026Q2", .y = 0.06, .low = 0.0, .high = 0.1, .inner_low = 0.04, .inner_high = 0.08}}});
  const std::string f = svg_chart(fan);
  CHECK(xml_problem(f).empty());
  CHECK_THAT(f,
             Catch::Contains("<title>alibaba 2026Q2: median 6.0%, P25-P75 4.0% to 8.0%, P5-P95 0.0% to 10.0%</title>"));
  CHECK_THAT(f, Catch::Contains("fill-opacity=\"0.18\""));

  Chart tornado{.id = "tornado", .title = "t", .unit = "USD m", .kind = ChartKind::tornado};
  tornado.series.push_back({.name = "output",
                            .points = {{.x = "alibaba.useful_life", .y = 100, .low = 80, .high = 130},
                                       {.x = "ai_price_change", .y = 100, .low = 110, .high = 95}}});
  const std::string t = svg_chart(tornado);
  CHECK(xml_problem(t).empty());
  CHECK_THAT(t, Catch::Contains("<title>alibaba.useful_life at its low value: 80</title>"));
  CHECK_THAT(t, Catch::Contains("<title>ai_price_change at its high value: 95</title>"));
  CHECK_THAT(t, Catch::Contains("<title>base: 100</title>"));
  CHECK_THAT(t, Catch::Contains("height=\"150\""));  // 48 + 2 rows of 24 + 54
}

TEST_CASE("xml_problem: the test's checker catches what it is for", "[svg]") {
  CHECK(xml_problem("<a><b/></a>").empty());
  CHECK_FALSE(xml_problem("<a><b></a>").empty());
  CHECK_FALSE(xml_problem("<a>x & y</a>").empty());
  CHECK_FALSE(xml_problem("<a title=\"<\"></a>").empty());
  CHECK_FALSE(xml_problem("<a>").empty());
}

}  // namespace report_svg_test
