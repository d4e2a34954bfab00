#include "cloudcast/report/render.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "cloudcast/error.hpp"

using namespace cloudcast::report;

namespace {

Document sample() {
  Table table{.title = "Revenue",
              .columns = {{"Quarter", "", Kind::text, 0}, {"Revenue", "RMB m", Kind::number, 0},
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

TEST_CASE("render csv: full precision, units in headers, empty missing cells", "[render]") {
  CHECK(rendered(sample(), Format::csv) ==
        "Quarter,Revenue (RMB m),Margin (%)\n"
        "2025Q2,33398,0.0884\n"
        "2025Q3,-1234.5,\n");
}

TEST_CASE("render json: meta first, numbers as numbers, null for missing", "[render]") {
  const auto json = nlohmann::json::parse(rendered(sample(), Format::json));
  CHECK(json["schema_version"] == 1);
  CHECK(json["tables"][0]["rows"][0]["Revenue"] == 33398.0);
  CHECK(json["tables"][0]["rows"][1]["Margin"].is_null());
}

TEST_CASE("render markdown: pipe table with right-aligned numbers", "[render]") {
  const std::string md = rendered(sample(), Format::markdown);
  CHECK_THAT(md, Catch::Contains("| Quarter | Revenue (RMB m) | Margin (%) |\n|---|---:|---:|\n| 2025Q2 | 33,398 | 8.8% |"));
}

TEST_CASE("parse_format and format_from_extension", "[render]") {
  CHECK(parse_format("md") == Format::markdown);
  CHECK_THROWS_WITH(parse_format("jsn"), Catch::Contains("did you mean 'json'?"));
  CHECK(format_from_extension("out/report.csv") == Format::csv);
  CHECK_FALSE(format_from_extension("out/report.xlsx").has_value());
  // Any case (defect D: r.JSON was written as a table); no extension or a bare dot: none.
  CHECK(format_from_extension("r.JSON") == Format::json);
  CHECK(format_from_extension("r.Md") == Format::markdown);
  CHECK(format_from_extension("r.MARKDOWN") == Format::markdown);
  CHECK(format_from_extension("R.TXT") == Format::table);
  CHECK_FALSE(format_from_extension("r.jsn").has_value());
  CHECK_FALSE(format_from_extension("report").has_value());
  CHECK_FALSE(format_from_extension("report.").has_value());
  CHECK(known_extensions() == std::vector<std::string>{".txt", ".csv", ".json", ".md", ".markdown"});
  CHECK(format_extension(Format::markdown) == "md");
  CHECK(format_extension(Format::table) == "txt");
  CHECK(format_names() == std::vector<std::string>{"table", "csv", "json", "markdown"});
}
