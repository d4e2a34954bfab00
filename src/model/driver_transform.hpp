#pragma once
// A driver's marginal made ready for the sampler's hot loop: what the distribution is
// (its kind, truncation, degeneracy) and the parts that never change (a triangular's
// width and mode fraction, a truncation's cdf span) are settled once, at construction.
// A draw is then closed forms plus the double-precision inverse normal (AS241), agreeing
// with Distribution::quantile() (Boost.Math) to ~1e-12 relative or better
// (tests/model/driver_transform_test.cpp).

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "cloudcast/model/distribution.hpp"

namespace cloudcast::model {

namespace detail {

// A triangular's constants as DriverTransform holds them: min a, max c, (mode - a) /
// width, width c - a, left mode - a, right c - mode.
struct TriangularShape {
  double a, c, mode_cdf, width, left, right;
};

// DriverTransform::triangular_raw over a row, in place, bit for bit, one body per
// instruction set (DriverTransform::from_uniforms picks one per process; declared here so
// that the tests can hold each to triangular_raw whatever the machine would pick): the
// baseline two values at a time in SSE2 (one at a time where the build is not x86-64
// GCC/Clang), AVX2 four, AVX-512 eight; call those two only where util::has_avx2() or
// util::has_avx512() says the CPU has them.
void triangular_roots_baseline(const TriangularShape& shape, std::span<double> row);
void triangular_roots_avx2(const TriangularShape& shape, std::span<double> row);
void triangular_roots_avx512(const TriangularShape& shape, std::span<double> row);

// A normal or lognormal's constants as DriverTransform holds them: mean/mu a, sd/sigma
// scale, the clamp's bounds lo and hi (infinite where there is no truncation), and
// whether the value is exp of the normal one.
struct ScoreShape {
  double a, scale, lo, hi;
  bool lognormal;
};

// DriverTransform::from_score over a row, in place, bit for bit, one body per instruction
// set as the triangular_roots_* above (DriverTransform::from_scores picks one per
// process).
void scores_to_values_baseline(const ScoreShape& shape, std::span<double> row);
void scores_to_values_avx2(const ScoreShape& shape, std::span<double> row);
void scores_to_values_avx512(const ScoreShape& shape, std::span<double> row);

}  // namespace detail

class DriverTransform {
 public:
  // What a draw goes through. constant: fixed, and a triangular of zero width; normal and
  // lognormal: a normal score (see score_input); triangular, uniform: closed forms.
  enum class Op { constant, normal, lognormal, triangular, uniform };

  explicit DriverTransform(const Distribution& d);

  Op op() const { return op_; }

  // The quantile at u in (0, 1): u mapped into a truncation's cdf span, the untruncated
  // quantile there, clamped to the bounds. from_normal(z) is from_uniform(Phi(z)), Phi the
  // sampler's sampling_cdf (decision 0850), taking z directly where nothing needs Phi (an
  // untruncated normal or lognormal).
  double from_uniform(double u) const;
  double from_normal(double z) const;

  // The normal and lognormal kinds in two steps, so a sampler can run normal_quantiles()
  // over many drivers at once: from_uniform(u) is from_score(normal_quantile(score_input(u))).
  // score_input also maps u into a truncation's cdf span for triangular and uniform.
  // from_score is a + scale z, exp of it for a lognormal (lane_math.inc's exp_, not
  // glibc's: from_scores runs it in SIMD lanes, and both give the same bits), clamped.
  double score_input(double u) const { return remap_ ? cdf_lo_ + u * span_ : u; }
  double from_score(double z) const;
  void from_scores(std::span<double> row) const;

  // from_uniform and from_normal over a row of values, in place, each value's bits those
  // of the one-value call: the kind settled once for the row, its steps as loops over it
  // (a normal or lognormal's quantiles in one normal_quantiles run, a triangular's roots
  // in SIMD lanes, detail::triangular_roots_*).
  void from_uniforms(std::span<double> row) const;
  void from_normals(std::span<double> row) const;

  // True when from_uniform maps u into a truncation's cdf span and clamps the result
  // (a truncated, non-degenerate distribution).
  bool bounded() const { return remap_; }

 private:
  // Distribution's own clamp. The bounds are infinite where Distribution does not clamp,
  // which returns every double unchanged (NaN, -0.0 and infinities included).
  double clamp(double x) const { return std::clamp(x, lo_, hi_); }

  // The closed forms of from_uniform for the other kinds. Unless bounded(), the raw forms
  // are the whole of triangular() and uniform(): no mapping, and infinite bounds change
  // nothing.
  double constant() const { return a_; }
  double triangular(double u) const { return clamp(triangular_raw(score_input(u))); }
  double uniform(double u) const { return clamp(uniform_raw(score_input(u))); }
  double triangular_raw(double v) const {
#if defined(__SSE2__)
    // Which side of the mode a draw falls on is a coin flip, so a branch is mispredicted
    // about half the time; both roots in one SQRTPD and a bitwise select cost less. Each
    // side is the same expression as below (the unused one may be NaN; it is dropped).
    const __m128d roots = _mm_sqrt_pd(_mm_set_pd((1 - v) * width_ * right_, v * width_ * left_));
    const __m128d left = _mm_set_sd(a_ + _mm_cvtsd_f64(roots));
    const __m128d right = _mm_set_sd(c_ - _mm_cvtsd_f64(_mm_unpackhi_pd(roots, roots)));
    const __m128d take_left = _mm_cmplt_sd(_mm_set_sd(v), _mm_set_sd(mode_cdf_));
    return _mm_cvtsd_f64(_mm_or_pd(_mm_and_pd(take_left, left), _mm_andnot_pd(take_left, right)));
#else
    return v < mode_cdf_ ? a_ + std::sqrt(v * width_ * left_) : c_ - std::sqrt((1 - v) * width_ * right_);
#endif
  }
  double uniform_raw(double v) const { return a_ + scale_ * v; }
  detail::ScoreShape score_shape() const { return {a_, scale_, lo_, hi_, op_ == Op::lognormal}; }

  Op op_ = Op::constant;
  bool remap_ = false;       // truncated and not degenerate: u goes through cdf_lo + u * span first
  bool through_cdf_ = true;  // from_normal maps z to Phi(z) and calls from_uniform
  // constant: the value; normal, lognormal: mean/mu and sd/sigma; uniform: min and
  // max - min; triangular: min and max.
  double a_ = 0, scale_ = 0, c_ = 0;
  // triangular: c - a, (b - a) / width, b - a and c - b, a, b, c its min, mode, max.
  double width_ = 0, mode_cdf_ = 0, left_ = 0, right_ = 0;
  double cdf_lo_ = 0, span_ = 1;  // truncation: cdf_lo and cdf_hi - cdf_lo
  double lo_ = -std::numeric_limits<double>::infinity(), hi_ = std::numeric_limits<double>::infinity();
};

}  // namespace cloudcast::model
