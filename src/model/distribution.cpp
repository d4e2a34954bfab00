#include "cloudcast/model/distribution.hpp"

#include <fmt/format.h>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// The AVX2 body needs GCC/Clang's per-function target attribute, and x86-64.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CLOUDCAST_AVX2_BODY 1
#include <immintrin.h>
#endif

#include "cloudcast/error.hpp"
#include "cloudcast/util/cpu.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/normal_quantiles.hpp"

namespace cloudcast::model {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Polynomial evaluation for AS241, highest coefficient last.
template <std::size_t N>
double poly(const std::array<double, N>& c, double x) {
  double sum = c[N - 1];
  for (std::size_t i = N - 1; i-- > 0;) sum = sum * x + c[i];
  return sum;
}

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

std::string_view kind_name(DistKind kind) {
  switch (kind) {
    case DistKind::fixed:
      return "fixed";
    case DistKind::normal:
      return "normal";
    case DistKind::lognormal:
      return "lognormal";
    case DistKind::triangular:
      return "triangular";
    case DistKind::uniform:
      return "uniform";
  }
  return "fixed";
}

}  // namespace

namespace {

// Wichura, M. J. (1988) Algorithm AS 241, Applied Statistics 37(3), PPND16: the central
// region |u - 0.5| <= 0.425 (a, b), the near tails r = sqrt(-log(min(u, 1 - u))) <= 5
// (c, d) and the far tails (e, f), each a ratio of degree-7 polynomials.
constexpr std::array<double, 8> kA{3.3871328727963666080e0,  1.3314166789178437745e+2, 1.9715909503065514427e+3,
                                   1.3731693765509461125e+4, 4.5921953931549871457e+4, 6.7265770927008700853e+4,
                                   3.3430575583588128105e+4, 2.5090809287301226727e+3};
constexpr std::array<double, 8> kB{1.0,
                                   4.2313330701600911252e+1,
                                   6.8718700749205790830e+2,
                                   5.3941960214247511077e+3,
                                   2.1213794301586595867e+4,
                                   3.9307895800092710610e+4,
                                   2.8729085735721942674e+4,
                                   5.2264952788528545610e+3};
constexpr std::array<double, 8> kC{1.42343711074968357734e0,  4.63033784615654529590e0, 5.76949722146069140550e0,
                                   3.64784832476320460504e0,  1.27045825245236838258e0, 2.41780725177450611770e-1,
                                   2.27238449892691845833e-2, 7.74545014278341407640e-4};
constexpr std::array<double, 8> kD{1.0,
                                   2.05319162663775882187e0,
                                   1.67638483018380384940e0,
                                   6.89767334985100004550e-1,
                                   1.48103976427480074590e-1,
                                   1.51986665636164571966e-2,
                                   5.47593808499534494600e-4,
                                   1.05075007164441684324e-9};
constexpr std::array<double, 8> kE{6.65790464350110377720e0,  5.46378491116411436990e0,  1.78482653991729133580e0,
                                   2.96560571828504891230e-1, 2.65321895265761230930e-2, 1.24266094738807843860e-3,
                                   2.71155556874348757815e-5, 2.01033439929228813265e-7};
constexpr std::array<double, 8> kF{1.0,
                                   5.99832206555887937690e-1,
                                   1.36929880922735805310e-1,
                                   1.48753612908506148525e-2,
                                   7.86869131145613259100e-4,
                                   1.84631831751005468180e-5,
                                   1.42151175831644588870e-7,
                                   2.04426310338993978564e-15};

constexpr double kCentralHalfWidth = 0.425;  // the central region is |u - 0.5| <= this
constexpr double kCentralR = 0.180625;       // 0.425^2: r = kCentralR - q^2 in the central region

inline double as241(double u) {
  const double q = u - 0.5;
  if (std::fabs(q) <= kCentralHalfWidth) {
    const double r = kCentralR - q * q;
    return q * poly(kA, r) / poly(kB, r);
  }
  if (u <= 0) return -kInf;
  if (u >= 1) return kInf;
  // Below, q < 0 is a coin flip in the tails; min and copysign make no branch of it. For
  // u < 0.5, u < 1 - u; value is positive (both polynomials are on r > 0), so copysign
  // is the negation.
  double r = std::sqrt(-std::log(std::min(u, 1 - u)));
  double value;
  if (r <= 5) {
    r -= 1.6;
    value = poly(kC, r) / poly(kD, r);
  } else {
    r -= 5;
    value = poly(kE, r) / poly(kF, r);
  }
  return std::copysign(value, q);
}

#if defined(__SSE2__)
// poly() on two values at once: the same multiplies and adds in the same order, each
// rounded alike (SSE2 packed and scalar arithmetic are both IEEE double; x86-64 has no
// FMA to contract into), so each lane is bit for bit poly(c, x).
template <std::size_t N>
__m128d poly2(const std::array<double, N>& c, __m128d x) {
  __m128d sum = _mm_set1_pd(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) sum = _mm_add_pd(_mm_mul_pd(sum, x), _mm_set1_pd(c[i]));
  return sum;
}
#endif

#if defined(CLOUDCAST_AVX2_BODY)
// poly2() four values at a time (AVX2 packed doubles round as SSE2 and scalar ones do;
// target("avx2") does not enable FMA, so the multiply and the add stay two roundings).
template <std::size_t N>
__attribute__((target("avx2"))) __m256d poly4(const std::array<double, N>& c, __m256d x) {
  __m256d sum = _mm256_set1_pd(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) sum = _mm256_add_pd(_mm256_mul_pd(sum, x), _mm256_set1_pd(c[i]));
  return sum;
}

// AS241's central formula on four uniforms, every lane; marks gets bit k set where lane
// k lies outside the central region (NaN included), to be redone by as241.
__attribute__((target("avx2"))) inline __m256d central4(__m256d u, int& marks) {
  const __m256d q = _mm256_sub_pd(u, _mm256_set1_pd(0.5));
  const __m256d central = _mm256_cmp_pd(_mm256_andnot_pd(_mm256_set1_pd(-0.0), q), _mm256_set1_pd(kCentralHalfWidth),
                                        _CMP_LE_OQ);  // fabs(q) <= 0.425; false for NaN
  const __m256d r = _mm256_sub_pd(_mm256_set1_pd(kCentralR), _mm256_mul_pd(q, q));
  marks = _mm256_movemask_pd(central) ^ 15;
  return _mm256_div_pd(_mm256_mul_pd(q, poly4(kA, r)), poly4(kB, r));
}
#endif

}  // namespace

