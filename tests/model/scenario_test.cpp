#include "cloudcast/model/scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "support/fixtures.hpp"

namespace model_scenario_test {

using namespace cloudcast;
using Catch::Matchers::Contains;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

}  // namespace

TEST_CASE("scenario: drivers are reachable by name through the table", "[scenario]") {
  model::Scenario s = model::load_scenario("base", data());
  CHECK(model::driver(s, "alibaba.useful_life") == 5);
  model::driver(s, "alibaba.useful_life") = 3;
  CHECK(s.company("alibaba").useful_life == 3);
  model::driver(s, "fx.annual_change") = 0.02;
  CHECK(s.fx.annual_change == 0.02);
  CHECK_THROWS_WITH(model::driver(s, "alibaba.usefull_life"), Contains("did you mean 'useful_life'?"));
  CHECK_THROWS_WITH(model::driver(s, "alibba.useful_life"), Contains("did you mean 'alibaba'?"));
}

TEST_CASE("scenario: annual rates convert to quarterly by (1+a)^(1/4)-1", "[scenario]") {
  CHECK(model::quarterly_rate(0.0) == 0.0);
  CHECK(model::quarterly_rate(1.0) == Approx(std::pow(2.0, 0.25) - 1).epsilon(1e-15));  // identity
  CHECK(std::pow(1 + model::quarterly_rate(-0.3), 4) == Approx(0.7).epsilon(1e-14));
}

}  // namespace model_scenario_test
