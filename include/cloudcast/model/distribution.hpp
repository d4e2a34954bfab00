#pragma once
// Probability distributions for uncertain scenario drivers: normal, lognormal,
// triangular, uniform, each optionally truncated to [lo, hi]. quantile() and cdf() are
// exact (Boost.Math). A Monte Carlo draw takes the fast form instead, DriverTransform
// (driver_transform.hpp): closed forms plus the double-precision inverse normal below,
// with the per-distribution work done once.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::model {

enum class DistKind { fixed, normal, lognormal, triangular, uniform };

struct Distribution {
  DistKind kind = DistKind::fixed;
  // fixed: a = value. normal: a = mean, b = sd. lognormal: a = mu, b = sigma (of the
  // log). triangular: a = min, b = mode, c = max. uniform: a = min, b = max.
  double a = 0, b = 0, c = 0;
  std::optional<double> lo, hi;   // truncation bounds (either may be absent); set through truncated()
  std::optional<double> base;     // the value deterministic runs use; see point_value()
  double cdf_lo = 0, cdf_hi = 1;  // untruncated cdf at lo and hi, cached by truncated()

  static Distribution fixed_value(double value);
  static Distribution normal(double mean, double sd);
  static Distribution lognormal(double mu, double sigma);
  static Distribution triangular(double min, double mode, double max);
  static Distribution uniform(double min, double max);
  Distribution truncated(std::optional<double> lower, std::optional<double> upper) const;

  bool is_fixed() const { return kind == DistKind::fixed; }
  bool is_truncated() const { return lo.has_value() || hi.has_value(); }
  // True when every draw is the same number (fixed, sd 0, min == max ...).
  bool is_degenerate() const;

  // Exact quantile and cdf of the (truncated) distribution; p in [0, 1].
  double quantile(double p) const;
  double cdf(double x) const;
  // Mean: closed form when untruncated and for a truncated normal, else a 4096-point
  // midpoint rule over quantile() (relative error ~1e-5 with an unbounded tail).
  double mean() const;
  // Value in deterministic runs: "base" when the file gives one, else the mode of a
  // triangular, else the median.
  double point_value() const;

  std::string describe() const;  // "triangular(3, 5, 6)", "normal(0.1, 0.02) in [0, 1]"
  nlohmann::ordered_json to_json() const;
};

// Parses a driver written as a distribution: {"dist": "triangular", "min": 3, "mode": 5,
// "max": 6}, {"dist": "normal", "mean": m, "sd": s}, {"dist": "lognormal", "mu": m,
// "sigma": s} or {"dist": "lognormal", "median": m, "sigma": s}, {"dist": "uniform",
// "min": a, "max": b}; any of them may add "lo"/"hi" (truncation) and "base". place is
// "file:/json/pointer", used in DataError messages.
Distribution parse_distribution(const nlohmann::json& value, std::string_view place);

// Standard normal quantile (Wichura 1988, AS241 PPND16: |relative error| < 1e-15) and
// cdf. normal_cdf is glibc's erfc, for report figures; sampling_cdf is the sampler's
// (the Gaussian copula's Phi): our own approximation, within 6 ulp relative of Phi down
// to Phi(-37.5) and 0 below (decision 0850), and sampling_cdfs the same over an
// array in place, bit for bit, in SIMD lanes as normal_quantiles.
double normal_quantile(double u);
double normal_cdf(double z);
double sampling_cdf(double z);
void sampling_cdfs(std::span<double> values);
// normal_quantile over a whole array in place (uniforms in, scores out), bit for bit the
// same values as one call each: eight at a time in AVX-512 where the CPU has it
// (util::has_avx512()), else four at a time in AVX2 (util::has_avx2()), else two at a
// time in SSE2 (the x86-64 baseline; scalar elsewhere), the tails gathered into groups
// of their own (decision 0810). One call over many values fills those groups better than
// several short ones.
void normal_quantiles(std::span<double> values);

}  // namespace cloudcast::model

namespace cloudcast::model {

// A scenario driver given as a distribution (CompanyDrivers::distributions).
struct DriverDistribution {
  std::string driver;  // table name, "useful_life"
  Distribution distribution;
};

// A driver value in a scenario file that is a distribution object: parsed, and truncated
// to the driver's valid range [min, max] (so a path never feeds the engine a value it
// rejects; a distribution lying wholly outside is a DataError).
Distribution parse_driver_distribution(const nlohmann::json& value, double min, double max, std::string_view place);

// Keeps list in step with a scenario file: a distribution object sets the driver's
// entry, a plain value removes it (a variant fixing a driver its base made uncertain).
void note_driver_value(std::vector<DriverDistribution>& list, std::string_view driver, const nlohmann::json& value,
                       double min, double max, std::string_view place);

}  // namespace cloudcast::model
