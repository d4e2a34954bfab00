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
    const bool scored =
        drawn.transform.op() == DriverTransform::Op::normal || drawn.transform.op() == DriverTransform::Op::lognormal;
    (scored ? scored_ : closed_).push_back(drawn);
  }
}

double DriverSampler::uniform(std::uint64_t path, std::uint32_t dimension) const {
  const double u = philox_uniform(seed_, path, dimension);
  if (method_ == SamplingMethod::monte_carlo) return u;
  // Past the planned count (never in practice) fall back to plain Monte Carlo.
  if (path >= paths_) return u;
  return (static_cast<double>(lhs_stratum(seed_, dimension, path, paths_)) + u) / static_cast<double>(paths_);
}

void DriverSampler::sample_chunk(std::uint64_t first, std::size_t paths, std::span<double> drivers,
                                 std::span<double> normals, std::span<double> scratch) const {
  const std::size_t n = drivers_;
  const std::size_t m = extra_normals_;
  const std::size_t k = correlated_.size();
  const std::size_t s = scored_.size();
  // Everything runs dimension by dimension over the chunk's paths, each dimension's row
  // of paths values side by side: the Philox lanes hold one path each, normal_quantiles
  // fills its lanes from thousands of values instead of one path's 74 (decision 0820),
  // and each driver's transform is a loop over its row with the driver's constants held
  // once. The drivers' uniforms land in scratch, the extra normals' in normals.
  double* const uniforms = scratch.data();              // row d: driver d
  double* const scores = uniforms + n * paths;          // rows: the correlated drivers, then scored_
  double* const correlated = scores + (k + s) * paths;  // F e for one copula driver
  if (method_ == SamplingMethod::monte_carlo) {
    philox_uniforms(seed_, first, paths, scratch.first(n * paths), normals.first(m * paths));
  } else {
    for (std::size_t d = 0; d < n + m; ++d) {
      double* const row = d < n ? uniforms + d * paths : normals.data() + (d - n) * paths;
      for (std::size_t p = 0; p < paths; ++p) row[p] = uniform(first + p, static_cast<std::uint32_t>(d));
    }
  }
  normal_quantiles(normals.first(m * paths));
  // The normal scores: the copula's independent normals from the plain uniform, then
  // those of the normal and lognormal marginals from the uniform mapped into a
  // truncation's cdf span.
  for (std::size_t i = 0; i < k; ++i) std::copy_n(uniforms + correlated_[i].driver * paths, paths, scores + i * paths);
  for (std::size_t j = 0; j < s; ++j) {
    const DriverTransform t = scored_[j].transform;  // a copy: the stores below cannot change it
    const double* const u = uniforms + scored_[j].driver * paths;
    double* const out = scores + (k + j) * paths;
    for (std::size_t p = 0; p < paths; ++p) out[p] = t.score_input(u[p]);
  }
  normal_quantiles({scores, (k + s) * paths});
  // Each driver's row through its marginal (in place), into its column of the
  // path-major drivers.
  const auto to_column = [&](std::size_t driver, const double* row) {
    double* const out = drivers.data() + driver;
    for (std::size_t p = 0; p < paths; ++p) out[p * n] = row[p];
  };
  for (std::size_t j = 0; j < s; ++j) {
    const DriverTransform t = scored_[j].transform;  // a copy: the stores below cannot change it
    double* const row = scores + (k + j) * paths;
    t.from_scores({row, paths});
    to_column(scored_[j].driver, row);
  }
  for (const auto& [d, t] : closed_) {
    double* const row = uniforms + d * paths;
    t.from_uniforms({row, paths});
    to_column(d, row);
  }
  // Gaussian copula: correlated scores F e (the sum over e's rows in the same order as
  // one path's dot product), then each through its marginal.
  for (std::size_t i = 0; i < k; ++i) {
    std::fill_n(correlated, paths, 0.0);
    for (std::size_t j = 0; j < k; ++j) {
      const double f = factor_[i * k + j];
      const double* const e = scores + j * paths;
      for (std::size_t p = 0; p < paths; ++p) correlated[p] += f * e[p];
    }
    correlated_[i].transform.from_normals({correlated, paths});
    to_column(correlated_[i].driver, correlated);
  }
}

}  // namespace cloudcast::model
