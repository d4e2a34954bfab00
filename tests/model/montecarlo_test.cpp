#include "cloudcast/model/montecarlo.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "cloudcast/error.hpp"
#include "model/sampling.hpp"

namespace model_montecarlo_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

// A toy model: revenue_h = 100 (1 + g)^h * X + baseline shock, margin = 0.2 + m; one
// company, two metrics, four quarters. Drivers: X (level), g (growth), m (margin shift).
McProblem toy(Distribution level, Distribution growth, Distribution margin, std::vector<double> sigma = {}) {
  McProblem problem;
  problem.layout = OutputLayout{{"acme"},
                                {"revenue", "operating_margin"},
                                {Quarter{2026, 1}, Quarter{2026, 2}, Quarter{2026, 3}, Quarter{2026, 4}}};
  problem.drivers = {{"acme.level", level}, {"acme.growth", growth}, {"acme.margin", margin}};
  if (!sigma.empty()) problem.baseline_sigma = {sigma};
  const OutputLayout layout = problem.layout;
  problem.make_evaluator = [layout](const std::vector<char>&) {
    return
        [layout](std::span<const double> drivers, std::span<const double> shocks, std::size_t paths, PathOutput chunk) {
          for (std::size_t p = 0; p < paths; ++p) {
            const double* d = drivers.data() + 3 * p;
            const PathOutput out = chunk.path(p);
            double scale = 100 * d[0];
            for (std::size_t h = 0; h < 4; ++h) {
              scale *= 1 + d[1];
              out[layout.index(0, 0, h)] = scale + shocks[p * 4 + h];
              out[layout.index(0, 1, h)] = 0.2 + d[2];
            }
          }
        };
  };
  return problem;
}

constexpr double kZ05 = 1.6448536269514722;

}  // namespace

TEST_CASE("simulate: zero variance gives the deterministic path in every percentile", "[montecarlo]") {
  const auto problem = toy(Distribution::normal(1.1, 0), Distribution::triangular(0.05, 0.05, 0.05),
                           Distribution::lognormal(std::log(0.01), 0), {0, 0, 0, 0});
  const auto sim = simulate(problem, McOptions{.paths = 3000, .seed = 1});
  REQUIRE(sim.cells.size() == 8);
  for (const CellStats& s : sim.cells) {
    const double expected = s.metric == 0 ? 110 * std::pow(1.05, static_cast<double>(s.quarter + 1)) : 0.2 + 0.01;
    CHECK(s.mean == Approx(expected).epsilon(1e-15));
    CHECK(s.std_error == 0);
    for (std::size_t i = 0; i < s.percentiles.size(); ++i) {
      CHECK(s.percentiles[i] == Approx(expected).epsilon(1e-15));
      CHECK(s.ci_low[i] == s.percentiles[i]);
      CHECK(s.ci_high[i] == s.percentiles[i]);
    }
  }
}

TEST_CASE("simulate: a lognormal driver feeding revenue linearly gives analytic quantiles", "[montecarlo]") {
  // revenue_1 = 100 * 1.0 * X, X ~ lognormal(0.1, 0.2): P_p = 100 exp(0.1 + 0.2 z_p),
  // mean 100 exp(0.1 + 0.02). 100,000 paths here (the benchmark checks 1e6); each
  // estimate must sit within 4 of its own standard errors of the analytic value.
  const auto problem =
      toy(Distribution::lognormal(0.1, 0.2), Distribution::fixed_value(0), Distribution::fixed_value(0));
  const auto sim = simulate(
      problem,
      McOptions{.paths = 100000, .seed = 2026, .threads = 2, .percentiles = {0.05, 0.5, 0.95}, .metrics = {"revenue"}});
  REQUIRE(sim.paths == 100000);
  const CellStats& s = *sim.find(0, 0, 0);
  CHECK(std::fabs(s.mean - 100 * std::exp(0.12)) < 4 * s.std_error);
  const double z[] = {-kZ05, 0, kZ05};
  for (std::size_t i = 0; i < 3; ++i) {
    const double analytic = 100 * std::exp(0.1 + 0.2 * z[i]);
    // The 95 % CI half-width is ~1.96 standard errors of the percentile.
    const double se = (s.ci_high[i] - s.ci_low[i]) / (2 * 1.96);
    INFO("percentile " << sim.percentiles[i] << " estimate " << s.percentiles[i] << " analytic " << analytic);
    CHECK(std::fabs(s.percentiles[i] - analytic) < 4 * se);
    CHECK(se < 0.01 * analytic);  // and the interval is tight: < 1 % at 1e5 paths
  }
}

