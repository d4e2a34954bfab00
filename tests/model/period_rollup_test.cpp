#include "cloudcast/model/period_rollup.hpp"

#include <catch2/catch.hpp>

#include <vector>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"

namespace model_period_rollup_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

// Consecutive quarters from `first`: revenue, operating income and capex by hand,
// cumulative capex running on from 0, the first `actual` of them reported.
std::vector<QuarterFigures> quarters(Quarter first, const std::vector<double>& revenue, const std::vector<double>& oi,
                                     double capex, int actual) {
  std::vector<QuarterFigures> out;
  double cumulative = 0;
  for (std::size_t i = 0; i < revenue.size(); ++i) {
    QuarterFigures q;
    q.period = first + static_cast<int>(i);
    q.actual = static_cast<int>(i) < actual;
    q.revenue = revenue[i];
    q.operating_income = oi[i];
    q.operating_margin = oi[i] / revenue[i];
    q.capex = capex;
    cumulative += capex;
    q.cumulative_capex = cumulative;
    q.capex_intensity = capex / revenue[i];
    q.capex_basis = q.actual ? "derived" : "plan";
    out.push_back(q);
  }
  return out;
}

}  // namespace

TEST_CASE("period: the option's three values, and the exact message for another", "[model][period]") {
  CHECK(parse_period("quarter") == Period::quarter);
  CHECK(parse_period("cy") == Period::calendar_year);
  CHECK(parse_period("fy") == Period::fiscal_year);
  CHECK(period_name(Period::fiscal_year) == "fy");
  CHECK_THROWS_MATCHES(parse_period("year"), UsageError,
                       Catch::Matchers::Message("--period: unknown period 'year'; expected quarter, cy or fy"));
  CHECK_THROWS_AS(parse_period("CY"), UsageError);  // ids are lower case, as --format's
}

TEST_CASE("roll_up_years: Microsoft's fiscal year ends in June", "[model][period]") {
  // 2025Q2..2026Q3, the first three reported. FY2025 ends 2025Q2, FY2026 is 2025Q3..2026Q2,
  // FY2027 starts 2026Q3.
  const auto q = quarters({2025, 2}, {100, 200, 300, 400, 500, 600}, {10, 20, 60, 100, 100, 150}, 50, 3);
  const std::vector<YearFigures> years = roll_up_years(q, Period::fiscal_year, 6);
  REQUIRE(years.size() == 3);
  CHECK(years[0].label == "FY2025");
  CHECK(years[0].quarters == 1);
  CHECK(years[0].partial());
  CHECK(years[0].coverage() == "1/4 partial");
  CHECK(years[0].first == Quarter{2024, 3});
  CHECK(years[0].last == Quarter{2025, 2});

  const YearFigures& fy26 = years[1];
  CHECK(fy26.label == "FY2026");
  CHECK(fy26.first == Quarter{2025, 3});
  CHECK(fy26.last == Quarter{2026, 2});
  CHECK(fy26.quarters == 4);
  CHECK(fy26.actual == 2);  // 2025Q3 and 2025Q4
  CHECK_FALSE(fy26.partial());
  CHECK(fy26.coverage() == "4/4");
  CHECK(fy26.status() == "mixed");
  CHECK_FALSE(fy26.figures.actual);
  CHECK(*fy26.figures.revenue == 1400.0);          // 200 + 300 + 400 + 500
  CHECK(*fy26.figures.operating_income == 280.0);  // 20 + 60 + 100 + 100
  // 280 / 1400 = 0.2, not the quarters' mean margin (0.1 + 0.2 + 0.25 + 0.2) / 4 = 0.1875.
  CHECK(*fy26.figures.operating_margin == 0.2);
  CHECK(*fy26.figures.capex == 200.0);
  CHECK(*fy26.figures.capex_intensity == 200.0 / 1400.0);
  CHECK(*fy26.figures.cumulative_capex == 250.0);  // the stock at 2026Q2, the fifth quarter
  CHECK(fy26.figures.capex_basis == "derived, plan");
  CHECK(fy26.figures.fiscal_period == "FY2026");
  CHECK_FALSE(fy26.revenue_growth);  // FY2025 is partial

  CHECK(years[2].label == "FY2027");
  CHECK(years[2].status() == "projected");
  CHECK(years[2].coverage() == "1/4 partial");
  CHECK(*years[2].figures.revenue == 600.0);
  CHECK(*years[2].figures.operating_margin == 0.25);
}

TEST_CASE("roll_up_years: Alibaba's fiscal year ends in March", "[model][period]") {
  // 2025Q1 is FY2025's last quarter; 2025Q2..2026Q1 make FY2026.
  const auto q = quarters({2025, 1}, {10, 20, 30, 40, 50}, {1, 2, 3, 4, 5}, 5, 5);
  const auto years = roll_up_years(q, Period::fiscal_year, 3);
  REQUIRE(years.size() == 2);
  CHECK(years[0].label == "FY2025");
  CHECK(years[0].quarters == 1);
  CHECK(years[1].label == "FY2026");
  CHECK(years[1].first == Quarter{2025, 2});
  CHECK(years[1].last == Quarter{2026, 1});
  CHECK(years[1].status() == "actual");
  CHECK(years[1].figures.actual);
  CHECK(*years[1].figures.revenue == 140.0);  // 20 + 30 + 40 + 50
}

