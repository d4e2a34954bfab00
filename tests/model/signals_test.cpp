#include "cloudcast/model/signals.hpp"

#include <catch2/catch.hpp>

#include "support/fixtures.hpp"

namespace model_signals_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

dataset::Signal signal(dataset::SignalKind kind, Quarter period, std::string date) {
  dataset::Signal s;
  s.kind = kind;
  s.period = period;
  s.date = std::move(date);
  s.source = "https://example.com";
  return s;
}

dataset::Signal backlog(Quarter period, double value) {
  dataset::Signal s = signal(dataset::SignalKind::backlog, period, "2026-01-01");
  s.value = value;
  s.unit = "USD m";
  s.scope = "segment";
  return s;
}

// acme: 2023Q1..2025Q4 revenue, operating income and capex; the figures below are the
// ones the hand computations in the test cases use.
dataset::Company acme() {
  dataset::Company c = fixtures::company("acme", "USD", 12, {2023, 1})
                           .metric("revenue", {100, 102, 104, 106, 110, 115, 120, 125, 130, 136, 142, 150})
                           .metric("operating_income", {20, 20, 20, 20, 22, 23, 24, 25, 26, 27, 35.5, 45})
                           .metric("capex", {40, 40, 40, 40, 50, 50, 50, 50, 60, 60, 60, 60});
  c.signals = {backlog({2023, 4}, 400), backlog({2024, 3}, 450), backlog({2024, 4}, 500)};
  dataset::Signal old_cut = signal(dataset::SignalKind::price_action, {2024, 1}, "2024-02-29");
  old_cut.product = "compute";
  old_cut.change_pct = -55;
  dataset::Signal cut = signal(dataset::SignalKind::price_action, {2025, 2}, "2025-06");
  cut.product = "GPU instances";
  cut.change_pct = -45;
  dataset::Signal first = signal(dataset::SignalKind::benchmark, {2025, 2}, "2025-05-01");
  first.rank = 5;
  first.leaderboard = "LMArena Text";
  dataset::Signal latest = signal(dataset::SignalKind::benchmark, {2025, 4}, "2025-11-01");
  latest.rank = 2;
  latest.leaderboard = "LMArena Text";
  for (const auto& s : {old_cut, cut, first, latest}) c.signals.push_back(s);
  return c;
}

// beta: revenue and operating income only, capex for four quarters: every signal but the
// margin is missing.
dataset::Company beta() {
  return fixtures::company("beta", "USD", 12, {2024, 1})
      .metric("revenue", {50, 52, 54, 56, 58, 60, 62, 64})
      .metric("operating_income", {5, 5, 5, 5, 6, 6, 6, 6.4})
      .metric("capex", {10, 10, 10, 10}, "basis-1", Quarter{2024, 4});
}

// A projection by hand: the reported quarters 2025Q1..2025Q4, then four projected ones
// with depreciation 10, 11, 12, 13 % of revenue and a 28 % margin at the end.
CompanyProjection projection_of(const std::string& id) {
  CompanyProjection cp;
  cp.id = id;
  for (int k = 0; k < 4; ++k) cp.quarters.push_back(QuarterFigures{.period = Quarter{2025, 1} + k, .actual = true});
  const double revenue[] = {160, 170, 180, 190}, depreciation[] = {16, 18.7, 21.6, 24.7},
               margin[] = {0.31, 0.30, 0.29, 0.28};
  for (int h = 0; h < 4; ++h)
    cp.quarters.push_back(QuarterFigures{.period = Quarter{2026, 1} + h,
                                         .actual = false,
                                         .revenue = revenue[h],
                                         .depreciation = depreciation[h],
                                         .operating_margin = margin[h]});
  return cp;
}

std::vector<CompanySignals> compute() {
  const dataset::Dataset data = fixtures::dataset({acme(), beta()});
  Scenario scenario;
  CompanyDrivers d;
  d.in_service_lag = 2;
  d.capex_cloud_share = 0.5;
  scenario.companies = {{"acme", d}, {"beta", d}};
  Projection projection;
  projection.companies = {projection_of("acme"), projection_of("beta")};
  return compute_signals(data, scenario, projection);
}

}  // namespace

TEST_CASE("signals: backlog coverage by hand from reported revenue", "[signals]") {
  const auto all = compute();
  REQUIRE(all[0].backlog);
  const BacklogSignal& b = *all[0].backlog;
  CHECK(b.latest.period == Quarter{2024, 4});
  // 500 / (130 + 136 + 142 + 150) = 500 / 558; all four quarters reported.
  CHECK(b.next_four_revenue == Approx(558).epsilon(1e-12));
  CHECK(b.coverage == Approx(500.0 / 558).epsilon(1e-12));
  CHECK(b.projected_quarters == 0);
  // On the quarter: 450 / (125 + 130 + 136 + 142) = 450 / 533; on the year 400 / 470.
  CHECK(*b.coverage_change.quarter == Approx(500.0 / 558 - 450.0 / 533).epsilon(1e-12));
  CHECK(*b.coverage_change.year == Approx(500.0 / 558 - 400.0 / 470).epsilon(1e-12));
  CHECK(*b.change.quarter == Approx(500.0 / 450 - 1).epsilon(1e-12));
  CHECK(*b.change.year == Approx(0.25).epsilon(1e-12));
  CHECK(b.change.direction == Direction::up);
}

