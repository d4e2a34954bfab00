#include "model/cell_accumulator.hpp"

#include <algorithm>
#include <array>
#include <cmath>

// CLOUDCAST_SCALAR_ONLY (a compile-time switch) leaves the vector bodies out, to measure
// or test the scalar loop alone.
#if defined(__SSE2__) && !defined(CLOUDCAST_SCALAR_ONLY)
#define CLOUDCAST_SSE2_BODY 1
#include <emmintrin.h>
// The AVX2 body needs GCC/Clang's per-function target attribute, and x86-64.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CLOUDCAST_AVX2_BODY 1
#include "model/x86_intrinsics.hpp"
// F and VL are the instructions used; util::has_avx512() also asks for DQ and BW.
#define CLOUDCAST_AVX512 __attribute__((target("avx2,avx512f,avx512vl")))
#endif
#endif

#include "util/cpu.hpp"

namespace cloudcast::model {

namespace {

// The histogram slot of a finite value at `position` bin widths above bins.lo: bin b at
// b + 1, 0 the underflow, kBins + 1 the overflow. Truncating the position clamped to
// [-0.5, kBins + 0.5] gives floor(position) inside the range and 0 or kBins outside it;
// adding 1 only where position >= 0 sends negatives to the underflow. The vector bodies
// do the same per lane. A NaN (its chunk goes to add_checked, which drops the slot) is
// clamped to -0.5 as MAXPD does in the vector bodies: std::clamp would pass it through,
// and converting a NaN to an integer is undefined behaviour (UBSan, issue 11).
std::int32_t histogram_slot(double position) {
  const double clamped = std::min(kBins + 0.5, std::max(-0.5, position));
  return static_cast<std::int32_t>(clamped) + (position >= 0 ? 1 : 0);
}

#if defined(CLOUDCAST_SSE2_BODY)
// The scalar loop of add() four values at a time, for the whole groups of four; the
// lanes of s, q, lo, hi and index as there. Returns the values done.
std::size_t add_sse2(const Bins& bins, double shift, const double* x, std::size_t n, double* s, double* q, double* lo,
                     double* hi, std::int32_t* index) {
  __m128d s01 = _mm_loadu_pd(s), s23 = _mm_loadu_pd(s + 2), q01 = _mm_loadu_pd(q), q23 = _mm_loadu_pd(q + 2);
  __m128d lo01 = _mm_loadu_pd(lo), lo23 = _mm_loadu_pd(lo + 2), hi01 = _mm_loadu_pd(hi), hi23 = _mm_loadu_pd(hi + 2);
  const __m128d shift2 = _mm_set1_pd(shift), bin_lo = _mm_set1_pd(bins.lo), inv_width = _mm_set1_pd(bins.inv_width);
  const __m128d lowest = _mm_set1_pd(-0.5), highest = _mm_set1_pd(kBins + 0.5), zero = _mm_setzero_pd();
  auto bin_pair = [&](__m128d v, std::int32_t* out) {
    const __m128d position = _mm_mul_pd(_mm_sub_pd(v, bin_lo), inv_width);
    const __m128i whole = _mm_cvttpd_epi32(_mm_min_pd(_mm_max_pd(position, lowest), highest));
    // position >= 0 as 0 / -1 in the two low 32-bit lanes; subtracting adds 1.
    const __m128i inside = _mm_shuffle_epi32(_mm_castpd_si128(_mm_cmpge_pd(position, zero)), _MM_SHUFFLE(3, 3, 2, 0));
    _mm_storel_epi64(reinterpret_cast<__m128i*>(out), _mm_sub_epi32(whole, inside));
  };
  std::size_t p = 0;
  for (; p + 4 <= n; p += 4) {
    const __m128d a = _mm_loadu_pd(x + p), b = _mm_loadu_pd(x + p + 2);
    const __m128d da = _mm_sub_pd(a, shift2), db = _mm_sub_pd(b, shift2);
    s01 = _mm_add_pd(s01, da);
    s23 = _mm_add_pd(s23, db);
    q01 = _mm_add_pd(q01, _mm_mul_pd(da, da));
    q23 = _mm_add_pd(q23, _mm_mul_pd(db, db));
    lo01 = _mm_min_pd(lo01, a);
    lo23 = _mm_min_pd(lo23, b);
    hi01 = _mm_max_pd(hi01, a);
    hi23 = _mm_max_pd(hi23, b);
    bin_pair(a, index + p);
    bin_pair(b, index + p + 2);
  }
  _mm_storeu_pd(s, s01);
  _mm_storeu_pd(s + 2, s23);
  _mm_storeu_pd(q, q01);
  _mm_storeu_pd(q + 2, q23);
  _mm_storeu_pd(lo, lo01);
  _mm_storeu_pd(lo + 2, lo23);
  _mm_storeu_pd(hi, hi01);
  _mm_storeu_pd(hi + 2, hi23);
  return p;
}
#else
// No SSE2 body in this build: the scalar loop does every value.
std::size_t add_sse2(const Bins&, double, const double*, std::size_t, double*, double*, double*, double*,
                     std::int32_t*) {
  return 0;
}
#endif

#if defined(CLOUDCAST_AVX2_BODY)
// add_sse2() with one ymm register where it has two xmm: lane k of each holds path p + k,
// so s, q, lo and hi keep their lanes s[0..3] (path p in lane p % 4) and every lane sees
// the same operations in the same order, min and max with the same operand order.
__attribute__((target("avx2"))) std::size_t add_avx2(const Bins& bins, double shift, const double* x, std::size_t n,
                                                     double* s, double* q, double* lo, double* hi,
                                                     std::int32_t* index) {
  __m256d s4 = _mm256_loadu_pd(s), q4 = _mm256_loadu_pd(q), lo4 = _mm256_loadu_pd(lo), hi4 = _mm256_loadu_pd(hi);
  const __m256d shift4 = _mm256_set1_pd(shift), bin_lo = _mm256_set1_pd(bins.lo);
  const __m256d inv_width = _mm256_set1_pd(bins.inv_width);
  const __m256d lowest = _mm256_set1_pd(-0.5), highest = _mm256_set1_pd(kBins + 0.5), zero = _mm256_setzero_pd();
  // The low 32 bits of each 64-bit lane, into the low 128 bits.
  const __m256i low_halves = _mm256_setr_epi32(0, 2, 4, 6, 0, 2, 4, 6);
  std::size_t p = 0;
  for (; p + 4 <= n; p += 4) {
    const __m256d v = _mm256_loadu_pd(x + p);
    const __m256d d = _mm256_sub_pd(v, shift4);
    s4 = _mm256_add_pd(s4, d);
    q4 = _mm256_add_pd(q4, _mm256_mul_pd(d, d));
    lo4 = _mm256_min_pd(lo4, v);
    hi4 = _mm256_max_pd(hi4, v);
    const __m256d position = _mm256_mul_pd(_mm256_sub_pd(v, bin_lo), inv_width);
    const __m128i whole = _mm256_cvttpd_epi32(_mm256_min_pd(_mm256_max_pd(position, lowest), highest));
    // position >= 0 as 0 / -1 in four 32-bit lanes; subtracting adds 1.
    const __m256i inside = _mm256_castpd_si256(_mm256_cmp_pd(position, zero, _CMP_GE_OQ));
    const __m128i inside32 = _mm256_castsi256_si128(_mm256_permutevar8x32_epi32(inside, low_halves));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(index + p), _mm_sub_epi32(whole, inside32));
  }
  _mm256_storeu_pd(s, s4);
  _mm256_storeu_pd(q, q4);
  _mm256_storeu_pd(lo, lo4);
  _mm256_storeu_pd(hi, hi4);
  return p;
}

// add_avx2() eight values a step. The histogram slots take all eight lanes at once; the
// sums, squares, min and max keep four lanes (path p in lane p % 4) and take the step's
// first four values, then its last four, so each lane sees the same operations in the
// same order as in the other bodies.
CLOUDCAST_AVX512 std::size_t add_avx512(const Bins& bins, double shift, const double* x, std::size_t n, double* s,
                                        double* q, double* lo, double* hi, std::int32_t* index) {
  __m256d s4 = _mm256_loadu_pd(s), q4 = _mm256_loadu_pd(q), lo4 = _mm256_loadu_pd(lo), hi4 = _mm256_loadu_pd(hi);
  const __m512d shift8 = _mm512_set1_pd(shift), bin_lo = _mm512_set1_pd(bins.lo);
  const __m512d inv_width = _mm512_set1_pd(bins.inv_width);
  const __m512d lowest = _mm512_set1_pd(-0.5), highest = _mm512_set1_pd(kBins + 0.5), zero = _mm512_setzero_pd();
  const __m256i one = _mm256_set1_epi32(1);
  std::size_t p = 0;
  for (; p + 8 <= n; p += 8) {
    const __m512d v = _mm512_loadu_pd(x + p);
    const __m512d d = _mm512_sub_pd(v, shift8);
    const __m512d dd = _mm512_mul_pd(d, d);
    const __m256d v_first = _mm512_castpd512_pd256(v), v_second = _mm512_extractf64x4_pd(v, 1);
    s4 = _mm256_add_pd(_mm256_add_pd(s4, _mm512_castpd512_pd256(d)), _mm512_extractf64x4_pd(d, 1));
    q4 = _mm256_add_pd(_mm256_add_pd(q4, _mm512_castpd512_pd256(dd)), _mm512_extractf64x4_pd(dd, 1));
    lo4 = _mm256_min_pd(_mm256_min_pd(lo4, v_first), v_second);
    hi4 = _mm256_max_pd(_mm256_max_pd(hi4, v_first), v_second);
    const __m512d position = _mm512_mul_pd(_mm512_sub_pd(v, bin_lo), inv_width);
    const __m256i whole = _mm512_cvttpd_epi32(_mm512_min_pd(_mm512_max_pd(position, lowest), highest));
    // + 1 where position >= 0.
    const __mmask8 inside = _mm512_cmp_pd_mask(position, zero, _CMP_GE_OQ);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(index + p), _mm256_mask_add_epi32(whole, inside, whole, one));
  }
  _mm256_storeu_pd(s, s4);
  _mm256_storeu_pd(q, q4);
  _mm256_storeu_pd(lo, lo4);
  _mm256_storeu_pd(hi, hi4);
  return p;
}
#else
// No AVX2 or AVX-512 body in this build: the SSE2 one (or the scalar loop) stands in.
std::size_t add_avx512(const Bins& bins, double shift, const double* x, std::size_t n, double* s, double* q, double* lo,
                       double* hi, std::int32_t* index) {
  return add_sse2(bins, shift, x, n, s, q, lo, hi, index);
}

