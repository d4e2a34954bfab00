// company_file.cpp: parse_company and the field reader's messages.
#include "cloudcast/dataset/load.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"

namespace dataset_company_file_test {

using namespace cloudcast;
using namespace cloudcast::dataset;
using Catch::Contains;

namespace {

// A minimal valid company file with one observation whose fields can be replaced.
// (fmt rather than string concatenation: GCC 12 raises a false -Wrestrict on the latter.)
std::string company_json(const std::string& observation, const std::string& currency = "\"CNY\"") {
  return fmt::format(R"({{"schema_version": 1, "id": "alibaba", "name": "Alibaba Group", "segment": "CIG", )"
                     R"("currency": {}, "fiscal_year_end_month": 3, "observations": [{}]}})",
                     currency, observation);
}

std::string observation(const std::string& value = "33398", const std::string& metric = "\"revenue\"",
                        const std::string& period = "\"2025Q2\"") {
  return fmt::format(R"({{"period": {}, "fiscal_period": "FY2026Q1", "metric": {}, "value": {}, "unit": "RMB m", )"
                     R"("basis": "reported", "segment_basis": "cig-2023", "confidence": "sourced", "source": "S131"}})",
                     period, metric, value);
}

}  // namespace

TEST_CASE("parse_company: each kind of bad input names file, place and expectation", "[load]") {
  const std::string f = "bad.json";
  SECTION("empty file") {
    CHECK_THROWS_WITH(parse_company("  \n", f), "bad.json:1:1: empty file; expected a company file (a JSON object)");
  }
  SECTION("broken JSON gives line and column") {
    CHECK_THROWS_WITH(parse_company("{\n  \"id\": \"x\",\n  \"name\": ,\n}", f),
                      Contains("bad.json:3:11: invalid JSON"));
  }
  SECTION("wrong type") {
    CHECK_THROWS_WITH(parse_company(company_json(observation("\"abc\"")), f),
                      "bad.json:/observations/0/value: expected a finite number, got \"abc\"");
  }
  SECTION("NaN as a string") {
    CHECK_THROWS_WITH(parse_company(company_json(observation("\"NaN\"")), f),
                      "bad.json:/observations/0/value: expected a finite number, got \"NaN\"");
  }
  SECTION("infinity from an overflowing literal") {
    CHECK_THROWS_WITH(parse_company(company_json(observation("1e999")), f),
                      Contains("bad.json:1:227: number 1e999 is out of range; expected a finite number"));
  }
  SECTION("missing field") {
    CHECK_THROWS_WITH(parse_company(R"({"schema_version": 1, "id": "a", "name": "A", "segment": "S", "currency": "USD",
                                        "fiscal_year_end_month": 12})",
                                    f),
                      "bad.json:/: missing field \"observations\"");
  }
  SECTION("negative revenue") {
    CHECK_THROWS_WITH(parse_company(company_json(observation("-5")), f),
                      "bad.json:/observations/0/value: negative revenue -5 RMB m; expected a value >= 0");
  }
  SECTION("negative operating income is allowed") {
    CHECK(parse_company(company_json(observation("-5", "\"operating_income\"")), f).observations[0].value == -5);
  }
  SECTION("duplicate quarter") {
    CHECK_THROWS_WITH(parse_company(company_json(fmt::format("{},{}", observation(), observation("1"))), f),
                      Contains("bad.json:/observations/1: duplicate revenue (cig-2023) for 2025Q2, first at "
                               "/observations/0"));
  }
  SECTION("unknown metric") {
    CHECK_THROWS_WITH(parse_company(company_json(observation("1", "\"revnue\"")), f),
                      Contains("bad.json:/observations/0/metric: unknown metric 'revnue'"));
    CHECK_THROWS_WITH(parse_company(company_json(observation("1", "\"revnue\"")), f),
                      Contains("did you mean 'revenue'?"));
  }
  SECTION("unknown currency") {
    CHECK_THROWS_WITH(parse_company(company_json(observation(), "\"EUR\""), f),
                      Contains("bad.json:/currency: unknown currency 'EUR'"));
  }
  SECTION("unit that does not fit the currency") {
    CHECK_THROWS_WITH(parse_company(company_json(observation(), "\"USD\""), f),
                      Contains("bad.json:/observations/0/unit: unit \"RMB m\" does not fit revenue of a USD company; "
                               "expected \"USD m\""));
  }
  SECTION("bad quarter") {
    CHECK_THROWS_WITH(parse_company(company_json(observation("1", "\"revenue\"", "\"2025Q5\"")), f),
                      Contains("bad.json:/observations/0/period: expected a calendar quarter such as \"2025Q2\""));
  }
  SECTION("duplicate key") {
    // company_json puts 145 bytes before the observation: its keys open at 146 + 22 and 146 + 34.
    CHECK_THROWS_WITH(parse_company(company_json(R"({"period": "2025Q2", "value": 1, "value": 2})"), f),
                      "bad.json:1:180: duplicate key \"value\" at /observations/0/value (first at 1:168); expected "
                      "each key once per object");
    CHECK_THROWS_WITH(parse_company(R"({"id": "a", "notes": [1, {"x": [2, 3]}, {"y": 1, "y": 2}]})", f),
                      "bad.json:1:50: duplicate key \"y\" at /notes/2/y (first at 1:42); expected each key once per "
                      "object");
  }
  SECTION("misspelt key") {
    CHECK_THROWS_WITH(parse_company(R"({"schema_version": 1, "id": "a", "nme": "A"})", f),
                      Contains("bad.json:/nme: unknown key 'nme'"));
  }
  SECTION("a long unknown key is quoted as an excerpt, in the pointer too") {
    const std::string key(5000, 'k');
    const std::string cut = std::string(40, 'k') + "...";
    CHECK_THROWS_WITH(parse_company(R"({"schema_version": 1, ")" + key + R"(": 1})", f),
                      Contains("bad.json:/" + cut + ": unknown key '" + cut + "'; expected one of schema_version,"));
  }
  SECTION("a list element is placed by its index") {  // was /notes~10 (issue 11, J)
    CHECK_THROWS_WITH(parse_company(R"({"schema_version": 1, "id": "a", "name": "A", "segment": "S", "currency": "USD",
                                        "fiscal_year_end_month": 12, "notes": ["ok", 1]})",
                                    f),
                      "bad.json:/notes/1: expected a string, got 1");
  }
  SECTION("not an object") {
    CHECK_THROWS_WITH(parse_company("[1, 2]", f), "bad.json:/: expected a company file (a JSON object), got an array");
  }
  SECTION("wrong schema version") {
    CHECK_THROWS_WITH(parse_company(R"({"schema_version": 2})", f),
                      "bad.json:/schema_version: unsupported schema_version 2; expected 1");
  }
  CHECK_THROWS_AS(parse_company("", f), DataError);
}

}  // namespace dataset_company_file_test
