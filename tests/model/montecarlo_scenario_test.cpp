#include "cloudcast/model/montecarlo_scenario.hpp"
#include "cloudcast/model/valuation.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "cloudcast/error.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/report/simulation_report.hpp"
#include "model/path_engine.hpp"
#include "support/fixtures.hpp"

namespace model_montecarlo_scenario_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

Scenario scenario(const std::string& text) { return parse_scenario(text, "s.json", data()); }

std::string error_of(const std::string& text, bool repair = false) {
  try {
    make_scenario_problem(data(), scenario(text), {.repair_correlation = repair});
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

constexpr double kZ05 = 1.6448536269514722;

}  // namespace

TEST_CASE("scenario Monte Carlo: the layout's quarters outside a company's horizon have no values", "[montecarlo]") {
  // Google's history a quarter shorter: its 12 projected quarters start a quarter before
  // the others', so the layout has 13 and each company's row one quarter without values.
  dataset::Dataset d = data();
  const auto google =
      std::find_if(d.companies.begin(), d.companies.end(), [](const auto& c) { return c.id == "google"; });
  REQUIRE(google != d.companies.end());
  Quarter last = google->observations.front().period;
  for (const auto& o : google->observations) last = std::max(last, o.period);
  std::erase_if(google->observations, [&](const auto& o) { return o.period == last; });
  const Scenario s = parse_scenario(
      R"({"base": "base", "companies": {"amazon": {"useful_life": {"dist": "normal", "mean": 5, "sd": 0.5}}}})",
      "s.json", d);
  const ScenarioProblem p = make_scenario_problem(d, s, {.baseline_error = false});
  const Simulation sim = simulate(p.problem, {.paths = 300, .seed = 1, .threads = 2, .metrics = {"revenue", "capex"}});
  REQUIRE(sim.layout.quarters.size() == 13);
  REQUIRE(sim.layout.quarters.front() == last);
  int outside = 0;
  for (const CellStats& cell : sim.cells) {
    const bool is_google = sim.layout.companies[cell.company] == "google";
    const bool expected_outside = is_google ? cell.quarter == 12 : cell.quarter == 0;
    INFO(sim.layout.companies[cell.company] << " " << sim.layout.metrics[cell.metric] << " quarter " << cell.quarter);
    CHECK(cell.non_finite == (expected_outside ? 300 : 0));
    CHECK(std::isfinite(cell.mean) == !expected_outside);
    outside += expected_outside ? 1 : 0;
  }
  CHECK(outside == 4 * 2);  // a quarter of each company, two metrics
}

TEST_CASE("scenario Monte Carlo: zero variances give the deterministic forecast in every percentile", "[montecarlo]") {
  // Every kind of distribution, each with no spread; no baseline error.
  const Scenario s = scenario(R"({"base": "base", "companies": {"alibaba": {
      "useful_life": {"dist": "normal", "mean": 4, "sd": 0},
      "ai_price_change": {"dist": "triangular", "min": -0.3, "mode": -0.3, "max": -0.3},
      "ai_share": {"dist": "uniform", "min": 0.25, "max": 0.25},
      "ai_capacity_turnover": {"dist": "lognormal", "median": 0.6, "sigma": 0}}}})");
  const Projection deterministic = project(data(), s, {.companies = {"alibaba"}});
  const ScenarioProblem p =
      make_scenario_problem(data(), s, {.engine = {.companies = {"alibaba"}}, .baseline_error = false});
  REQUIRE(p.problem.drivers.size() == 4);
  const Simulation sim = simulate(
      p.problem, {.paths = 2000, .seed = 9, .threads = 2, .metrics = {"revenue", "operating_margin", "depreciation"}});
  const auto& projected = deterministic.companies[0].quarters;
  int checked = 0;
  for (const CellStats& cell : sim.cells) {
    const Quarter q = sim.layout.quarters[cell.quarter];
    const auto figures =
        std::find_if(projected.begin(), projected.end(), [&](const auto& f) { return !f.actual && f.period == q; });
    REQUIRE(figures != projected.end());
    const std::string& metric = sim.layout.metrics[cell.metric];
    const double expected = metric == "revenue"            ? *figures->revenue
                            : metric == "operating_margin" ? *figures->operating_margin
                                                           : *figures->depreciation;
    for (double v : cell.percentiles) CHECK(v == Approx(expected).epsilon(1e-12));  // same engine, same inputs
    CHECK(cell.mean == Approx(expected).epsilon(1e-12));
    ++checked;
  }
  CHECK(checked == 36);
}

