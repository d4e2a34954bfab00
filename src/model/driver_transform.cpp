#include "model/driver_transform.hpp"

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

}  // namespace cloudcast::model
