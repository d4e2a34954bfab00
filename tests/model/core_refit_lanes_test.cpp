#include "model/core_refit_lanes.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <optional>
#include <random>
#include <span>
#include <vector>

#include "cloudcast/model/scenario.hpp"
#include "cloudcast/types.hpp"
#include "model/core_baseline.hpp"

namespace model_core_refit_lanes_test {

using namespace cloudcast;
using model::detail::LaneBody;

constexpr LaneBody kBodies[] = {LaneBody::scalar, LaneBody::sse2, LaneBody::avx2, LaneBody::avx512};

// Units in the last place between a and b (finite, same sign).
double ulps(double a, double b) { return std::fabs(a - b) / (std::nextafter(std::fabs(b), INFINITY) - std::fabs(b)); }

std::vector<double> uniform(std::size_t n, double lo, double hi, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, hi);
  std::vector<double> x(n);
  for (auto& v : x) v = u(rng);
  return x;
}

TEST_CASE("exp_lanes: exact where e^x is, within 2 ulp of std::exp elsewhere", "[core_refit_lanes]") {
  for (LaneBody body : kBodies) {
    std::vector<double> exact = {0.0, -0.0};
    model::detail::exp_lanes(body, exact);
    CHECK(exact[0] == 1.0);
    CHECK(exact[1] == 1.0);
    // The domain the refit uses (growth, log levels of revenue in millions) and beyond.
    for (auto [lo, hi] : {std::pair{-1.0, 1.0}, std::pair{-30.0, 30.0}, std::pair{-700.0, 700.0}}) {
      std::vector<double> x = uniform(4099, lo, hi, 7), e = x;
      model::detail::exp_lanes(body, e);
      double worst = 0;
      for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, ulps(e[i], std::exp(x[i])));
      INFO("body " << static_cast<int>(body) << " range " << lo << ".." << hi);
      CHECK(worst <= 2.0);
    }
  }
}

TEST_CASE("log_lanes: exact at 1 and 2, within 2 ulp of std::log elsewhere", "[core_refit_lanes]") {
  for (LaneBody body : kBodies) {
    std::vector<double> exact = {1.0, 2.0, 0.5};
    model::detail::log_lanes(body, exact);
    CHECK(exact[0] == 0.0);
    CHECK(exact[1] == std::log(2.0));
    CHECK(exact[2] == -std::log(2.0));
    // Near 1 (the log ratios of seasonality) and over revenue-like magnitudes.
    for (auto [lo, hi] : {std::pair{0.7, 1.4}, std::pair{1e-3, 1e6}, std::pair{1.0, 1e300}}) {
      std::vector<double> x = uniform(4099, lo, hi, 11), l = x;
      model::detail::log_lanes(body, l);
      double worst = 0;
      for (std::size_t i = 0; i < x.size(); ++i) worst = std::max(worst, ulps(l[i], std::log(x[i])));
      INFO("body " << static_cast<int>(body) << " range " << lo << ".." << hi);
      CHECK(worst <= 2.0);
    }
  }
}

TEST_CASE("exp_lanes and log_lanes: every body gives the scalar body's bits", "[core_refit_lanes]") {
  const std::vector<double> x = uniform(1027, -50.0, 50.0, 3);
  std::vector<double> e_scalar = x, l_scalar = x;
  for (auto& v : l_scalar) v = std::fabs(v) + 1e-9;
  std::vector<double> l_input = l_scalar;
  model::detail::exp_lanes(LaneBody::scalar, e_scalar);
  model::detail::log_lanes(LaneBody::scalar, l_scalar);
  for (LaneBody body : kBodies) {
    std::vector<double> e = x, l = l_input;
    model::detail::exp_lanes(body, e);
    model::detail::log_lanes(body, l);
    INFO("body " << static_cast<int>(body));
    CHECK(std::memcmp(e.data(), e_scalar.data(), e.size() * sizeof(double)) == 0);
    CHECK(std::memcmp(l.data(), l_scalar.data(), l.size() * sizeof(double)) == 0);
  }
}