TEST_CASE("scenario Monte Carlo: a path at other AI drivers gives forecast at those drivers", "[montecarlo]") {
  // Every company's AI share (two companies' AI volume growth too) a point mass away from
  // its point value ("base", which calibrates the company): each path must project what
  // forecast projects for a scenario stating those values, its core baseline refitted with
  // AI backed out at the path's own share and growth (decision 0750). Before it, every path
  // kept the core fitted at the point values, and amazon's revenue missed forecast's at
  // 0.072 and 0.7 by up to 4.4 % (480 of this test's 722 checks failed).
  const std::string pinned = R"("alibaba": {"ai_share": {"dist": "normal", "mean": 0.14, "sd": 0, "base": 0.2},
        "ai_volume_growth": {"dist": "normal", "mean": 1.1, "sd": 0, "base": 1.5}},
      "microsoft": {"ai_share": {"dist": "normal", "mean": 0.26, "sd": 0, "base": 0.2}},
      "amazon": {"ai_share": {"dist": "normal", "mean": 0.072, "sd": 0, "base": 0.1},
        "ai_volume_growth": {"dist": "normal", "mean": 0.7, "sd": 0, "base": 1.0}},
      "google": {"ai_share": {"dist": "normal", "mean": 0.11, "sd": 0, "base": 0.15}})";
  const std::string stated = R"("alibaba": {"ai_share": 0.14, "ai_volume_growth": 1.1}, "microsoft": {"ai_share": 0.26},
      "amazon": {"ai_share": 0.072, "ai_volume_growth": 0.7}, "google": {"ai_share": 0.11})";
  auto check = [&](const std::string& defaults, const std::vector<std::string>& metrics) {
    const Scenario uncertain =
        scenario(R"({"base": "base", "defaults": {)" + defaults + R"(}, "companies": {)" + pinned + "}}");
    const Scenario deterministic =
        scenario(R"({"base": "base", "defaults": {)" + defaults + R"(}, "companies": {)" + stated + "}}");
    const Projection forecast = project(data(), deterministic, {});
    const ScenarioProblem p = make_scenario_problem(data(), uncertain, {.baseline_error = false});
    const Simulation sim =
        simulate(p.problem, {.paths = 600, .seed = 3, .threads = 2, .percentiles = {0.5}, .metrics = metrics});
    int checked = 0;
    for (const CellStats& cell : sim.cells) {
      const std::string& id = sim.layout.companies[cell.company];
      const std::string& metric = sim.layout.metrics[cell.metric];
      const auto company =
          std::find_if(forecast.companies.begin(), forecast.companies.end(), [&](const auto& c) { return c.id == id; });
      REQUIRE(company != forecast.companies.end());
      const Quarter q = sim.layout.quarters[cell.quarter];
      const auto f = std::find_if(company->quarters.begin(), company->quarters.end(),
                                  [&](const auto& x) { return !x.actual && x.period == q; });
      if (f == company->quarters.end()) continue;  // outside this company's horizon
      const double expected = metric == "revenue"            ? *f->revenue
                              : metric == "operating_income" ? *f->operating_income
                              : metric == "operating_margin" ? *f->operating_margin
                                                             : *f->free_cash_flow;
      INFO(id << " " << metric << " " << q.to_string());
      CHECK(cell.percentiles[0] == Approx(expected).epsilon(1e-9));
      CHECK(cell.mean == Approx(expected).epsilon(1e-9));
      ++checked;
    }
    CHECK(checked == 48 * static_cast<int>(metrics.size()));  // 4 companies x 12 quarters
  };
  SECTION("revenue, with base's cost discipline") { check("", {"revenue"}); }
  // The cost-discipline reference path stays at the point values (the engine's margin
  // absorbs the expected ramp, not a path's surprise: docs/model.md, Calibration), so the
  // costs equal forecast's only without discipline.
  SECTION("every headline metric, without cost discipline") {
    check(R"("cost_discipline": 0)", {"revenue", "operating_income", "operating_margin", "free_cash_flow"});
  }
}

