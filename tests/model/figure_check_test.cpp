#include "model/figure_check.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/scenario.hpp"
#include "support/fixtures.hpp"

using namespace cloudcast;

namespace {

// A made-up company "x" (USD m, calendar fiscal year): 8 quarters 2024Q1..2025Q4 of
// revenue, operating income 20 % of it, no capex. Observation i is x.json:/observations/i
// (revenue 0..7, then operating income 8..15).
dataset::Dataset company_x(std::vector<double> revenue) {
  std::vector<double> oi;
  for (double r : revenue) oi.push_back(0.2 * r);
  return fixtures::dataset(
      {fixtures::company("x", "USD", 12, {2024, 1}).metric("revenue", revenue).metric("operating_income", oi)});
}

model::Projection run(const dataset::Dataset& data, const std::string& scenario, int horizon) {
  return model::project(data, model::parse_scenario(scenario, "s.json", data), {.horizon = horizon});
}

}  // namespace

TEST_CASE("figures: a driver that compounds past 1e12 m is named with its place", "[figure_check]") {
  // Flat history (seasonal factors 1), no AI: revenue_h = 100,000 x 6^(h/4) under a stated
  // core growth of +500 % a year. 6^(35/4) = 6.44e6 keeps h = 35 at 6.4e11; 6^(36/4) = 6^9
  // = 10,077,696 takes h = 36 (2034Q4) to 1.0078e12, the first figure beyond 1e12.
  const auto data = company_x(std::vector<double>(8, 100000));
  const std::string s = R"({"companies": {"x": {"ai_share": 0, "core_growth": 5}}})";
  CHECK_NOTHROW(run(data, s, 35));
  CHECK_THROWS_MATCHES(run(data, s, 40), DataError,
                       Catch::Message("company x, 2034Q4 revenue: projected 1.01e+12 USD m; expected a finite figure "
                                      "of at most 1e+12 USD m in absolute value; caused by "
                                      "s.json:/companies/x/core_growth = 5 (at its default \"baseline\" the "
                                      "projection stays within bounds)"));
}

TEST_CASE("figures: two drivers that each suffice are named together with the data", "[figure_check]") {
  // Reset core_growth to the (flat) baseline and core_growth_shift still compounds +500 %
  // a year; reset the shift and core_growth does: no single driver is the cause.
  const auto data = company_x(std::vector<double>(8, 100000));
  const std::string s = R"({"companies": {"x": {"ai_share": 0, "core_growth": 5, "core_growth_shift": 5}}})";
  CHECK_THROWS_WITH(run(data, s, 40),
                    Catch::Contains("; caused by x.json with the scenario's drivers together (no single driver reset "
                                    "to its default brings the projection within bounds)"));
}

TEST_CASE("figures: an implausible observation is named before any driver", "[figure_check]") {
  // The data checks refuse 1e300 at loading; a dataset built in code reaches the engine,
  // whose log-linear trend through it overflows in the first projected quarter.
  std::vector<double> revenue(8, 100);
  revenue[7] = 1e300;
  const auto data = company_x(revenue);
  CHECK_THROWS_WITH(run(data, R"({"companies": {"x": {"ai_share": 0}}})", 4),
                    Catch::StartsWith("company x, 2026Q1 revenue: projected ") &&
                        Catch::EndsWith("; caused by x.json:/observations/7/value: revenue 2025Q4 = 1e+300 USD m is "
                                        "beyond 1e+09 USD m; expected a figure in millions (more than world output "
                                        "in a quarter is a slip)"));
}

TEST_CASE("figures: every figure of a sound path passes", "[figure_check]") {
  const auto data = company_x({100, 104, 108, 112, 116, 120, 124, 128});
  const model::Scenario s = model::parse_scenario(R"({"companies": {"x": {"ai_share": 0.1}}})", "s.json", data);
  const auto c = model::calibrate(data.companies[0], s.company("x"), {.horizon = 40});
  model::PathWorkspace ws(40);
  model::project_path(c, s.company("x"), ws);
  CHECK_FALSE(model::first_bad_figure(ws, 40, 1.0));
  ws.operating_margin[39] = -1001;  // a margin of -100,100 %: a collapsed denominator
  const auto bad = model::first_bad_figure(ws, 40, 1.0);
  REQUIRE(bad);
  CHECK(bad->h == 40);
  CHECK(bad->metric->id == "operating_margin");
  ws.capex[2] = std::numeric_limits<double>::quiet_NaN();  // earlier quarter, and NaN is never within bounds
  CHECK(model::first_bad_figure(ws, 40, 1.0)->h == 3);
}

TEST_CASE("engine errors name the company and the observation", "[figure_check]") {
  SECTION("a revenue of 0 in the history the baseline is fitted to") {
    const auto data = company_x({100, 100, 0, 100, 100, 100, 100, 100});
    CHECK_THROWS_MATCHES(run(data, "{}", 4), DataError,
                         Catch::Message("x.json:/observations/2/value: company x: revenue 2024Q3 is 0 USD m; expected "
                                        "a positive revenue to fit the baseline to"));
  }
  SECTION("no quarter with both revenue and operating income") {
    const auto thin = fixtures::dataset({fixtures::company("thin", "USD", 12, {2025, 1}).metric("revenue", {1, 2, 3})});
    CHECK_THROWS_MATCHES(run(thin, "{}", 4), DataError,
                         Catch::Message("thin.json: company thin: no quarter with both revenue and operating_income; "
                                        "expected at least 2"));
  }
  SECTION("a baseline model that needs more history than the company has") {
    const auto data = company_x(std::vector<double>(8, 100));
    const auto s = model::parse_scenario("{}", "s.json", data);
    CHECK_THROWS_MATCHES(model::project(data, s, {.horizon = 4, .baseline_model = "comb_edt"}), DataError,
                         Catch::Message("x.json: company x: baseline: model comb_edt needs at least 10 contiguous "
                                        "quarters of revenue; the history has 8 (choose another --model, e.g. trend)"));
  }
  SECTION("an AI back-cast larger than a quarter's revenue") {
    // AI 90 % of revenue 100 in 2025Q4, shrinking 50 % a year: backed out to 2024Q1 it is
    // 90 x 2^(7/4) = 302.7, leaving core 100 - 302.7 = -203.
    const auto data = company_x(std::vector<double>(8, 100));
    CHECK_THROWS_MATCHES(
        run(data, R"({"companies": {"x": {"ai_share": 0.9, "ai_volume_growth": -0.5, "ai_price_change": 0}}})", 4),
        DataError,
        Catch::Message("x.json:/observations/0/value: company x: revenue 2024Q1: AI revenue backed out at a 90.0 % "
                       "share in 2025Q4 growing -50 % a year leaves core revenue -203; expected a positive core (lower "
                       "ai_share or raise the AI growth drivers)"));
  }
}
