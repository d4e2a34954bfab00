#include "cloudcast/model/override_effect.hpp"

#include <catch2/catch.hpp>

#include "support/fixtures.hpp"

using namespace cloudcast;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

// The notes for sets laid over base, projected over `horizon` quarters.
std::vector<std::string> notes_for(const std::vector<std::string>& sets,
                                   const std::vector<std::string>& companies = {}) {
  const model::Scenario without = model::load_scenario("base", data());
  std::vector<model::DriverOverride> overrides;
  for (const auto& text : sets) overrides.push_back(model::parse_override(text, data()));
  model::Scenario with = without;
  model::apply_overrides(with, overrides);
  const model::EngineOptions options{.horizon = 8, .companies = companies};
  return model::inert_override_notes(data(), without, overrides, options, model::project(data(), with, options));
}

}  // namespace

TEST_CASE("override effect: a demand driver under a binding capacity cap is named", "[override]") {
  // Microsoft starts at its cap (ai_initial_utilization = max_utilization = 0.9 in base),
  // and demand grows faster than capacity: AI revenue is capacity x 0.9 in every quarter.
  const std::string capped =
      "does not move microsoft: AI demand is above the capacity cap in every projected quarter (utilization = "
      "max_utilization 0.9), so AI revenue follows capacity, not demand";
  CHECK(notes_for({"microsoft.ai_volume_growth=2.0"}) ==
        std::vector<std::string>{"--set microsoft.ai_volume_growth=2.0 " + capped});
  // The same driver for every company moves the others; only Microsoft is noted.
  CHECK(notes_for({"ai_volume_growth=2.0"}) == std::vector<std::string>{"--set ai_volume_growth=2.0 " + capped});
  // Alongside a driver that moves, each is judged without the other.
  CHECK(notes_for({"alibaba.useful_life=3", "microsoft.ai_volume_growth=2.0"}) ==
        std::vector<std::string>{"--set microsoft.ai_volume_growth=2.0 " + capped});
}

TEST_CASE("override effect: drivers that move the projection get no note", "[override]") {
  CHECK(notes_for({"alibaba.useful_life=3"}).empty());
  CHECK(notes_for({"microsoft.max_utilization=0.95"}).empty());  // raising the cap moves it
  CHECK(notes_for({"amazon.ai_volume_growth=2.0"}).empty());
  CHECK(notes_for({"fx.annual_change=0.05"}).empty());  // FX moves compare's conversion only
}

TEST_CASE("override effect: an inert driver without a binding cap says so plainly", "[override]") {
  // capex_run_rate only fills reported quarters without capex; Amazon reports every one.
  CHECK(notes_for({"amazon.capex_run_rate=5000"}) ==
        std::vector<std::string>{"--set amazon.capex_run_rate=5000 does not move amazon: its projection is the same "
                                 "without it"});
  // A company left out of the projection is not judged.
  CHECK(notes_for({"microsoft.ai_volume_growth=2.0"}, {"alibaba"}).empty());
}
