#include "model/guidance.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "support/fixtures.hpp"

namespace model_guidance_test {

using namespace cloudcast;

namespace {

dataset::Guidance guide(std::string metric, Quarter first, Quarter last, double low, double high, Quarter as_of,
                        std::string given, std::string scope = "company-wide") {
  dataset::Guidance g;
  g.id = metric + "_" + given;
  g.metric = std::move(metric);
  g.first = first;
  g.last = last;
  g.low = low;
  g.high = high;
  g.unit = "USD m";
  g.scope = std::move(scope);
  g.as_of = as_of;
  g.given = std::move(given);
  return g;
}

// Capex 100 a quarter from 2024Q1; net capex reported for 2025Q2..2025Q3 at 80 (ratio
// 100 / 80 = 1.25); revenue on basis-1.
dataset::Company company_with(std::vector<dataset::Guidance> guides) {
  dataset::Company c = fixtures::company("x", "USD", 12, {2024, 1})
                           .metric("revenue", {10, 11, 12, 13, 14, 15, 16, 17})
                           .metric("capex", {100, 100, 100, 100, 100, 100, 100, 100})
                           .metric("capex_net", {80, 80}, "basis-1", Quarter{2025, 2});
  c.guidance = std::move(guides);
  return c;
}

}  // namespace

TEST_CASE("capex_measure_ratio: capex over the other measure in the last common quarters", "[guidance]") {
  const auto c = company_with({});
  CHECK(*model::capex_measure_ratio(c, "capex", {2025, 4}) == 1.0);
  CHECK(*model::capex_measure_ratio(c, "capex_net", {2025, 4}) == Approx(200.0 / 160).epsilon(1e-15));
  CHECK(!model::capex_measure_ratio(c, "capex_net", {2025, 1}));  // no common quarter yet
  CHECK(!model::capex_measure_ratio(c, "capex_incl_finance_leases", {2025, 4}));
}

TEST_CASE("engine_guidance: known guides, latest first, on the series' measure", "[guidance]") {
  const auto c = company_with({
      guide("capex", {2026, 1}, {2026, 4}, 400, 500, {2025, 4}, "2026-02-01"),      // year: midpoint 450
      guide("capex", {2026, 1}, {2026, 1}, 110, 110, {2025, 3}, "2025-10-30"),      // a quarter, given earlier
      guide("capex_net", {2027, 1}, {2027, 4}, 800, 800, {2025, 4}, "2026-02-01"),  // x 1.25 = 1000
      guide("capex", {2028, 1}, {2028, 4}, 1, 1, {2026, 1}, "2026-04-30"),          // not known in 2025Q4
      guide("revenue", {2026, 1}, {2026, 1}, 18, 20, {2025, 4}, "2026-02-01", "basis-1"),
      guide("revenue", {2026, 2}, {2026, 2}, 18, 20, {2025, 4}, "2026-02-01", "other"),  // another basis
  });
  // Timeline from 2023Q1 (T = 2025Q4 is index 11), horizon 8.
  const auto g = model::engine_guidance(c, {2023, 1}, {2025, 4}, 8, "basis-1");
  REQUIRE(g.capex.size() == 3);
  // Given 2026-02-01: the year 2026 (4 quarters) before 2027 (4 quarters, stable order);
  // then the 2025-10-30 quarter guide, which only fills what the year left open.
  CHECK(g.capex[0].first == 12);
  CHECK(g.capex[0].last == 15);
  CHECK(g.capex[0].total == 450);
  CHECK(g.capex[1].first == 16);
  CHECK(g.capex[1].total == Approx(1000).epsilon(1e-15));
  CHECK(g.capex[2].first == 12);
  CHECK(g.capex[2].last == 12);
  REQUIRE(g.revenue.size() == 8);
  CHECK(g.revenue[0] == 19);
  CHECK(std::isnan(g.revenue[1]));
}

}  // namespace model_guidance_test