TEST_CASE("signals: backlog coverage takes the projection where revenue is not reported", "[signals]") {
  dataset::Company c = acme();
  c.signals.push_back(backlog({2025, 4}, 1400));
  const dataset::Dataset data = fixtures::dataset({c});
  Scenario scenario;
  Projection projection;
  projection.companies = {projection_of("acme")};
  const auto all = compute_signals(data, scenario, projection);
  REQUIRE(all[0].backlog);
  // 1400 / (160 + 170 + 180 + 190): the four projected quarters 2026Q1..2026Q4.
  CHECK(all[0].backlog->coverage == Approx(1400.0 / 700).epsilon(1e-12));
  CHECK(all[0].backlog->projected_quarters == 4);
  CHECK_FALSE(all[0].backlog->change.quarter);  // no backlog for 2025Q3
  CHECK(*all[0].backlog->change.year == Approx(1400.0 / 500 - 1).epsilon(1e-12));
}

TEST_CASE("signals: capex utilisation by hand (lag 2, cloud share 50 %)", "[signals]") {
  const auto all = compute();
  REQUIRE(all[0].utilisation);
  const UtilisationSignal& u = *all[0].utilisation;
  // 2025Q4: 4 x (150 - 125) = 100 on 0.5 x (60 + 60 + 50 + 50) = 110 (capex 2025Q2..2024Q3).
  CHECK(u.value == Approx(100.0 / 110).epsilon(1e-12));
  CHECK(u.revenue_added == Approx(100).epsilon(1e-12));
  CHECK(u.capex_in_service == Approx(110).epsilon(1e-12));
  // 2025Q3: 4 x (142 - 120) = 88 on 0.5 x (60 + 50 + 50 + 50) = 105;
  // 2024Q4: 4 x (125 - 106) = 76 on 0.5 x (50 + 50 + 40 + 40) = 90.
  CHECK(*u.change.quarter == Approx(100.0 / 110 - 88.0 / 105).epsilon(1e-12));
  CHECK(*u.change.year == Approx(100.0 / 110 - 76.0 / 90).epsilon(1e-12));
  CHECK(u.lag == 2);
}

TEST_CASE("signals: margin against the depreciation ramp", "[signals]") {
  const auto all = compute();
  REQUIRE(all[0].margin);
  const MarginSignal& m = *all[0].margin;
  CHECK(m.period == Quarter{2025, 4});
  CHECK(m.margin == Approx(0.30).epsilon(1e-12));                  // 45 / 150
  CHECK(*m.change.quarter == Approx(0.30 - 0.25).epsilon(1e-12));  // 35.5 / 142 = 0.25
  CHECK(*m.change.year == Approx(0.30 - 0.20).epsilon(1e-12));     // 25 / 125 = 0.20
  CHECK(m.projected_margin == Approx(0.28).epsilon(1e-12));
  CHECK(m.last_projected == Quarter{2026, 4});
  CHECK(m.depreciation_share_first == Approx(0.10).epsilon(1e-12));
  CHECK(m.depreciation_share_last == Approx(0.13).epsilon(1e-12));
}

TEST_CASE("signals: price actions of the last four quarters and benchmark standing", "[signals]") {
  const auto all = compute();
  REQUIRE(all[0].pricing);
  CHECK(all[0].pricing->from == Quarter{2025, 1});
  CHECK(all[0].pricing->to == Quarter{2025, 4});
  REQUIRE(all[0].pricing->actions.size() == 1);
  CHECK(*all[0].pricing->actions[0].change_pct == -45);
  CHECK(*all[0].pricing->latest_before->change_pct == -55);
  REQUIRE(all[0].benchmark);
  CHECK(*all[0].benchmark->latest.rank == 2);
  CHECK(*all[0].benchmark->previous->rank == 5);
  CHECK(all[0].missing.empty());
}

TEST_CASE("signals: missing signals are named with the reason", "[signals]") {
  const auto all = compute();
  const auto& missing = all[1].missing;
  REQUIRE(missing.size() == 4);
  CHECK(missing[0].signal == "capex utilisation");
  CHECK(missing[0].reason ==
        "capex for 2024Q3 is not in the data (reported 2024Q4..2025Q3; in-service lag 2 quarters)");
  CHECK(missing[1].signal == "backlog coverage");
  CHECK(missing[1].reason == "no backlog or remaining performance obligation in the data");
  CHECK(missing[2].signal == "price actions");
  CHECK(missing[3].signal == "benchmark standing");
  CHECK(all[1].margin);  // 6.4 / 64
  CHECK(all[1].margin->margin == Approx(0.1).epsilon(1e-12));
}

TEST_CASE("signals: flat revenue gives a utilisation of zero, never 0 / 0", "[signals]") {
  const dataset::Company flat = fixtures::company("flat", "USD", 12, {2023, 1})
                                    .metric("revenue", std::vector<double>(12, 100))
                                    .metric("operating_income", std::vector<double>(12, 10))
                                    .metric("capex", std::vector<double>(12, 10));
  Projection projection;
  projection.companies = {projection_of("flat")};
  const auto all = compute_signals(fixtures::dataset({flat}), Scenario{}, projection);
  REQUIRE(all[0].utilisation);
  CHECK(all[0].utilisation->value == 0);
  CHECK(all[0].utilisation->revenue_added == 0);
  CHECK(all[0].utilisation->capex_in_service == Approx(40).epsilon(1e-12));  // 4 x 10, cloud share 1 (defaults)
  CHECK(all[0].utilisation->change.direction == Direction::flat);
}

}  // namespace model_signals_test
