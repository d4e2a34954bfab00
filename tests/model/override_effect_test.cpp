#include "cloudcast/model/override_effect.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "support/fixtures.hpp"

namespace model_override_effect_test {

using namespace cloudcast;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

// Base with Microsoft held at its AI capacity cap from h1: no AI capex adds capacity
// (ai_capex_share 0, so capacity stays capacity0 = ai0 / ai_initial_utilization) and
// utilization starts at max_utilization 0.9, so served = min(demand, 0.9 x capacity0) =
// ai0 whenever demand does not shrink (ai_volume_growth >= 0). AI's share is stated for
// the last reported quarter (ai_share_quarter unset), so ai0 does not depend on the AI
// drivers either (base states it for 2025Q4 and carries it on at AI's growth). Base
// itself starts Microsoft at 0.4 with 60 % of its AI capex adding capacity.
model::Scenario capped_base() {
  model::Scenario s = model::load_scenario("base", data());
  s.company("microsoft").ai_share_quarter.reset();
  model::driver(s, "microsoft.ai_capex_share") = 0;
  model::driver(s, "microsoft.ai_initial_utilization") = 0.9;
  REQUIRE(model::driver(s, "microsoft.max_utilization") == 0.9);
  return s;
}

// The notes for sets laid over `without`, projected over 8 quarters.
std::vector<std::string> notes_for(const model::Scenario& without, const std::vector<std::string>& sets,
                                   const std::vector<std::string>& companies = {}) {
  std::vector<model::DriverOverride> overrides;
  for (const auto& text : sets) overrides.push_back(model::parse_override(text, data()));
  model::Scenario with = without;
  model::apply_overrides(with, overrides);
  const model::EngineOptions options{.horizon = 8, .companies = companies};
  return model::inert_override_notes(data(), without, overrides, options, model::project(data(), with, options));
}

const model::CompanyProjection& company(const model::Projection& p, std::string_view id) {
  for (const auto& c : p.companies)
    if (c.id == id) return c;
  FAIL("no company " << id);
  throw;
}

}  // namespace

TEST_CASE("override effect: the capped setup holds Microsoft at the cap from h1", "[override]") {
  // What the note below relies on, checked on the figures: utilization 0.9 in every
  // projected quarter, and AI revenue moving by the price path alone, (1 - 0.15)^(1/4) =
  // 0.9601845894041878 a quarter (base's microsoft ai_price_change -0.15), since served
  // volume is fixed at ai0 = 0.9 x capacity0.
  const model::EngineOptions options{.horizon = 8, .companies = {"microsoft"}};
  const model::Projection p = model::project(data(), capped_base(), options);
  std::vector<const model::QuarterFigures*> projected;
  for (const auto& q : company(p, "microsoft").quarters)
    if (!q.actual) projected.push_back(&q);
  REQUIRE(projected.size() == 8);
  for (std::size_t i = 0; i < projected.size(); ++i) {
    CHECK(*projected[i]->utilization == Approx(0.9).epsilon(1e-12));
    if (i > 0)
      CHECK(*projected[i]->ai_revenue / *projected[i - 1]->ai_revenue == Approx(0.9601845894041878).epsilon(1e-12));
  }
  // Doubling AI volume growth (1.3 -> 2.0) leaves every quarter's AI revenue where it was,
  // but moves core revenue: the AI revenue backed out of the reported quarters now grows
  // faster, which changes the core's history and seasonal factors.
  model::Scenario faster = capped_base();
  model::driver(faster, "microsoft.ai_volume_growth") = 2.0;
  const model::Projection f = model::project(data(), faster, options);
  const auto& a = company(p, "microsoft").quarters;
  const auto& b = company(f, "microsoft").quarters;
  REQUIRE(a.size() == b.size());
  bool core_moved = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].actual) continue;
    CHECK(*b[i].ai_revenue == Approx(*a[i].ai_revenue).epsilon(1e-12));
    core_moved = core_moved || std::abs(*b[i].core_revenue - *a[i].core_revenue) > 1e-6 * *a[i].core_revenue;
  }
  CHECK(core_moved);
  // Base itself starts Microsoft below the cap: at h1 utilization is at most
  // 0.4 x (1 + 1.3)^(1/4) = 0.49260 (base's ai_volume_growth 1.3 a year: demand one
  // quarter on over capacity no smaller than at T).
  const model::Projection base = model::project(data(), model::load_scenario("base", data()), options);
  for (const auto& q : company(base, "microsoft").quarters) {
    if (q.actual) continue;
    CHECK(*q.utilization <= 0.4 * std::sqrt(std::sqrt(2.3)) + 1e-12);
    break;
  }
}

TEST_CASE("override effect: a demand driver under a binding capacity cap is named", "[override]") {
  const model::Scenario capped = capped_base();
  const std::string note =
      "does not move microsoft's AI revenue: AI demand is above the capacity cap in every projected quarter "
      "(utilization = max_utilization 0.9), so AI revenue follows capacity, not demand; it moves core revenue only, "
      "through the AI revenue backed out of the reported quarters";
  CHECK(notes_for(capped, {"microsoft.ai_volume_growth=2.0"}) ==
        std::vector<std::string>{"--set microsoft.ai_volume_growth=2.0 " + note});
  // The same driver for every company moves the others' AI revenue; only Microsoft is noted.
  CHECK(notes_for(capped, {"ai_volume_growth=2.0"}) == std::vector<std::string>{"--set ai_volume_growth=2.0 " + note});
  // Alongside a driver that moves, each is judged without the other.
  CHECK(notes_for(capped, {"alibaba.useful_life=3", "microsoft.ai_volume_growth=2.0"}) ==
        std::vector<std::string>{"--set microsoft.ai_volume_growth=2.0 " + note});
  // Without the setup the same driver moves Microsoft's AI revenue: no note.
  CHECK(notes_for(model::load_scenario("base", data()), {"microsoft.ai_volume_growth=2.0"}).empty());
}

TEST_CASE("override effect: drivers that move the projection get no note", "[override]") {
  const model::Scenario capped = capped_base();
  CHECK(notes_for(capped, {"alibaba.useful_life=3"}).empty());
  CHECK(notes_for(capped, {"microsoft.max_utilization=0.95"}).empty());  // raising the cap moves it
  CHECK(notes_for(capped, {"amazon.ai_volume_growth=2.0"}).empty());
  CHECK(notes_for(capped, {"fx.annual_change=0.05"}).empty());  // FX moves compare's conversion only
}

TEST_CASE("override effect: an inert driver without a binding cap says so plainly", "[override]") {
  const model::Scenario base = model::load_scenario("base", data());
  // capex_run_rate only fills reported quarters without capex; Amazon reports every one.
  CHECK(notes_for(base, {"amazon.capex_run_rate=5000"}) ==
        std::vector<std::string>{"--set amazon.capex_run_rate=5000 does not move amazon: its projection is the same "
                                 "without it"});
  // A company left out of the projection is not judged.
  CHECK(notes_for(capped_base(), {"microsoft.ai_volume_growth=2.0"}, {"alibaba"}).empty());
}

}  // namespace model_override_effect_test