TEST_CASE("divide_lanes: every body gives the quotients of /, over every length", "[core_refit_lanes]") {
  // Quotients that are not exact (random values), an exact one, a zero, and an infinite
  // one (a zero divisor); each length puts them in lanes and in the one-by-one rest.
  std::vector<double> x = uniform(40, -1e3, 1e3, 5), by = uniform(40, 1e-3, 1e2, 6);
  x[3] = 6.0;
  by[3] = 3.0;
  x[11] = 0.0;
  by[17] = 0.0;
  for (std::size_t length = 0; length <= x.size(); ++length)
    for (LaneBody body : kBodies) {
      std::vector<double> quotient = x;
      model::detail::divide_lanes(body, std::span(quotient).first(length), by);
      INFO("body " << static_cast<int>(body) << ", length " << length);
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double expected = i < length ? x[i] / by[i] : x[i];
        CHECK(std::bit_cast<std::uint64_t>(quotient[i]) == std::bit_cast<std::uint64_t>(expected));
      }
    }
}

// A seasonal history: 17 quarters from 2022Q1, growing 4 % a quarter, Q4 15 % above the
// year's run rate and Q1 10 % below.
std::vector<double> seasonal_history() {
  const double season[4] = {0.9, 1.0, 0.95, 1.15};
  std::vector<double> revenue;
  for (int i = 0; i < 17; ++i) revenue.push_back(5000 * std::pow(1.04, i) * season[i % 4]);
  return revenue;
}

struct Refits {
  std::vector<double> level, sd, ratio;
  std::vector<unsigned char> valid;
};

Refits run(LaneBody body, const model::RefitPlan& plan, const std::vector<double>& share,
           const std::vector<double>& growth) {
  const std::size_t h = static_cast<std::size_t>(plan.horizon), n = share.size();
  Refits r{std::vector<double>(n * h, -1.0), std::vector<double>(n * h, -1.0), std::vector<double>(n * h, -1.0),
           std::vector<unsigned char>(n, 2)};
  model::detail::refit_lanes(body, plan,
                             {.share = share.data(),
                              .growth = growth.data(),
                              .count = n,
                              .level = r.level.data(),
                              .sd = r.sd.data(),
                              .ratio = r.ratio.data(),
                              .valid = r.valid.data()});
  return r;
}

TEST_CASE("refit_lanes: each path as CoreRefit::fit and revenue_equivalent, to 1e-13 of the level",
          "[core_refit_lanes]") {
  const std::vector<double> revenue = seasonal_history();
  const int horizon = 12;
  // 45 paths: a partial last group in every body. Share 0..60 %, AI growth -50 %..+300 %;
  // the largest shares with shrinking AI cannot be carried by the history.
  std::vector<double> share = uniform(45, 0.0, 0.6, 5), growth = uniform(45, -0.5, 3.0, 9);
  share[3] = 0.9;
  growth[3] = -0.9;  // AI 90 % of T and ten times larger a year before: core < 0
  for (bool bands : {true, false}) {
    const model::RefitPlan plan(revenue, 0, horizon, bands);
    const Refits lanes = run(LaneBody::scalar, plan, share, growth);
    model::CoreRefit refit(revenue, {2022, 1}, horizon, "trend", bands);
    std::vector<double> level(horizon), sd(horizon);
    int invalid = 0;
    for (std::size_t i = 0; i < share.size(); ++i) {
      const bool valid = refit.fit(share[i], growth[i]);
      INFO("path " << i << " share " << share[i] << " growth " << growth[i] << " bands " << bands);
      REQUIRE(lanes.valid[i] == (valid ? 1 : 0));
      if (!valid) {
        ++invalid;
        CHECK(lanes.level[i * horizon] == -1.0);  // nothing written
        continue;
      }
      model::revenue_equivalent(refit.core(), share[i], level, sd);
      for (std::size_t u = 0; u < static_cast<std::size_t>(horizon); ++u) {
        CHECK(lanes.level[i * horizon + u] == Approx(level[u]).epsilon(1e-13));
        // sd is the difference of the interval's bounds, each within 1e-13 of its own:
        // with a tight interval the difference keeps that error, not its relative size.
        if (bands) CHECK(std::fabs(lanes.sd[i * horizon + u] - sd[u]) <= 1e-13 * level[u]);
        CHECK(lanes.ratio[i * horizon + u] == Approx(refit.seasonal_ratio()[u]).epsilon(1e-13));
      }
      if (!bands) CHECK(lanes.sd[i * horizon] == -1.0);  // never written
    }
    CHECK(invalid >= 1);
  }
}

