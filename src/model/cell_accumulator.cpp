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
#define CLOUDCAST_INLINE __attribute__((always_inline)) inline
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

// The four lanes of a cell's partial sums, squares, min and max over a chunk (path p in
// lane p % 4), as a body leaves them for the scalar loop.
struct Lanes {
  double s[4], q[4], lo[4], hi[4];
};

// The lanes before any value: no sums, the cell's running min and max in every lane.
Lanes start_lanes(double min, double max) {
  return {.s = {}, .q = {}, .lo = {min, min, min, min}, .hi = {max, max, max, max}};
}

#if defined(CLOUDCAST_SSE2_BODY)
// The scalar loop of add() four values at a time, for the whole groups of four; the
// lanes of s, q, lo, hi and index as there. Returns the values done.
std::size_t add_sse2(const Bins& bins, double shift, const double* x, std::size_t n, double min, double max, Lanes& l,
                     std::int32_t* index) {
  __m128d s01 = _mm_setzero_pd(), s23 = s01, q01 = s01, q23 = s01;
  __m128d lo01 = _mm_set1_pd(min), lo23 = lo01, hi01 = _mm_set1_pd(max), hi23 = hi01;
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
  _mm_storeu_pd(l.s, s01);
  _mm_storeu_pd(l.s + 2, s23);
  _mm_storeu_pd(l.q, q01);
  _mm_storeu_pd(l.q + 2, q23);
  _mm_storeu_pd(l.lo, lo01);
  _mm_storeu_pd(l.lo + 2, lo23);
  _mm_storeu_pd(l.hi, hi01);
  _mm_storeu_pd(l.hi + 2, hi23);
  return p;
}
#else
// No SSE2 body in this build: the scalar loop does every value.
std::size_t add_sse2(const Bins&, double, const double*, std::size_t, double min, double max, Lanes& l, std::int32_t*) {
  l = start_lanes(min, max);
  return 0;
}
#endif

#if defined(CLOUDCAST_AVX2_BODY)
// add_sse2() with one ymm register where it has two xmm: lane k of each holds path p + k,
// so s, q, lo and hi keep their lanes s[0..3] (path p in lane p % 4) and every lane sees
// the same operations in the same order, min and max with the same operand order.
__attribute__((target("avx2"))) std::size_t add_avx2(const Bins& bins, double shift, const double* x, std::size_t n,
                                                     double min, double max, Lanes& l, std::int32_t* index) {
  __m256d s4 = _mm256_setzero_pd(), q4 = s4, lo4 = _mm256_set1_pd(min), hi4 = _mm256_set1_pd(max);
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
  _mm256_storeu_pd(l.s, s4);
  _mm256_storeu_pd(l.q, q4);
  _mm256_storeu_pd(l.lo, lo4);
  _mm256_storeu_pd(l.hi, hi4);
  return p;
}

// add_avx2() eight values a step. The histogram slots take all eight lanes at once; the
// sums, squares, min and max keep four lanes (path p in lane p % 4) and take the step's
// first four values, then its last four, so each lane sees the same operations in the
// same order as in the other bodies.
// The lanes stay in registers (s4, q4, lo4, hi4) for add_cells_avx512().
CLOUDCAST_AVX512 CLOUDCAST_INLINE std::size_t avx512_groups(const Bins& bins, double shift, const double* x,
                                                            std::size_t n, __m256d& s4, __m256d& q4, __m256d& lo4,
                                                            __m256d& hi4, std::int32_t* index) {
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
  return p;
}

CLOUDCAST_AVX512 std::size_t add_avx512(const Bins& bins, double shift, const double* x, std::size_t n, double min,
                                        double max, Lanes& l, std::int32_t* index) {
  __m256d s4 = _mm256_setzero_pd(), q4 = s4, lo4 = _mm256_set1_pd(min), hi4 = _mm256_set1_pd(max);
  const std::size_t p = avx512_groups(bins, shift, x, n, s4, q4, lo4, hi4, index);
  _mm256_storeu_pd(l.s, s4);
  _mm256_storeu_pd(l.q, q4);
  _mm256_storeu_pd(l.lo, lo4);
  _mm256_storeu_pd(l.hi, hi4);
  return p;
}
#else
// No AVX2 or AVX-512 body in this build: the SSE2 one (or the scalar loop) stands in.
std::size_t add_avx512(const Bins& bins, double shift, const double* x, std::size_t n, double min, double max, Lanes& l,
                       std::int32_t* index) {
  return add_sse2(bins, shift, x, n, min, max, l, index);
}

