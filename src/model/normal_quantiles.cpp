#include "cloudcast/model/distribution.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

// F and VL are the instructions used; util::has_avx512() also asks for DQ and BW. No
// FMA: the polynomials keep one rounding per multiply and per add.
#define CLOUDCAST_AVX512 __attribute__((target("avx2,avx512f,avx512vl")))

#include "model/lanes.hpp"
#include "model/normal_quantiles.hpp"
#include "util/cpu.hpp"

// The standard normal's quantile and cdf for the hot sampling loop (declared in
// cloudcast/model/distribution.hpp): Wichura's AS241 one value at a time, and over an
// array in SIMD registers, one body per instruction set: the central region in place,
// the tails gathered and computed in lanes (normal_tail_body.inc, decision 0810).

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
// The double just above 0.425: |q| <= 0.425 is |q| < this (the tail bodies' test).
constexpr double kCentralAbove = 0x1.b333333333334p-2;
static_assert(std::bit_cast<std::uint64_t>(kCentralAbove) == std::bit_cast<std::uint64_t>(kCentralHalfWidth) + 1);

// normal_quantiles' bodies work in chunks of 256 values: a chunk's tails are gathered
// into groups of lanes together (a sampled path's normals are one chunk).
constexpr std::size_t kChunk = 256;

