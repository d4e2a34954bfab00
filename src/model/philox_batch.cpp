#include "model/philox_batch.hpp"

#include "util/cpu.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#else
#include <Random123/philox.h>
#endif

// The AVX2 body needs GCC's or Clang's target attribute, which compiles one function for
// AVX2 in a baseline build, and shares the SSE2 body's constants (__SSE2__ is always set
// on x86-64); elsewhere philox_uniforms_avx2 is the baseline body.
#if defined(__x86_64__) && defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#define CLOUDCAST_PHILOX_AVX2 1
#include "model/x86_intrinsics.hpp"
#define CLOUDCAST_AVX2 __attribute__((target("avx2")))
// AVX-512 F and VL (the instructions used); util::has_avx512() also asks for DQ and BW.
// No FMA either way: Philox is integer work, and the conversion is a separate add and
// multiply.
#define CLOUDCAST_AVX512 __attribute__((target("avx2,avx512f,avx512vl")))
#endif

namespace cloudcast::model {

namespace {

#if defined(__SSE2__)

// Random123's Philox4x32 constants (philox.h: PHILOX_M4x32_0/1, PHILOX_W32_0/1).
constexpr std::uint32_t kM0 = 0xD2511F53;
constexpr std::uint32_t kM1 = 0xCD9E8D57;
constexpr std::uint32_t kW0 = 0x9E3779B9;
constexpr std::uint32_t kW1 = 0xBB67AE85;
constexpr int kRounds = 10;  // r123::Philox4x32 is Philox4x32_R<10>

__m128i broadcast(std::uint32_t x) { return _mm_set1_epi32(static_cast<int>(x)); }

// Two lanes' counters in flight: word j of both in vj, one per 64-bit lane, held in the
// lane's low 32 bits. _mm_mul_epu32 multiplies exactly those low halves into the
// full 64-bit product, so the product's low half is mulhilo's lo already in place, and
// one shuffle copies its hi down (a shuffle, not a shift: SSE2 shifts overwrite their
// operand and so cost a copy too). The lanes' high halves carry leftovers nobody reads:
// the multiply ignores them and the output takes the low halves.
struct TwoLanes {
  __m128i v0, v1, v2, v3;
};

__m128i high_halves_down(__m128i p) { return _mm_shuffle_epi32(p, _MM_SHUFFLE(3, 3, 1, 1)); }

// Random123's _philox4x32round: (hi0, lo0) = M0 * v0, (hi1, lo1) = M1 * v2,
// v = {hi1 ^ v1 ^ k0, lo1, hi0 ^ v3 ^ k1, lo0}.
TwoLanes philox_round(const TwoLanes& s, __m128i k0, __m128i k1) {
  const __m128i p0 = _mm_mul_epu32(s.v0, broadcast(kM0));
  const __m128i p1 = _mm_mul_epu32(s.v2, broadcast(kM1));
  return {_mm_xor_si128(_mm_xor_si128(high_halves_down(p1), s.v1), k0), p1,
          _mm_xor_si128(_mm_xor_si128(high_halves_down(p0), s.v3), k1), p0};
}

// Two 32-bit words (the low two lanes of w, each biased by -2^31) as uniforms. SSE2
// converts only signed integers, hence the bias; adding 2^31 + 0.5 back in one step and
// scaling by 2^-32 are both exact (at most 33 significant bits), so the doubles equal the
// scalar (double(bits) + 0.5) * 2^-32.
__m128d to_uniforms(__m128i w) {
  return _mm_mul_pd(_mm_add_pd(_mm_cvtepi32_pd(w), _mm_set1_pd(2147483648.5)), _mm_set1_pd(kTwoToMinus32));
}

// The rows bodies (philox_uniforms): one path per 64-bit lane, so a register's word j
// is dimension 4 block + j of the lanes' paths, a piece of that dimension's row as it
// is (no transpose), and no block is drawn for nothing. Counter word 0 is the block,
// word 1 the path's low half (the lane's high half carries the path's high half, which
// the multiplies ignore and no output reads), word 2 its high half. Two register sets,
// blocks block and block + 1, whose rounds interleave: one set's round is a chain
// (multiply, shuffle, xor) that leaves the vector units mostly idle.
class Rows {
 public:
  static constexpr std::size_t kLanes = 2;