double normal_quantile(double u) { return as241(u); }

void normal_quantiles(std::span<double> values) {
  // Chosen once per process: the check is a guard test here, not a call per run.
  static const bool avx2 = util::has_avx2();
  if (avx2) return detail::normal_quantiles_avx2(values);
  detail::normal_quantiles_baseline(values);
}

namespace detail {

void normal_quantiles_baseline(std::span<double> values) {
#if defined(__SSE2__)
  // About 85 % of uniforms fall in the central region, where AS241 is one ratio of
  // polynomials: computed two at a time for every value and stored, while the lanes
  // outside it (tails, and anything not a number) are marked in a bit mask and redone
  // afterwards by the scalar as241 from a copy of their uniform. The mask and the copy
  // cover a block of 64 values; marking costs no branch (a tail is a coin flip to
  // predict).
  constexpr std::size_t kBlock = 64;
  const __m128d half = _mm_set1_pd(0.5);
  const __m128d sign = _mm_set1_pd(-0.0);
  const __m128d width = _mm_set1_pd(kCentralHalfWidth);
  const __m128d central_r = _mm_set1_pd(kCentralR);
  double* const data = values.data();
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kBlock) {
    const std::size_t end = std::min(n, begin + kBlock);
    alignas(16) std::array<double, kBlock> uniforms;
    std::uint64_t outside = 0;  // bit i - begin: value i is not central
    std::size_t i = begin;
    for (; i + 2 <= end; i += 2) {
      const __m128d u = _mm_loadu_pd(data + i);
      _mm_store_pd(uniforms.data() + (i - begin), u);
      const __m128d q = _mm_sub_pd(u, half);
      const __m128d central = _mm_cmple_pd(_mm_andnot_pd(sign, q), width);  // fabs(q) <= 0.425; false for NaN
      const __m128d r = _mm_sub_pd(central_r, _mm_mul_pd(q, q));
      _mm_storeu_pd(data + i, _mm_div_pd(_mm_mul_pd(q, poly2(kA, r)), poly2(kB, r)));
      outside |= static_cast<std::uint64_t>(_mm_movemask_pd(central) ^ 3) << (i - begin);
    }
    if (i < end) {  // an odd last value
      uniforms[i - begin] = data[i];
      outside |= std::uint64_t{1} << (i - begin);
    }
    for (; outside != 0; outside &= outside - 1) {
      const auto lane = static_cast<std::size_t>(std::countr_zero(outside));
      data[begin + lane] = as241(uniforms[lane]);
    }
  }
#else
  for (double& x : values) x = as241(x);
#endif
}

