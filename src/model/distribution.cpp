#include "cloudcast/model/distribution.hpp"

#include <fmt/format.h>

#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

// The distributions' exact maths (Boost.Math): quantile, cdf, mean, the value of a
// deterministic run. The sampling loop's fast forms are normal_quantiles.cpp and
// driver_transform.cpp; reading and writing JSON is distribution_json.cpp.

namespace cloudcast::model {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Quantile of the untruncated distribution (Boost.Math), with the degenerate and
// end-point cases Boost rejects handled here.
double raw_quantile(const Distribution& d, double p) {
  namespace bm = boost::math;
  switch (d.kind) {
    case DistKind::fixed:
      return d.a;
    case DistKind::normal:
      if (d.b == 0) return d.a;
      if (p <= 0) return -kInf;
      if (p >= 1) return kInf;
      return bm::quantile(bm::normal_distribution<double>(d.a, d.b), p);
    case DistKind::lognormal:
      if (d.b == 0) return std::exp(d.a);
      if (p <= 0) return 0;
      if (p >= 1) return kInf;
      return bm::quantile(bm::lognormal_distribution<double>(d.a, d.b), p);
    case DistKind::triangular:
      if (d.a == d.c) return d.a;
      return bm::quantile(bm::triangular_distribution<double>(d.a, d.b, d.c), std::clamp(p, 0.0, 1.0));
    case DistKind::uniform:
      if (d.a == d.b) return d.a;
      return bm::quantile(bm::uniform_distribution<double>(d.a, d.b), std::clamp(p, 0.0, 1.0));
  }
  return d.a;
}

double raw_cdf(const Distribution& d, double x) {
  namespace bm = boost::math;
  if (std::isinf(x)) return x < 0 ? 0.0 : 1.0;
  switch (d.kind) {
    case DistKind::fixed:
      return x < d.a ? 0.0 : 1.0;
    case DistKind::normal:
      if (d.b == 0) return x < d.a ? 0.0 : 1.0;
      return bm::cdf(bm::normal_distribution<double>(d.a, d.b), x);
    case DistKind::lognormal:
      if (x <= 0) return 0;
      if (d.b == 0) return x < std::exp(d.a) ? 0.0 : 1.0;
      return bm::cdf(bm::lognormal_distribution<double>(d.a, d.b), x);
    case DistKind::triangular:
      if (d.a == d.c) return x < d.a ? 0.0 : 1.0;
      if (x <= d.a) return 0;
      if (x >= d.c) return 1;
      return bm::cdf(bm::triangular_distribution<double>(d.a, d.b, d.c), x);
    case DistKind::uniform:
      if (d.a == d.b) return x < d.a ? 0.0 : 1.0;
      if (x <= d.a) return 0;
      if (x >= d.b) return 1;
      return bm::cdf(bm::uniform_distribution<double>(d.a, d.b), x);
  }
  return 0;
}

}  // namespace

Distribution Distribution::fixed_value(double value) { return Distribution{.kind = DistKind::fixed, .a = value}; }
Distribution Distribution::normal(double mean, double sd) {
  return Distribution{.kind = DistKind::normal, .a = mean, .b = sd};
}
Distribution Distribution::lognormal(double mu, double sigma) {
  return Distribution{.kind = DistKind::lognormal, .a = mu, .b = sigma};
}
Distribution Distribution::triangular(double min, double mode, double max) {
  return Distribution{.kind = DistKind::triangular, .a = min, .b = mode, .c = max};
}
Distribution Distribution::uniform(double min, double max) {
  return Distribution{.kind = DistKind::uniform, .a = min, .b = max};
}

Distribution Distribution::truncated(std::optional<double> lower, std::optional<double> upper) const {
  Distribution d = *this;
  d.lo = lower;
  d.hi = upper;
  d.cdf_lo = lower ? raw_cdf(*this, *lower) : 0.0;
  d.cdf_hi = upper ? raw_cdf(*this, *upper) : 1.0;
  return d;
}

bool Distribution::is_degenerate() const {
  switch (kind) {
    case DistKind::fixed:
      return true;
    case DistKind::normal:
    case DistKind::lognormal:
      return b == 0;
    case DistKind::triangular:
      return a == c;
    case DistKind::uniform:
      return a == b;
  }
  return true;
}

double Distribution::quantile(double p) const {
  if (!is_truncated() || is_degenerate()) return raw_quantile(*this, p);
  const double x = raw_quantile(*this, cdf_lo + p * (cdf_hi - cdf_lo));
  // Rounding in the cdf round trip may step a hair outside the bounds.
  return std::clamp(x, lo.value_or(-kInf), hi.value_or(kInf));
}

double Distribution::cdf(double x) const {
  if (!is_truncated() || is_degenerate()) return raw_cdf(*this, x);
  if (lo && x < *lo) return 0;
  if (hi && x >= *hi) return 1;
  return (raw_cdf(*this, x) - cdf_lo) / (cdf_hi - cdf_lo);
}

double Distribution::mean() const {
  if (is_truncated() && !is_degenerate() && kind == DistKind::normal) {
    // mu + sd (phi(alpha) - phi(beta)) / (Phi(beta) - Phi(alpha)), alpha/beta the standardised bounds.
    auto density = [&](std::optional<double> x) {
      if (!x) return 0.0;
      const double z = (*x - a) / b;
      return std::exp(-0.5 * z * z) * 0.39894228040143267794;
    };
    return a + b * (density(lo) - density(hi)) / (cdf_hi - cdf_lo);
  }
  if (is_truncated() && !is_degenerate()) {
    constexpr int kPoints = 4096;
    double sum = 0;
    for (int i = 0; i < kPoints; ++i) sum += quantile((i + 0.5) / kPoints);
    return sum / kPoints;
  }
  switch (kind) {
    case DistKind::fixed:
    case DistKind::normal:
      return a;
    case DistKind::lognormal:
      return std::exp(a + 0.5 * b * b);
    case DistKind::triangular:
      return (a + b + c) / 3;
    case DistKind::uniform:
      return 0.5 * (a + b);
  }
  return a;
}

double Distribution::point_value() const {
  if (base) return *base;
  if (kind == DistKind::triangular && !is_truncated()) return b;
  return quantile(0.5);
}

std::string Distribution::describe() const {
  std::string text;
  switch (kind) {
    case DistKind::fixed:
      text = fmt::format("{}", a);
      break;
    case DistKind::normal:
      text = fmt::format("normal(mean {}, sd {})", a, b);
      break;
    case DistKind::lognormal:
      text = fmt::format("lognormal(median {:.6g}, sigma {})", std::exp(a), b);
      break;
    case DistKind::triangular:
      text = fmt::format("triangular({}, {}, {})", a, b, c);
      break;
    case DistKind::uniform:
      text = fmt::format("uniform({}, {})", a, b);
      break;
  }
  if (is_truncated())
    text += fmt::format(" in [{}, {}]", lo ? fmt::format("{}", *lo) : "-inf", hi ? fmt::format("{}", *hi) : "inf");
  return text;
}

}  // namespace cloudcast::model
