#include "model/sampling.hpp"

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/philox_batch.hpp"

namespace cloudcast::model {

namespace {

// SplitMix64's finaliser: a fast, well-mixed 64-bit hash for the Feistel rounds.
std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

}  // namespace

SamplingMethod parse_sampling(std::string_view name) {
  if (name == "mc") return SamplingMethod::monte_carlo;
  if (name == "lhs") return SamplingMethod::latin_hypercube;
  throw UsageError("--sampling: " + util::unknown_name_message("sampling method", name, {"mc", "lhs"}));
}

std::string_view sampling_name(SamplingMethod method) {
  return method == SamplingMethod::latin_hypercube ? "lhs" : "mc";
}

double philox_uniform(std::uint64_t seed, std::uint64_t path, std::uint32_t dimension) {
  r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter{
      {dimension / 4, static_cast<std::uint32_t>(path), static_cast<std::uint32_t>(path >> 32), 0}};
  const r123::Philox4x32::key_type key{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  const auto bits = generator(counter, key);
  return (static_cast<double>(bits.v[dimension % 4]) + 0.5) * kTwoToMinus32;
}

std::uint64_t lhs_stratum(std::uint64_t seed, std::uint32_t dimension, std::uint64_t path, std::uint64_t paths) {
  if (paths <= 1) return 0;
  // Balanced Feistel network on 2h bits (2^2h >= paths) is a bijection of [0, 2^2h);
  // cycle walking (re-encrypt until the value lands below paths) restricts it to a
  // bijection of [0, paths). 2^2h < 4 paths, so fewer than 4 encryptions on average.
  const auto bits = static_cast<int>(std::bit_width(paths - 1));
  const int half = (bits + 1) / 2;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  const std::uint64_t key = mix64(seed ^ mix64(0x9e3779b97f4a7c15ULL + dimension));
  std::uint64_t x = path;
  do {
    std::uint64_t left = x >> half;
    std::uint64_t right = x & mask;
    for (std::uint64_t round = 0; round < 4; ++round) {
      const std::uint64_t next = left ^ (mix64(right ^ key ^ (round << 56)) & mask);
      left = right;
      right = next;
    }
    x = (left << half) | right;
  } while (x >= paths);
  return x;
}

DriverSampler::DriverSampler(std::vector<Distribution> marginals, std::vector<std::size_t> correlated,
                             const CorrelationMatrix& correlation, std::size_t extra_normals, SamplingMethod method,
                             std::uint64_t seed, std::uint64_t paths)
    : drivers_(marginals.size()),
      factor_(correlated.empty() ? std::vector<double>{} : correlation_factor(correlation)),
      extra_normals_(extra_normals),
      method_(method),
      seed_(seed),
      paths_(paths) {
  std::vector<char> is_correlated(drivers_, 0);
  for (std::size_t d : correlated) {
    is_correlated.at(d) = 1;
    correlated_.push_back({d, DriverTransform(marginals[d])});
  }
  for (std::size_t d = 0; d < drivers_; ++d) {
    if (is_correlated[d]) continue;
    const Drawn drawn{d, DriverTransform(marginals[d])};
    switch (drawn.transform.op()) {
      case DriverTransform::Op::normal:
      case DriverTransform::Op::lognormal:
        scored_.push_back(drawn);
        break;
      case DriverTransform::Op::triangular:
        (drawn.transform.bounded() ? bounded_triangular_ : triangular_).push_back(drawn);
        break;
      case DriverTransform::Op::uniform:
        (drawn.transform.bounded() ? bounded_uniform_ : uniform_).push_back(drawn);
        break;
      case DriverTransform::Op::constant:
        constant_.push_back(drawn);
        break;
    }
  }
}

double DriverSampler::uniform(std::uint64_t path, std::uint32_t dimension) const {
  const double u = philox_uniform(seed_, path, dimension);
  if (method_ == SamplingMethod::monte_carlo) return u;
  // Past the planned count (never in practice) fall back to plain Monte Carlo.
  if (path >= paths_) return u;
  return (static_cast<double>(lhs_stratum(seed_, dimension, path, paths_)) + u) / static_cast<double>(paths_);
}

void DriverSampler::sample(std::uint64_t path, std::span<double> drivers, std::span<double> normals,
                           std::span<double> scratch) const {
  const std::size_t n = drivers_;
  const std::size_t k = correlated_.size();
  // Every normal the path needs in one normal_quantiles run, through scratch: its tails
  // go in groups of SIMD lanes, and one run fills more of a group than two (decision
  // 0810). First the extra normals (the drivers' uniforms land in drivers, the extra
  // normals' in scratch; philox_uniforms draws four Philox blocks at once, same bits as
  // philox_uniform()), then the correlated drivers' scores (the copula's independent
  // normals, from the plain uniform), then those of the normal and lognormal marginals
  // (from the uniform mapped into a truncation's cdf span).
  const std::size_t m = extra_normals_;
  if (method_ == SamplingMethod::monte_carlo) {
    philox_uniforms(seed_, path, drivers.first(n), scratch.first(m));
  } else {
    for (std::size_t d = 0; d < n; ++d) drivers[d] = uniform(path, static_cast<std::uint32_t>(d));
    for (std::size_t e = 0; e < m; ++e) scratch[e] = uniform(path, static_cast<std::uint32_t>(n + e));
  }
  double* const scores = scratch.data() + m;
  for (std::size_t i = 0; i < k; ++i) scores[i] = drivers[correlated_[i].driver];
  for (std::size_t j = 0; j < scored_.size(); ++j)
    scores[k + j] = scored_[j].transform.score_input(drivers[scored_[j].driver]);
  normal_quantiles(scratch.first(m + k + scored_.size()));
  std::copy_n(scratch.data(), m, normals.data());
  for (std::size_t j = 0; j < scored_.size(); ++j)
    drivers[scored_[j].driver] = scored_[j].transform.from_score(scores[k + j]);
  for (const auto& [d, t] : triangular_) drivers[d] = t.triangular_raw(drivers[d]);
  for (const auto& [d, t] : bounded_triangular_) drivers[d] = t.triangular(drivers[d]);
  for (const auto& [d, t] : uniform_) drivers[d] = t.uniform_raw(drivers[d]);
  for (const auto& [d, t] : bounded_uniform_) drivers[d] = t.uniform(drivers[d]);
  for (const auto& [d, t] : constant_) drivers[d] = t.constant();
  // Gaussian copula: correlated scores F e, then each through its marginal.
  for (std::size_t i = 0; i < k; ++i) {
    double z = 0;
    const double* row = factor_.data() + i * k;
    for (std::size_t j = 0; j < k; ++j) z += row[j] * scores[j];
    drivers[correlated_[i].driver] = correlated_[i].transform.from_normal(z);
  }
}

}  // namespace cloudcast::model
