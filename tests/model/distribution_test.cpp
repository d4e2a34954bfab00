#include "cloudcast/model/distribution.hpp"

#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "cloudcast/error.hpp"
#include "cloudcast/util/cpu.hpp"
#include "model/normal_quantiles.hpp"

using namespace cloudcast;
using namespace cloudcast::model;

TEST_CASE("distribution: quantiles match known values", "[distribution]") {
  // Reference values: standard tables / closed forms, computed by hand.
  CHECK(Distribution::normal(0, 1).quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(Distribution::normal(10, 2).quantile(0.05) == Approx(10 - 2 * 1.6448536269514722).epsilon(1e-14));
  // lognormal(0, 1) P95 = exp(z_0.95).
  CHECK(Distribution::lognormal(0, 1).quantile(0.95) == Approx(5.180251602233013).epsilon(1e-13));
  // triangular(3, 5, 6): F(mode) = 2/3; P50 = 3 + sqrt(0.5 * 3 * 2), P90 = 6 - sqrt(0.1 * 3 * 1).
  const auto tri = Distribution::triangular(3, 5, 6);
  CHECK(tri.quantile(0.5) == Approx(3 + std::sqrt(3.0)).epsilon(1e-14));
  CHECK(tri.quantile(0.9) == Approx(6 - std::sqrt(0.3)).epsilon(1e-14));
  CHECK(tri.cdf(5) == Approx(2.0 / 3).epsilon(1e-14));
  CHECK(Distribution::uniform(2, 4).quantile(0.25) == Approx(2.5).epsilon(1e-15));
  // Standard normal truncated to [0, inf): P50 = Phi^-1(0.75).
  const auto half = Distribution::normal(0, 1).truncated(0.0, std::nullopt);
  CHECK(half.quantile(0.5) == Approx(0.6744897501960817).epsilon(1e-13));
  CHECK(half.cdf(-1) == 0);
  CHECK(half.mean() == Approx(std::sqrt(2 / M_PI)).epsilon(1e-14));  // half-normal mean, closed form
  CHECK(Distribution::uniform(0, 4).truncated(1.0, std::nullopt).mean() == Approx(2.5).epsilon(1e-9));  // midpoint rule
  CHECK(Distribution::lognormal(0.1, 0.2).mean() == Approx(std::exp(0.1 + 0.02)).epsilon(1e-15));
}

TEST_CASE("distribution: fast inverse normal agrees with Boost.Math", "[distribution]") {
  boost::math::normal_distribution<double> n01;
  for (double u : {1e-10, 1e-6, 0.001, 0.02425, 0.075, 0.2, 0.5, 0.5 + 1e-9, 0.8, 0.925, 0.999, 1 - 1e-9}) {
    const double expected = boost::math::quantile(n01, u);
    CHECK(normal_quantile(u) == Approx(expected).epsilon(1e-14).margin(1e-15));  // AS241: ~1e-16 relative
  }
  CHECK(normal_cdf(1.959963984540054) == Approx(0.975).epsilon(1e-15));
}

TEST_CASE("distribution: point value is base, else triangular mode, else median", "[distribution]") {
  CHECK(Distribution::triangular(3, 5, 6).point_value() == 5);
  CHECK(Distribution::lognormal(std::log(2.0), 0.5).point_value() == Approx(2).epsilon(1e-14));
  auto d = Distribution::normal(1, 1);
  d.base = 0.5;
  CHECK(d.point_value() == 0.5);
  CHECK(Distribution::normal(3, 0).is_degenerate());
  CHECK(Distribution::normal(3, 0).quantile(0.01) == 3);
}

TEST_CASE("distribution: parse_distribution reads every kind and rejects bad ones", "[distribution]") {
  using nlohmann::json;
  const auto tri = parse_distribution(json::parse(R"({"dist": "triangular", "min": 3, "mode": 5, "max": 6})"), "f:/x");
  CHECK(tri.kind == DistKind::triangular);
  CHECK(tri.c == 6);
  const auto ln = parse_distribution(json::parse(R"({"dist": "lognormal", "median": 2, "sigma": 0.1})"), "f:/x");
  CHECK(ln.a == Approx(std::log(2.0)).epsilon(1e-15));
  const auto tn =
      parse_distribution(json::parse(R"({"dist": "normal", "mean": 0, "sd": 1, "lo": 0, "base": 0.2})"), "f:/x");
  CHECK(tn.is_truncated());
  CHECK(tn.cdf_lo == Approx(0.5).epsilon(1e-15));
  CHECK(tn.point_value() == 0.2);

  auto error_of = [](const char* text) {
    try {
      parse_distribution(json::parse(text), "s.json:/companies/alibaba/useful_life");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of(R"({"dist": "gamma", "k": 1})"),
             Catch::Contains("s.json:/companies/alibaba/useful_life/dist: unknown distribution 'gamma'"));
  CHECK_THAT(error_of(R"({"dist": "normal", "mean": 1})"), Catch::Contains("/useful_life/sd: missing"));
  CHECK_THAT(error_of(R"({"dist": "normal", "mean": 1, "sd": -1})"), Catch::Contains("/sd: expected a number >= 0"));
  CHECK_THAT(error_of(R"({"dist": "triangular", "min": 3, "mode": 7, "max": 6})"),
             Catch::Contains("expected min <= mode <= max"));
  CHECK_THAT(error_of(R"({"dist": "uniform", "min": 1, "max": 2, "maxx": 3})"), Catch::Contains("/maxx: unknown key"));
  CHECK_THAT(error_of(R"({"dist": "uniform", "min": 1, "max": 2, "lo": 5})"), Catch::Contains("holds no probability"));
  CHECK_THAT(error_of(R"({"dist": "normal", "mean": "a", "sd": 1})"),
             Catch::Contains("/mean: expected a finite number"));
  CHECK_THAT(error_of(R"({"dist": "lognormal", "mu": 0, "median": 1, "sigma": 1})"),
             Catch::Contains("exactly one of mu"));
  CHECK_THAT(error_of(R"({"min": 1})"), Catch::Contains("/dist: missing"));
}

namespace {

// The bits of a double: equal bits is what "the same double" means here (0.0 and -0.0
// differ; a NaN equals itself).
std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Holds a body of normal_quantiles (the public one, or one of the bodies it picks from)
// to the scalar normal_quantile, bit for bit.
void check_normal_quantiles(void (*body)(std::span<double>)) {
  // The uniforms: both branch boundaries of AS241 (|u - 0.5| = 0.425 at u = 0.075 and
  // 0.925) and their neighbours, the far-tail switch (r = 5 near u = 1.4e-11), the ends
  // of (0, 1) and past them, the sampler's smallest and largest uniforms, NaN, and a
  // spread of random ones.
  std::vector<double> u{0.5,
                        0.075,
                        0.925,
                        1.4e-11,
                        1 - 1.4e-11,
                        1.3887943864964021e-11,
                        0,
                        1,
                        -0.0,
                        -1,
                        2,
                        std::numeric_limits<double>::min(),
                        std::numeric_limits<double>::denorm_min(),
                        std::nextafter(1.0, 0.0),
                        0.5 * 2.3283064365386962890625e-10,
                        1 - 0.5 * 2.3283064365386962890625e-10,
                        std::numeric_limits<double>::quiet_NaN(),
                        std::numeric_limits<double>::infinity(),
                        -std::numeric_limits<double>::infinity()};
  for (double edge : {0.075, 0.925, 0.5 - 0.425, 0.5 + 0.425, 1.4e-11, 0.5}) {
    double below = edge, above = edge;
    for (int step = 0; step < 4; ++step) {
      below = std::nextafter(below, 0.0);
      above = std::nextafter(above, 1.0);
      u.push_back(below);
      u.push_back(above);
    }
  }
  std::uint64_t state = 12345;
  for (int i = 0; i < 3000; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double x = static_cast<double>(state >> 11) * 0x1.0p-53;
    u.push_back(x);
    u.push_back(i % 3 == 0 ? x * 1e-9 : 1 - x * 0.1);  // extra tail values, both sides
  }
  // Every length from 0 to 130 (within and across the 64-value blocks, every remainder
  // of the two- and four-value groups) at offsets that shift each value between the
  // lanes and into a short last group. One CHECK per length: the first differing value
  // is reported.
  for (std::size_t length = 0; length <= 130; ++length) {
    std::size_t mismatches = 0;
    double first_bad = 0;
    for (std::size_t offset = 0; offset + length <= u.size(); offset += 37 + length) {
      std::vector<double> values(u.begin() + static_cast<std::ptrdiff_t>(offset),
                                 u.begin() + static_cast<std::ptrdiff_t>(offset + length));
      body(values);
      for (std::size_t i = 0; i < length; ++i) {
        if (bits(values[i]) == bits(normal_quantile(u[offset + i]))) continue;
        if (mismatches++ == 0) first_bad = u[offset + i];
      }
    }
    INFO("length " << length << ", first differing u " << first_bad);
    CHECK(mismatches == 0);
  }
  std::vector<double> all = u;
  body(all);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < u.size(); ++i) mismatches += bits(all[i]) != bits(normal_quantile(u[i]));
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("distribution: normal_quantiles equals normal_quantile bit for bit", "[distribution]") {
  check_normal_quantiles(normal_quantiles);
}

TEST_CASE("distribution: the baseline body of normal_quantiles (SSE2) equals normal_quantile bit for bit",
          "[distribution]") {
  check_normal_quantiles(detail::normal_quantiles_baseline);
}

TEST_CASE("distribution: the AVX2 body of normal_quantiles equals normal_quantile bit for bit", "[distribution]") {
  // Catch2 2 has no SKIP: a machine without AVX2 (or with CLOUDCAST_NO_AVX2 set) says
  // "SKIPPED: ", which ctest's skip regex (tests/CMakeLists.txt) reports as skipped.
  if (!util::has_avx2()) {
    WARN("SKIPPED: no AVX2 here (or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_normal_quantiles(detail::normal_quantiles_avx2);
}
