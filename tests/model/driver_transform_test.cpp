#include "model/driver_transform.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

#include "cloudcast/model/correlation.hpp"
#include "model/sampling.hpp"
#include "util/cpu.hpp"

namespace model_driver_transform_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

// "The same double": equal bits (0.0 and -0.0 differ, a NaN equals itself).
std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Every kind, truncated below, above, on both sides and not, degenerate ones too (and
// with a negative zero, where a + 0 * z keeps or loses the sign of zero).
std::vector<Distribution> all_kinds() {
  return {
      Distribution::fixed_value(7),
      Distribution::fixed_value(-0.0),
      Distribution::fixed_value(7).truncated(5.0, 9.0),
      Distribution::normal(0.1, 0.05),
      Distribution::normal(3, 0),
      Distribution::normal(-0.0, 0),
      Distribution::normal(0, 1).truncated(0.0, std::nullopt),
      Distribution::normal(0, 1).truncated(std::nullopt, 0.5),
      Distribution::normal(0, 0.03).truncated(-0.9, 5.0),
      Distribution::normal(380000, 20000).truncated(340000.0, 420000.0),
      Distribution::normal(3, 0).truncated(2.0, 4.0),
      Distribution::lognormal(-0.2, 0.3),
      Distribution::lognormal(0, 0),
      Distribution::lognormal(std::log(0.5), 0.25).truncated(0.01, 20.0),
      Distribution::lognormal(std::log(0.5), 0.25).truncated(0.3, std::nullopt),
      Distribution::lognormal(1, 0).truncated(1.0, 5.0),
      Distribution::triangular(3, 5, 6),
      Distribution::triangular(0.9, 1, 1),
      Distribution::triangular(4, 4, 6),
      Distribution::triangular(-0.4, -0.2, -0.05),
      Distribution::triangular(2, 2, 2),
      Distribution::triangular(3, 5, 6).truncated(3.5, std::nullopt),
      Distribution::triangular(3, 5, 6).truncated(std::nullopt, 5.5),
      Distribution::triangular(3, 5, 6).truncated(3.2, 5.9),
      Distribution::triangular(2, 2, 2).truncated(1.0, 3.0),
      Distribution::uniform(-0.4, -0.1),
      Distribution::uniform(1, 1),
      Distribution::uniform(-0.0, -0.0),
      Distribution::uniform(0, 4).truncated(1.0, std::nullopt),
      Distribution::uniform(0, 4).truncated(0.5, 3.5),
      Distribution::uniform(1, 1).truncated(0.0, 2.0),
  };
}

// Uniforms: a grid, AS241's branch boundaries and their neighbours, a triangular's mode
// fraction and neighbours (its branch), the sampler's extreme uniforms, the ends of [0, 1].
std::vector<double> uniforms(const Distribution& d) {
  std::vector<double> u{0,
                        1,
                        1e-300,
                        0.5 * 2.3283064365386962890625e-10,
                        1 - 0.5 * 2.3283064365386962890625e-10,
                        std::nextafter(1.0, 0.0)};
  for (int i = 1; i < 1000; ++i) u.push_back(i / 1000.0);
  std::vector<double> edges{0.075, 0.925, 0.5};
  if (d.kind == DistKind::triangular && d.c != d.a) edges.push_back((d.b - d.a) / (d.c - d.a));
  for (double edge : edges) {
    double below = edge, above = edge;
    u.push_back(edge);
    for (int step = 0; step < 3; ++step) {
      u.push_back(below = std::nextafter(below, 0.0));
      u.push_back(above = std::nextafter(above, 1.0));
    }
  }
  return u;
}

}  // namespace

TEST_CASE("driver transform: from_uniform and from_normal give the exact quantile", "[driver_transform]") {
  // Against Distribution::quantile (Boost.Math) for every kind, truncated or not,
  // degenerate ones too, over a grid and the branch boundaries (AS241's and a
  // triangular's mode); from_normal(z) against the quantile at Phi(z).
  for (const auto& d : all_kinds()) {
    const DriverTransform t(d);
    for (double u : uniforms(d)) {
      if (!(u > 0 && u < 1)) continue;  // draws never take the ends
      INFO(d.describe() << ", u = " << u);
      CHECK(t.from_uniform(u) == Approx(d.quantile(u)).epsilon(1e-12).margin(1e-12));
      const double z = normal_quantile(u);
      CHECK(t.from_normal(z) == Approx(d.quantile(normal_cdf(z))).epsilon(1e-12).margin(1e-12));
    }
  }
}

