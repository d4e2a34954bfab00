#include "cloudcast/dataset/load.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <fstream>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

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

const Observation& find(const Company& company, std::string_view metric, Quarter q, std::string_view basis) {
  for (const Observation& obs : company.observations)
    if (obs.metric == metric && obs.period == q && obs.segment_basis == basis) return obs;
  FAIL("no observation " << metric << " " << q.to_string() << " " << basis);
  throw std::logic_error("unreachable");
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace

TEST_CASE("load_builtin_dataset: the reference article's Alibaba figures", "[load]") {
  const Dataset data = load_builtin_dataset();
  REQUIRE(data.companies.size() == 4);
  CHECK(data.origin == "built-in");
  const Company& alibaba = find_company(data, "alibaba");
  CHECK(alibaba.currency == "CNY");
  CHECK(alibaba.fiscal_year_end_month == 3);
  const Observation& revenue = find(alibaba, "revenue", Quarter{2025, 2}, "cig-2023");
  CHECK(revenue.value == 33398);  // RMB 33.4 bn, S131
  CHECK(revenue.unit == "RMB m");
  CHECK(revenue.fiscal_period == "FY2026Q1");
  CHECK(revenue.basis == Basis::reported);
  CHECK(revenue.confidence == Confidence::sourced);
  CHECK(revenue.origin.rfind("data/companies/alibaba.json:/observations/", 0) == 0);
  CHECK(find(alibaba, "capex", Quarter{2025, 2}, "group").value == 38676);      // RMB 38.7 bn, S138
  // RMB 31.8 bn in millions: recalled in the reference file, confirmed by a data/sources/ row (now sourced).
  CHECK(find(alibaba, "capex", Quarter{2024, 4}, "group").value == 31800);
  CHECK(find(alibaba, "capex", Quarter{2024, 4}, "group").confidence == Confidence::sourced);
  CHECK(find(alibaba, "capex", Quarter{2025, 1}, "group").confidence == Confidence::recalled);  // RMB 24.6 bn
  CHECK(find(alibaba, "revenue_growth_yoy", Quarter{2025, 2}, "cig-2023").value == 26);
}

TEST_CASE("load_builtin_dataset: companies, fiscal years and FX are as documented", "[load]") {
  const Dataset data = load_builtin_dataset();
  CHECK(find_company(data, "microsoft").fiscal_year_end_month == 6);
  CHECK(find_company(data, "amazon").fiscal_year_end_month == 12);
  CHECK(find_company(data, "google").currency == "USD");
  // Microsoft's consistent series: restated FY2024 Q3 comparative from the FY2025 Q3 release.
  const Observation& restated = find(find_company(data, "microsoft"), "revenue", Quarter{2024, 1}, "ic-fy2025");
  CHECK(restated.value == 22141);
  CHECK(restated.basis == Basis::restated);
  // Azure growth changes definition with FY2025 (calendar 2024Q3): two segment bases.
  const Company& microsoft = find_company(data, "microsoft");
  CHECK(find(microsoft, "azure_growth_yoy", Quarter{2024, 2}, "azure-pre-fy2025").value == 29);
  CHECK(find(microsoft, "azure_growth_yoy", Quarter{2024, 3}, "azure-fy2025").value == 33);
  REQUIRE(data.fx.size() == 9);
  for (const FxRate& rate : data.fx) CHECK(rate.kind == "period_end");
  CHECK(data.fx.front().period == Quarter{2022, 2});
  CHECK(data.fx.front().cny_per_usd == 6.698);
  CHECK(std::is_sorted(data.fx.begin(), data.fx.end(), [](auto& a, auto& b) { return a.period < b.period; }));
}

TEST_CASE("inputs_digest: stable, order-free, and moved by any byte", "[load]") {
  const std::vector<InputFile> a{{"fx.json", "", "{}"}, {"companies/x.json", "", "abc"}};
  const std::vector<InputFile> b{{"companies/x.json", "", "abc"}, {"fx.json", "", "{}"}};
  const std::vector<InputFile> c{{"companies/x.json", "", "abd"}, {"fx.json", "", "{}"}};
  CHECK(inputs_digest(a) == inputs_digest(b));
  CHECK(inputs_digest(a) != inputs_digest(c));
  CHECK(inputs_digest(a).size() == 16);
  // FNV-1a 64 of the empty input is the offset basis.
  CHECK(inputs_digest({}) == "cbf29ce484222325");
  CHECK(load_builtin_dataset().digest == load_builtin_dataset().digest);
}

TEST_CASE("find_company: unknown ids are usage errors with a suggestion", "[load]") {
  const Dataset data = load_builtin_dataset();
  CHECK_THROWS_AS(find_company(data, "alibba"), UsageError);
  CHECK_THROWS_WITH(find_company(data, "alibba"), Contains("did you mean 'alibaba'?"));
}

TEST_CASE("parse_company: each kind of bad input names file, place and expectation", "[load]") {
  const std::string f = "bad.json";
  SECTION("empty file") {
    CHECK_THROWS_WITH(parse_company("  \n", f), "bad.json:1:1: empty file; expected a company file (a JSON object)");
  }
  SECTION("broken JSON gives line and column") {
    CHECK_THROWS_WITH(parse_company("{\n  \"id\": \"x\",\n  \"name\": ,\n}", f), Contains("bad.json:3:11: invalid JSON"));
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
    CHECK_THROWS_WITH(parse_company(company_json(observation("1", "\"revnue\"")), f), Contains("did you mean 'revenue'?"));
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
  SECTION("a list element is placed by its index") {  // was /notes~10 (issue 11, J)
    CHECK_THROWS_WITH(parse_company(R"({"schema_version": 1, "id": "a", "name": "A", "segment": "S", "currency": "USD",
                                        "fiscal_year_end_month": 12, "notes": ["ok", 1]})",
                                    f),
                      "bad.json:/notes/1: expected a string, got 1");
  }
  SECTION("nesting deeper than the reader's limit") {
    const std::string deep = std::string(100000, '[') + std::string(100000, ']');
    CHECK_THROWS_WITH(parse_fx(deep, "fx.json"),
                      Catch::Matchers::StartsWith("fx.json:1:65: nesting deeper than 64 levels"));
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

TEST_CASE("load_dataset_dir: a folder replaces the built-in data, I/O errors are IoError", "[load]") {
  testing::TempDir dir;
  const Dataset builtin = load_builtin_dataset();
  for (const InputFile& file : builtin_inputs()) write(dir.path() / file.name, file.bytes);
  const Dataset copy = load_dataset_dir(dir.path());
  CHECK(copy.companies.size() == 4);
  CHECK(copy.digest == builtin.digest);  // same bytes, same names: same digest
  CHECK(copy.origin == dir.path().string());

  SECTION("a company file whose id differs from its name") {
    write(dir.path() / "companies" / "alibaba2.json", builtin_inputs()[0].bytes);
    CHECK_THROWS_WITH(load_dataset_dir(dir.path()), Contains("alibaba2.json:/id: company id \"alibaba\" differs"));
  }
  SECTION("a missing folder") { CHECK_THROWS_AS(load_dataset_dir(dir.path() / "nope"), IoError); }
  SECTION("fx.json that is a directory") {
    std::filesystem::remove(dir.path() / "fx.json");
    std::filesystem::create_directory(dir.path() / "fx.json");
    CHECK_THROWS_AS(load_dataset_dir(dir.path()), IoError);
    CHECK_THROWS_WITH(load_dataset_dir(dir.path()), Contains("is a directory"));
  }
  SECTION("an error found by validate() stops the load") {
    // Relabel Alibaba's 2025Q2 (FY2026Q1) as FY2025Q1: same length, so a byte copy.
    std::string text = builtin_inputs()[0].bytes;
    const auto at = text.find("\"fiscal_period\": \"FY2026Q1\"");
    REQUIRE(at != std::string::npos);
    text[at + 23] = '5';
    write(dir.path() / "companies" / "alibaba.json", text);
    CHECK_THROWS_AS(load_dataset_dir(dir.path()), DataError);
    CHECK_THROWS_WITH(load_dataset_dir(dir.path()), Contains("expected \"FY2026Q1\""));
  }
}

TEST_CASE("parse_fx: rates must be positive, one per quarter", "[load]") {
  const std::string head = R"({"schema_version": 1, "pair": "CNY per USD", "rates": [)";
  const std::string rate =
      R"({"period": "2025Q2", "value": 7.1636, "kind": "period_end", "basis": "derived", "confidence": "sourced", "source": "S180"})";
  CHECK(parse_fx(fmt::format("{}{}]}}", head, rate), "fx.json").rates.size() == 1);
  CHECK_THROWS_WITH(parse_fx(fmt::format("{}{},{}]}}", head, rate, rate), "fx.json"),
                    Contains("fx.json:/rates/1: duplicate"));
  const std::string zero =
      R"({"period": "2025Q2", "value": 0, "kind": "period_end", "basis": "derived", "confidence": "sourced", "source": "S180"})";
  CHECK_THROWS_WITH(parse_fx(fmt::format("{}{}]}}", head, zero), "fx.json"),
                    Contains("fx.json:/rates/0/value: CNY per USD 0"));
}