  explicit Rows(std::uint64_t seed) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast(k0), broadcast(k1)};
    }
  }

  // out[j][at + i] (j < count <= 8, i < live <= kLanes): the uniform of dimension
  // 4 block + j of path first + at + i; blocks block and block + 1, or block alone when
  // count <= 4.
  void blocks(std::uint32_t block, std::uint64_t first, std::size_t at, std::size_t live, double* const* out,
              std::size_t count) const {
    const std::uint64_t path = first + at;
    const __m128i lo = _mm_set_epi64x(static_cast<long long>(path + 1), static_cast<long long>(path));
    const __m128i hi = _mm_srli_epi64(lo, 32);
    TwoLanes a{_mm_set1_epi64x(block), lo, hi, _mm_setzero_si128()};
    if (count <= 4) {
      for (int round = 0; round < kRounds; ++round) a = philox_round(a, keys_[round].k0, keys_[round].k1);
      store(a, live, out, at, count);
      return;
    }
    TwoLanes b{_mm_set1_epi64x(block + 1), lo, hi, _mm_setzero_si128()};
    for (int round = 0; round < kRounds; ++round) {
      a = philox_round(a, keys_[round].k0, keys_[round].k1);
      b = philox_round(b, keys_[round].k0, keys_[round].k1);
    }
    store(a, live, out, at, 4);
    store(b, live, out + 4, at, count - 4);
  }

 private:
  // The first count words of s as uniforms: the lanes' low halves side by side, biased
  // for to_uniforms.
  static void store(const TwoLanes& s, std::size_t live, double* const* out, std::size_t at, std::size_t count) {
    const __m128i words[4] = {s.v0, s.v1, s.v2, s.v3};
    for (std::size_t j = 0; j < count; ++j) {
      const __m128d u =
          to_uniforms(_mm_xor_si128(_mm_shuffle_epi32(words[j], _MM_SHUFFLE(2, 0, 2, 0)), broadcast(0x80000000u)));
      if (live == 2) {
        _mm_storeu_pd(out[j] + at, u);
      } else {
        _mm_store_sd(out[j] + at, u);
      }
    }
  }

  struct RoundKey {  // a struct: GCC warns that std::array<__m128i, N> drops __m128i's attributes
    __m128i k0, k1;
  };
  std::array<RoundKey, kRounds> keys_;
};

#if defined(CLOUDCAST_PHILOX_AVX2)

// The AVX2 body: the SSE2 layout (one path per 64-bit lane, its word in the lane's low
// half) in 256-bit registers, so each _mm256_mul_epu32, shuffle and xor does four
// lanes' work where the SSE2 one does two. Same integer operations, same bits.
struct FourLanes {
  __m256i v0, v1, v2, v3;
};

CLOUDCAST_AVX2 __m256i broadcast256(std::uint32_t x) { return _mm256_set1_epi32(static_cast<int>(x)); }

CLOUDCAST_AVX2 __m256i high_halves_down(__m256i p) { return _mm256_shuffle_epi32(p, _MM_SHUFFLE(3, 3, 1, 1)); }

// Random123's _philox4x32round, as the SSE2 philox_round above.
CLOUDCAST_AVX2 FourLanes philox_round(const FourLanes& s, __m256i k0, __m256i k1) {
  const __m256i p0 = _mm256_mul_epu32(s.v0, broadcast256(kM0));
  const __m256i p1 = _mm256_mul_epu32(s.v2, broadcast256(kM1));
  return {_mm256_xor_si256(_mm256_xor_si256(high_halves_down(p1), s.v1), k0), p1,
          _mm256_xor_si256(_mm256_xor_si256(high_halves_down(p0), s.v3), k1), p0};
}

// Rows in 256-bit registers: four paths a register.
class Avx2Rows {
 public:
  static constexpr std::size_t kLanes = 4;