#if defined(CLOUDCAST_AVX2_BODY)
// The SSE2 body four values at a time: same blocks, same marks, same arithmetic per
// lane. A last group of one to three values takes the same vector step through masked
// loads and stores (the lanes past the end read as 0 and are neither stored nor marked)
// rather than the scalar as241, which costs about as much per value as the step for four.
__attribute__((target("avx2"))) void normal_quantiles_avx2(std::span<double> values) {
  constexpr std::size_t kBlock = 64;
  double* const data = values.data();
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kBlock) {
    const std::size_t end = std::min(n, begin + kBlock);
    alignas(32) std::array<double, kBlock> uniforms;
    std::uint64_t outside = 0;  // bit i - begin: value i is not central
    std::size_t i = begin;
    int marks = 0;
    for (; i + 4 <= end; i += 4) {
      const __m256d u = _mm256_loadu_pd(data + i);
      _mm256_store_pd(uniforms.data() + (i - begin), u);
      _mm256_storeu_pd(data + i, central4(u, marks));
      outside |= static_cast<std::uint64_t>(marks) << (i - begin);
    }
    if (i < end) {
      const auto rest = static_cast<long long>(end - i);
      const __m256i lanes = _mm256_cmpgt_epi64(_mm256_set1_epi64x(rest), _mm256_setr_epi64x(0, 1, 2, 3));
      const __m256d u = _mm256_maskload_pd(data + i, lanes);
      _mm256_store_pd(uniforms.data() + (i - begin), u);  // i - begin <= 60: in the array
      _mm256_maskstore_pd(data + i, lanes, central4(u, marks));
      outside |= static_cast<std::uint64_t>(marks & ((1 << rest) - 1)) << (i - begin);
    }
    for (; outside != 0; outside &= outside - 1) {
      const auto lane = static_cast<std::size_t>(std::countr_zero(outside));
      data[begin + lane] = as241(uniforms[lane]);
    }
  }
}
#else
void normal_quantiles_avx2(std::span<double> values) { normal_quantiles_baseline(values); }
#endif

}  // namespace detail

