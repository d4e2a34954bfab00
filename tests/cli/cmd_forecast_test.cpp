// `cloudcast forecast --format json` on the built-in data, through the CLI library:
// the JSON contract's identities hold in every projected quarter of every shipped scenario.
#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>

#include "support/run_cli.hpp"

namespace cli_cmd_forecast_test {

namespace {

using cloudcast::testing::Captured;
using cloudcast::testing::run_cli;

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

TEST_CASE("forecast --format json: identities hold for every shipped scenario", "[cli][forecast]") {
  for (const char* scenario : {"base", "bull", "bear", "obsolescence", "price-war"}) {
    const Captured r = run_cli({"forecast", "--scenario", scenario, "--format", "json"});
    REQUIRE(r.code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["scenario"] == scenario);
    REQUIRE(j["companies"].size() == 4);
    for (const auto& c : j["companies"]) {
      int actual = 0;
      for (const auto& q : c["quarters"]) {
        if (q["actual"].get<bool>()) {
          ++actual;
          continue;
        }
        INFO(scenario << " " << c["id"] << " " << q["period"]);
        const double revenue = q["revenue"], oi = q["operating_income"], dep = q["depreciation"];
        CHECK(close(oi, revenue - q["variable_cost"].get<double>() - q["capacity_cost"].get<double>() - dep));
        CHECK(close(q["free_cash_flow"], oi + dep - q["capex"].get<double>()));
        CHECK(close(q["operating_margin"], oi / revenue));
        CHECK(close(revenue, q["core_revenue"].get<double>() + q["ai_revenue"].get<double>()));
        CHECK(q["utilization"].get<double>() <= 1.0);
      }
      CHECK(actual >= 4);
    }
  }
}

TEST_CASE("forecast: same input, same bytes", "[cli][forecast]") {
  const Captured a = run_cli({"forecast", "--format", "json"});
  const Captured b = run_cli({"forecast", "--format", "json"});
  REQUIRE(a.code == 0);
  CHECK(a.out == b.out);
}

TEST_CASE("forecast: a horizon of 10 million is a usage error", "[cli][forecast]") {
  const Captured r = run_cli({"forecast", "--horizon", "10000000"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--horizon: expected an integer in [1, 40], got '10000000'") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("compare: the main report lines companies up in USD", "[cli][compare]") {
  const Captured r = run_cli({"compare", "--format", "csv"});
  REQUIRE(r.code == 0);
  CHECK(r.out.find("USD m") != std::string::npos);
  CHECK(run_cli({"compare", "--currency", "EUR"}).code == 2);
  CHECK(run_cli({"compare", "--metric", "margin"}).code == 2);
}

namespace {

nlohmann::json forecast_json(const char* scenario) {
  const Captured r = run_cli({"forecast", "--scenario", scenario, "--format", "json"});
  REQUIRE(r.code == 0);
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("forecast on the built-in data: obsolescence and price-war against base", "[cli][forecast]") {
  const auto base = forecast_json("base"), obs = forecast_json("obsolescence"), war = forecast_json("price-war");
  for (std::size_t c = 0; c < base["companies"].size(); ++c) {
    const auto& b = base["companies"][c]["quarters"];
    const auto& o = obs["companies"][c]["quarters"];
    const auto& w = war["companies"][c]["quarters"];
    int projected = 0;
    for (std::size_t k = 0; k < b.size(); ++k) {
      if (b[k]["actual"].get<bool>()) continue;
      ++projected;
      INFO(base["companies"][c]["id"] << " " << b[k]["period"]);
      CHECK(w[k]["ai_revenue"].get<double>() < b[k]["ai_revenue"].get<double>());
      // base's in-service lag is 2 quarters: from the third projected quarter on.
      if (projected > 2) {
        CHECK(o[k]["depreciation"].get<double>() > b[k]["depreciation"].get<double>());
        CHECK(o[k]["operating_margin"].get<double>() < b[k]["operating_margin"].get<double>());
      }
    }
  }
}

TEST_CASE("forecast on the built-in data: Alibaba's FY2026-FY2028 capex sums to its RMB 380 bn guide",
          "[cli][forecast]") {
  const auto j = forecast_json("base");
  const auto& alibaba = j["companies"][0];
  REQUIRE(alibaba["id"] == "alibaba");
  double sum = 0;
  for (const auto& q : alibaba["quarters"]) {
    const std::string p = q["period"];
    // The guide covers Alibaba's fiscal years 2026-2028: calendar 2025Q2..2028Q1.
    if (p >= "2025Q2" && p <= "2028Q1") sum += q["capex"].get<double>();  // "YYYYQn" sorts as text
    if (p == "2025Q2") CHECK(q["capex"] == 38676.0);                      // reported group capex
    if (p == "2025Q4") CHECK(q["capex_basis"] == "guidance");             // never reported: its share of the guide
  }
  CHECK(sum == Approx(380000).epsilon(1e-12));  // identity up to rounding
}

TEST_CASE("forecast on the built-in data: the first projected quarter follows on", "[cli][forecast]") {
  for (const char* scenario : {"base", "bull", "bear", "obsolescence", "price-war"}) {
    const auto j = forecast_json(scenario);
    for (const auto& c : j["companies"]) {
      const auto& q = c["quarters"];
      std::size_t first = 0;
      while (q[first]["actual"].get<bool>()) ++first;
      INFO(scenario << " " << c["id"]);
      const double r0 = q[first - 1]["revenue"], r1 = q[first]["revenue"];
      CHECK(std::abs(r1 / r0 - 1) < 0.15);  // one quarter of growth, no level jump
      CHECK(std::abs(q[first]["operating_margin"].get<double>() - q[first - 1]["operating_margin"].get<double>()) <
            0.06);
      CHECK(c["calibration"]["max_margin_error"].get<double>() <= c["calibration"]["tolerance"].get<double>());
    }
  }
}

}  // namespace cli_cmd_forecast_test