  CLOUDCAST_AVX2 explicit Avx2Rows(std::uint64_t seed) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast256(k0), broadcast256(k1)};
    }
  }

  CLOUDCAST_AVX2 void blocks(std::uint32_t block, std::uint64_t first, std::size_t at, std::size_t live,
                             double* const* out, std::size_t count) const {
    const std::uint64_t path = first + at;
    const __m256i lo =
        _mm256_add_epi64(_mm256_set1_epi64x(static_cast<long long>(path)), _mm256_setr_epi64x(0, 1, 2, 3));
    const __m256i hi = _mm256_srli_epi64(lo, 32);
    const __m256i mask =
        _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(live)), _mm256_setr_epi64x(0, 1, 2, 3));
    FourLanes a{_mm256_set1_epi64x(block), lo, hi, _mm256_setzero_si256()};
    if (count <= 4) {
      for (int round = 0; round < kRounds; ++round) a = philox_round(a, keys_[round].k0, keys_[round].k1);
      store(a, mask, out, at, count);
      return;
    }
    FourLanes b{_mm256_set1_epi64x(block + 1), lo, hi, _mm256_setzero_si256()};
    for (int round = 0; round < kRounds; ++round) {
      a = philox_round(a, keys_[round].k0, keys_[round].k1);
      b = philox_round(b, keys_[round].k0, keys_[round].k1);
    }
    store(a, mask, out, at, 4);
    store(b, mask, out + 4, at, count - 4);
  }

 private:
  // The first count words of s as uniforms. AVX2 converts neither unsigned nor 64-bit
  // integers, so the exponent trick instead: with 0x43300000 as its high half (the blend
  // drops the lane's leftovers) a lane reads as the double 2^52 + bits, exactly;
  // subtracting 2^52 - 0.5 (53 significant bits, representable) leaves bits + 0.5
  // exactly and scaling by 2^-32 is exact, so the doubles equal the scalar
  // (double(bits) + 0.5) * 2^-32.
  CLOUDCAST_AVX2 static void store(const FourLanes& s, __m256i mask, double* const* out, std::size_t at,
                                   std::size_t count) {
    const __m256i words[4] = {s.v0, s.v1, s.v2, s.v3};
    for (std::size_t j = 0; j < count; ++j) {
      const __m256d biased = _mm256_castsi256_pd(_mm256_blend_epi32(words[j], broadcast256(0x43300000), 0xAA));
      const __m256d centred = _mm256_sub_pd(biased, _mm256_set1_pd(0x1p52 - 0.5));
      _mm256_maskstore_pd(out[j] + at, mask, _mm256_mul_pd(centred, _mm256_set1_pd(kTwoToMinus32)));
    }
  }

  struct RoundKey {
    __m256i k0, k1;
  };
  std::array<RoundKey, kRounds> keys_;
};
// The AVX-512 body: one path per 64-bit lane again, eight per 512-bit register,
// the three-way xor of a round in one VPTERNLOGQ and the high halves moved down by a
// shift (EVEX shifts do not overwrite their operand).
struct EightLanes {
  __m512i v0, v1, v2, v3;
};

CLOUDCAST_AVX512 __m512i broadcast512(std::uint32_t x) { return _mm512_set1_epi32(static_cast<int>(x)); }

CLOUDCAST_AVX512 __m512i xor3(__m512i a, __m512i b, __m512i c) {
  return _mm512_ternarylogic_epi64(a, b, c, 0x96);  // 0x96: the truth table of a ^ b ^ c
}

// Random123's _philox4x32round, as the SSE2 philox_round above.
CLOUDCAST_AVX512 EightLanes philox_round(const EightLanes& s, __m512i k0, __m512i k1) {
  const __m512i p0 = _mm512_mul_epu32(s.v0, broadcast512(kM0));
  const __m512i p1 = _mm512_mul_epu32(s.v2, broadcast512(kM1));
  return {xor3(_mm512_srli_epi64(p1, 32), s.v1, k0), p1, xor3(_mm512_srli_epi64(p0, 32), s.v3, k1), p0};
}

// Rows in 512-bit registers: eight paths a register.
class Avx512Rows {
 public:
  static constexpr std::size_t kLanes = 8;

  CLOUDCAST_AVX512 explicit Avx512Rows(std::uint64_t seed) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast512(k0), broadcast512(k1)};
    }
  }

  // As Rows::blocks.
  CLOUDCAST_AVX512 void blocks(std::uint32_t block, std::uint64_t first, std::size_t at, std::size_t live,
                               double* const* out, std::size_t count) const {
    const std::uint64_t path = first + at;
    const __m512i lo =
        _mm512_add_epi64(_mm512_set1_epi64(static_cast<long long>(path)), _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
    const __m512i hi = _mm512_srli_epi64(lo, 32);
    const auto mask = static_cast<__mmask8>((1u << live) - 1);
    EightLanes a{_mm512_set1_epi64(block), lo, hi, _mm512_setzero_si512()};
    if (count <= 4) {
      for (int round = 0; round < kRounds; ++round) a = philox_round(a, keys_[round].k0, keys_[round].k1);
      store(a, mask, out, at, count);
      return;
    }
    EightLanes b{_mm512_set1_epi64(block + 1), lo, hi, _mm512_setzero_si512()};
    for (int round = 0; round < kRounds; ++round) {
      a = philox_round(a, keys_[round].k0, keys_[round].k1);
      b = philox_round(b, keys_[round].k0, keys_[round].k1);
    }
    store(a, mask, out, at, 4);
    store(b, mask, out + 4, at, count - 4);
  }

 private:
  // The first count words of s (each lane's low half: VPMOVQD keeps it) as uniforms, the
  // live lanes' into out[j] from at. AVX-512 converts unsigned integers, and bits + 0.5 (33
  // significant bits) and the scaling by 2^-32 are exact, so the doubles equal the scalar
  // (double(bits) + 0.5) * 2^-32.
  CLOUDCAST_AVX512 static void store(const EightLanes& s, __mmask8 mask, double* const* out, std::size_t at,
                                     std::size_t count) {
    const __m512i words[4] = {s.v0, s.v1, s.v2, s.v3};
    for (std::size_t j = 0; j < count; ++j) {
      const __m512d centred = _mm512_add_pd(_mm512_cvtepu32_pd(_mm512_cvtepi64_epi32(words[j])), _mm512_set1_pd(0.5));
      _mm512_mask_storeu_pd(out[j] + at, mask, _mm512_mul_pd(centred, _mm512_set1_pd(kTwoToMinus32)));
    }
  }

  struct RoundKey {
    __m512i k0, k1;
  };
  std::array<RoundKey, kRounds> keys_;
};

