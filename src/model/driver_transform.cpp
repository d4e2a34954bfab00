#include "model/driver_transform.hpp"

#include <algorithm>

namespace cloudcast::model {

DriverTransform::DriverTransform(const Distribution& d) {
  // u is mapped into the cdf span and the result clamped only when the distribution is
  // truncated and not degenerate (a degenerate one is its value whatever the bounds);
  // from_normal skips Phi only for an untruncated normal, lognormal or fixed.
  if (d.is_truncated() && !d.is_degenerate()) {
    remap_ = true;
    cdf_lo_ = d.cdf_lo;
    span_ = d.cdf_hi - d.cdf_lo;
    lo_ = d.lo.value_or(lo_);
    hi_ = d.hi.value_or(hi_);
  }
  through_cdf_ = d.is_truncated() || d.kind == DistKind::triangular || d.kind == DistKind::uniform;
  a_ = d.a;
  switch (d.kind) {
    case DistKind::fixed:
      op_ = Op::constant;
      break;
    case DistKind::normal:
    case DistKind::lognormal:
      op_ = d.kind == DistKind::normal ? Op::normal : Op::lognormal;
      scale_ = d.b;
      break;
    case DistKind::triangular:
      width_ = d.c - d.a;
      if (width_ == 0) {  // the same test as the closed form's: a triangular of zero width is its min
        op_ = Op::constant;
        break;
      }
      op_ = Op::triangular;
      c_ = d.c;
      mode_cdf_ = (d.b - d.a) / width_;
      left_ = d.b - d.a;
      right_ = d.c - d.b;
      break;
    case DistKind::uniform:
      op_ = Op::uniform;
      scale_ = d.b - d.a;
      break;
  }
}

double DriverTransform::from_uniform(double u) const {
  switch (op_) {
    case Op::constant:
      return constant();
    case Op::normal:
    case Op::lognormal:
      return from_score(normal_quantile(score_input(u)));
    case Op::triangular:
      return triangular(u);
    case Op::uniform:
      return uniform(u);
  }
  return a_;
}

double DriverTransform::from_normal(double z) const {
  // A constant (fixed, or a triangular of zero width) is its value: Phi is skipped.
  if (op_ == Op::constant) return a_;
  if (!through_cdf_) return from_score(z);  // untruncated: infinite bounds, clamp changes nothing
  return from_uniform(normal_cdf(z));
}

void DriverTransform::from_uniforms(std::span<double> row) const {
  switch (op_) {
    case Op::constant:
      std::fill(row.begin(), row.end(), a_);
      return;
    case Op::normal:
    case Op::lognormal:
      for (double& x : row) x = score_input(x);
      normal_quantiles(row);
      for (double& x : row) x = from_score(x);
      return;
    case Op::triangular:
      // triangular() in three passes; unless bounded() only the middle one changes
      // anything.
      if (bounded()) {
        for (double& x : row) x = score_input(x);
      }
      triangular_raws(row);
      if (bounded()) {
        for (double& x : row) x = clamp(x);
      }
      return;
    case Op::uniform:
      for (double& x : row) x = uniform(x);
      return;
  }
}

void DriverTransform::from_normals(std::span<double> row) const {
  if (op_ == Op::constant) {
    std::fill(row.begin(), row.end(), a_);
  } else if (!through_cdf_) {
    for (double& x : row) x = from_score(x);
  } else {
    for (double& x : row) x = normal_cdf(x);
    from_uniforms(row);
  }
}

void DriverTransform::triangular_raws(std::span<double> row) const {
  std::size_t i = 0;
#if defined(__SSE2__)
  // Two values a step, each value's root taken once: its side's argument is chosen
  // before the SQRTPD (triangular_raw takes both roots of one value, half of them
  // wasted, and the square root is the slow part). The same expressions, so the same
  // bits.
  const __m128d width = _mm_set1_pd(width_), left = _mm_set1_pd(left_), right = _mm_set1_pd(right_);
  const __m128d a = _mm_set1_pd(a_), c = _mm_set1_pd(c_), mode = _mm_set1_pd(mode_cdf_), one = _mm_set1_pd(1.0);
  const auto select = [](__m128d mask, __m128d yes, __m128d no) {
    return _mm_or_pd(_mm_and_pd(mask, yes), _mm_andnot_pd(mask, no));
  };
  for (; i + 2 <= row.size(); i += 2) {
    const __m128d v = _mm_loadu_pd(row.data() + i);
    const __m128d take_left = _mm_cmplt_pd(v, mode);
    const __m128d left_square = _mm_mul_pd(_mm_mul_pd(v, width), left);
    const __m128d right_square = _mm_mul_pd(_mm_mul_pd(_mm_sub_pd(one, v), width), right);
    const __m128d root = _mm_sqrt_pd(select(take_left, left_square, right_square));
    _mm_storeu_pd(row.data() + i, select(take_left, _mm_add_pd(a, root), _mm_sub_pd(c, root)));
  }
#endif
  for (; i < row.size(); ++i) row[i] = triangular_raw(row[i]);
}

}  // namespace cloudcast::model
