#include "cloudcast/model/distribution.hpp"

#include <boost/math/distributions/normal.hpp>
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "model/normal_quantiles.hpp"
#include "util/cpu.hpp"

namespace model_normal_quantiles_test {

using namespace cloudcast;
using namespace cloudcast::model;

TEST_CASE("normal quantiles: fast inverse normal agrees with Boost.Math", "[normal_quantiles]") {
  boost::math::normal_distribution<double> n01;
  for (double u : {1e-10, 1e-6, 0.001, 0.02425, 0.075, 0.2, 0.5, 0.5 + 1e-9, 0.8, 0.925, 0.999, 1 - 1e-9}) {
    const double expected = boost::math::quantile(n01, u);
    CHECK(normal_quantile(u) == Approx(expected).epsilon(1e-14).margin(1e-15));  // AS241: ~1e-16 relative
  }
  CHECK(normal_cdf(1.959963984540054) == Approx(0.975).epsilon(1e-15));
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

TEST_CASE("normal quantiles: normal_quantiles equals normal_quantile bit for bit", "[normal_quantiles][dispatch]") {
  check_normal_quantiles(normal_quantiles);
}

TEST_CASE("normal quantiles: the baseline body (SSE2) equals normal_quantile bit for bit", "[normal_quantiles]") {
  check_normal_quantiles(detail::normal_quantiles_baseline);
}

TEST_CASE("normal quantiles: the AVX2 body equals normal_quantile bit for bit", "[normal_quantiles]") {
  if (!util::has_avx2()) {
    // ctest reports the test skipped on this token (tests/CMakeLists.txt); the body would
    // fault on a CPU without AVX2.
    WARN("SKIPPED: no AVX2 here (the CPU lacks it, or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_normal_quantiles(detail::normal_quantiles_avx2);
}

TEST_CASE("normal quantiles: the AVX-512 body equals normal_quantile bit for bit", "[normal_quantiles]") {
  if (!util::has_avx512()) {
    WARN("SKIPPED: no AVX-512 here (the CPU or OS lacks it, or CLOUDCAST_NO_AVX512 or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_normal_quantiles(detail::normal_quantiles_avx512);
}

}  // namespace model_normal_quantiles_test