#endif

#else

// Without SSE2, Random123's scalar generator, path by path and block by block.
class Rows {
 public:
  static constexpr std::size_t kLanes = 1;

  explicit Rows(std::uint64_t seed)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}} {}

  void blocks(std::uint32_t block, std::uint64_t first, std::size_t at, std::size_t /*live*/, double* const* out,
              std::size_t count) const {
    const std::uint64_t path = first + at;
    r123::Philox4x32 generator;
    for (std::size_t j = 0; j < count; j += 4) {
      const r123::Philox4x32::ctr_type counter{{block + static_cast<std::uint32_t>(j / 4),
                                                static_cast<std::uint32_t>(path),
                                                static_cast<std::uint32_t>(path >> 32), 0}};
      const auto bits = generator(counter, key_);
      for (std::size_t w = 0; w < 4 && j + w < count; ++w)
        out[j + w][at] = (static_cast<double>(bits.v[w]) + 0.5) * kTwoToMinus32;
    }
  }

 private:
  r123::Philox4x32::key_type key_;
};

#endif

// Eight dimensions (two blocks) at a time, and for each the chunk's paths kLanes at a
// time: out[j] is dimension d + j's row.
template <class Body>
void fill(const Body& body, std::uint64_t first, std::size_t paths, std::span<double> head, std::span<double> tail) {
  if (paths == 0) return;
  const std::size_t split = head.size() / paths;
  const std::size_t dims = split + tail.size() / paths;
  std::array<double*, 8> out{};
  for (std::size_t d = 0; d < dims; d += 8) {
    const std::size_t count = std::min<std::size_t>(8, dims - d);
    for (std::size_t j = 0; j < count; ++j)
      out[j] = d + j < split ? head.data() + (d + j) * paths : tail.data() + (d + j - split) * paths;
    for (std::size_t p = 0; p < paths; p += Body::kLanes)
      body.blocks(static_cast<std::uint32_t>(d / 4), first, p, std::min(Body::kLanes, paths - p), out.data(), count);
  }
}

}  // namespace

void philox_uniforms_baseline(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                              std::span<double> tail) {
  fill(Rows(seed), first, paths, head, tail);
}

#if defined(CLOUDCAST_PHILOX_AVX2)
CLOUDCAST_AVX2 void philox_uniforms_avx2(std::uint64_t seed, std::uint64_t first, std::size_t paths,
                                         std::span<double> head, std::span<double> tail) {
  fill(Avx2Rows(seed), first, paths, head, tail);
}

CLOUDCAST_AVX512 void philox_uniforms_avx512(std::uint64_t seed, std::uint64_t first, std::size_t paths,
                                             std::span<double> head, std::span<double> tail) {
  fill(Avx512Rows(seed), first, paths, head, tail);
}
#else
void philox_uniforms_avx2(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                          std::span<double> tail) {
  philox_uniforms_baseline(seed, first, paths, head, tail);
}

void philox_uniforms_avx512(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                            std::span<double> tail) {
  philox_uniforms_baseline(seed, first, paths, head, tail);
}
#endif

namespace {

// Which body philox_uniforms takes, settled when the program starts. Not a function-local
// static: its guard made philox_uniforms save and restore six registers on every call
// (32 instructions a path, callgrind) to keep the first call's initialisation open; this
// costs a load and a branch. Read before its initialisation (from another file's static
// initialiser) it is null, the baseline body, which gives the same bits.
using Body = void (*)(std::uint64_t, std::uint64_t, std::size_t, std::span<double>, std::span<double>);
const Body kBody = util::has_avx512() ? &philox_uniforms_avx512
                   : util::has_avx2() ? &philox_uniforms_avx2
                                      : &philox_uniforms_baseline;

}  // namespace

void philox_uniforms(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                     std::span<double> tail) {
  if (kBody != nullptr) {
    kBody(seed, first, paths, head, tail);
  } else {
    philox_uniforms_baseline(seed, first, paths, head, tail);
  }
}

}  // namespace cloudcast::model
