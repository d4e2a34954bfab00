// --period through the command line, in process, on the built-in data: the years are the
// sums of the quarters the same command shows with --period quarter.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "support/run_cli.hpp"

namespace cli_period_option_test {

using Catch::Matchers::Contains;
using cloudcast::testing::Captured;
using cloudcast::testing::run_cli;

namespace {

const nlohmann::json& table(const nlohmann::json& doc, const std::string& id) {
  for (const auto& t : doc["tables"])
    if (t["id"] == id) return t;
  FAIL("no table " << id);
  throw;
}

const nlohmann::json& row(const nlohmann::json& t, const std::string& period) {
  for (const auto& r : t["rows"])
    if (r["period"] == period) return r;
  FAIL("no row " << period);
  throw;
}

}  // namespace

TEST_CASE("cli --period fy: compare's fiscal years are the sums of their quarters", "[cli][period]") {
  const std::vector<std::string> common{
      "compare", "-H", "8", "--format", "json", "--metric", "revenue,operating_income,operating_margin"};
  auto args = common;
  const Captured quarterly = run_cli(args);
  args.insert(args.end(), {"--period", "fy"});
  const Captured yearly = run_cli(args);
  REQUIRE(quarterly.code == 0);
  REQUIRE(yearly.code == 0);
  const auto q = nlohmann::json::parse(quarterly.out), y = nlohmann::json::parse(yearly.out);
  CHECK(y["period"] == "fy");
  // Microsoft's FY2027 runs July 2026 to June 2027: calendar 2026Q3..2027Q2.
  double revenue = 0, income = 0;
  for (const char* p : {"2026Q3", "2026Q4", "2027Q1", "2027Q2"}) {
    revenue += row(table(q, "revenue"), p)["microsoft"].get<double>();
    income += row(table(q, "operating_income"), p)["microsoft"].get<double>();
  }
  CHECK(row(table(y, "revenue"), "FY2027")["microsoft"].get<double>() == Approx(revenue).epsilon(1e-12));
  CHECK(row(table(y, "operating_margin"), "FY2027")["microsoft"].get<double>() ==
        Approx(income / revenue).epsilon(1e-12));
  // Alibaba's FY2027 runs April 2026 to March 2027: calendar 2026Q2..2027Q1.
  revenue = 0;
  for (const char* p : {"2026Q2", "2026Q3", "2026Q4", "2027Q1"})
    revenue += row(table(q, "revenue"), p)["alibaba"].get<double>();
  CHECK(row(table(y, "revenue"), "FY2027")["alibaba"].get<double>() == Approx(revenue).epsilon(1e-12));
}

TEST_CASE("cli --period cy: forecast's years in the table and the JSON, partial years marked", "[cli][period]") {
  const Captured table_out = run_cli({"forecast", "-c", "amazon", "-H", "6", "--period", "cy"});
  REQUIRE(table_out.code == 0);
  CHECK_THAT(table_out.out, Contains(", by calendar year\n"));
  CHECK_THAT(table_out.out, Contains("partial"));
  const Captured json_out = run_cli({"forecast", "-c", "amazon", "-H", "6", "--period", "cy", "--format", "json"});
  REQUIRE(json_out.code == 0);
  const auto j = nlohmann::json::parse(json_out.out);
  CHECK(j["period"] == "cy");
  const auto& company = j["companies"][0];
  REQUIRE(company["years"].is_array());
  // Every year's revenue is the sum of its quarters; a year with fewer than four is partial.
  for (const auto& year : company["years"]) {
    double sum = 0;
    int n = 0;
    for (const auto& quarter : company["quarters"]) {
      const std::string p = quarter["period"];
      if (p.substr(0, 4) != year["label"].get<std::string>().substr(2)) continue;
      sum += quarter["revenue"].get<double>();
      ++n;
    }
    CHECK(year["quarters"] == n);
    CHECK(year["partial"] == (n < 4));
    CHECK(year["revenue"].get<double>() == Approx(sum).epsilon(1e-12));
  }
  // Without --period the JSON keeps its keys: older baselines stay comparable.
  const Captured plain = run_cli({"forecast", "-c", "amazon", "-H", "6", "--format", "json"});
  CHECK_FALSE(nlohmann::json::parse(plain.out).contains("period"));
}

TEST_CASE("cli --period: an unknown value is a usage error before any work", "[cli][period]") {
  const Captured r = run_cli({"forecast", "--period", "year"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == "cloudcast: error: --period: unknown period 'year'; expected quarter, cy or fy\n");
  CHECK(run_cli({"compare", "--period", "FY"}).code == 2);
}

}  // namespace cli_period_option_test
