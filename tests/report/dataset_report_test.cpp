#include "cloudcast/report/dataset_report.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/report/render.hpp"

namespace report_dataset_report_test {

using namespace cloudcast;
using namespace cloudcast::report;

namespace {

const Table& table_named(const Document& doc, std::string_view prefix) {
  for (const Table& table : doc.tables)
    if (table.title.rfind(prefix, 0) == 0) return table;
  FAIL("no table " << prefix);
  throw std::logic_error("unreachable");
}

const std::vector<Cell>& row_for(const Table& table, std::string_view period, std::string_view basis) {
  for (const auto& row : table.rows)
    if (std::get<std::string>(row[0]) == period && std::get<std::string>(row[2]) == basis) return row;
  FAIL("no row " << period << " " << basis);
  throw std::logic_error("unreachable");
}

std::string render_to_string(const Document& doc, Format format) {
  std::ostringstream out;
  render(doc, format, out);
  return out.str();
}

}  // namespace

TEST_CASE("company_document: Alibaba 2025Q2 revenue, growth from the levels, capex", "[dataset_report]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  const Document doc = company_document(data, dataset::find_company(data, "alibaba"));
  const Table& revenue = table_named(doc, "revenue:");
  const auto& row = row_for(revenue, "2025Q2", "cig-2023");
  CHECK(std::get<std::string>(row[1]) == "FY2026Q1");
  CHECK(std::get<double>(row[3]) == 33398);
  CHECK(std::get<double>(row[4]) == Approx(33398.0 / 26549.0 - 1).epsilon(1e-12));  // +25.8 %
  CHECK(std::get<std::string>(row[5]) == "reported");
  CHECK(std::get<std::string>(row[6]) == "sourced");
  CHECK(std::get<std::string>(row[7]).rfind("S131:", 0) == 0);
  CHECK(std::get<double>(row_for(table_named(doc, "capex:"), "2025Q2", "group")[3]) == 38676);
  // Across the 2023 re-cut the growth cell is blank and a note says why.
  CHECK(std::holds_alternative<std::monostate>(row_for(revenue, "2023Q1", "cig-2023")[4]));
  CHECK(std::find(revenue.notes.begin(), revenue.notes.end(),
                  "YoY blank across a basis break, 2023Q1: basis break: 2023Q1 is cig-2023, 2022Q1 only on "
                  "legacy-cloud") != revenue.notes.end());
}

TEST_CASE("company_document: the JSON contract", "[dataset_report]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  const Document doc = company_document(data, dataset::find_company(data, "microsoft"));
  CHECK(doc.meta["schema_version"] == 1);
  CHECK(doc.meta["tool_version"] == CLOUDCAST_VERSION);
  CHECK(doc.meta["inputs_digest"] == data.digest);
  CHECK(doc.json["company"]["id"] == "microsoft");
  const auto& observations = doc.json["observations"];
  REQUIRE(observations.size() == dataset::find_company(data, "microsoft").observations.size());
  for (const auto& o : observations)
    for (const char* key : {"period", "fiscal_period", "metric", "value", "unit", "basis", "segment_basis",
                            "confidence", "source", "note"})
      CHECK(o.contains(key));
  // Same input, same bytes.
  const dataset::Dataset again = dataset::load_builtin_dataset();
  CHECK(render_to_string(doc, Format::json) ==
        render_to_string(company_document(again, dataset::find_company(again, "microsoft")), Format::json));
}

TEST_CASE("company_document: --metric keeps one table, unknown metric is a usage error", "[dataset_report]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  const dataset::Company& amazon = dataset::find_company(data, "amazon");
  const Document doc = company_document(data, amazon, "capex");
  REQUIRE(doc.tables.size() == 2);                                                  // company facts + capex
  CHECK(doc.json["observations"].size() == 17);                                     // Amazon capex 2022Q1..2026Q1
  CHECK_THROWS_AS(company_document(data, amazon, "azure_growth_yoy"), UsageError);  // not an Amazon metric
  CHECK_THROWS_WITH(company_document(data, amazon, "capx"), Catch::Contains("did you mean 'capex'?"));
}

TEST_CASE("dataset_list_document: one row per company with its revenue series", "[dataset_report]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  const Document doc = dataset_list_document(data);
  const Table& companies = table_named(doc, "Companies");
  REQUIRE(companies.rows.size() == 4);
  CHECK(std::get<std::string>(companies.rows[3][0]) == "microsoft");
  CHECK(std::get<std::string>(companies.rows[3][4]) == "June");
  CHECK(std::get<std::string>(companies.rows[3][8]) == "ic-fy2025 2023Q3..2026Q1 (11 q)");
  CHECK(doc.json["companies"][0]["revenue_quarters"] == 16);  // Alibaba CIG 2022Q2..2026Q1
  CHECK(doc.json["fx"].size() == 9);
}

TEST_CASE("validation_document: counts errors and warnings", "[dataset_report]") {
  const Document doc = validation_document(
      {{dataset::Severity::warning, "a: gap"}, {dataset::Severity::error, "b: bad"}}, "two files", "");
  CHECK(doc.tables.at(0).title == "1 errors, 1 warnings");
  CHECK(doc.json["errors"] == 1);
  CHECK(doc.json["issues"][1]["message"] == "b: bad");
}

TEST_CASE("company_document: the profit measure is a field of the company", "[dataset_report]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  const Document alibaba = company_document(data, dataset::find_company(data, "alibaba"));
  const Table& facts = table_named(alibaba, "Company");
  const auto row = std::find_if(facts.rows.begin(), facts.rows.end(),
                                [](const auto& r) { return std::get<std::string>(r[0]) == "profit measure"; });
  REQUIRE(row != facts.rows.end());
  CHECK(std::get<std::string>((*row)[1]) == "adjusted EBITA");
  CHECK(alibaba.json["company"]["profit_measure"] == "adjusted EBITA");
  const Document amazon = company_document(data, dataset::find_company(data, "amazon"));
  CHECK(amazon.json["company"]["profit_measure"].is_null());
}

}  // namespace report_dataset_report_test
