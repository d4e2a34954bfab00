#include "model/sampling.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <set>

namespace model_sampling_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  const auto n = static_cast<double>(x.size());
  double mx = 0, my = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace

TEST_CASE("sampling: Philox uniforms are Random123's known answers, a function of seed, path and draw", "[sampling]") {
  // Random123's known-answer vector for Philox4x32-10 (its tests/kat_vectors): counter
  // (0, 0, 0, 0), key (0, 0) -> 6627e8d5 e169c58d bc57ac4c 9b00dbd8. Seed 0 is key (0, 0);
  // path 0 and draws 0..3 are counter (0, 0, 0, 0), word d. A uniform is (bits + 0.5) / 2^32.
  const std::uint32_t known[4] = {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8};
  for (std::uint32_t d = 0; d < 4; ++d) CHECK(philox_uniform(0, 0, d) == (known[d] + 0.5) / 4294967296.0);
  CHECK(philox_uniform(42, 7, 3) != philox_uniform(43, 7, 3));
  CHECK(philox_uniform(42, 7, 3) != philox_uniform(42, 8, 3));
  const double u = philox_uniform(1, 1ULL << 40, 9);
  CHECK((u > 0 && u < 1));
}

TEST_CASE("sampling: a chunk's first path is Random123's known answer through each marginal", "[sampling]") {
  // Seed 0, path 0: dimensions 0..3 are the known-answer words above, u = (bits + 0.5) /
  // 2^32 = 0.39904647076, 0.88052019791, 0.73571278446, 0.60548185383. By hand (Python's
  // statistics.NormalDist().inv_cdf for the normal scores): triangular(3, 5, 6) below its
  // mode fraction 2/3 is 3 + sqrt(6 u); uniform(0.5, 0.9) is 0.5 + 0.4 u; normal(1, 2) is
  // 1 + 2 z; lognormal(-0.2, 0.3) is exp(-0.2 + 0.3 z). Drawn in one chunk of 8 paths
  // (a full AVX-512 group), path 0 first in each row.
  DriverSampler sampler({Distribution::triangular(3, 5, 6), Distribution::uniform(0.5, 0.9), Distribution::normal(1, 2),
                         Distribution::lognormal(-0.2, 0.3)},
                        {}, CorrelationMatrix{}, 0, SamplingMethod::monte_carlo, 0, 8);
  std::vector<double> drivers(8 * 4), none, scratch(sampler.scratch_size(8));
  sampler.sample_chunk(0, 8, drivers, none, scratch);
  CHECK(drivers[0] == Approx(4.5473457353035895).epsilon(1e-13));
  CHECK(drivers[1] == Approx(0.8522080791648478).epsilon(1e-15));
  CHECK(drivers[2] == Approx(2.260367312712087).epsilon(1e-13));
  CHECK(drivers[3] == Approx(0.8871587619178806).epsilon(1e-13));
}

TEST_CASE("sampling: LHS strata are a permutation of the paths", "[sampling]") {
  for (std::uint64_t n : {1ULL, 2ULL, 7ULL, 1000ULL, 4096ULL}) {
    for (std::uint32_t dim : {0u, 5u}) {
      std::set<std::uint64_t> seen;
      for (std::uint64_t p = 0; p < n; ++p) seen.insert(lhs_stratum(9, dim, p, n));
      CHECK(seen.size() == n);
      CHECK(*seen.rbegin() == n - 1);
    }
  }
  CHECK(lhs_stratum(9, 0, 5, 1000) != lhs_stratum(9, 1, 5, 1000));  // dimensions permute independently
}

TEST_CASE("sampling: drawn drivers have the requested correlation within 0.01", "[sampling]") {
  // 200,000 paths: the sample correlation's sd is (1 - rho^2) / sqrt(n) < 0.0023, so 0.01
  // is over 4 sd. Under the Gaussian copula the requested matrix is the correlation of the
  // normal scores Phi^-1(F(x)); for normal marginals that is Pearson's correlation of x.
  const std::vector<Distribution> marginals{Distribution::normal(-0.3, 0.1), Distribution::normal(-0.25, 0.08),
                                            Distribution::triangular(3, 5, 6), Distribution::uniform(0.5, 0.9)};
  CorrelationMatrix corr{{"a", "b", "c", "d"},
                         {1, 0.7, -0.4, 0.2,   //
                          0.7, 1, -0.3, 0.1,   //
                          -0.4, -0.3, 1, 0.5,  //
                          0.2, 0.1, 0.5, 1}};
  for (SamplingMethod method : {SamplingMethod::monte_carlo, SamplingMethod::latin_hypercube}) {
    const std::uint64_t n = 200000;
    DriverSampler sampler(marginals, {0, 1, 2, 3}, corr, 1, method, 42, n);
    std::vector<std::vector<double>> scores(4, std::vector<double>(n));
    std::vector<double> values(4), normals(1), scratch(sampler.scratch_size(1)), extra(n);
    for (std::uint64_t p = 0; p < n; ++p) {
      sampler.sample_chunk(p, 1, values, normals, scratch);
      for (std::size_t d = 0; d < 4; ++d) scores[d][p] = normal_quantile(marginals[d].cdf(values[d]));
      extra[p] = normals[0];
    }
    for (std::size_t i = 0; i < 4; ++i)
      for (std::size_t j = i + 1; j < 4; ++j) {
        INFO("method " << sampling_name(method) << " pair " << i << "," << j);
        CHECK(pearson(scores[i], scores[j]) == Approx(corr(i, j)).margin(0.01));
      }
    CHECK(std::fabs(pearson(scores[0], extra)) < 0.01);  // the baseline normals are independent
  }
}

