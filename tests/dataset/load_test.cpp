#include "cloudcast/dataset/load.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <fstream>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace dataset_load_test {

using namespace cloudcast;
using namespace cloudcast::dataset;
using Catch::Contains;

namespace {

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
  CHECK(find(alibaba, "capex", Quarter{2025, 2}, "group").value == 38676);  // RMB 38.7 bn, S138
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

TEST_CASE("find_company: unknown ids are usage errors with a suggestion", "[load]") {
  const Dataset data = load_builtin_dataset();
  CHECK_THROWS_AS(find_company(data, "alibba"), UsageError);
  CHECK_THROWS_WITH(find_company(data, "alibba"), Contains("did you mean 'alibaba'?"));
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

}  // namespace dataset_load_test