TEST_CASE("driver transform: ops and bounds follow the distribution", "[driver_transform]") {
  CHECK(DriverTransform(Distribution::fixed_value(2)).op() == DriverTransform::Op::constant);
  CHECK(DriverTransform(Distribution::triangular(2, 2, 2)).op() == DriverTransform::Op::constant);
  CHECK(DriverTransform(Distribution::normal(3, 0)).op() == DriverTransform::Op::normal);
  CHECK(DriverTransform(Distribution::uniform(1, 1)).op() == DriverTransform::Op::uniform);
  CHECK(DriverTransform(Distribution::normal(0, 1).truncated(0.0, std::nullopt)).bounded());
  CHECK_FALSE(DriverTransform(Distribution::normal(3, 0).truncated(2.0, 4.0)).bounded());  // degenerate: never clamped
  CHECK_FALSE(DriverTransform(Distribution::triangular(3, 5, 6)).bounded());
}

TEST_CASE("driver transform: from_uniforms and from_normals give the one-value calls' bits", "[driver_transform]") {
  // Every kind over the whole grid as one row (an odd length: the SSE2 triangular takes
  // two at a time and the last alone), and over rows of 1 and 2 values (the last value
  // alone, one step of two).
  for (const auto& d : all_kinds()) {
    const DriverTransform t(d);
    std::vector<double> u;
    for (double x : uniforms(d))
      if (x > 0 && x < 1) u.push_back(x);
    if (u.size() % 2 == 0) u.pop_back();
    std::vector<double> z(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) z[i] = normal_quantile(u[i]);
    for (const std::size_t length : {u.size(), std::size_t{1}, std::size_t{2}}) {
      std::vector<double> by_uniform(u.begin(), u.begin() + static_cast<std::ptrdiff_t>(length));
      std::vector<double> by_normal(z.begin(), z.begin() + static_cast<std::ptrdiff_t>(length));
      t.from_uniforms(by_uniform);
      t.from_normals(by_normal);
      std::size_t mismatches = 0;
      for (std::size_t i = 0; i < length; ++i) {
        mismatches += bits(by_uniform[i]) != bits(t.from_uniform(u[i]));
        mismatches += bits(by_normal[i]) != bits(t.from_normal(z[i]));
      }
      INFO(d.describe() << ", " << length << " values");
      CHECK(mismatches == 0);
    }
  }
}

namespace {

using RootsBody = void (*)(const detail::TriangularShape&, std::span<double>);

// body against from_uniform of untruncated triangulars (whose from_uniform is
// triangular_raw alone), value by value: the grid and the mode's neighbours as one row,
// then as rows of 1 to 17 values (whole groups of 2, 4 or 8 lanes and a rest).
void check_triangular_roots(RootsBody body) {
  for (const auto& [a, b, c] : {std::array{3.0, 5.0, 6.0}, std::array{0.9, 1.0, 1.0}, std::array{4.0, 4.0, 6.0},
                                std::array{-0.4, -0.2, -0.05}}) {
    const Distribution d = Distribution::triangular(a, b, c);
    const DriverTransform t(d);
    // The shape by hand: min, max, mode fraction, width, mode - min, max - mode.
    const detail::TriangularShape shape{a, c, (b - a) / (c - a), c - a, b - a, c - b};
    std::vector<double> u;
    for (double x : uniforms(d))
      if (x > 0 && x < 1) u.push_back(x);
    std::size_t mismatches = 0;
    for (std::size_t length = 1; length <= 17; ++length) {
      for (std::size_t first = 0; first + length <= u.size(); first += 97) {
        std::vector<double> row(u.begin() + static_cast<std::ptrdiff_t>(first),
                                u.begin() + static_cast<std::ptrdiff_t>(first + length));
        body(shape, row);
        for (std::size_t i = 0; i < length; ++i) mismatches += bits(row[i]) != bits(t.from_uniform(u[first + i]));
      }
    }
    std::vector<double> row = u;
    body(shape, row);
    for (std::size_t i = 0; i < u.size(); ++i) mismatches += bits(row[i]) != bits(t.from_uniform(u[i]));
    INFO(d.describe());
    CHECK(mismatches == 0);
  }
}

}  // namespace

TEST_CASE("driver transform: the baseline triangular roots (SSE2) equal from_uniform bit for bit",
          "[driver_transform]") {
  check_triangular_roots(detail::triangular_roots_baseline);
}