TEST_CASE("simulate: results do not depend on the thread count", "[montecarlo]") {
  const auto problem =
      toy(Distribution::normal(1, 0.1), Distribution::uniform(0.0, 0.1), Distribution::normal(0, 0.02), {1, 2, 3, 4});
  McOptions options{.paths = 20000, .seed = 7, .events = {parse_event("acme.revenue@2026Q4 < 120", "--prob")}};
  const auto one = simulate(problem, options);
  options.threads = 2;
  const auto two = simulate(problem, options);
  options.threads = 3;
  const auto three = simulate(problem, options);
  for (const auto* other : {&two, &three}) {
    REQUIRE(other->cells.size() == one.cells.size());
    for (std::size_t c = 0; c < one.cells.size(); ++c) {
      CHECK(other->cells[c].mean == one.cells[c].mean);  // bit for bit
      CHECK(other->cells[c].std_error == one.cells[c].std_error);
      CHECK(other->cells[c].percentiles == one.cells[c].percentiles);
      CHECK(other->cells[c].ci_low == one.cells[c].ci_low);
    }
    CHECK(other->events[0].hits == one.events[0].hits);
  }
}

TEST_CASE("simulate: event probabilities and baseline error match theory", "[montecarlo]") {
  // revenue_h = 100 + shock_h with sd sigma_h: P(revenue@h < 100) = 1/2 and the sd of
  // quarter h is sigma_h.
  const std::vector<double> sigma{2, 4, 6, 8};
  const auto problem =
      toy(Distribution::fixed_value(1), Distribution::fixed_value(0), Distribution::fixed_value(0), sigma);
  McOptions options{.paths = 40000,
                    .seed = 11,
                    .events = {parse_event("acme.revenue@2026Q3 < 100", "--prob"),
                               parse_event("acme.revenue@2026Q4 >= 108", "--prob")}};
  const auto sim = simulate(problem, options);
  CHECK(std::fabs(sim.events[0].probability - 0.5) < 4 * sim.events[0].std_error);
  // P(N(0, 8) >= 8) = 1 - Phi(1) = 0.158655
  CHECK(std::fabs(sim.events[1].probability - 0.15865525393145707) < 4 * sim.events[1].std_error);
  for (const EventResult& e : sim.events) {  // the 95 % interval is p -+ 1.96 SE, by its definition
    CHECK(e.ci_low == Approx(e.probability - 1.959963984540054 * e.std_error).epsilon(1e-12));
    CHECK(e.ci_high == Approx(e.probability + 1.959963984540054 * e.std_error).epsilon(1e-12));
  }
  for (std::size_t h = 0; h < 4; ++h) {
    const CellStats& s = *sim.find(0, 0, h);
    CHECK(s.mean_ci_high - s.mean_ci_low == Approx(2 * 1.959963984540054 * s.std_error).epsilon(1e-9));
    CHECK(s.sd == Approx(sigma[h]).epsilon(0.03));  // sd of a sample sd ~ 1/sqrt(2n) = 0.35 %; 3 % is loose
  }
}

TEST_CASE("simulate: precision control stops early once tight enough", "[montecarlo]") {
  const auto problem = toy(Distribution::normal(1, 0.05), Distribution::fixed_value(0), Distribution::fixed_value(0));
  const auto sim = simulate(problem, McOptions{.paths = 1000000, .seed = 5, .precision = 0.01, .metrics = {"revenue"}});
  CHECK(sim.precision_met);
  CHECK(sim.precision_reached <= 0.01);
  CHECK(sim.paths < 1000000);
  CHECK(sim.paths >= 8192);
}

TEST_CASE("simulate: Latin Hypercube runs and stays unbiased", "[montecarlo]") {
  const auto problem =
      toy(Distribution::triangular(0.8, 1.0, 1.3), Distribution::fixed_value(0), Distribution::fixed_value(0));
  const auto sim = simulate(
      problem,
      McOptions{.paths = 10000, .seed = 3, .sampling = SamplingMethod::latin_hypercube, .metrics = {"revenue"}});
  const CellStats& s = *sim.find(0, 0, 0);
  CHECK(std::fabs(s.mean - 100 * (0.8 + 1.0 + 1.3) / 3) <
        4 * s.std_error);  // iid se overstates LHS error: conservative
}

