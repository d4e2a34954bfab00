#include "report/period_tables.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cloudcast/model/metrics.hpp"

namespace report_period_tables_test {

using namespace cloudcast;

namespace {

// Quarters 2025Q1..2026Q2 of one company: revenue 100, 200, ... and operating income a
// tenth of it, the first four reported.
model::ComparedCompany company(std::string id, double scale) {
  model::ComparedCompany c;
  c.id = std::move(id);
  for (int i = 0; i < 6; ++i) {
    model::QuarterFigures q;
    q.period = Quarter{2025, 1} + i;
    q.actual = i < 4;
    q.revenue = scale * 100 * (i + 1);
    q.operating_income = (i == 5 ? 0.3 : 0.1) * *q.revenue;
    q.operating_margin = *q.operating_income / *q.revenue;
    c.quarters.push_back(q);
  }
  return c;
}

dataset::Dataset two_companies() {
  dataset::Dataset data;
  data.companies.resize(2);
  data.companies[0].id = "microsoft";
  data.companies[0].fiscal_year_end_month = 6;
  data.companies[1].id = "alibaba";
  data.companies[1].fiscal_year_end_month = 3;
  data.companies[1].profit_measure = "adjusted EBITA";
  return data;
}

double number(const report::Cell& c) { return std::get<double>(c); }
std::string text(const report::Cell& c) { return std::get<std::string>(c); }

}  // namespace

TEST_CASE("compare_year_table: each company's own fiscal year, partial years named", "[report][period]") {
  const std::vector<model::ComparedCompany> companies{company("microsoft", 1), company("alibaba", 2)};
  const dataset::Dataset data = two_companies();
  const report::Table t = report::compare_year_table(*model::find_metric("operating_margin"), companies, data,
                                                     model::Period::fiscal_year, "USD m");
  CHECK(t.id == "operating_margin");
  REQUIRE(t.columns.size() == 4);
  CHECK(t.columns[2].id == "microsoft");
  CHECK(t.columns[3].header == "alibaba (adjusted EBITA)");
  // Microsoft (June): FY2025 = 2025Q1..Q2 (2 of 4), FY2026 = 2025Q3..2026Q2 (whole).
  // Alibaba (March): FY2025 = 2025Q1 (1 of 4), FY2026 = 2025Q2..2026Q1, FY2027 = 2026Q2.
  REQUIRE(t.rows.size() == 3);
  CHECK(text(t.rows[0][0]) == "FY2025");
  CHECK(text(t.rows[0][1]) == "actual (partial: microsoft 2/4, alibaba 1/4)");
  CHECK(number(t.rows[0][2]) == Approx(0.1).epsilon(1e-15));
  CHECK(text(t.rows[1][0]) == "FY2026");
  // Microsoft FY2026: revenue 300 + 400 + 500 + 600 = 1800, income 30 + 40 + 50 + 180 = 300.
  CHECK(number(t.rows[1][2]) == Approx(300.0 / 1800.0).epsilon(1e-15));
  // Alibaba FY2026: revenue 2 x (200 + 300 + 400 + 500) = 2800, income 280; 2026Q2 is FY2027.
  CHECK(number(t.rows[1][3]) == Approx(0.1).epsilon(1e-15));
  CHECK(text(t.rows[1][1]) == "mixed");  // Microsoft's 2026Q1-Q2 and Alibaba's 2026Q1 are projected
  CHECK(text(t.rows[2][0]) == "FY2027");
  CHECK(std::holds_alternative<std::monostate>(t.rows[2][2]));  // Microsoft's FY2027 holds no quarter
  CHECK(number(t.rows[2][3]) == Approx(0.3).epsilon(1e-15));
  CHECK(text(t.rows[2][1]) == "projected (partial: alibaba 1/4)");
}

TEST_CASE("company_year_table: years down, revenue YoY only between whole years", "[report][period]") {
  const model::ComparedCompany c = company("microsoft", 1);
  const auto years = report::company_years(c.quarters, "microsoft", two_companies(), model::Period::calendar_year);
  const report::Table t = report::company_year_table(years, "USD m", "");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.columns[0].id == "period");
  CHECK(t.columns.back().id == "revenue_growth");
  CHECK(text(t.rows[0][0]) == "CY2025");
  CHECK(text(t.rows[0][1]) == "2025Q1–2025Q4");
  CHECK(text(t.rows[0][2]) == "4/4");
  CHECK(text(t.rows[0][3]) == "actual");
  CHECK(text(t.rows[1][2]) == "2/4 partial");
  CHECK(text(t.rows[1][3]) == "projected");
  std::size_t revenue = 0;
  while (t.columns[revenue].id != "revenue") ++revenue;
  CHECK(number(t.rows[0][revenue]) == 1000.0);                      // 100 + 200 + 300 + 400
  CHECK(number(t.rows[1][revenue]) == 1100.0);                      // 500 + 600, labelled partial
  CHECK(std::holds_alternative<std::monostate>(t.rows[1].back()));  // no YoY for a partial year

  const auto j = report::years_json(years);
  CHECK(j[1]["partial"] == true);
  CHECK(j[1]["quarters"] == 2);
  CHECK(j[1]["revenue"] == 1100.0);
  CHECK(j[1]["revenue_growth"].is_null());
  CHECK(j[0]["operating_margin"] == Approx(0.1).epsilon(1e-15));
}

TEST_CASE("period_notes: the roll-up rule, and each company's fiscal year end", "[report][period]") {
  const std::vector<std::string> ids{"microsoft", "alibaba"};
  const auto cy = report::period_notes(model::Period::calendar_year, two_companies(), ids);
  CHECK(cy.size() == 1);
  const auto fy = report::period_notes(model::Period::fiscal_year, two_companies(), ids);
  REQUIRE(fy.size() == 2);
  CHECK(fy[1] ==
        "Fiscal years, named after the calendar year they end in: microsoft ends in June (FY2026 = 2025Q3–2026Q2); "
        "alibaba ends in March (FY2026 = 2025Q2–2026Q1).");
}

}  // namespace report_period_tables_test