TEST_CASE("refit_lanes: every body gives the scalar body's bits", "[core_refit_lanes]") {
  const std::vector<double> revenue = seasonal_history();
  const std::vector<double> share = uniform(61, 0.0, 0.7, 13), growth = uniform(61, -0.6, 4.0, 17);
  // A short history (no seasonal factors, a 5-quarter trend) as well as the long one.
  for (std::size_t n : {revenue.size(), std::size_t{5}}) {
    const model::RefitPlan plan(std::span<const double>(revenue).last(n), 2, 8, true);
    const Refits scalar = run(LaneBody::scalar, plan, share, growth);
    for (LaneBody body : kBodies) {
      const Refits r = run(body, plan, share, growth);
      INFO("body " << static_cast<int>(body) << " history " << n);
      CHECK(r.valid == scalar.valid);
      CHECK(std::memcmp(r.level.data(), scalar.level.data(), r.level.size() * sizeof(double)) == 0);
      CHECK(std::memcmp(r.sd.data(), scalar.sd.data(), r.sd.size() * sizeof(double)) == 0);
      CHECK(std::memcmp(r.ratio.data(), scalar.ratio.data(), r.ratio.size() * sizeof(double)) == 0);
    }
  }
}

TEST_CASE("ai_statements: ai_statement of each path, the same bits in every body", "[core_refit_lanes]") {
  // Drivers across the driver table's ranges; statements made for T, for a year before T
  // (carried by the trailing growth, or by the AI growth when that is unknown), and none.
  const std::size_t n = 37;
  const std::vector<double> share = uniform(n, 0.0, 0.6, 19), volume = uniform(n, -0.9, 20.0, 23),
                            price = uniform(n, -0.95, 5.0, 29);
  const Quarter last{2026, 1};
  for (auto [stated, growth] :
       {std::pair{std::optional<Quarter>{}, 0.2}, std::pair{std::optional(last), 0.2},
        std::pair{std::optional(Quarter{2025, 1}), 0.2}, std::pair{std::optional(Quarter{2025, 3}), std::nan("")}}) {
    model::CompanyDrivers d;
    d.ai_share_quarter = stated;
    const model::StatementPlan plan = model::statement_plan(d, last, growth);
    std::vector<double> s0(n), g0(n), k0(n);
    model::detail::ai_statements(LaneBody::scalar, plan,
                                 {share.data(), volume.data(), price.data(), n, s0.data(), g0.data(), k0.data()});
    for (std::size_t i = 0; i < n; ++i) {
      d.ai_share = share[i];
      d.ai_volume_growth = volume[i];
      d.ai_price_change = price[i];
      const model::AiStatement ai = model::ai_statement(d, last, growth);
      INFO("path " << i << " stated " << (stated ? stated->to_string() : "none"));
      CHECK(s0[i] == Approx(ai.share).epsilon(1e-14));
      CHECK(g0[i] == ai.growth);  // no pow in it: the same expression
      CHECK(k0[i] == Approx(ai.scale).epsilon(1e-14));
    }
    for (LaneBody body : kBodies) {
      std::vector<double> s(n), g(n), k(n);
      model::detail::ai_statements(body, plan,
                                   {share.data(), volume.data(), price.data(), n, s.data(), g.data(), k.data()});
      INFO("body " << static_cast<int>(body));
      CHECK(std::memcmp(s.data(), s0.data(), n * sizeof(double)) == 0);
      CHECK(std::memcmp(k.data(), k0.data(), n * sizeof(double)) == 0);
    }
  }
}

}  // namespace model_core_refit_lanes_test
