#include "report/text_layout.hpp"

#include <catch2/catch.hpp>

namespace report_text_layout_test {

using namespace cloudcast::report;
using namespace cloudcast::report::detail;

TEST_CASE("wrap: words in lines of at most the width, indents kept", "[text_layout]") {
  CHECK(wrap("aaa bbb ccc", 8, "  ", "    ") == std::vector<std::string>{"  aaa", "    bbb", "    ccc"});
  CHECK(wrap("aaa bbb ccc", 0, "  ", "    ") == std::vector<std::string>{"  aaa bbb ccc"});
  CHECK(wrap("averyverylongword x", 5, "", "") == std::vector<std::string>{"averyverylongword", "x"});
  CHECK(display_width("P5–P95 ░▓") == 9);
}

namespace {

Table wide_summary() {
  return Table{.title = "Summary",
               .columns = {{"Company", "", Kind::text, 0, "company", Role::company},
                           {"Revenue now", "USD m", Kind::number, 0},
                           {"Margin now", "%", Kind::percent, 1},
                           {"Payback", "", Kind::text}},
               .rows = {{std::string("alibaba"), 4637.5, 0.091, std::string("beyond horizon")},
                        {std::string("google"), 15157.0, 0.238, std::string("-")}},
               .notes = {"a note"}};
}

}  // namespace

TEST_CASE("fit_table: a table that fits, or no width, stays whole", "[text_layout]") {
  const Table t = wide_summary();
  // Company 7, Revenue now 11, Margin now 10, Payback 14: 42 + 3 gaps of 2.
  CHECK(table_width(t) == 48);
  CHECK(fit_table(t, 0).size() == 1);
  CHECK(fit_table(t, 48).front().columns.size() == 4);
}

TEST_CASE("fit_table: few rows are transposed, one column per row, units in the labels", "[text_layout]") {
  // Transposed: "Revenue now (USD m)" 19, alibaba 14 ("beyond horizon"), google 6: 43.
  const auto parts = fit_table(wide_summary(), 44);
  REQUIRE(parts.size() == 1);
  const Table& t = parts.front();
  CHECK(t.title == "Summary");
  CHECK(t.notes == std::vector<std::string>{"a note"});
  REQUIRE(t.columns.size() == 3);
  CHECK(t.columns[1].header == "alibaba");
  CHECK(t.columns[2].header == "google");
  REQUIRE(t.rows.size() == 3);
  CHECK(std::get<std::string>(t.rows[0][0]) == "Revenue now (USD m)");
  CHECK(std::get<std::string>(t.rows[0][2]) == "15,157");
  CHECK(std::get<std::string>(t.rows[1][1]) == "9.1%");
  CHECK(table_width(t) == 43);
}

TEST_CASE("fit_table: many rows are cut into column blocks that repeat the keys", "[text_layout]") {
  Table t{.title = "alibaba", .notes = {"n"}};
  t.columns = {{"Quarter", "", Kind::text, 0, "period", Role::period},
               {"Status", "", Kind::text, 0, "status", Role::status},
               {"Revenue", "RMB m", Kind::number, 0},
               {"Capex", "RMB m", Kind::number, 0},
               {"Depreciation", "RMB m", Kind::number, 0}};
  for (int i = 0; i < 10; ++i)
    t.rows.push_back({std::string("2026Q1"), std::string("projected"), 47492.1, 31691.4, 9000.0});
  // Quarter 7, Status 9 ("projected"), Revenue 7, Capex 6 ("31,691"), Depreciation 12.
  CHECK(table_width(t) == 7 + 2 + 9 + 2 + 7 + 2 + 6 + 2 + 12);
  const auto parts = fit_table(t, 36);
  REQUIRE(parts.size() == 2);
  CHECK(parts[0].title == "alibaba");
  CHECK(parts[0].notes.empty());
  CHECK(parts[1].title.empty());
  CHECK(parts[1].notes == std::vector<std::string>{"n"});
  REQUIRE(parts[0].columns.size() == 4);
  CHECK(parts[0].columns[3].header == "Capex");
  REQUIRE(parts[1].columns.size() == 3);
  CHECK(parts[1].columns[0].header == "Quarter");
  CHECK(parts[1].columns[2].header == "Depreciation");
  CHECK(std::get<double>(parts[1].rows[9][2]) == 9000.0);
  for (const auto& part : parts) CHECK(table_width(part) <= 36);
}

}  // namespace report_text_layout_test