TEST_CASE("scenario Monte Carlo: a path at an AI statement the history cannot carry has no value", "[montecarlo]") {
  // AI at 90 % of revenue in 2025Q4, its price falling 90 % a year: backed out of 2022
  // it exceeds that year's revenue. forecast refuses the statement (a DataError naming the
  // quarter); a path drawing it gives amazon no value (NaN in every cell, counted), and
  // the run goes on.
  const Scenario s = scenario(R"({"base": "base", "companies": {"amazon": {
      "ai_share": {"dist": "normal", "mean": 0.9, "sd": 0, "base": 0.1},
      "ai_price_change": {"dist": "normal", "mean": -0.9, "sd": 0, "base": -0.2}}}})");
  CHECK_THROWS_WITH(project(data(), scenario(R"({"base": "base", "companies": {"amazon": {"ai_share": 0.9,
                        "ai_price_change": -0.9}}})"),
                            {.companies = {"amazon"}}),
                    Catch::Contains("expected a positive core"));
  const ScenarioProblem p = make_scenario_problem(data(), s, {.engine = {.companies = {"amazon", "google"}}});
  // With income and revenue read, the evaluator divides the margin itself: a path without
  // values must give NaN there too, not a quotient of another path's figures.
  const Simulation sim =
      simulate(p.problem,
               {.paths = 300, .seed = 5, .threads = 2, .metrics = {"revenue", "operating_income", "operating_margin"}});
  int amazon = 0, google = 0;
  for (const CellStats& cell : sim.cells) {
    if (sim.layout.companies[cell.company] == "amazon") {
      CHECK(cell.non_finite == 300);
      ++amazon;
    } else {
      CHECK(cell.non_finite == 0);  // the other company's paths are untouched
      ++google;
    }
  }
  CHECK(amazon == 3 * 12);
  CHECK(google == 3 * 12);
  CHECK(std::any_of(sim.notes.begin(), sim.notes.end(),
                    [](const std::string& n) { return n.find("up to 300 paths per cell gave no finite value") == 0; }));
}

TEST_CASE("scenario Monte Carlo: baseline error feeds revenue linearly with analytic quantiles", "[montecarlo]") {
  // With no AI revenue, no other uncertainty and core revenue on the baseline, revenue_h
  // = baseline_h + e_h with e_h ~ N(0, sd_h): P_p = baseline_h + z_p sd_h.
  const Scenario s = scenario(R"({"base": "base", "companies": {"amazon": {"ai_share": 0, "core_growth_shift": 0}}})");
  const ScenarioProblem p = make_scenario_problem(data(), s, {.engine = {.companies = {"amazon"}}});
  REQUIRE(p.problem.baseline_sigma.size() == 1);
  const auto amazon =
      std::find_if(data().companies.begin(), data().companies.end(), [](const auto& c) { return c.id == "amazon"; });
  REQUIRE(amazon != data().companies.end());
  const CalibratedCompany cal = calibrate(*amazon, s.company("amazon"), {});
  const Simulation sim = simulate(
      p.problem, {.paths = 100000, .seed = 4, .threads = 2, .percentiles = {0.05, 0.5, 0.95}, .metrics = {"revenue"}});
  const double z[] = {-kZ05, 0, kZ05};
  for (std::size_t h : {0u, 5u, 11u}) {
    const CellStats& cell = *sim.find(0, 0, h);
    REQUIRE(cal.baseline_sd[h] > 0);
    CHECK(std::fabs(cell.mean - cal.baseline_revenue[h]) < 4 * cell.std_error);
    for (std::size_t i = 0; i < 3; ++i) {
      const double analytic = cal.baseline_revenue[h] + z[i] * cal.baseline_sd[h];
      const double se = (cell.ci_high[i] - cell.ci_low[i]) / (2 * 1.96);
      INFO("h=" << h + 1 << " p=" << sim.percentiles[i] << " estimate " << cell.percentiles[i] << " analytic "
                << analytic);
      CHECK(std::fabs(cell.percentiles[i] - analytic) < 4 * se);  // within 4 Monte Carlo standard errors
    }
  }
}

TEST_CASE("scenario Monte Carlo: JSON output is identical for 1 and 2 threads", "[montecarlo]") {
  const Scenario s = load_scenario("base-uncertain", data());
  const ScenarioProblem p = make_scenario_problem(data(), s, {});
  auto json_for = [&](int threads) {
    McOptions options{.paths = 3000, .seed = 77, .threads = threads, .metrics = {"revenue", "operating_margin"}};
    options.events = p.events;
    const Simulation sim = simulate(p.problem, options);
    report::SimulationReportInfo info{.scenario = s.name,
                                      .inputs_digest = "x",
                                      .currencies = {},
                                      .drivers = p.problem.drivers,
                                      .notes = p.notes,
                                      .terminal = false};
    std::ostringstream out;
    report::render(report::simulation_document(sim, info), report::Format::json, out);
    return out.str();
  };
  const std::string one = json_for(1);
  CHECK(one == json_for(2));
  CHECK(one.find("\"seed\": 77") != std::string::npos);
}

