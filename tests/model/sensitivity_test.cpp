#include "cloudcast/model/sensitivity.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"
#include "support/fixtures.hpp"

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

}  // namespace

TEST_CASE("sensitivity: useful life tops the tornado of Alibaba's 2027 margin under obsolescence", "[sensitivity]") {
  // Under obsolescence every driver is a number, so each moves +-20 %: a 3-year life
  // becomes 2.4 or 3.6 years, which reprices the depreciation of the whole RMB 380 bn
  // build-out; nothing else moves the margin as much (docs/model.md, Uncertainty).
  const Scenario s = load_scenario("obsolescence", data());
  const Sensitivity r = analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4"});
  REQUIRE(!r.tornado.empty());
  CHECK(r.tornado[0].driver.name == "alibaba.useful_life");
  CHECK(r.tornado[0].output_low < r.base_output);   // a shorter life, a lower margin
  CHECK(r.tornado[0].output_high > r.base_output);
  for (std::size_t i = 1; i < r.tornado.size(); ++i) CHECK(r.tornado[i - 1].swing >= r.tornado[i].swing);
  CHECK(!r.two_way);
}

TEST_CASE("sensitivity: distributions move to P10/P90, and two drivers give a grid", "[sensitivity]") {
  const Scenario s = load_scenario("base-uncertain", data());
  const Sensitivity r = analyse_sensitivity(
      data(), s, {.metric = "alibaba.operating_margin@2027Q4", .vary = {"useful_life", "alibaba.ai_price_change"}, .grid = 3});
  REQUIRE(r.tornado.size() == 2);
  const auto& life = r.tornado[0].driver.name == "alibaba.useful_life" ? r.tornado[0] : r.tornado[1];
  // triangular(3, 5, 6): P10 = 3 + sqrt(0.1 * 3 * 2), P90 = 6 - sqrt(0.1 * 3 * 1).
  CHECK(life.driver.low == Approx(3 + std::sqrt(0.6)).epsilon(1e-12));
  CHECK(life.driver.high == Approx(6 - std::sqrt(0.3)).epsilon(1e-12));
  REQUIRE(r.two_way);
  CHECK(r.two_way->outputs.size() == 9);
  // The grid spans each driver's low..high; its middle point is both drivers at the
  // midpoint of their range.
  CHECK(r.two_way->row_values.front() == life.driver.low);
  CHECK(r.two_way->row_values.back() == life.driver.high);
}

TEST_CASE("sensitivity: bad requests are usage errors", "[sensitivity]") {
  const Scenario s = load_scenario("base", data());
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin"}), Catch::Contains("expected company.metric@quarter"));
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margn@2027Q4"}), Catch::Contains("did you mean 'operating_margin'"));
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2040Q4"}), Catch::Contains("outside alibaba's projection"));
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4", .vary = {"usefull_life"}}),
                    Catch::Contains("did you mean 'useful_life'"));
  CHECK_THROWS_WITH(parse_swing("P5P95"), Catch::Contains("--swing: expected P10P90 or pct:X"));
  CHECK(parse_swing("pct:10").percent == 10);
}