std::size_t add_avx2(const Bins& bins, double shift, const double* x, std::size_t n, double* s, double* q, double* lo,
                     double* hi, std::int32_t* index) {
  return add_sse2(bins, shift, x, n, s, q, lo, hi, index);
}
#endif

}  // namespace

CellAccumulator::Body CellAccumulator::fastest_body() {
#if defined(CLOUDCAST_AVX2_BODY)
  if (util::has_avx512()) return Body::avx512;
  if (util::has_avx2()) return Body::avx2;
#endif
#if defined(CLOUDCAST_SSE2_BODY)
  return Body::sse2;
#else
  return Body::scalar;
#endif
}

void CellAccumulator::add(const double* x, std::size_t n, Body body) {
  double s[4] = {}, q[4] = {}, lo[4] = {min, min, min, min}, hi[4] = {max, max, max, max};
  std::array<std::int32_t, kChunk> index;
  std::size_t p = 0;
  if (body == Body::avx512)
    p = add_avx512(bins, shift, x, n, s, q, lo, hi, index.data());
  else if (body == Body::avx2)
    p = add_avx2(bins, shift, x, n, s, q, lo, hi, index.data());
  else if (body == Body::sse2)
    p = add_sse2(bins, shift, x, n, s, q, lo, hi, index.data());
  for (; p < n; ++p) {
    const std::size_t j = p % 4;
    const double d = x[p] - shift;
    s[j] += d;
    q[j] += d * d;
    // x[p] first: std::min(a, b) keeps a on a tie, MINPD/MAXPD (the vector bodies, the
    // running value first) keep their second operand, so both keep x[p] and a -0.0
    // against a 0.0 comes out alike in every body.
    lo[j] = std::min(x[p], lo[j]);
    hi[j] = std::max(x[p], hi[j]);
    index[p] = histogram_slot((x[p] - bins.lo) * bins.inv_width);
  }
  const double squares = (q[0] + q[1]) + (q[2] + q[3]);
  if (!std::isfinite(squares)) return add_checked(x, n);
  for (std::size_t i = 0; i < n; ++i) ++histogram[index[i]];
  sum += (s[0] + s[1]) + (s[2] + s[3]);
  sum_sq += squares;
  count += static_cast<std::int64_t>(n);
  min = std::min(std::min(lo[0], lo[1]), std::min(lo[2], lo[3]));
  max = std::max(std::max(hi[0], hi[1]), std::max(hi[2], hi[3]));
}

void CellAccumulator::add_checked(const double* x, std::size_t n) {
  for (std::size_t p = 0; p < n; ++p) {
    const double v = x[p];
    if (!std::isfinite(v)) continue;
    const double d = v - shift;
    sum += d;
    sum_sq += d * d;
    ++count;
    min = std::min(v, min);  // v first, as in add(): -0.0 against 0.0 comes out alike
    max = std::max(v, max);
    ++histogram[histogram_slot((v - bins.lo) * bins.inv_width)];
  }
}

}  // namespace cloudcast::model
