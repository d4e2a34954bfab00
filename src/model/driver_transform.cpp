#include "model/driver_transform.hpp"

#include <algorithm>
#include <cstddef>
#include <type_traits>

#include "model/lanes.hpp"
#include "util/cpu.hpp"

// The triangular's roots and the normal and lognormal's values over a row
// (triangular_root_body.inc, driver_score_body.inc, which uses lane_math.inc's exp_: the
// blank line keeps clang-format from sorting them), one namespace per instruction set,
// each with lanes.hpp's names.
#if defined(CLOUDCAST_LANES_X86)
#define CLOUDCAST_LANES_AVX2_BODY __attribute__((target("avx2")))
#define CLOUDCAST_LANES_AVX512_BODY __attribute__((target("avx2,avx512f,avx512vl")))
#endif

namespace cloudcast::model::detail {

namespace scalar_rows {
using namespace lanes::scalar;
#define CLOUDCAST_LANE_FN inline
#include "model/lane_math.inc"

#include "model/driver_score_body.inc"
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace scalar_rows

#if defined(CLOUDCAST_LANES_X86)
namespace sse2_rows {
using namespace lanes::sse2;
#define CLOUDCAST_LANE_FN inline
#include "model/lane_math.inc"

#include "model/driver_score_body.inc"
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace sse2_rows

namespace avx2_rows {
using namespace lanes::avx2;
#define CLOUDCAST_LANE_FN CLOUDCAST_LANES_AVX2_BODY inline
#include "model/lane_math.inc"

#include "model/driver_score_body.inc"
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace avx2_rows

namespace avx512_rows {
using namespace lanes::avx512;
#define CLOUDCAST_LANE_FN CLOUDCAST_LANES_AVX512_BODY inline
#include "model/lane_math.inc"

#include "model/driver_score_body.inc"
#include "model/triangular_root_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace avx512_rows
#else
// Where the build is not x86-64 GCC/Clang every body is the one-lane one.
namespace sse2_rows = scalar_rows;
namespace avx2_rows = scalar_rows;
namespace avx512_rows = scalar_rows;
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
  return from_uniform(sampling_cdf(z));
}

double DriverTransform::from_score(double z) const {
  detail::scalar_rows::scores_to_values(score_shape(), &z, 1);
  return z;
}

namespace {

void triangular_roots(const detail::TriangularShape& shape, std::span<double> row) {
  // Chosen once per process: the check is a guard test here, not a call per row.
  static const auto body = util::has_avx512() ? detail::triangular_roots_avx512
                           : util::has_avx2() ? detail::triangular_roots_avx2
                                              : detail::triangular_roots_baseline;
  body(shape, row);
}

void scores_to_values(const detail::ScoreShape& shape, std::span<double> row) {
  static const auto body = util::has_avx512() ? detail::scores_to_values_avx512
                           : util::has_avx2() ? detail::scores_to_values_avx2
                                              : detail::scores_to_values_baseline;
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
      from_scores(row);
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
    from_scores(row);
  } else {
    sampling_cdfs(row);
    from_uniforms(row);
  }
}

void DriverTransform::from_scores(std::span<double> row) const { scores_to_values(score_shape(), row); }

namespace detail {

namespace {

// A row through a body's whole groups of lanes, then the rest through the one-lane body.
template <class Shape>
void by_groups(std::size_t (*lanes)(const Shape&, double*, std::size_t), const Shape& shape, std::span<double> row) {
  const std::size_t done = lanes(shape, row.data(), row.size());
  if constexpr (std::is_same_v<Shape, TriangularShape>) {
    scalar_rows::triangular_roots(shape, row.data() + done, row.size() - done);
  } else {
    scalar_rows::scores_to_values(shape, row.data() + done, row.size() - done);
  }
}

}  // namespace

void triangular_roots_baseline(const TriangularShape& shape, std::span<double> row) {
  by_groups(sse2_rows::triangular_roots, shape, row);
}
void triangular_roots_avx2(const TriangularShape& shape, std::span<double> row) {
  by_groups(avx2_rows::triangular_roots, shape, row);
}
void triangular_roots_avx512(const TriangularShape& shape, std::span<double> row) {
  by_groups(avx512_rows::triangular_roots, shape, row);
}
void scores_to_values_baseline(const ScoreShape& shape, std::span<double> row) {
  by_groups(sse2_rows::scores_to_values, shape, row);
}
void scores_to_values_avx2(const ScoreShape& shape, std::span<double> row) {
  by_groups(avx2_rows::scores_to_values, shape, row);
}
void scores_to_values_avx512(const ScoreShape& shape, std::span<double> row) {
  by_groups(avx512_rows::scores_to_values, shape, row);
}

}  // namespace detail

}  // namespace cloudcast::model