TEST_CASE("driver transform: the AVX2 triangular roots equal from_uniform bit for bit", "[driver_transform]") {
  if (!util::has_avx2()) {
    // ctest reports the test skipped on this token (tests/CMakeLists.txt); the body would
    // fault on a CPU without AVX2.
    WARN("SKIPPED: no AVX2 here (the CPU lacks it, or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_triangular_roots(detail::triangular_roots_avx2);
}

TEST_CASE("driver transform: the AVX-512 triangular roots equal from_uniform bit for bit", "[driver_transform]") {
  if (!util::has_avx512()) {
    WARN("SKIPPED: no AVX-512 here (the CPU or OS lacks it, or CLOUDCAST_NO_AVX512 or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_triangular_roots(detail::triangular_roots_avx512);
}

TEST_CASE("driver transform: a lognormal's value is exp within 2 ulp of glibc's", "[driver_transform]") {
  // from_score takes lane_math.inc's exp_ (decision 0850), not std::exp: they may part in
  // the last bits only. Over mu + sigma z in about (-10, 10).
  const DriverTransform t(Distribution::lognormal(0.3, 1.7));
  double worst = 0;
  for (int i = -3000; i <= 3000; ++i) {
    const double z = i / 500.0, expected = std::exp(0.3 + 1.7 * z);
    worst = std::max(worst, std::fabs(t.from_score(z) - expected) / expected);
  }
  CHECK(worst <= 4.5e-16);
  CHECK(worst > 0);  // they do part: the comparison has teeth
}

namespace {

using ScoresBody = void (*)(const detail::ScoreShape&, std::span<double>);

// body against from_score of normal and lognormal marginals, truncated and not, value by
// value: a spread of scores with the ends and a NaN, as rows of 1 to 17 values (whole
// groups of 2, 4 or 8 lanes and a rest) and as one row.
void check_scores_to_values(ScoresBody body) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  std::vector<double> z{0.0, -0.0, kInf, -kInf, std::numeric_limits<double>::quiet_NaN(), 40.0, -40.0};
  for (int i = 0; i < 400; ++i) z.push_back(-8 + i * 0.04);
  for (const auto& d : all_kinds()) {
    const DriverTransform t(d);
    if (t.op() != DriverTransform::Op::normal && t.op() != DriverTransform::Op::lognormal) continue;
    // The shape by hand, as from_score reads it: a, scale, the clamp's bounds, lognormal.
    const bool clamped = t.bounded();
    const detail::ScoreShape shape{d.a, d.b, clamped ? d.lo.value_or(-kInf) : -kInf,
                                   clamped ? d.hi.value_or(kInf) : kInf, t.op() == DriverTransform::Op::lognormal};
    std::size_t mismatches = 0;
    for (std::size_t length = 1; length <= 17; ++length) {
      for (std::size_t first = 0; first + length <= z.size(); first += 53) {
        std::vector<double> row(z.begin() + static_cast<std::ptrdiff_t>(first),
                                z.begin() + static_cast<std::ptrdiff_t>(first + length));
        body(shape, row);
        for (std::size_t i = 0; i < length; ++i) mismatches += bits(row[i]) != bits(t.from_score(z[first + i]));
      }
    }
    std::vector<double> row = z;
    body(shape, row);
    for (std::size_t i = 0; i < z.size(); ++i) mismatches += bits(row[i]) != bits(t.from_score(z[i]));
    INFO(d.describe());
    CHECK(mismatches == 0);
  }
}

}  // namespace

TEST_CASE("driver transform: the baseline scores to values (SSE2) equal from_score bit for bit", "[driver_transform]") {
  check_scores_to_values(detail::scores_to_values_baseline);
}

TEST_CASE("driver transform: the AVX2 scores to values equal from_score bit for bit", "[driver_transform]") {
  if (!util::has_avx2()) {
    WARN("SKIPPED: no AVX2 here (the CPU lacks it, or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_scores_to_values(detail::scores_to_values_avx2);
}

TEST_CASE("driver transform: the AVX-512 scores to values equal from_score bit for bit", "[driver_transform]") {
  if (!util::has_avx512()) {
    WARN("SKIPPED: no AVX-512 here (the CPU or OS lacks it, or CLOUDCAST_NO_AVX512 or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_scores_to_values(detail::scores_to_values_avx512);
}

namespace {

// DriverSampler::sample_chunk without its rows and its batched normal scores: one path,
// driver by driver in index order, each through its transform's from_uniform, or
// normal_quantile then from_normal after the copula; the extra normals one by one.
void reference_sample(const std::vector<Distribution>& marginals, const std::vector<std::size_t>& correlated,
                      const CorrelationMatrix& correlation, std::size_t extra, SamplingMethod method,
                      std::uint64_t seed, std::uint64_t paths, std::uint64_t path, std::vector<double>& drivers,
                      std::vector<double>& normals) {
  const std::size_t n = marginals.size(), k = correlated.size();
  auto uniform = [&](std::size_t dimension) {
    const double u = philox_uniform(seed, path, static_cast<std::uint32_t>(dimension));
    if (method == SamplingMethod::monte_carlo || path >= paths) return u;
    return (static_cast<double>(lhs_stratum(seed, static_cast<std::uint32_t>(dimension), path, paths)) + u) /
           static_cast<double>(paths);
  };
  std::vector<char> is_correlated(n, 0);
  for (std::size_t i : correlated) is_correlated[i] = 1;
  for (std::size_t d = 0; d < n; ++d)
    drivers[d] =
        is_correlated[d] ? normal_quantile(uniform(d)) : DriverTransform(marginals[d]).from_uniform(uniform(d));
  for (std::size_t e = 0; e < extra; ++e) normals[e] = normal_quantile(uniform(n + e));
  if (k == 0) return;
  const std::vector<double> factor = correlation_factor(correlation);
  std::vector<double> independent(k);
  for (std::size_t i = 0; i < k; ++i) independent[i] = drivers[correlated[i]];
  for (std::size_t i = 0; i < k; ++i) {
    double z = 0;
    for (std::size_t j = 0; j < k; ++j) z += factor[i * k + j] * independent[j];
    drivers[correlated[i]] = DriverTransform(marginals[correlated[i]]).from_normal(z);
  }
}

}  // namespace

TEST_CASE("driver transform: the sampler's drivers and normals equal a driver-by-driver draw bit for bit",
          "[driver_transform][sampling]") {
  // Every kind among the drivers, uncorrelated and in the copula (where an untruncated
  // normal or lognormal takes the score directly and the others go through Phi), drawn
  // in chunks of 1, 2, 7, 32 and 33 paths (the SIMD lanes of Philox hold 2, 4 or 8 paths:
  // full and partial groups), path by path against the reference.
  const std::vector<Distribution> marginals = all_kinds();
  const std::vector<std::size_t> correlated{3, 9, 11, 13, 16, 19, 22, 25, 26, 0};
  CorrelationMatrix correlation;
  correlation.names = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
  const std::size_t k = correlated.size(), n = marginals.size();
  correlation.values.assign(k * k, 0.0);
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = 0; j < k; ++j)
      correlation.values[i * k + j] = i == j ? 1.0 : 0.3 / (1.0 + std::fabs(double(i) - double(j)));
  for (SamplingMethod method : {SamplingMethod::monte_carlo, SamplingMethod::latin_hypercube}) {
    for (const std::size_t extra : {std::size_t{0}, std::size_t{7}, std::size_t{48}}) {
      const std::uint64_t seed = 42, paths = 500;
      const DriverSampler sampler(marginals, correlated, correlation, extra, method, seed, paths);
      const DriverSampler independent(marginals, {}, CorrelationMatrix{}, extra, method, seed, paths);
      std::size_t mismatches = 0, compared = 0;
      for (const DriverSampler* s : {&sampler, &independent}) {
        const bool with_copula = s == &sampler;
        const std::size_t chunks[] = {1, 2, 7, 32, 33};
        // Past paths: LHS falls back to plain uniforms.
        for (std::uint64_t first = 0, c = 0; first < paths + 3; first += chunks[c++ % 5]) {
          const std::size_t chunk = std::min<std::size_t>(chunks[c % 5], paths + 3 - first);
          std::vector<double> drivers(chunk * n), normals(chunk * extra), scratch(s->scratch_size(chunk));
          s->sample_chunk(first, chunk, drivers, normals, scratch);
          for (std::size_t p = 0; p < chunk; ++p) {
            std::vector<double> expected_drivers(n), expected_normals(extra);
            reference_sample(marginals, with_copula ? correlated : std::vector<std::size_t>{},
                             with_copula ? correlation : CorrelationMatrix{}, extra, method, seed, paths, first + p,
                             expected_drivers, expected_normals);
            for (std::size_t d = 0; d < n; ++d) mismatches += bits(drivers[p * n + d]) != bits(expected_drivers[d]);
            for (std::size_t e = 0; e < extra; ++e)
              mismatches += bits(normals[e * chunk + p]) != bits(expected_normals[e]);
            ++compared;
          }
        }
      }
      INFO("method " << sampling_name(method) << ", " << extra << " extra normals");
      CHECK(compared == 2 * (paths + 3));
      CHECK(mismatches == 0);
    }
  }
}

}  // namespace model_driver_transform_test