// AS241's tails and the sampler's Phi, one namespace per instruction set, each with
// lanes.hpp's names, and lane_math.inc, normal_tail_body.inc and normal_cdf_body.inc
// (which use it: the blank line keeps clang-format from sorting them) compiled for its
// set.
namespace scalar_tail {
using namespace lanes::scalar;
#define CLOUDCAST_LANE_FN inline
#include "model/lane_math.inc"

#include "model/normal_cdf_body.inc"
#include "model/normal_tail_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace scalar_tail

#if defined(CLOUDCAST_LANES_X86)
namespace sse2_tail {
using namespace lanes::sse2;
#define CLOUDCAST_LANE_FN inline
#include "model/lane_math.inc"

#include "model/normal_cdf_body.inc"
#include "model/normal_tail_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace sse2_tail

namespace avx2_tail {
using namespace lanes::avx2;
#define CLOUDCAST_LANE_FN __attribute__((target("avx2"))) inline
#include "model/lane_math.inc"

#include "model/normal_cdf_body.inc"
#include "model/normal_tail_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace avx2_tail

namespace avx512_tail {
using namespace lanes::avx512;
#define CLOUDCAST_LANE_FN CLOUDCAST_AVX512 inline
#include "model/lane_math.inc"

#include "model/normal_cdf_body.inc"
#include "model/normal_tail_body.inc"
#undef CLOUDCAST_LANE_FN
}  // namespace avx512_tail
#endif

// The central region here, the tails through the one-lane tail body: the same operations
// as every lane of every body's.
inline double as241(double u) {
  const double q = u - 0.5;
  if (std::fabs(q) <= kCentralHalfWidth) {
    const double r = kCentralR - q * q;
    return q * poly(kA, r) / poly(kB, r);
  }
  return scalar_tail::tail_(u);
}

#if defined(CLOUDCAST_LANES_X86)
// poly() on two values at once: the same multiplies and adds in the same order, each
// rounded alike (SSE2 packed and scalar arithmetic are both IEEE double; x86-64 has no
// FMA to contract into), so each lane is bit for bit poly(c, x).
template <std::size_t N>
__m128d poly2(const std::array<double, N>& c, __m128d x) {
  __m128d sum = _mm_set1_pd(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) sum = _mm_add_pd(_mm_mul_pd(sum, x), _mm_set1_pd(c[i]));
  return sum;
}

// poly2() four values at a time (AVX2 packed doubles round as SSE2 and scalar ones do;
// target("avx2") does not enable FMA, so the multiply and the add stay two roundings).
template <std::size_t N>
__attribute__((target("avx2"))) __m256d poly4(const std::array<double, N>& c, __m256d x) {
  __m256d sum = _mm256_set1_pd(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) sum = _mm256_add_pd(_mm256_mul_pd(sum, x), _mm256_set1_pd(c[i]));
  return sum;
}

// AS241's central formula on four uniforms, every lane (the tails' lanes are written
// over afterwards).
__attribute__((target("avx2"))) inline __m256d central4(__m256d u) {
  const __m256d q = _mm256_sub_pd(u, _mm256_set1_pd(0.5));
  const __m256d r = _mm256_sub_pd(_mm256_set1_pd(kCentralR), _mm256_mul_pd(q, q));
  return _mm256_div_pd(_mm256_mul_pd(q, poly4(kA, r)), poly4(kB, r));
}

// poly4() eight values at a time (AVX-512 packed doubles round as the others do).
template <std::size_t N>
CLOUDCAST_AVX512 __m512d poly8(const std::array<double, N>& c, __m512d x) {
  __m512d sum = _mm512_set1_pd(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) sum = _mm512_add_pd(_mm512_mul_pd(sum, x), _mm512_set1_pd(c[i]));
  return sum;
}

// central4() on eight uniforms.
CLOUDCAST_AVX512 inline __m512d central8(__m512d u) {
  const __m512d q = _mm512_sub_pd(u, _mm512_set1_pd(0.5));
  const __m512d r = _mm512_sub_pd(_mm512_set1_pd(kCentralR), _mm512_mul_pd(q, q));
  return _mm512_div_pd(_mm512_mul_pd(q, poly8(kA, r)), poly8(kB, r));
}
#endif

}  // namespace

double normal_quantile(double u) { return as241(u); }

void normal_quantiles(std::span<double> values) {
  // Chosen once per process: the check is a guard test here, not a call per run.
  static const auto body = util::has_avx512() ? detail::normal_quantiles_avx512
                           : util::has_avx2() ? detail::normal_quantiles_avx2
                                              : detail::normal_quantiles_baseline;
  body(values);
}

namespace detail {

void normal_quantiles_baseline(std::span<double> values) {
#if defined(CLOUDCAST_LANES_X86)
  // About 85 % of uniforms fall in the central region, where AS241 is one ratio of
  // polynomials, and the rest in the tails, where it takes a log, a square root and
  // another ratio. Chunk by chunk, the tails first: marked, gathered and computed in
  // groups by the tail body (sse2_tail, two at a time); then the central formula two at
  // a time over every value of the chunk, stored without a branch (a tail is a coin flip
  // to predict); then the tails' quantiles over their places. Nothing in the central pass
  // waits for the tails' long chains, so the two overlap.
  const __m128d half = _mm_set1_pd(0.5);
  const __m128d central_r = _mm_set1_pd(kCentralR);
  double* const data = values.data();
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    sse2_tail::ChunkTails tails;
    sse2_tail::tails_first(data + begin, end - begin, tails);
    std::size_t i = begin;
    for (; i + 2 <= end; i += 2) {
      const __m128d q = _mm_sub_pd(_mm_loadu_pd(data + i), half);
      const __m128d r = _mm_sub_pd(central_r, _mm_mul_pd(q, q));
      _mm_storeu_pd(data + i, _mm_div_pd(_mm_mul_pd(q, poly2(kA, r)), poly2(kB, r)));
    }
    if (i < end && (tails.outside[(i - begin) / 64] >> (i - begin) % 64 & 1) == 0)
      data[i] = as241(data[i]);  // an odd last value
    sse2_tail::tails_last(data + begin, tails);
  }
#else
  for (double& x : values) x = as241(x);
#endif
}

#if defined(CLOUDCAST_LANES_X86)
// The SSE2 body four values at a time: same chunks, same order, same arithmetic per
// lane, the tails four at a time (avx2_tail). A last group of one to three values takes
// the same vector step through masked loads and stores (the lanes past the end read as 0
// and are not stored) rather than the scalar as241, which costs about as much per value
// as the step for four.
__attribute__((target("avx2"))) void normal_quantiles_avx2(std::span<double> values) {
  double* const data = values.data();
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    avx2_tail::ChunkTails tails;
    avx2_tail::tails_first(data + begin, end - begin, tails);
    std::size_t i = begin;
    for (; i + 4 <= end; i += 4) _mm256_storeu_pd(data + i, central4(_mm256_loadu_pd(data + i)));
    if (i < end) {
      const auto rest = static_cast<long long>(end - i);
      const __m256i live = _mm256_cmpgt_epi64(_mm256_set1_epi64x(rest), _mm256_setr_epi64x(0, 1, 2, 3));
      _mm256_maskstore_pd(data + i, live, central4(_mm256_maskload_pd(data + i, live)));
    }
    avx2_tail::tails_last(data + begin, tails);
  }
}

// The AVX2 body eight values at a time: same chunks, same order, same arithmetic per
// lane, the tails eight at a time (avx512_tail); the last group of one to seven values
// through a masked load and store.
CLOUDCAST_AVX512 void normal_quantiles_avx512(std::span<double> values) {
  double* const data = values.data();
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kChunk) {
    const std::size_t end = std::min(n, begin + kChunk);
    avx512_tail::ChunkTails tails;
    avx512_tail::tails_first(data + begin, end - begin, tails);
    std::size_t i = begin;
    for (; i + 8 <= end; i += 8) _mm512_storeu_pd(data + i, central8(_mm512_loadu_pd(data + i)));
    if (i < end) {
      const auto live = static_cast<__mmask8>((1u << (end - i)) - 1);
      _mm512_mask_storeu_pd(data + i, live, central8(_mm512_maskz_loadu_pd(live, data + i)));
    }
    avx512_tail::tails_last(data + begin, tails);
  }
}
#else
void normal_quantiles_avx2(std::span<double> values) { normal_quantiles_baseline(values); }
void normal_quantiles_avx512(std::span<double> values) { normal_quantiles_baseline(values); }
#endif

}  // namespace detail

