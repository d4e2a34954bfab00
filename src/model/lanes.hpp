#pragma once
// SIMD lanes for kernels written once and compiled once per instruction set: each
// namespace below names the same types and operations, and a kernel body (a .inc file
// included into each namespace, as core_refit_lanes.cpp does) uses only those, so every
// lane of every body runs the same IEEE operations in the same order and gives the same
// bits as the one-lane scalar body (decisions 0670, 0680, 0800).
//
//   V  doubles, one per lane, with + - * / (GCC/Clang vector arithmetic for the x86 ones)
//   M  a per-lane truth (a comparison's result)
//   I  the lanes' 64-bit patterns, for exponent work
//
// Only for files compiled with -ffp-contract=off (src/model/CMakeLists.txt): a multiply
// and an add contracted into one FMA round once, and the bodies would part. The x86
// operations carry their instruction set as a target attribute; the build itself asks
// only for x86-64 (util/cpu.hpp), and a body runs where util::has_avx2() or has_avx512()
// says the CPU has it.

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CLOUDCAST_LANES_X86 1
#include "model/x86_intrinsics.hpp"
#define CLOUDCAST_LANES_AVX2 __attribute__((target("avx2"), always_inline)) inline
#define CLOUDCAST_LANES_AVX512 __attribute__((target("avx2,avx512f,avx512vl"), always_inline)) inline
#endif

