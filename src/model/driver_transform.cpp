#include "model/driver_transform.hpp"

#include <algorithm>
#include <cstddef>

#include "model/lanes.hpp"
#include "util/cpu.hpp"

// The triangular's roots over a row (triangular_root_body.inc), one namespace per
// instruction set, each with lanes.hpp's names.
#if defined(CLOUDCAST_LANES_X86)
#define CLOUDCAST_LANES_AVX2_BODY __attribute__((target("avx2")))
#define CLOUDCAST_LANES_AVX512_BODY __attribute__((target("avx2,avx512f,avx512vl")))
#endif

namespace cloudcast::model::detail {

namespace scalar_roots {
using namespace lanes::scalar;
#define CLOUDCAST_LANE_FN inline
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace scalar_roots

#if defined(CLOUDCAST_LANES_X86)
namespace sse2_roots {
using namespace lanes::sse2;
#define CLOUDCAST_LANE_FN inline
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace sse2_roots

namespace avx2_roots {
using namespace lanes::avx2;
#define CLOUDCAST_LANE_FN CLOUDCAST_LANES_AVX2_BODY inline
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace avx2_roots

namespace avx512_roots {
using namespace lanes::avx512;
#define CLOUDCAST_LANE_FN CLOUDCAST_LANES_AVX512_BODY inline
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace avx512_roots
#endif

}  // namespace cloudcast::model::detail

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

namespace {

void triangular_roots(const detail::TriangularShape& shape, std::span<double> row) {
  // Chosen once per process: the check is a guard test here, not a call per row.
  static const auto body = util::has_avx512() ? detail::triangular_roots_avx512
                           : util::has_avx2() ? detail::triangular_roots_avx2
                                              : detail::triangular_roots_baseline;
  body(shape, row);
}

}  // namespace

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
      triangular_roots({a_, c_, mode_cdf_, width_, left_, right_}, row);
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

namespace detail {

void triangular_roots_baseline(const TriangularShape& shape, std::span<double> row) {
#if defined(CLOUDCAST_LANES_X86)
  const std::size_t done = sse2_roots::triangular_roots(shape, row.data(), row.size());
#else
  const std::size_t done = 0;
#endif
  scalar_roots::triangular_roots(shape, row.data() + done, row.size() - done);
}

#if defined(CLOUDCAST_LANES_X86)
CLOUDCAST_LANES_AVX2_BODY void triangular_roots_avx2(const TriangularShape& shape, std::span<double> row) {
  const std::size_t done = avx2_roots::triangular_roots(shape, row.data(), row.size());
  scalar_roots::triangular_roots(shape, row.data() + done, row.size() - done);
}

CLOUDCAST_LANES_AVX512_BODY void triangular_roots_avx512(const TriangularShape& shape, std::span<double> row) {
  const std::size_t done = avx512_roots::triangular_roots(shape, row.data(), row.size());
  scalar_roots::triangular_roots(shape, row.data() + done, row.size() - done);
}
#else
void triangular_roots_avx2(const TriangularShape& shape, std::span<double> row) {
  triangular_roots_baseline(shape, row);
}
void triangular_roots_avx512(const TriangularShape& shape, std::span<double> row) {
  triangular_roots_baseline(shape, row);
}
#endif

}  // namespace detail

}  // namespace cloudcast::model
