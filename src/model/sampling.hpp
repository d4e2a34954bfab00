#pragma once
// Drawing correlated driver values for Monte Carlo paths. Every number is a pure
// function of (seed, path index, draw index) through the counter-based Philox4x32-10
// generator (Random123), so a path's draws never depend on which thread ran it or in
// what order. Correlation is a Gaussian copula: independent normal scores times a factor
// of the correlation matrix, mapped through each marginal's quantile. Latin Hypercube
// sampling stratifies each dimension's uniform into N equal strata through a keyed
// pseudo-random permutation of the path indices (a Feistel cipher with cycle walking),
// so it too needs no stored permutation and no shared state.

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "cloudcast/model/correlation.hpp"
#include "cloudcast/model/distribution.hpp"
#include "cloudcast/model/sampling_method.hpp"
#include "model/driver_transform.hpp"

namespace cloudcast::model {

// The uniform in (0, 1) for one (path, dimension): 32 random bits from Philox keyed by
// the seed, with the counter (dimension / 4, path low, path high, 0), centred in its cell.
double philox_uniform(std::uint64_t seed, std::uint64_t path, std::uint32_t dimension);

// The Latin Hypercube stratum of a path in one dimension: a bijection of [0, paths)
// keyed by (seed, dimension).
std::uint64_t lhs_stratum(std::uint64_t seed, std::uint32_t dimension, std::uint64_t path, std::uint64_t paths);

class DriverSampler {
 public:
  // marginals: one per driver. correlated: indices into marginals of the drivers in
  // the copula, with correlation their matrix (same order; a valid matrix). extra_normals:
  // independent standard normals per path after the drivers (the baseline revenue's
  // forecast errors). paths: the run's total, which LHS stratifies.
  DriverSampler(std::vector<Distribution> marginals, std::vector<std::size_t> correlated,
                const CorrelationMatrix& correlation, std::size_t extra_normals, SamplingMethod method,
                std::uint64_t seed, std::uint64_t paths);

  std::size_t drivers() const { return drivers_; }
  std::size_t extra_normals() const { return extra_normals_; }
  std::size_t dimensions() const { return drivers_ + extra_normals_; }

  // Draws paths first .. first + paths - 1. drivers (paths x drivers()): path-major,
  // driver d of path p at p * drivers() + d, as the evaluator reads them. normals
  // (extra_normals() x paths): dimension-major, extra normal e of path p at e * paths + p,
  // so the caller's random walks run over the chunk's paths side by side. scratch must
  // hold scratch_size(paths) doubles. Allocation-free and thread-safe.
  void sample_chunk(std::uint64_t first, std::size_t paths, std::span<double> drivers, std::span<double> normals,
                    std::span<double> scratch) const;
  // Rows of paths values: each driver's uniforms, the normal scores of the correlated
  // drivers and of the other normal and lognormal marginals (in one normal_quantiles
  // run), and the copula's correlated score of one driver at a time.
  std::size_t scratch_size(std::size_t paths) const {
    return (drivers_ + correlated_.size() + scored_.size() + 1) * paths;
  }

 private:
  double uniform(std::uint64_t path, std::uint32_t dimension) const;

  // A driver and its marginal's from_uniform/from_normal.
  struct Drawn {
    std::size_t driver;
    DriverTransform transform;
  };

  std::size_t drivers_;
  std::vector<Drawn> correlated_;  // the copula's drivers, in the correlation matrix's order
  std::vector<double> factor_;     // k x k row-major, F F^T = correlation
  // The other drivers: normal and lognormal (a normal score each, all the drivers' in one
  // normal_quantiles run), and the closed forms (triangular, uniform, constant).
  std::vector<Drawn> scored_, closed_;
  std::size_t extra_normals_;
  SamplingMethod method_;
  std::uint64_t seed_;
  std::uint64_t paths_;
};

}  // namespace cloudcast::model