namespace cloudcast::model::lanes {

// One lane: plain doubles. Comparisons as the x86 instructions make them: min/max give
// the second operand when either is NaN; a comparison with a NaN is false.
namespace scalar {
constexpr std::size_t kWidth = 1;
using V = double;
using M = bool;
using I = std::uint64_t;
inline V set(double x) { return x; }
inline V load(const double* p) { return *p; }
inline void store(double* p, V v) { *p = v; }
inline V sqrt_(V x) { return std::sqrt(x); }
inline V min_(V a, V b) { return a < b ? a : b; }
inline V max_(V a, V b) { return a > b ? a : b; }
inline M greater(V a, V b) { return a > b; }
inline M not_greater(V a, V b) { return !(a > b); }
inline M either(M a, M b) { return a || b; }
inline unsigned bits(M m) { return m ? 1u : 0u; }
inline V select(M m, V a, V b) { return m ? a : b; }
inline I to_bits(V v) { return std::bit_cast<I>(v); }
inline V from_bits(I i) { return std::bit_cast<V>(i); }
inline I iset(std::uint64_t x) { return x; }
inline I and_(I a, I b) { return a & b; }
inline I or_(I a, I b) { return a | b; }
inline I add_(I a, I b) { return a + b; }
template <int N>
inline I shift_left(I a) {
  return a << N;
}
template <int N>
inline I shift_right(I a) {
  return a >> N;
}
}  // namespace scalar

#if defined(CLOUDCAST_LANES_X86)
// Two lanes, SSE2: the x86-64 baseline.
namespace sse2 {
constexpr std::size_t kWidth = 2;
using V = __m128d;
using M = __m128d;
using I = __m128i;
inline V set(double x) { return _mm_set1_pd(x); }
inline V load(const double* p) { return _mm_loadu_pd(p); }
inline void store(double* p, V v) { _mm_storeu_pd(p, v); }
inline V sqrt_(V x) { return _mm_sqrt_pd(x); }
inline V min_(V a, V b) { return _mm_min_pd(a, b); }
inline V max_(V a, V b) { return _mm_max_pd(a, b); }
inline M greater(V a, V b) { return _mm_cmpgt_pd(a, b); }
inline M not_greater(V a, V b) { return _mm_cmpngt_pd(a, b); }
inline M either(M a, M b) { return _mm_or_pd(a, b); }
inline unsigned bits(M m) { return static_cast<unsigned>(_mm_movemask_pd(m)); }
inline V select(M m, V a, V b) { return _mm_or_pd(_mm_and_pd(m, a), _mm_andnot_pd(m, b)); }
inline I to_bits(V v) { return _mm_castpd_si128(v); }
inline V from_bits(I i) { return _mm_castsi128_pd(i); }
inline I iset(std::uint64_t x) { return _mm_set1_epi64x(static_cast<long long>(x)); }
inline I and_(I a, I b) { return _mm_and_si128(a, b); }
inline I or_(I a, I b) { return _mm_or_si128(a, b); }
inline I add_(I a, I b) { return _mm_add_epi64(a, b); }
template <int N>
inline I shift_left(I a) {
  return _mm_slli_epi64(a, N);
}
template <int N>
inline I shift_right(I a) {
  return _mm_srli_epi64(a, N);
}
}  // namespace sse2

// Four lanes, AVX2.
namespace avx2 {
constexpr std::size_t kWidth = 4;
using V = __m256d;
using M = __m256d;
using I = __m256i;
CLOUDCAST_LANES_AVX2 V set(double x) { return _mm256_set1_pd(x); }
CLOUDCAST_LANES_AVX2 V load(const double* p) { return _mm256_loadu_pd(p); }
CLOUDCAST_LANES_AVX2 void store(double* p, V v) { _mm256_storeu_pd(p, v); }
CLOUDCAST_LANES_AVX2 V sqrt_(V x) { return _mm256_sqrt_pd(x); }
CLOUDCAST_LANES_AVX2 V min_(V a, V b) { return _mm256_min_pd(a, b); }
CLOUDCAST_LANES_AVX2 V max_(V a, V b) { return _mm256_max_pd(a, b); }
CLOUDCAST_LANES_AVX2 M greater(V a, V b) { return _mm256_cmp_pd(a, b, _CMP_GT_OQ); }
CLOUDCAST_LANES_AVX2 M not_greater(V a, V b) { return _mm256_cmp_pd(a, b, _CMP_NGT_UQ); }
CLOUDCAST_LANES_AVX2 M either(M a, M b) { return _mm256_or_pd(a, b); }
CLOUDCAST_LANES_AVX2 unsigned bits(M m) { return static_cast<unsigned>(_mm256_movemask_pd(m)); }
CLOUDCAST_LANES_AVX2 V select(M m, V a, V b) { return _mm256_blendv_pd(b, a, m); }
CLOUDCAST_LANES_AVX2 I to_bits(V v) { return _mm256_castpd_si256(v); }
CLOUDCAST_LANES_AVX2 V from_bits(I i) { return _mm256_castsi256_pd(i); }
CLOUDCAST_LANES_AVX2 I iset(std::uint64_t x) { return _mm256_set1_epi64x(static_cast<long long>(x)); }
CLOUDCAST_LANES_AVX2 I and_(I a, I b) { return _mm256_and_si256(a, b); }
CLOUDCAST_LANES_AVX2 I or_(I a, I b) { return _mm256_or_si256(a, b); }
CLOUDCAST_LANES_AVX2 I add_(I a, I b) { return _mm256_add_epi64(a, b); }
template <int N>
CLOUDCAST_LANES_AVX2 I shift_left(I a) {
  return _mm256_slli_epi64(a, N);
}
template <int N>
CLOUDCAST_LANES_AVX2 I shift_right(I a) {
  return _mm256_srli_epi64(a, N);
}
}  // namespace avx2

// Eight lanes, AVX-512 F and VL (util::has_avx512() also asks for DQ and BW).
namespace avx512 {
constexpr std::size_t kWidth = 8;
using V = __m512d;
using M = __mmask8;
using I = __m512i;
CLOUDCAST_LANES_AVX512 V set(double x) { return _mm512_set1_pd(x); }
CLOUDCAST_LANES_AVX512 V load(const double* p) { return _mm512_loadu_pd(p); }
CLOUDCAST_LANES_AVX512 void store(double* p, V v) { _mm512_storeu_pd(p, v); }
CLOUDCAST_LANES_AVX512 V sqrt_(V x) { return _mm512_sqrt_pd(x); }
CLOUDCAST_LANES_AVX512 V min_(V a, V b) { return _mm512_min_pd(a, b); }
CLOUDCAST_LANES_AVX512 V max_(V a, V b) { return _mm512_max_pd(a, b); }
CLOUDCAST_LANES_AVX512 M greater(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
CLOUDCAST_LANES_AVX512 M not_greater(V a, V b) { return _mm512_cmp_pd_mask(a, b, _CMP_NGT_UQ); }
CLOUDCAST_LANES_AVX512 M either(M a, M b) { return static_cast<M>(a | b); }
CLOUDCAST_LANES_AVX512 unsigned bits(M m) { return m; }
CLOUDCAST_LANES_AVX512 V select(M m, V a, V b) { return _mm512_mask_blend_pd(m, b, a); }
CLOUDCAST_LANES_AVX512 I to_bits(V v) { return _mm512_castpd_si512(v); }
CLOUDCAST_LANES_AVX512 V from_bits(I i) { return _mm512_castsi512_pd(i); }
CLOUDCAST_LANES_AVX512 I iset(std::uint64_t x) { return _mm512_set1_epi64(static_cast<long long>(x)); }
CLOUDCAST_LANES_AVX512 I and_(I a, I b) { return _mm512_and_si512(a, b); }
CLOUDCAST_LANES_AVX512 I or_(I a, I b) { return _mm512_or_si512(a, b); }
CLOUDCAST_LANES_AVX512 I add_(I a, I b) { return _mm512_add_epi64(a, b); }
template <int N>
CLOUDCAST_LANES_AVX512 I shift_left(I a) {
  return _mm512_slli_epi64(a, N);
}
template <int N>
CLOUDCAST_LANES_AVX512 I shift_right(I a) {
  return _mm512_srli_epi64(a, N);
}
}  // namespace avx512
#endif

}  // namespace cloudcast::model::lanes