std::size_t add_avx2(const Bins& bins, double shift, const double* x, std::size_t n, double min, double max, Lanes& l,
                     std::int32_t* index) {
  return add_sse2(bins, shift, x, n, min, max, l, index);
}
#endif

// Non-finite values in cell c's chunk: value by value, leaving them out.
void add_checked(const ChunkCells& k, std::size_t c, const double* x) {
  const Bins& bins = k.bins[c];
  const double shift = k.shift[c];
  std::uint32_t* histogram = k.histogram + c * (kBins + 2);
  for (std::size_t p = 0; p < k.n; ++p) {
    const double v = x[p];
    if (!std::isfinite(v)) continue;
    const double d = v - shift;
    k.sum[c] += d;
    k.sum_sq[c] += d * d;
    ++k.count[c];
    k.min[c] = std::min(v, k.min[c]);  // v first, as in add_cell(): -0.0 against 0.0 comes out alike
    k.max[c] = std::max(v, k.max[c]);
    ++histogram[histogram_slot((v - bins.lo) * bins.inv_width)];
  }
}

// Cell c's chunk: the body's groups of values, the scalar loop for the rest, then the
// chunk's sums into the cell's (or the checked loop).
void add_cell(const ChunkCells& k, std::size_t c, CellAccumulator::Body body) {
  using Body = CellAccumulator::Body;
  const Bins& bins = k.bins[c];
  const double shift = k.shift[c];
  const double* x = k.values + k.row[c] * k.stride;
  const std::size_t n = k.n;
  Lanes l;
  std::array<std::int32_t, kChunk> index;
  std::size_t p = 0;
  if (body == Body::avx512)
    p = add_avx512(bins, shift, x, n, k.min[c], k.max[c], l, index.data());
  else if (body == Body::avx2)
    p = add_avx2(bins, shift, x, n, k.min[c], k.max[c], l, index.data());
  else if (body == Body::sse2)
    p = add_sse2(bins, shift, x, n, k.min[c], k.max[c], l, index.data());
  else
    l = start_lanes(k.min[c], k.max[c]);
  for (; p < n; ++p) {
    const std::size_t j = p % 4;
    const double d = x[p] - shift;
    l.s[j] += d;
    l.q[j] += d * d;
    // x[p] first: std::min(a, b) keeps a on a tie, MINPD/MAXPD (the vector bodies, the
    // running value first) keep their second operand, so both keep x[p] and a -0.0
    // against a 0.0 comes out alike in every body.
    l.lo[j] = std::min(x[p], l.lo[j]);
    l.hi[j] = std::max(x[p], l.hi[j]);
    index[p] = histogram_slot((x[p] - bins.lo) * bins.inv_width);
  }
  const double squares = (l.q[0] + l.q[1]) + (l.q[2] + l.q[3]);
  if (!std::isfinite(squares)) return add_checked(k, c, x);
  std::uint32_t* histogram = k.histogram + c * (kBins + 2);
  for (std::size_t i = 0; i < n; ++i) ++histogram[index[i]];
  k.sum[c] += (l.s[0] + l.s[1]) + (l.s[2] + l.s[3]);
  k.sum_sq[c] += squares;
  k.count[c] += static_cast<std::int64_t>(n);
  k.min[c] = std::min(std::min(l.lo[0], l.lo[1]), std::min(l.lo[2], l.lo[3]));
  k.max[c] = std::max(std::max(l.hi[0], l.hi[1]), std::max(l.hi[2], l.hi[3]));
}