double normal_cdf(double z) { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

double sampling_cdf(double z) { return scalar_tail::cdf_(z); }

void sampling_cdfs(std::span<double> values) {
  // Chosen once per process, as normal_quantiles' body is.
  static const auto body = util::has_avx512() ? detail::sampling_cdfs_avx512
                           : util::has_avx2() ? detail::sampling_cdfs_avx2
                                              : detail::sampling_cdfs_baseline;
  body(values);
}

namespace detail {

// Whole groups of lanes, then the rest through the one-lane body.
void sampling_cdfs_baseline(std::span<double> values) {
#if defined(CLOUDCAST_LANES_X86)
  const std::size_t done = sse2_tail::cdf_row_(values.data(), values.size());
#else
  const std::size_t done = 0;
#endif
  scalar_tail::cdf_row_(values.data() + done, values.size() - done);
}

#if defined(CLOUDCAST_LANES_X86)
__attribute__((target("avx2"))) void sampling_cdfs_avx2(std::span<double> values) {
  const std::size_t done = avx2_tail::cdf_row_(values.data(), values.size());
  scalar_tail::cdf_row_(values.data() + done, values.size() - done);
}

CLOUDCAST_AVX512 void sampling_cdfs_avx512(std::span<double> values) {
  const std::size_t done = avx512_tail::cdf_row_(values.data(), values.size());
  scalar_tail::cdf_row_(values.data() + done, values.size() - done);
}
#else
void sampling_cdfs_avx2(std::span<double> values) { sampling_cdfs_baseline(values); }
void sampling_cdfs_avx512(std::span<double> values) { sampling_cdfs_baseline(values); }
#endif

}  // namespace detail

}  // namespace cloudcast::model