TEST_CASE("simulate: bad options are usage errors", "[montecarlo]") {
  const auto problem = toy(Distribution::fixed_value(1), Distribution::fixed_value(0), Distribution::fixed_value(0));
  CHECK_THROWS_WITH(simulate(problem, McOptions{.paths = 0}), Catch::Contains("--paths: expected an integer >= 1"));
  CHECK_THROWS_WITH(simulate(problem, McOptions{.paths = 10, .metrics = {"revenu"}}),
                    Catch::Contains("did you mean 'revenue'"));
  CHECK_THROWS_WITH(
      simulate(problem, McOptions{.paths = 10, .events = {parse_event("acme.revenue@2030Q1 < 1", "--prob")}}),
      Catch::Contains("quarter 2030Q1 is not projected"));
  CHECK_THROWS_WITH(simulate(problem, McOptions{.paths = 10, .percentiles = {0.5, 1.2}}),
                    Catch::Contains("--percentiles"));
}

TEST_CASE("quantile_ci_ranks: order-statistic interval by the binomial normal approximation", "[montecarlo]") {
  // n = 100, p = 0.5: n p -+ 1.96 sqrt(n p (1 - p)) = 50 -+ 9.8 -> ranks 40 and 61.
  CHECK(quantile_ci_ranks(100, 0.5) == std::pair<std::int64_t, std::int64_t>{40, 61});
  CHECK(quantile_ci_ranks(10, 0.05).first == 1);  // clamped
  CHECK(quantile_ci_ranks(10, 0.95).second == 10);
}

TEST_CASE("simulate: progress reaches the total, never concurrently", "[montecarlo]") {
  const auto problem = toy(Distribution::normal(1, 0.1), Distribution::fixed_value(0), Distribution::fixed_value(0));
  std::vector<std::int64_t> seen;
  McOptions options{.paths = 20000, .seed = 1, .threads = 2};
  options.progress = [&seen](std::int64_t done, std::int64_t total) {
    CHECK(total == 20000);
    seen.push_back(done);  // the library serialises calls, so a plain vector is safe
  };
  simulate(problem, options);
  REQUIRE(!seen.empty());
  CHECK(*std::max_element(seen.begin(), seen.end()) == 20000);
}

TEST_CASE("simulate: statistics equal those of the paths computed directly, non-finite values left out",
          "[montecarlo]") {
  // One cell, x = U (uniform draw 0 of the path) or NaN where U < 0.25: 20,000 paths run
  // through the pilot and a later round, chunks mixing NaN and finite values as well as
  // all-finite ones. The same values computed here from philox_uniform give the count,
  // min and max exactly, the mean and sd to rounding, the percentiles to a bin width.
  McProblem problem;
  problem.layout = OutputLayout{{"acme"}, {"revenue"}, {Quarter{2026, 1}}};
  problem.drivers = {{"acme.u", Distribution::uniform(0, 1)}};
  problem.make_evaluator = [](const std::vector<char>&) {
    return [](std::span<const double> d, std::span<const double>, std::size_t paths, PathOutput out) {
      for (std::size_t p = 0; p < paths; ++p)
        out.path(p)[0] = d[p] < 0.25 ? std::numeric_limits<double>::quiet_NaN() : d[p];
    };
  };
  const std::int64_t paths = 20000;
  const std::uint64_t seed = 7;
  std::vector<double> values;
  for (std::int64_t p = 0; p < paths; ++p) {
    const double u = philox_uniform(seed, static_cast<std::uint64_t>(p), 0);
    if (u >= 0.25) values.push_back(u);
  }
  std::sort(values.begin(), values.end());
  double sum = 0;
  for (double x : values) sum += x;
  const double n = static_cast<double>(values.size()), mean = sum / n;
  double squares = 0;
  for (double x : values) squares += (x - mean) * (x - mean);

  const auto sim =
      simulate(problem, McOptions{.paths = paths, .seed = seed, .threads = 2, .percentiles = {0.1, 0.5, 0.9}});
  REQUIRE(sim.cells.size() == 1);
  const CellStats& s = sim.cells[0];
  CHECK(s.non_finite == paths - static_cast<std::int64_t>(values.size()));
  CHECK(s.min == values.front());
  CHECK(s.max == values.back());
  CHECK(s.mean == Approx(mean).epsilon(1e-13));
  CHECK(s.sd == Approx(std::sqrt(squares / (n - 1))).epsilon(1e-10));
  const double bin_width = 1.5 * (values.back() - values.front()) / 512;
  for (std::size_t i = 0; i < 3; ++i) {
    const double rank = (n - 1) * sim.percentiles[i];
    const auto below = static_cast<std::size_t>(rank);
    const double exact = values[below] + (rank - static_cast<double>(below)) * (values[below + 1] - values[below]);
    CHECK(std::fabs(s.percentiles[i] - exact) < bin_width);
  }
}

}  // namespace model_montecarlo_test
