#include "cloudcast/model/distribution.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// The AVX2 and AVX-512 bodies need GCC/Clang's per-function target attribute, and x86-64.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CLOUDCAST_AVX2_BODY 1
#include "model/x86_intrinsics.hpp"
// F and VL are the instructions used; util::has_avx512() also asks for DQ and BW. No
// FMA: the polynomials keep one rounding per multiply and per add.
#define CLOUDCAST_AVX512 __attribute__((target("avx2,avx512f,avx512vl")))
#endif

#include "model/normal_quantiles.hpp"
#include "util/cpu.hpp"

// The standard normal's quantile and cdf for the hot sampling loop (declared in
// cloudcast/model/distribution.hpp): Wichura's AS241 one value at a time, and over an
// array with its central region in SIMD registers, one body per instruction set.

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

// poly4() eight values at a time (AVX-512 packed doubles round as the others do).
template <std::size_t N>
CLOUDCAST_AVX512 __m512d poly8(const std::array<double, N>& c, __m512d x) {
  __m512d sum = _mm512_set1_pd(c[N - 1]);
  for (std::size_t i = N - 1; i-- > 0;) sum = _mm512_add_pd(_mm512_mul_pd(sum, x), _mm512_set1_pd(c[i]));
  return sum;
}

// central4() on eight uniforms; the mask has bit k set where lane k lies outside the
// central region (NaN included). fabs is _mm512_abs_pd, which clears the sign bit as
// fabs and the other bodies' ANDNOT do.
CLOUDCAST_AVX512 inline __m512d central8(__m512d u, __mmask8& outside) {
  const __m512d q = _mm512_sub_pd(u, _mm512_set1_pd(0.5));
  outside = _mm512_cmp_pd_mask(_mm512_abs_pd(q), _mm512_set1_pd(kCentralHalfWidth), _CMP_NLE_UQ);
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

// The AVX2 body eight values at a time: same blocks, same marks, same arithmetic per
// lane; the last group of one to seven values through a masked load and store.
CLOUDCAST_AVX512 void normal_quantiles_avx512(std::span<double> values) {
  constexpr std::size_t kBlock = 64;
  double* const data = values.data();
  const std::size_t n = values.size();
  for (std::size_t begin = 0; begin < n; begin += kBlock) {
    const std::size_t end = std::min(n, begin + kBlock);
    alignas(64) std::array<double, kBlock> uniforms;
    std::uint64_t outside = 0;  // bit i - begin: value i is not central
    std::size_t i = begin;
    __mmask8 marks = 0;
    for (; i + 8 <= end; i += 8) {
      const __m512d u = _mm512_loadu_pd(data + i);
      _mm512_store_pd(uniforms.data() + (i - begin), u);
      _mm512_storeu_pd(data + i, central8(u, marks));
      outside |= static_cast<std::uint64_t>(marks) << (i - begin);
    }
    if (i < end) {
      const auto lanes = static_cast<__mmask8>((1u << (end - i)) - 1);
      const __m512d u = _mm512_maskz_loadu_pd(lanes, data + i);  // the lanes past the end read as 0
      _mm512_store_pd(uniforms.data() + (i - begin), u);         // i - begin <= 56: in the array
      _mm512_mask_storeu_pd(data + i, lanes, central8(u, marks));
      outside |= static_cast<std::uint64_t>(marks & lanes) << (i - begin);
    }
    for (; outside != 0; outside &= outside - 1) {
      const auto lane = static_cast<std::size_t>(std::countr_zero(outside));
      data[begin + lane] = as241(uniforms[lane]);
    }
  }
}
#else
void normal_quantiles_avx2(std::span<double> values) { normal_quantiles_baseline(values); }
void normal_quantiles_avx512(std::span<double> values) { normal_quantiles_baseline(values); }
#endif

}  // namespace detail

double normal_cdf(double z) { return 0.5 * std::erfc(-z * 0.70710678118654752440); }

}  // namespace cloudcast::model