double normal_cdf(double z) { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

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

nlohmann::ordered_json Distribution::to_json() const {
  nlohmann::ordered_json j;
  j["dist"] = kind_name(kind);
  switch (kind) {
    case DistKind::fixed:
      j["value"] = a;
      break;
    case DistKind::normal:
      j["mean"] = a;
      j["sd"] = b;
      break;
    case DistKind::lognormal:
      j["mu"] = a;
      j["sigma"] = b;
      break;
    case DistKind::triangular:
      j["min"] = a;
      j["mode"] = b;
      j["max"] = c;
      break;
    case DistKind::uniform:
      j["min"] = a;
      j["max"] = b;
      break;
  }
  if (lo) j["lo"] = *lo;
  if (hi) j["hi"] = *hi;
  if (base) j["base"] = *base;
  return j;
}

Distribution parse_distribution(const nlohmann::json& value, std::string_view place) {
  if (!value.is_object()) throw DataError(fmt::format("{}: expected a number or a distribution object", place));
  const auto dist_it = value.find("dist");
  if (dist_it == value.end() || !dist_it->is_string())
    throw DataError(
        fmt::format("{}/dist: missing; expected \"normal\", \"lognormal\", \"triangular\" or \"uniform\"", place));
  const std::string name = dist_it->get<std::string>();
  static const std::vector<std::string> kNames{"normal", "lognormal", "triangular", "uniform"};
  // Keys allowed for each kind besides dist, lo, hi, base.
  std::vector<std::string> keys;
  if (name == "normal")
    keys = {"mean", "sd"};
  else if (name == "lognormal")
    keys = {"mu", "median", "sigma"};
  else if (name == "triangular")
    keys = {"min", "mode", "max"};
  else if (name == "uniform")
    keys = {"min", "max"};
  else
    throw DataError(fmt::format("{}/dist: {}", place, util::unknown_name_message("distribution", name, kNames)));
  std::vector<std::string> allowed = keys;
  for (const char* k : {"dist", "lo", "hi", "base"}) allowed.emplace_back(k);
  for (const auto& [key, item] : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw DataError(fmt::format("{}/{}: {}", place, key, util::unknown_name_message("key", key, allowed)));
  }
  auto number = [&](const std::string& key) -> std::optional<double> {
    const auto it = value.find(key);
    if (it == value.end()) return std::nullopt;
    if (!it->is_number() || !std::isfinite(it->get<double>()))
      throw DataError(fmt::format("{}/{}: expected a finite number", place, key));
    return it->get<double>();
  };
  auto required = [&](const std::string& key) {
    const auto v = number(key);
    if (!v)
      throw DataError(
          fmt::format("{}/{}: missing; a {} distribution needs {}", place, key, name, fmt::join(keys, ", ")));
    return *v;
  };
  auto non_negative = [&](const std::string& key, double v) {
    if (v < 0) throw DataError(fmt::format("{}/{}: expected a number >= 0, got {}", place, key, v));
  };
  Distribution d;
  if (name == "normal") {
    d = Distribution::normal(required("mean"), required("sd"));
    non_negative("sd", d.b);
  } else if (name == "lognormal") {
    const auto mu = number("mu");
    const auto median = number("median");
    if (mu.has_value() == median.has_value())
      throw DataError(
          fmt::format("{}: a lognormal distribution needs exactly one of mu (mean of the log) or median", place));
    if (median && *median <= 0)
      throw DataError(fmt::format("{}/median: expected a number > 0, got {}", place, *median));
    d = Distribution::lognormal(mu ? *mu : std::log(*median), required("sigma"));
    non_negative("sigma", d.b);
  } else if (name == "triangular") {
    d = Distribution::triangular(required("min"), required("mode"), required("max"));
    if (!(d.a <= d.b && d.b <= d.c))
      throw DataError(fmt::format("{}: expected min <= mode <= max, got {}, {}, {}", place, d.a, d.b, d.c));
  } else {
    d = Distribution::uniform(required("min"), required("max"));
    if (!(d.a <= d.b)) throw DataError(fmt::format("{}: expected min <= max, got {}, {}", place, d.a, d.b));
  }
  const auto lo = number("lo");
  const auto hi = number("hi");
  if (lo && hi && !(*lo < *hi)) throw DataError(fmt::format("{}: expected lo < hi, got {}, {}", place, *lo, *hi));
  if (lo || hi) {
    d = d.truncated(lo, hi);
    if (d.is_degenerate()) {
      const double v = d.quantile(0.5);
      if ((lo && v < *lo) || (hi && v > *hi))
        throw DataError(fmt::format("{}: the distribution's only value {} lies outside [lo, hi]", place, v));
    } else if (!(d.cdf_hi - d.cdf_lo > 1e-12)) {
      throw DataError(
          fmt::format("{}: [lo, hi] holds no probability of {}; expected bounds overlapping the distribution", place,
                      d.describe()));
    }
  }
  d.base = number("base");
  return d;
}

}  // namespace cloudcast::model

namespace cloudcast::model {

Distribution parse_driver_distribution(const nlohmann::json& value, double min, double max, std::string_view place) {
  Distribution d = parse_distribution(value, place);
  const double lower = std::max(min, d.lo.value_or(min));
  const double upper = std::min(max, d.hi.value_or(max));
  if (d.is_degenerate()) {
    const double v = d.quantile(0.5);
    if (v < min || v > max)
      throw DataError(fmt::format("{}: the value {} is outside [{}, {}]; expected a value in the driver's range", place,
                                  v, min, max));
  } else if (d.quantile(0) < lower || d.quantile(1) > upper) {
    // Truncate to the driver's range (and any lo/hi given): the engine accepts no value outside it.
    Distribution untruncated = d;
    untruncated.lo.reset();
    untruncated.hi.reset();
    Distribution t = untruncated.truncated(lower, upper);
    if (!(t.cdf_hi - t.cdf_lo > 1e-12))
      throw DataError(
          fmt::format("{}: {} puts no probability inside the driver's range [{}, {}]", place, d.describe(), min, max));
    t.base = d.base;
    d = t;
  }
  if (d.base && (*d.base < min || *d.base > max))
    throw DataError(fmt::format("{}/base: {} is outside [{}, {}]; expected a value in the driver's range", place,
                                *d.base, min, max));
  return d;
}

void note_driver_value(std::vector<DriverDistribution>& list, std::string_view driver, const nlohmann::json& value,
                       double min, double max, std::string_view place) {
  std::erase_if(list, [&](const DriverDistribution& entry) { return entry.driver == driver; });
  if (value.is_object()) list.push_back({std::string(driver), parse_driver_distribution(value, min, max, place)});
}

}  // namespace cloudcast::model