TEST_CASE("scenario Monte Carlo: every driver of base-uncertain is a distribution centred on base", "[montecarlo]") {
  const Scenario uncertain = load_scenario("base-uncertain", data());
  const Scenario base = load_scenario("base", data());
  const ScenarioProblem p = make_scenario_problem(data(), uncertain, {});
  CHECK(p.problem.drivers.size() >= 4 * 10);
  CHECK(p.problem.correlation.size() == 5);
  CHECK(p.problem.baseline_sigma.size() == 4);
  for (const auto& d : p.problem.drivers) {
    const std::string company = d.name.substr(0, d.name.find('.'));
    const std::string driver = d.name.substr(d.name.find('.') + 1);
    INFO(d.name);
    // Base places Alibaba's RMB 380 bn from guidance (use_guidance); base-uncertain states it
    // as a commitment distribution over the same window, centred on the guide.
    const double centre = d.name == "alibaba.capex_commitment" ? 380000 : model::driver(base.company(company), driver);
    CHECK(d.distribution.point_value() == Approx(centre).margin(1e-12));
  }
}

TEST_CASE("scenario Monte Carlo: the reference dump carries each company's margin trend", "[montecarlo]") {
  // bench/simulate.sh's NumPy reference moves the other costs by margin_trend x (phi + ... +
  // phi^h) as project_path does, so the dump must hold the trend. Google's by hand as in
  // engine_test (margins 2024Q4..2025Q4, mean change 0.031427, standard error 0.012522,
  // weight 0.841237): 0.0264376 a quarter; Amazon's changes are within their noise (0).
  const ScenarioProblem p = make_scenario_problem(data(), load_scenario("base-uncertain", data()), {});
  std::map<std::string, double> trend, damping;
  for (const auto& c : p.reference["companies"]) {
    REQUIRE(c.contains("margin_trend"));
    trend[c["id"].get<std::string>()] = c["margin_trend"].get<double>();
    damping[c["id"].get<std::string>()] = c["drivers"]["margin_trend_damping"].get<double>();
  }
  REQUIRE(trend.size() == 4);
  CHECK(trend["google"] == Approx(0.0264376).epsilon(1e-5));
  CHECK(trend["amazon"] == 0);
  CHECK(damping["google"] == 0.8);
}

TEST_CASE("scenario Monte Carlo: invalid correlation matrices are rejected or repaired", "[montecarlo]") {
  const std::string head = R"({"base": "base", "companies": {"alibaba": {
      "useful_life": {"dist": "triangular", "min": 3, "mode": 5, "max": 6},
      "ai_price_change": {"dist": "normal", "mean": -0.2, "sd": 0.05},
      "ai_share": {"dist": "uniform", "min": 0.15, "max": 0.25}}},
      "correlation": {"drivers": ["alibaba.useful_life", "alibaba.ai_price_change", "alibaba.ai_share"], "matrix": )";
  CHECK_THAT(error_of(head + "[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]}}"),
             Catch::Contains("s.json:/correlation/matrix: the matrix is not positive semi-definite"));
  CHECK_THAT(error_of(head + "[[1, 0.5, 0], [0.4, 1, 0], [0, 0, 1]]}}"),
             Catch::Contains("expected a symmetric matrix"));
  CHECK_THAT(error_of(head + "[[1, 1.2, 0], [1.2, 1, 0], [0, 0, 1]]}}"), Catch::Contains("outside [-1, 1]"));
  CHECK_THAT(error_of(head + "[[0.5, 0, 0], [0, 1, 0], [0, 0, 1]]}}"), Catch::Contains("diagonal entry [0][0]"));
  CHECK_THAT(
      error_of(
          R"({"base": "base", "correlation": [{"a": "alibaba.useful_life", "b": "amazon.useful_lfe", "rho": 0.5}]})"),
      Catch::Contains("s.json:/correlation/drivers/0: 'alibaba.useful_life' is not an uncertain driver"));
  const ScenarioProblem repaired = make_scenario_problem(
      data(), scenario(head + "[[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]}}"), {.repair_correlation = true});
  REQUIRE(repaired.repair);
  CHECK(repaired.repair->frobenius_distance > 0);
  CHECK(correlation_problem(repaired.problem.correlation).empty());
}

TEST_CASE("scenario Monte Carlo: a variant fixing a driver drops its distribution", "[montecarlo]") {
  const Scenario s = scenario(R"({"base": "base-uncertain", "companies": {"alibaba": {"useful_life": 3}}})");
  const auto& list = s.company("alibaba").distributions;
  CHECK(std::none_of(list.begin(), list.end(), [](const auto& e) { return e.driver == "useful_life"; }));
  CHECK(s.company("alibaba").useful_life == 3);
  CHECK_THAT(
      error_of(
          R"({"base": "base", "companies": {"alibaba": {"useful_life": {"dist": "normal", "mean": 50, "sd": 1}}}})"),
      Catch::Contains("puts no probability inside the driver's range"));
}