TEST_CASE("sampling: uncorrelated marginals reproduce their quantiles", "[sampling]") {
  const auto tri = Distribution::triangular(3, 5, 6);
  const std::uint64_t n = 20000;
  DriverSampler sampler({tri}, {}, CorrelationMatrix{}, 0, SamplingMethod::latin_hypercube, 3, n);
  // One chunk of all n paths: a driver's values are one row, path-major with one driver.
  std::vector<double> values(n), none, scratch(sampler.scratch_size(n));
  sampler.sample_chunk(0, n, values, none, scratch);
  std::sort(values.begin(), values.end());
  // LHS puts exactly one draw in each of n equal-probability strata, so the k-th
  // smallest lies within stratum k: F(x_(k)) in [k/n, (k+1)/n).
  for (std::uint64_t k : {0ULL, 999ULL, 10000ULL, 19999ULL}) {
    const double f = tri.cdf(values[k]);
    CHECK(f >= static_cast<double>(k) / n - 1e-12);
    CHECK(f <= static_cast<double>(k + 1) / n + 1e-12);
  }
}

TEST_CASE("sampling: Monte Carlo draws philox_uniform's uniform in every dimension", "[sampling]") {
  // Uniform(0, 1) marginals pass the uniform through unchanged (0 + 1 * u), so the drivers
  // are the draws themselves; the extra normals are their normal scores. Every dimension
  // of every path compared exactly: a block drawn for the wrong counter or put in the
  // wrong place fails. The sizes put the driver/normal split inside a block, on a block
  // edge and past short last blocks; the chunks fill the SIMD lanes (2, 4 or 8 paths) or
  // leave the last group partial.
  const std::vector<std::pair<std::size_t, std::size_t>> sizes{{57, 48}, {1, 0},  {0, 5},   {3, 1},  {4, 4},
                                                               {16, 0},  {15, 2}, {17, 16}, {5, 30}, {33, 31}};
  for (const auto& [n, extra] : sizes) {
    for (const std::uint64_t seed : {42ULL, 0xDEADBEEFCAFEF00DULL}) {
      const std::vector<Distribution> marginals(n, Distribution::uniform(0, 1));
      DriverSampler sampler(marginals, {}, CorrelationMatrix{}, extra, SamplingMethod::monte_carlo, seed, 10);
      for (const std::uint64_t first : {0ULL, 9ULL, (1ULL << 32) - 3}) {
        for (const std::size_t paths : {std::size_t{1}, std::size_t{5}, std::size_t{8}, std::size_t{32}}) {
          std::vector<double> drivers(paths * n), normals(paths * extra), scratch(sampler.scratch_size(paths));
          sampler.sample_chunk(first, paths, drivers, normals, scratch);
          std::size_t wrong = 0;
          for (std::size_t p = 0; p < paths; ++p) {
            std::vector<double> expected(n + extra);
            for (std::size_t d = 0; d < n + extra; ++d)
              expected[d] = philox_uniform(seed, first + p, static_cast<std::uint32_t>(d));
            const std::span<double> expected_normals = std::span<double>(expected).subspan(n);
            normal_quantiles(expected_normals);  // the sampler's own transform: same doubles
            for (std::size_t d = 0; d < n; ++d) wrong += drivers[p * n + d] != expected[d];
            for (std::size_t e = 0; e < extra; ++e) wrong += normals[e * paths + p] != expected_normals[e];
          }
          INFO("drivers " << n << " normals " << extra << " seed " << seed << " paths " << first << " + " << paths);
          CHECK(wrong == 0);
        }
      }
    }
  }
}

}  // namespace model_sampling_test
