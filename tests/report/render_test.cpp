#include "cloudcast/report/render.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <sstream>

#include "cloudcast/error.hpp"

namespace report_render_test {

using namespace cloudcast::report;

namespace {

Document sample() {
  Table table{.title = "Revenue",
              .columns = {{"Quarter", "", Kind::text, 0},
                          {"Revenue", "RMB m", Kind::number, 0},
                          {"Margin", "%", Kind::percent, 1}},
              .rows = {{std::string("2025Q2"), 33398.0, 0.0884}, {std::string("2025Q3"), -1234.5, std::monostate{}}},
              .notes = {"source: Alibaba releases"}};
  Document doc{.title = "Alibaba", .tables = {table}};
  doc.meta["schema_version"] = 1;
  return doc;
}

std::string rendered(const Document& doc, Format format) {
  std::ostringstream out;
  render(doc, format, out);
  return out.str();
}

}  // namespace

TEST_CASE("format_number: thousands separators, visible negatives, no negative zero", "[render]") {
  CHECK(format_number(1234567.891, 1) == "1,234,567.9");
  CHECK(format_number(-1234.5, 0) == "-1,234");  // fmt rounds half to even on the binary value
  CHECK(format_number(999, 0) == "999");
  CHECK(format_number(-0.0001, 2) == "0.00");
}

TEST_CASE("render table: aligned columns with units under the headers", "[render]") {
  CHECK(rendered(sample(), Format::table) ==
        "Alibaba\n\n"
        "Revenue\n"
        "Quarter  Revenue  Margin\n"
        "           RMB m       %\n"
        "-------  -------  ------\n"
        "2025Q2    33,398    8.8%\n"
        "2025Q3    -1,234\n"
        "  source: Alibaba releases\n");
}

TEST_CASE("render csv: one long table, the first text column names the row, fractions called fraction", "[render]") {
  CHECK(rendered(sample(), Format::csv) ==
        "table,company,period,fiscal_period,status,item,metric,value,unit,text\n"
        "revenue,,,,,2025Q2,revenue,33398,RMB m,\n"
        "revenue,,,,,2025Q2,margin,0.0884,fraction,\n"
        "revenue,,,,,2025Q3,revenue,-1234.5,RMB m,\n");
}

TEST_CASE("render csv: keys from roles, table company and metric, company columns, text apart", "[render]") {
  Table wide{.title = "Operating margin",
             .columns = {{"Quarter", "", Kind::text, 0, "period", Role::period},
                         {"Status", "", Kind::text, 0, "status", Role::status},
                         {"alibaba", "%", Kind::percent, 1, "alibaba", Role::measure, "alibaba"},
                         {"google", "%", Kind::percent, 1, "google", Role::measure, "google"}},
             .rows = {{std::string("2026Q1"), std::string("projected"), 0.1, 0.2}},
             .id = "operating_margin",
             .metric = "operating_margin"};
  Table bands{.title = "alibaba — Revenue",
              .columns = {{"Quarter", "", Kind::text, 0, "period", Role::period},
                          {"P5", "USD m", Kind::number, 0},
                          {"Basis", "", Kind::text, 0, "capex_basis"}},
              // 0.1 + 0.2 is 0.30000000000000004: the shortest form that reads back to it.
              .rows = {{std::string("2026Q1"), 0.1 + 0.2, std::string("plan, \"estimate\"")},
                       {std::string("2026Q2"), std::numeric_limits<double>::quiet_NaN(), std::monostate{}}},
              .company = "alibaba",
              .metric = "revenue"};
  Table growth{.title = "g",
               .columns = {{"Company", "", Kind::text, 0, "company", Role::company},
                           {"Growth", "%/yr", Kind::percent, 1, "revenue_growth"}},
               .rows = {{std::string("amazon"), 0.25}}};
  CHECK(rendered(Document{.tables = {wide, bands, growth}}, Format::csv) ==
        "table,company,period,fiscal_period,status,item,metric,value,unit,text\n"
        "operating_margin,alibaba,2026Q1,,projected,,operating_margin,0.1,fraction,\n"
        "operating_margin,google,2026Q1,,projected,,operating_margin,0.2,fraction,\n"
        "alibaba_revenue,alibaba,2026Q1,,,p5,revenue,0.30000000000000004,USD m,\n"
        "alibaba_revenue,alibaba,2026Q1,,,capex_basis,revenue,,,\"plan, \"\"estimate\"\"\"\n"
        "g,amazon,,,,,revenue_growth,0.25,fraction/yr,\n");
}

TEST_CASE("snake_case ids from labels", "[render]") {
  CHECK(snake_case("Revenue now") == "revenue_now");
  CHECK(snake_case("h=1") == "h_1");
  CHECK(snake_case("Capex, horizon") == "capex_horizon");
  CHECK(snake_case("  P5–P95 ") == "p5_p95");
}

TEST_CASE("render json: meta first, snake_case ids as keys, numbers as numbers, null for missing", "[render]") {
  const auto json = nlohmann::json::parse(rendered(sample(), Format::json));
  CHECK(json["schema_version"] == 1);
  CHECK(json["tables"][0]["id"] == "revenue");
  CHECK(json["tables"][0]["rows"][0]["revenue"] == 33398.0);
  CHECK(json["tables"][0]["rows"][0]["quarter"] == "2025Q2");
  CHECK(json["tables"][0]["rows"][1]["margin"].is_null());
  CHECK(json["tables"][0]["columns"][2] == nlohmann::json{{"id", "margin"}, {"label", "Margin"}, {"unit", "fraction"}});
}

TEST_CASE("render markdown: pipe table with right-aligned numbers", "[render]") {
  const std::string md = rendered(sample(), Format::markdown);
  CHECK_THAT(
      md, Catch::Contains("| Quarter | Revenue (RMB m) | Margin (%) |\n|---|---:|---:|\n| 2025Q2 | 33,398 | 8.8% |"));
}

TEST_CASE("parse_format and format_from_extension", "[render]") {
  CHECK(parse_format("md") == Format::markdown);
  CHECK_THROWS_WITH(parse_format("jsn"), Catch::Contains("did you mean 'json'?"));
  CHECK(format_from_extension("out/report.csv") == Format::csv);
  CHECK(format_from_extension("out/report.xlsx") == Format::xlsx);
  CHECK(format_from_extension("r.HTML") == Format::html);
  CHECK(format_from_extension("r.htm") == Format::html);
  CHECK(format_from_extension("chart.svg") == Format::svg);
  CHECK_FALSE(format_from_extension("out/report.ods").has_value());
  // Any case (defect D: r.JSON was written as a table); no extension or a bare dot: none.
  CHECK(format_from_extension("r.JSON") == Format::json);
  CHECK(format_from_extension("r.Md") == Format::markdown);
  CHECK(format_from_extension("r.MARKDOWN") == Format::markdown);
  CHECK(format_from_extension("R.TXT") == Format::table);
  CHECK_FALSE(format_from_extension("r.jsn").has_value());
  CHECK_FALSE(format_from_extension("report").has_value());
  CHECK_FALSE(format_from_extension("report.").has_value());
  CHECK(known_extensions() ==
        std::vector<std::string>{".txt", ".csv", ".json", ".md", ".markdown", ".html", ".htm", ".svg", ".xlsx"});
  CHECK(format_extension(Format::markdown) == "md");
  CHECK(format_extension(Format::table) == "txt");
  CHECK(format_names() == std::vector<std::string>{"table", "csv", "json", "markdown", "html", "svg", "xlsx"});
}

TEST_CASE("render: a text cell wider than the terminal is wrapped inside its column", "[render]") {
  // data show's source column: one long text. fit_table cuts the 40-column table into
  // blocks led by the key (period); in the second the source gets 40 - 6 - 2 = 32
  // columns, wrapped at spaces, and the 51-character URL is cut at 32.
  Document doc;
  Table t;
  t.columns = {{"period", "", Kind::text, 0, "period", Role::period},
               {"value", "", Kind::number, 0},
               {"source", "", Kind::text, 0}};
  t.rows = {{std::string("2025Q4"), 12.0,
             std::string("Press release of the quarter https://example.com/a/very/long/path/to/the/release")}};
  doc.tables.push_back(t);
  std::ostringstream out;
  render(doc, Format::table, out, {.width = 40});
  CHECK(out.str() ==
        "period  value\n"
        "------  -----\n"
        "2025Q4     12\n"
        "\n"
        "period  source\n"
        "------  --------------------------------\n"
        "2025Q4  Press release of the quarter\n"
        "        https://example.com/a/very/long/\n"
        "        path/to/the/release\n");
  // Without a width (a pipe, a file) the cell stays whole on one line.
  std::ostringstream whole;
  render(doc, Format::table, whole);
  CHECK(whole.str().find("Press release of the quarter https://example.com/a/very/long/path/to/the/release\n") !=
        std::string::npos);
}

}  // namespace report_render_test