TEST_CASE("scenario Monte Carlo: scenario events about companies left out are skipped", "[montecarlo]") {
  const Scenario s = load_scenario("base-uncertain", data());
  REQUIRE(!s.events.empty());
  const ScenarioProblem p = make_scenario_problem(data(), s, {.engine = {.companies = {"amazon"}}});
  CHECK(p.events.empty());
  CHECK(std::any_of(p.notes.begin(), p.notes.end(),
                    [](const std::string& n) { return n.find("skipped") != std::string::npos; }));
}

TEST_CASE("scenario Monte Carlo: NPV and IRR of each path are forecast's valuation", "[montecarlo][valuation]") {
  // No spread anywhere: every path is the deterministic projection, so each percentile
  // of the NPV and IRR is value_company's figure (forecast's code path: the projection's
  // quarters, not the path workspace). Only npv and irr are asked: the path must still
  // compute the free cash flow, operating income and depreciation they are made of.
  const Scenario s = scenario(R"({"base": "base", "companies": {"alibaba": {
      "useful_life": {"dist": "normal", "mean": 4, "sd": 0}}}})");
  const Projection deterministic = project(data(), s, {.companies = {"alibaba"}});
  const auto value = value_company(deterministic.companies[0], s.company("alibaba"));
  REQUIRE(value);
  REQUIRE(value->irr);
  const ScenarioProblem p =
      make_scenario_problem(data(), s, {.engine = {.companies = {"alibaba"}}, .baseline_error = false});
  const Simulation sim = simulate(p.problem, {.paths = 600, .seed = 3, .threads = 2, .metrics = {"npv", "irr"}});
  CHECK(sim.cells.empty());
  REQUIRE(sim.values.size() == 2);
  const CellStats& npv_cell = *sim.find_value(0, 0);
  const CellStats& irr_cell = *sim.find_value(0, 1);
  CHECK(sim.layout.values[0] == "npv");
  CHECK(sim.layout.values[1] == "irr");
  for (double v : npv_cell.percentiles) CHECK(v == Approx(value->npv).epsilon(1e-12));
  for (double v : irr_cell.percentiles) CHECK(v == Approx(*value->irr).epsilon(1e-12));
  CHECK(irr_cell.non_finite == 0);
}

TEST_CASE("scenario Monte Carlo: an uncertain WACC moves the NPV by its own quantiles", "[montecarlo][valuation]") {
  // WACC uniform on [0.06, 0.12], nothing else uncertain: the NPV falls as the WACC rises
  // (Alibaba's base flows: checked below at three points), so the NPV's P5 / P50 / P95
  // are the NPVs at the WACC's P95 / P50 / P5: 0.117, 0.09, 0.063. Histogram percentiles:
  // within 1 % of the NPV's range.
  const Scenario s = scenario(
      R"({"base": "base", "companies": {"alibaba": {"wacc": {"dist": "uniform", "min": 0.06, "max": 0.12}}}})");
  const Projection deterministic = project(data(), s, {.companies = {"alibaba"}});
  auto npv_at = [&](double wacc) {
    CompanyDrivers d = s.company("alibaba");
    d.wacc = wacc;
    return value_company(deterministic.companies[0], d)->npv;
  };
  REQUIRE(npv_at(0.063) > npv_at(0.09));
  REQUIRE(npv_at(0.09) > npv_at(0.117));
  const ScenarioProblem p =
      make_scenario_problem(data(), s, {.engine = {.companies = {"alibaba"}}, .baseline_error = false});
  const Simulation sim = simulate(
      p.problem, {.paths = 20000, .seed = 5, .threads = 2, .percentiles = {0.05, 0.5, 0.95}, .metrics = {"npv"}});
  const CellStats& cell = *sim.find_value(0, 0);
  const double range = npv_at(0.06) - npv_at(0.12);
  CHECK(std::fabs(cell.percentiles[0] - npv_at(0.117)) < 0.01 * range);
  CHECK(std::fabs(cell.percentiles[1] - npv_at(0.09)) < 0.01 * range);
  CHECK(std::fabs(cell.percentiles[2] - npv_at(0.063)) < 0.01 * range);
  // The projection does not read the WACC: revenue has no spread at all.
  const Simulation revenue = simulate(p.problem, {.paths = 600, .seed = 5, .threads = 1, .metrics = {"revenue"}});
  CHECK(revenue.cells[0].sd == 0);
}

}  // namespace model_montecarlo_scenario_test