#if defined(CLOUDCAST_AVX2_BODY)
// Sums of four lanes as add_cell() adds them, (l0 + l1) + (l2 + l3); min and max as its
// std::min / std::max, which keep their first operand unless the second is less (MINPD
// keeps its second operand unless the first is less, hence the swapped operands).
CLOUDCAST_AVX512 CLOUDCAST_INLINE double sum_lanes(__m256d v) {
  const __m128d low = _mm256_castpd256_pd128(v), high = _mm256_extractf128_pd(v, 1);
  const __m128d pairs = _mm_add_pd(_mm_unpacklo_pd(low, high), _mm_unpackhi_pd(low, high));  // l0 + l1, l2 + l3
  return _mm_cvtsd_f64(_mm_add_sd(pairs, _mm_unpackhi_pd(pairs, pairs)));
}

CLOUDCAST_AVX512 CLOUDCAST_INLINE double min_lanes(__m256d v) {
  const __m128d low = _mm256_castpd256_pd128(v), high = _mm256_extractf128_pd(v, 1);
  const __m128d pairs = _mm_min_pd(_mm_unpackhi_pd(low, high), _mm_unpacklo_pd(low, high));
  return _mm_cvtsd_f64(_mm_min_sd(_mm_unpackhi_pd(pairs, pairs), pairs));
}

CLOUDCAST_AVX512 CLOUDCAST_INLINE double max_lanes(__m256d v) {
  const __m128d low = _mm256_castpd256_pd128(v), high = _mm256_extractf128_pd(v, 1);
  const __m128d pairs = _mm_max_pd(_mm_unpackhi_pd(low, high), _mm_unpacklo_pd(low, high));
  return _mm_cvtsd_f64(_mm_max_sd(_mm_unpackhi_pd(pairs, pairs), pairs));
}

// add_cells() in the AVX-512 body for a whole chunk (kChunk values a cell: every chunk
// of a run but its last), add_cell() without a call a cell: the lanes stay in registers
// to their sums and the histogram loop has a fixed count. Another chunk goes cell by
// cell through add_cell().
CLOUDCAST_AVX512 void add_cells_avx512(const ChunkCells& k) {
  if (k.n != kChunk) {
    for (std::size_t c = 0; c < k.cells; ++c) add_cell(k, c, CellAccumulator::Body::avx512);
    return;
  }
  for (std::size_t c = 0; c < k.cells; ++c) {
    const double* x = k.values + k.row[c] * k.stride;
    __m256d s4 = _mm256_setzero_pd(), q4 = s4, lo4 = _mm256_set1_pd(k.min[c]), hi4 = _mm256_set1_pd(k.max[c]);
    std::array<std::int32_t, kChunk> index;
    avx512_groups(k.bins[c], k.shift[c], x, kChunk, s4, q4, lo4, hi4, index.data());
    const double squares = sum_lanes(q4);
    if (!std::isfinite(squares)) {
      add_checked(k, c, x);
      continue;
    }
    std::uint32_t* histogram = k.histogram + c * (kBins + 2);
    for (std::size_t i = 0; i < kChunk; ++i) ++histogram[index[i]];
    k.sum[c] += sum_lanes(s4);
    k.sum_sq[c] += squares;
    k.count[c] += static_cast<std::int64_t>(kChunk);
    k.min[c] = min_lanes(lo4);
    k.max[c] = max_lanes(hi4);
  }
}
#else
void add_cells_avx512(const ChunkCells& k) {
  for (std::size_t c = 0; c < k.cells; ++c) add_cell(k, c, CellAccumulator::Body::avx512);
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

void add_cells(const ChunkCells& chunk, CellAccumulator::Body body) {
  if (body == CellAccumulator::Body::avx512) return add_cells_avx512(chunk);
  for (std::size_t c = 0; c < chunk.cells; ++c) add_cell(chunk, c, body);
}

void CellAccumulator::add(const double* x, std::size_t n, Body body) {
  const std::size_t row = 0;
  add_cells({.values = x,
             .stride = 0,
             .row = &row,
             .cells = 1,
             .n = n,
             .bins = &bins,
             .shift = &shift,
             .histogram = histogram,
             .min = &min,
             .max = &max,
             .sum = &sum,
             .sum_sq = &sum_sq,
             .count = &count},
            body);
}

}  // namespace cloudcast::model
