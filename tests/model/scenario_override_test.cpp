// scenario_override.cpp: --set parsed, applied with a file's checks, and named in titles.
#include "cloudcast/model/scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cloudcast/error.hpp"
#include "support/fixtures.hpp"

namespace model_scenario_override_test {

using namespace cloudcast;

namespace {

// The reference fixture with the shipped aliases (data/companies/*.json "aliases").
const dataset::Dataset& aliased_data() {
  static const dataset::Dataset d = [] {
    dataset::Dataset copy = fixtures::reference_dataset();
    for (auto& c : copy.companies) {
      if (c.id == "amazon") c.aliases = {"aws"};
      if (c.id == "microsoft") c.aliases = {"azure"};
    }
    return copy;
  }();
  return d;
}

model::Scenario base_with(const std::vector<std::string>& sets) {
  model::Scenario s = model::load_scenario("base", aliased_data());
  std::vector<model::DriverOverride> overrides;
  for (const auto& text : sets) overrides.push_back(model::parse_override(text, aliased_data()));
  model::apply_overrides(s, overrides);
  return s;
}

std::string override_error(const std::vector<std::string>& sets) {
  try {
    base_with(sets);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no UsageError";
}

}  // namespace

TEST_CASE("scenario: --set forms name a company (or its alias), every company or fx", "[scenario][set]") {
  const auto one = model::parse_override("alibaba.useful_life=3", aliased_data());
  CHECK(one.target == "alibaba");
  CHECK(one.driver == "useful_life");
  CHECK(one.value == "3");
  CHECK(one.text() == "alibaba.useful_life=3");
  const auto alias = model::parse_override("aws.ai_volume_growth=2.0", aliased_data());
  CHECK(alias.target == "amazon");
  CHECK(alias.text() == "amazon.ai_volume_growth=2.0");  // the value as written, the id not the alias
  CHECK(model::parse_override("defaults.useful_life=4", aliased_data()).text() == "useful_life=4");
  CHECK(model::parse_override("useful_life=4", aliased_data()).target == model::kAllCompanies);
  CHECK(model::parse_override("fx.annual_change=0.02", aliased_data()).target == "fx");
}

TEST_CASE("scenario: --set applies on top of the scenario, in order, and changes its digest", "[scenario][set]") {
  const model::Scenario base = model::load_scenario("base", aliased_data());
  const model::Scenario s = base_with({"alibaba.useful_life=3", "azure.ai_volume_growth=2.0"});
  CHECK(s.company("alibaba").useful_life == 3);
  CHECK(s.company("amazon").useful_life == base.company("amazon").useful_life);
  CHECK(s.company("microsoft").ai_volume_growth == 2.0);
  CHECK(s.overrides == std::vector<std::string>{"alibaba.useful_life=3", "microsoft.ai_volume_growth=2.0"});
  CHECK(s.digest != base.digest);
  CHECK(s.digest.size() == 16);
  CHECK(base_with({"alibaba.useful_life=3"}).digest != base_with({"alibaba.useful_life=4"}).digest);
  // Every company, then one company: the later one wins.
  const model::Scenario all = base_with({"useful_life=4", "google.useful_life=7"});
  for (const char* id : {"alibaba", "microsoft", "amazon"}) CHECK(all.company(id).useful_life == 4);
  CHECK(all.company("google").useful_life == 7);
  // Values as in a file: null = calibrated, a bare word, a distribution, fx.
  CHECK(std::isnan(base_with({"alibaba.variable_cost_ratio=0.5", "alibaba.variable_cost_ratio=null"})
                       .company("alibaba")
                       .variable_cost_ratio));
  CHECK_FALSE(base_with({"core_growth=0.1"}).company("google").core_from_baseline);
  CHECK(base_with({"core_growth=0.1", "core_growth=baseline"}).company("google").core_from_baseline);
  const model::Scenario dist = base_with({R"(alibaba.useful_life={"dist": "uniform", "min": 3, "max": 5})"});
  CHECK(dist.company("alibaba").useful_life == 4);
  REQUIRE(dist.company("alibaba").distributions.size() == 1);
  CHECK(dist.company("alibaba").distributions[0].driver == "useful_life");
  CHECK(base_with({"fx.annual_change=0.03"}).fx.annual_change == 0.03);
}

TEST_CASE("scenario: a bad --set is a usage error with the scenario file's message", "[scenario][set]") {
  CHECK(override_error({"alibaba.useful_life"}) ==
        "--set alibaba.useful_life: expected COMPANY.DRIVER=VALUE such as alibaba.useful_life=3 (or "
        "defaults.DRIVER=VALUE, DRIVER=VALUE for every company, fx.annual_change=VALUE)");
  CHECK(override_error({"alibba.useful_life=3"}) ==
        "--set alibba.useful_life=3: unknown company 'alibba'; expected one of alibaba, microsoft, amazon, google "
        "(did you mean 'alibaba'?)");
  CHECK_THAT(override_error({"alibaba.usefull_life=3"}),
             Catch::StartsWith("--set alibaba.usefull_life=3: unknown driver 'usefull_life'; expected one of "
                               "core_growth, ") &&
                 Catch::EndsWith(" (did you mean 'useful_life'?)"));
  CHECK(override_error({"alibaba.useful_life=0"}) ==
        "--set alibaba.useful_life: useful_life = 0 is out of range; expected a number in [0.25, 30] (years)");
  CHECK(override_error({"aws.useful_life=abc"}) ==
        "--set amazon.useful_life: useful_life must be a number in [0.25, 30] (years); got \"abc\"");
  CHECK(override_error({"alibaba.in_service_lag=1.5"}) ==
        "--set alibaba.in_service_lag: in_service_lag must be an integer in [0, 8]; got 1.5");
  CHECK(override_error({"capex_window=2.5"}) ==
        "--set capex_window: capex_window must be an integer in [1, 40]; got 2.5");
  CHECK(override_error({"fx.rate=7"}) ==
        "--set fx.rate=7: unknown fx driver 'rate'; expected one of annual_change, cny_per_usd");
  CHECK(override_error({"fx.annual_change=9"}) ==
        "--set fx/annual_change: expected an annual rate in [-0.5, 0.5]; got 9");
  // Checks across drivers run after every override, as after every file.
  CHECK(override_error({"microsoft.ai_initial_utilization=0.95"}) ==
        "--set:/companies/microsoft/ai_initial_utilization: 0.95 exceeds max_utilization 0.9; expected at most the "
        "maximum");
  CHECK(override_error({"microsoft.max_utilization=0.97", "microsoft.ai_initial_utilization=0.95"}) == "no UsageError");
}

TEST_CASE("scenario: titles name the scenario and its overrides", "[scenario][set]") {
  CHECK(model::scenario_title("base", {}) == "'base'");
  const std::vector<std::string> sets{"alibaba.useful_life=3", "microsoft.ai_volume_growth=2.0"};
  CHECK(model::scenario_title("base", sets) == "'base' with alibaba.useful_life=3, microsoft.ai_volume_growth=2.0");
}

}  // namespace model_scenario_override_test
