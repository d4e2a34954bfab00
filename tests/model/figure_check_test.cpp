#include "model/figure_check.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/scenario.hpp"
#include "support/fixtures.hpp"

namespace model_figure_check_test {

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

// The figures commands compute from paths (docs/model.md, "Figures the engine refuses"):
// structures built by hand, with the one value under test out of bounds.

namespace {

// One company "x" (USD), two quarters, one metric (revenue) and the IRR; every statistic 1.
model::Simulation simulation_x(std::int64_t paths) {
  model::Simulation sim;
  sim.layout.companies = {"x"};
  sim.layout.metrics = {"revenue"};
  sim.layout.quarters = {Quarter{2026, 1}, Quarter{2026, 2}};
  sim.layout.values = {"irr"};
  sim.percentiles = {0.05, 0.5};
  sim.paths = paths;
  model::CellStats s;
  s.mean = s.sd = s.min = s.max = s.mean_ci_low = s.mean_ci_high = 1;
  s.percentiles = s.ci_low = s.ci_high = {1, 1};
  for (std::size_t q = 0; q < 2; ++q) {
    s.quarter = q;
    sim.cells.push_back(s);
  }
  s.quarter = 0;
  sim.values.push_back(s);
  return sim;
}

const std::vector<std::string> kUsd{"USD"};

}  // namespace

TEST_CASE("figures: a Monte Carlo statistic out of bounds names the cell and the sampled drivers", "[figure_check]") {
  const std::vector<model::UncertainDriver> drivers{
      {"x.core_growth_shift", model::Distribution::uniform(4, 5)},
      {"y.useful_life", model::Distribution::uniform(3, 6)}};  // another company's: not named
  auto sim = simulation_x(100);
  CHECK_NOTHROW(model::check_simulation_figures(sim, kUsd, drivers));
  sim.cells[1].percentiles[1] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES(model::check_simulation_figures(sim, kUsd, drivers), DataError,
                       Catch::Message("simulate: company x, 2026Q2 revenue P50: inf USD m; expected a finite figure "
                                      "of at most 1e+12 USD m in absolute value; caused by the sampled values of "
                                      "x.core_growth_shift ~ uniform(4, 5) (the scenario's point values stay within "
                                      "bounds)"));
  // With no uncertain driver the baseline revenue's forecast error varies the paths.
  CHECK_THROWS_WITH(model::check_simulation_figures(sim, kUsd, {}),
                    Catch::EndsWith("caused by the baseline revenue's forecast error drawn on each path (the "
                                    "scenario's point values stay within bounds; --no-baseline-error leaves it "
                                    "out)"));
}

TEST_CASE("figures: paths without a value are left out of a cell, not refused", "[figure_check]") {
  // Decision 0750: a path whose AI statement the history cannot carry gives its company
  // NaN, counted in non_finite and noted; the statistics over the other paths are checked.
  auto sim = simulation_x(100);
  sim.cells[0].non_finite = 3;
  CHECK_NOTHROW(model::check_simulation_figures(sim, kUsd, {}));
  sim.cells[0].non_finite = 100;  // no path with a value: NaN statistics the report leaves out
  sim.cells[0].mean = sim.cells[0].min = std::numeric_limits<double>::quiet_NaN();
  CHECK_NOTHROW(model::check_simulation_figures(sim, kUsd, {}));
  sim.cells[0].non_finite = 99;  // one path with a value: its statistics are shown, so checked
  CHECK_THROWS_WITH(model::check_simulation_figures(sim, kUsd, {}),
                    Catch::StartsWith("simulate: company x, 2026Q1 revenue min: nan USD m; expected a finite figure "
                                      "of at most 1e+12 USD m in absolute value; caused by "));
}

TEST_CASE("figures: an undefined IRR is left out, an infinite IRR is refused", "[figure_check]") {
  auto sim = simulation_x(100);
  sim.values[0].non_finite = 40;  // 40 paths without an IRR: the report says so, no error
  CHECK_NOTHROW(model::check_simulation_figures(sim, kUsd, {}));
  sim.values[0].non_finite = 100;  // no path with one: the statistics are NaN and not reported
  sim.values[0].mean = std::numeric_limits<double>::quiet_NaN();
  CHECK_NOTHROW(model::check_simulation_figures(sim, kUsd, {}));
  sim.values[0].non_finite = 0;
  sim.values[0].mean = 1;
  sim.values[0].max = 9.3e7;  // a rate on a build-out with almost no outlay: no bound but finite
  CHECK_NOTHROW(model::check_simulation_figures(sim, kUsd, {}));
  sim.values[0].max = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(model::check_simulation_figures(sim, kUsd, {}),
                    Catch::StartsWith("simulate: company x, irr max: inf; expected a finite figure; caused by "));
}

TEST_CASE("figures: a sensitivity output names the driver value that gave it", "[figure_check]") {
  model::Sensitivity r;
  r.company = "x";
  r.metric = "operating_margin";
  r.currency = "USD";
  r.quarter = Quarter{2027, 4};
  r.base_output = 0.2;
  model::SensitivityDriver d{"x.useful_life", "years", 5, 3, 6, ""};
  r.tornado.push_back({d, 0.1, 0.3, 0.2});
  CHECK_NOTHROW(model::check_sensitivity_figures(r));
  r.tornado[0].output_low = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_MATCHES(model::check_sensitivity_figures(r), DataError,
                       Catch::Message("sensitivity: company x, 2027Q4 operating_margin (tornado, low): nan (a "
                                      "fraction); expected a finite figure of at most 1000 in absolute value; caused "
                                      "by x.useful_life = 3 (its swing's low end; the base output is within bounds)"));
  r.tornado[0].output_low = 0.1;
  r.two_way = model::TwoWayTable{d, {"x.wacc", "", 0.09, 0.08, 0.1, ""}, {3, 6}, {0.08, 0.1}, {0.1, 0.2, 0.3, 1e4}};
  CHECK_THROWS_MATCHES(model::check_sensitivity_figures(r), DataError,
                       Catch::Message("sensitivity: company x, 2027Q4 operating_margin (two-way table): 1e+04 (a "
                                      "fraction); expected a finite figure of at most 1000 in absolute value; caused "
                                      "by x.useful_life = 6 with x.wacc = 0.1"));
}

TEST_CASE("figures: a tracked figure or a ranking weight out of bounds is refused", "[figure_check]") {
  model::TrackResult r;
  r.companies = {{"x", "USD"}};
  r.rows.push_back({.company = "x",
                    .period = Quarter{2026, 1},
                    .metric = model::BacktestMetric::revenue,
                    .projected = 110,
                    .reported = 100,
                    .error = 10,
                    .percentile = 60.0});
  r.ranking.push_back({.scenario = "base", .cells = 1, .log_likelihood = -5, .weight = 1});
  CHECK_NOTHROW(model::check_track_figures(r, "f.json"));
  r.ranking[0].weight = std::numeric_limits<double>::quiet_NaN();  // exp(-inf - -inf): every likelihood 0
  CHECK_THROWS_MATCHES(model::check_track_figures(r, "f.json"), DataError,
                       Catch::Message("track: ranking: scenario base weight: nan (a fraction); expected a finite "
                                      "figure of at most 1000 in absolute value; caused by the Monte Carlo of "
                                      "scenario base scored on the reported figures"));
  r.rows[0].error = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_MATCHES(model::check_track_figures(r, "f.json"), DataError,
                       Catch::Message("track: company x, 2026Q1 revenue error: -inf USD m; expected a finite figure "
                                      "of at most 1e+12 USD m in absolute value; caused by the figures of f.json "
                                      "against the data reported since"));
}

TEST_CASE("figures: a signal reading out of bounds names the company's file", "[figure_check]") {
  const auto data = company_x(std::vector<double>(8, 100));
  model::CompanySignals s;
  s.id = "x";
  s.currency = "USD";
  model::BacklogSignal b;
  b.latest.period = Quarter{2025, 4};
  b.coverage = 2.5;
  b.next_four_revenue = 400;
  s.backlog = b;
  CHECK_NOTHROW(model::check_signal_figures({s}, data));
  s.backlog->coverage = std::numeric_limits<double>::infinity();  // a backlog over a revenue that underflowed
  CHECK_THROWS_MATCHES(model::check_signal_figures({s}, data), DataError,
                       Catch::Message("signals: company x, 2025Q4 backlog coverage: inf (a fraction); expected a "
                                      "finite figure of at most 1000 in absolute value; caused by the figures of "
                                      "x.json"));
}

}  // namespace model_figure_check_test