TEST_CASE("roll_up_years: calendar years and YoY growth between whole years", "[model][period]") {
  // 2024Q1..2026Q1: 2024 = 100+200+300+400 = 1000, 2025 = 300+300+400+500 = 1500, 2026 = 600 (1/4).
  const auto q = quarters({2024, 1}, {100, 200, 300, 400, 300, 300, 400, 500, 600}, {0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, 6);
  const auto years = roll_up_years(q, Period::calendar_year, 3);  // the fiscal year end is ignored
  REQUIRE(years.size() == 3);
  CHECK(years[0].label == "CY2024");
  CHECK(*years[0].figures.revenue == 1000.0);
  CHECK_FALSE(years[0].revenue_growth);  // no year before it
  CHECK(years[1].label == "CY2025");
  CHECK(years[1].status() == "mixed");  // 2025Q1, Q2 reported
  CHECK(*years[1].figures.revenue == 1500.0);
  CHECK(*years[1].revenue_growth == 0.5);  // 1500 / 1000 - 1
  CHECK(years[2].partial());
  CHECK(*years[2].figures.revenue == 600.0);  // labelled partial, the one quarter held
  CHECK_FALSE(years[2].revenue_growth);       // never 600 / 1500 - 1
  CHECK(*years[2].figures.operating_margin == 0.0);
}

TEST_CASE("roll_up_years: a quarter without a figure leaves the year's figure empty", "[model][period]") {
  auto q = quarters({2025, 1}, {100, 100, 100, 100}, {10, 10, 10, 10}, 5, 4);
  q[2].capex.reset();
  const auto years = roll_up_years(q, Period::calendar_year, 12);
  REQUIRE(years.size() == 1);
  CHECK_FALSE(years[0].figures.capex);            // never a sum of three quarters posing as a year
  CHECK_FALSE(years[0].figures.capex_intensity);  // its numerator is missing
  CHECK(*years[0].figures.operating_margin == 0.1);
  CHECK(*years[0].figures.revenue == 400.0);
}

TEST_CASE("reported_quarters: the shipped data by fiscal and calendar year", "[model][period]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  // Alibaba (March year end), cig-2023, RMB m. FY2026 = 2025Q2..2026Q1:
  // revenue 33,398 + 39,824 + 43,284 + 41,626 = 158,132; adjusted EBITA 2,954 + 3,604 +
  // 3,911 + 3,796 = 14,265. FY2025 = 2024Q2..2025Q1: 26,549 + 29,610 + 31,742 + 30,127 =
  // 118,028.
  const auto alibaba = roll_up_years(reported_quarters(dataset::find_company(data, "alibaba")), Period::fiscal_year, 3);
  const auto fy = [](const std::vector<YearFigures>& years, const std::string& label) {
    for (const YearFigures& y : years)
      if (y.label == label) return y;
    FAIL("no year " << label);
    return YearFigures{};
  };
  const YearFigures fy2026 = fy(alibaba, "FY2026");
  CHECK(fy2026.first == Quarter{2025, 2});
  CHECK(fy2026.quarters == 4);
  CHECK(fy2026.status() == "actual");
  CHECK(*fy2026.figures.revenue == 158132);
  CHECK(*fy2026.figures.operating_income == 14265);
  CHECK(*fy2026.figures.operating_margin == Approx(14265.0 / 158132.0).epsilon(1e-12));
  CHECK(*fy(alibaba, "FY2025").figures.revenue == 118028);
  CHECK(*fy2026.revenue_growth == Approx(158132.0 / 118028.0 - 1).epsilon(1e-12));
  // Alibaba's group capex has 2024Q4..2025Q3 only: no fiscal year holds all its quarters.
  CHECK_FALSE(fy2026.figures.capex_company);
  CHECK_FALSE(fy2026.figures.capex);  // the cloud share is a scenario's, never data

  // Microsoft's operating income on ic-fy2025 has no 2024Q2 (docs/data.md): CY2024 sums
  // its revenue but leaves operating income and margin blank rather than summing three.
  const auto microsoft =
      roll_up_years(reported_quarters(dataset::find_company(data, "microsoft")), Period::calendar_year, 6);
  const YearFigures cy2024 = fy(microsoft, "CY2024");
  CHECK(cy2024.figures.revenue);
  CHECK_FALSE(cy2024.figures.operating_income);
  CHECK_FALSE(cy2024.figures.operating_margin);
  CHECK(*cy2024.figures.capex_company > 0);
}

}  // namespace model_period_rollup_test
