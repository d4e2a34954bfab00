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

// Two blocks' counters in flight: word j of both in vj, one block per 64-bit lane, held
// in the lane's low 32 bits. _mm_mul_epu32 multiplies exactly those low halves into the
// full 64-bit product, so the product's low half is mulhilo's lo already in place, and
// one shuffle copies its hi down (a shuffle, not a shift: SSE2 shifts overwrite their
// operand and so cost a copy too). The lanes' high halves carry leftovers nobody reads:
// the multiply ignores them and the output takes the low halves.
struct TwoBlocks {
  __m128i v0, v1, v2, v3;
};

__m128i high_halves_down(__m128i p) { return _mm_shuffle_epi32(p, _MM_SHUFFLE(3, 3, 1, 1)); }

// Random123's _philox4x32round: (hi0, lo0) = M0 * v0, (hi1, lo1) = M1 * v2,
// v = {hi1 ^ v1 ^ k0, lo1, hi0 ^ v3 ^ k1, lo0}.
TwoBlocks philox_round(const TwoBlocks& s, __m128i k0, __m128i k1) {
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

// out[0..7]: the uniforms of the two blocks in s (words 0-3 of the lanes' first block,
// then of the second).
void store_uniforms(const TwoBlocks& s, double* out) {
  const __m128i bias = broadcast(0x80000000u);
  const __m128i w0 = _mm_xor_si128(s.v0, bias);
  const __m128i w1 = _mm_xor_si128(s.v1, bias);
  const __m128i w2 = _mm_xor_si128(s.v2, bias);
  const __m128i w3 = _mm_xor_si128(s.v3, bias);
  // unpacklo gives (first block's word a, word b, junk, junk), unpackhi the second's.
  _mm_storeu_pd(out + 0, to_uniforms(_mm_unpacklo_epi32(w0, w1)));
  _mm_storeu_pd(out + 2, to_uniforms(_mm_unpacklo_epi32(w2, w3)));
  _mm_storeu_pd(out + 4, to_uniforms(_mm_unpackhi_epi32(w0, w1)));
  _mm_storeu_pd(out + 6, to_uniforms(_mm_unpackhi_epi32(w2, w3)));
}

// What the groups of one (seed, path) share, prepared once: the counter's path words
// and the key schedule (k + r W for round r), broadcast, so a group's rounds spend no
// instructions on bumping keys.
class PathStream {
 public:
  static constexpr std::size_t kDims = 16;  // four blocks of four words, computed at once

  PathStream(std::uint64_t seed, std::uint64_t path)
      : lo_(broadcast(static_cast<std::uint32_t>(path))), hi_(broadcast(static_cast<std::uint32_t>(path >> 32))) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast(k0), broadcast(k1)};
    }
  }

  // out[0..15]: the uniforms of blocks block .. block + 3 (whatever dims, the count
  // wanted), as two pairs interleaved so the multiplies of one overlap the other's.
  void group(std::uint32_t block, double* out, std::size_t /*dims*/) const {
    TwoBlocks a{_mm_set_epi32(0, static_cast<int>(block + 1), 0, static_cast<int>(block)), lo_, hi_,
                _mm_setzero_si128()};
    TwoBlocks b{_mm_set_epi32(0, static_cast<int>(block + 3), 0, static_cast<int>(block + 2)), lo_, hi_,
                _mm_setzero_si128()};
    for (int round = 0; round < kRounds; ++round) {
      a = philox_round(a, keys_[round].k0, keys_[round].k1);
      b = philox_round(b, keys_[round].k0, keys_[round].k1);
    }
    store_uniforms(a, out);
    store_uniforms(b, out + 8);
  }

 private:
  struct RoundKey {  // a struct: GCC warns that std::array<__m128i, N> drops __m128i's attributes
    __m128i k0, k1;
  };
  __m128i lo_, hi_;
  std::array<RoundKey, kRounds> keys_;
};

#if defined(CLOUDCAST_PHILOX_AVX2)

// The AVX2 body: the SSE2 layout (one block per 64-bit lane, its word in the lane's low
// half) in 256-bit registers, so each _mm256_mul_epu32, shuffle and xor does four
// blocks' work where the SSE2 one does two. Same integer operations, same bits.
struct FourBlocks {
  __m256i v0, v1, v2, v3;
};

CLOUDCAST_AVX2 __m256i broadcast256(std::uint32_t x) { return _mm256_set1_epi32(static_cast<int>(x)); }

CLOUDCAST_AVX2 __m256i high_halves_down(__m256i p) { return _mm256_shuffle_epi32(p, _MM_SHUFFLE(3, 3, 1, 1)); }

// Random123's _philox4x32round, as the SSE2 philox_round above.
CLOUDCAST_AVX2 FourBlocks philox_round(const FourBlocks& s, __m256i k0, __m256i k1) {
  const __m256i p0 = _mm256_mul_epu32(s.v0, broadcast256(kM0));
  const __m256i p1 = _mm256_mul_epu32(s.v2, broadcast256(kM1));
  return {_mm256_xor_si256(_mm256_xor_si256(high_halves_down(p1), s.v1), k0), p1,
          _mm256_xor_si256(_mm256_xor_si256(high_halves_down(p0), s.v3), k1), p0};
}

// out[0..3]: one block's words (lane j's low half word j) as uniforms. AVX2 converts
// neither unsigned nor 64-bit integers, so the exponent trick instead: with 0x43300000
// as its high half a lane reads as the double 2^52 + bits, exactly; subtracting
// 2^52 - 0.5 (53 significant bits, representable) leaves bits + 0.5 exactly and scaling
// by 2^-32 is exact, so the doubles equal the scalar (double(bits) + 0.5) * 2^-32.
CLOUDCAST_AVX2 void store_block(__m256i words, double* out) {
  const __m256d biased = _mm256_castsi256_pd(_mm256_blend_epi32(words, broadcast256(0x43300000), 0xAA));
  const __m256d centred = _mm256_sub_pd(biased, _mm256_set1_pd(0x1p52 - 0.5));
  _mm256_storeu_pd(out, _mm256_mul_pd(centred, _mm256_set1_pd(kTwoToMinus32)));
}

// out[0..15]: the uniforms of the four blocks in s, in block order. The registers hold
// one word of four blocks each; a 4x4 transpose of 64-bit lanes gives one block's four
// words each (unpack within 128-bit halves, then swap halves across).
CLOUDCAST_AVX2 void store_uniforms(const FourBlocks& s, double* out) {
  const __m256i w01_even = _mm256_unpacklo_epi64(s.v0, s.v1);  // words 0, 1 of blocks 0 | 2
  const __m256i w01_odd = _mm256_unpackhi_epi64(s.v0, s.v1);   // of blocks 1 | 3
  const __m256i w23_even = _mm256_unpacklo_epi64(s.v2, s.v3);  // words 2, 3 of blocks 0 | 2
  const __m256i w23_odd = _mm256_unpackhi_epi64(s.v2, s.v3);   // of blocks 1 | 3
  store_block(_mm256_permute2x128_si256(w01_even, w23_even, 0x20), out + 0);
  store_block(_mm256_permute2x128_si256(w01_odd, w23_odd, 0x20), out + 4);
  store_block(_mm256_permute2x128_si256(w01_even, w23_even, 0x31), out + 8);
  store_block(_mm256_permute2x128_si256(w01_odd, w23_odd, 0x31), out + 12);
}

// PathStream in 256-bit registers, eight blocks a group in two register sets whose
// rounds interleave. One set's round is a chain (multiply, shuffle, xor) that leaves the
// vector units mostly idle; two keep them busy. Timed alone on 24 blocks a path, one set
// a group took 110-125 ns a path, two 98, three 97 (SSE2: 165); on the base-uncertain
// path's 57 + 48 dimensions, one set 147 ns, two 130 (SSE2: 209).
class Avx2PathStream {
 public:
  static constexpr std::size_t kDims = 32;

  CLOUDCAST_AVX2 Avx2PathStream(std::uint64_t seed, std::uint64_t path)
      : lo_(broadcast256(static_cast<std::uint32_t>(path))), hi_(broadcast256(static_cast<std::uint32_t>(path >> 32))) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast256(k0), broadcast256(k1)};
    }
  }

  // out[0..31]: the uniforms of blocks block .. block + 7; only out[0..15], blocks
  // block .. block + 3, when dims <= 16 (a path's last group may need no more).
  CLOUDCAST_AVX2 void group(std::uint32_t block, double* out, std::size_t dims) const {
    FourBlocks a = counters(block);
    if (dims <= 16) {
      for (int round = 0; round < kRounds; ++round) a = philox_round(a, keys_[round].k0, keys_[round].k1);
      store_uniforms(a, out);
      return;
    }
    FourBlocks b = counters(block + 4);
    for (int round = 0; round < kRounds; ++round) {
      a = philox_round(a, keys_[round].k0, keys_[round].k1);
      b = philox_round(b, keys_[round].k0, keys_[round].k1);
    }
    store_uniforms(a, out);
    store_uniforms(b, out + 16);
  }

 private:
  // Blocks block .. block + 3 before the rounds. Lane b's counter word is block + b in
  // 32 bits: a carry into the lane's high half (block near 2^32) is never read.
  CLOUDCAST_AVX2 FourBlocks counters(std::uint32_t block) const {
    return {_mm256_add_epi64(_mm256_set1_epi64x(block), _mm256_setr_epi64x(0, 1, 2, 3)), lo_, hi_,
            _mm256_setzero_si256()};
  }

  struct RoundKey {
    __m256i k0, k1;
  };
  __m256i lo_, hi_;
  std::array<RoundKey, kRounds> keys_;
};

// The AVX-512 body: one block per 64-bit lane again, eight blocks per 512-bit register,
// the three-way xor of a round in one VPTERNLOGQ and the high halves moved down by a
// shift (EVEX shifts do not overwrite their operand).
struct EightBlocks {
  __m512i v0, v1, v2, v3;
};

CLOUDCAST_AVX512 __m512i broadcast512(std::uint32_t x) { return _mm512_set1_epi32(static_cast<int>(x)); }

CLOUDCAST_AVX512 __m512i xor3(__m512i a, __m512i b, __m512i c) {
  return _mm512_ternarylogic_epi64(a, b, c, 0x96);  // 0x96: the truth table of a ^ b ^ c
}

// Random123's _philox4x32round, as the SSE2 philox_round above.
CLOUDCAST_AVX512 EightBlocks philox_round(const EightBlocks& s, __m512i k0, __m512i k1) {
  const __m512i p0 = _mm512_mul_epu32(s.v0, broadcast512(kM0));
  const __m512i p1 = _mm512_mul_epu32(s.v2, broadcast512(kM1));
  return {xor3(_mm512_srli_epi64(p1, 32), s.v1, k0), p1, xor3(_mm512_srli_epi64(p0, 32), s.v3, k1), p0};
}

// out[0..7]: eight 32-bit words as uniforms. AVX-512 converts unsigned integers, and
// bits + 0.5 (33 significant bits) and the scaling by 2^-32 are exact, so the doubles
// equal the scalar (double(bits) + 0.5) * 2^-32.
CLOUDCAST_AVX512 void store_words(__m256i words, double* out) {
  const __m512d centred = _mm512_add_pd(_mm512_cvtepu32_pd(words), _mm512_set1_pd(0.5));
  _mm512_storeu_pd(out, _mm512_mul_pd(centred, _mm512_set1_pd(kTwoToMinus32)));
}

// out[0..31]: the uniforms of the eight blocks in s, in block order. Words 0 and 1 of a
// block packed into one 64-bit lane (word 1 shifted up over the lane's unused high
// half), words 2 and 3 into another; one two-source permute per four blocks then puts
// each block's two lanes side by side.
CLOUDCAST_AVX512 void store_uniforms(const EightBlocks& s, double* out) {
  const __m512i w01 = _mm512_mask_blend_epi32(0xAAAA, s.v0, _mm512_slli_epi64(s.v1, 32));
  const __m512i w23 = _mm512_mask_blend_epi32(0xAAAA, s.v2, _mm512_slli_epi64(s.v3, 32));
  const __m512i first = _mm512_permutex2var_epi64(w01, _mm512_setr_epi64(0, 8, 1, 9, 2, 10, 3, 11), w23);
  const __m512i second = _mm512_permutex2var_epi64(w01, _mm512_setr_epi64(4, 12, 5, 13, 6, 14, 7, 15), w23);
  store_words(_mm512_castsi512_si256(first), out + 0);
  store_words(_mm512_extracti64x4_epi64(first, 1), out + 8);
  store_words(_mm512_castsi512_si256(second), out + 16);
  store_words(_mm512_extracti64x4_epi64(second, 1), out + 24);
}

// Avx2PathStream in 512-bit registers: sixteen blocks a group in two register sets whose
// rounds interleave, or one set when the group needs no more than 32 dimensions (the
// base-uncertain path's 105 dimensions: a group of two sets, then one of two).
class Avx512PathStream {
 public:
  static constexpr std::size_t kDims = 64;

  CLOUDCAST_AVX512 Avx512PathStream(std::uint64_t seed, std::uint64_t path)
      : lo_(broadcast512(static_cast<std::uint32_t>(path))), hi_(broadcast512(static_cast<std::uint32_t>(path >> 32))) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast512(k0), broadcast512(k1)};
    }
  }

  // out[0..63]: the uniforms of blocks block .. block + 15; only out[0..31], blocks
  // block .. block + 7, when dims <= 32.
  CLOUDCAST_AVX512 void group(std::uint32_t block, double* out, std::size_t dims) const {
    EightBlocks a = counters(block);
    if (dims <= 32) {
      for (int round = 0; round < kRounds; ++round) a = philox_round(a, keys_[round].k0, keys_[round].k1);
      store_uniforms(a, out);
      return;
    }
    EightBlocks b = counters(block + 8);
    for (int round = 0; round < kRounds; ++round) {
      a = philox_round(a, keys_[round].k0, keys_[round].k1);
      b = philox_round(b, keys_[round].k0, keys_[round].k1);
    }
    store_uniforms(a, out);
    store_uniforms(b, out + 32);
  }

 private:
  // Blocks block .. block + 7 before the rounds, lane b's counter word block + b in its
  // low 32 bits (as in Avx2PathStream).
  CLOUDCAST_AVX512 EightBlocks counters(std::uint32_t block) const {
    return {_mm512_add_epi64(_mm512_set1_epi64(block), _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7)), lo_, hi_,
            _mm512_setzero_si512()};
  }

  struct RoundKey {
    __m512i k0, k1;
  };
  __m512i lo_, hi_;
  std::array<RoundKey, kRounds> keys_;
};

#endif

#else

// Without SSE2, Random123's scalar generator, block by block.
class PathStream {
 public:
  static constexpr std::size_t kDims = 16;

  PathStream(std::uint64_t seed, std::uint64_t path)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}}, path_(path) {}

  void group(std::uint32_t block, double* out, std::size_t /*dims*/) const {
    r123::Philox4x32 generator;
    for (std::uint32_t b = 0; b < 4; ++b) {
      const r123::Philox4x32::ctr_type counter{
          {block + b, static_cast<std::uint32_t>(path_), static_cast<std::uint32_t>(path_ >> 32), 0}};
      const auto bits = generator(counter, key_);
      for (std::size_t j = 0; j < 4; ++j) out[4 * b + j] = (static_cast<double>(bits.v[j]) + 0.5) * kTwoToMinus32;
    }
  }

 private:
  r123::Philox4x32::key_type key_;
  std::uint64_t path_;
};

#endif

// Groups of Stream::kDims dimensions from dimension 0. A group lying wholly in head or
// wholly in tail is written in place; the one straddling them and a short last one are
// computed into a buffer, and just the dimensions that exist are copied out.
template <class Stream>
void fill(const Stream& stream, std::span<double> head, std::span<double> tail) {
  constexpr std::size_t kGroup = Stream::kDims;
  const std::size_t split = head.size();
  const std::size_t end = split + tail.size();
  for (std::size_t d = 0; d < end; d += kGroup) {
    const auto block = static_cast<std::uint32_t>(d / 4);
    if (d + kGroup <= split) {
      stream.group(block, head.data() + d, kGroup);
    } else if (d >= split && d + kGroup <= end) {
      stream.group(block, tail.data() + (d - split), kGroup);
    } else {
      std::array<double, kGroup> buffer;
      const std::size_t stop = std::min(d + kGroup, end);
      stream.group(block, buffer.data(), stop - d);
      if (d < split) std::copy(buffer.begin(), buffer.begin() + (std::min(stop, split) - d), head.begin() + d);
      if (stop > split) {
        const std::size_t from = std::max(d, split);
        std::copy(buffer.begin() + (from - d), buffer.begin() + (stop - d), tail.begin() + (from - split));
      }
    }
  }
}

}  // namespace

void philox_uniforms_baseline(std::uint64_t seed, std::uint64_t path, std::span<double> head, std::span<double> tail) {
  fill(PathStream(seed, path), head, tail);
}

#if defined(CLOUDCAST_PHILOX_AVX2)
CLOUDCAST_AVX2 void philox_uniforms_avx2(std::uint64_t seed, std::uint64_t path, std::span<double> head,
                                         std::span<double> tail) {
  fill(Avx2PathStream(seed, path), head, tail);
}

CLOUDCAST_AVX512 void philox_uniforms_avx512(std::uint64_t seed, std::uint64_t path, std::span<double> head,
                                             std::span<double> tail) {
  fill(Avx512PathStream(seed, path), head, tail);
}
#else
void philox_uniforms_avx2(std::uint64_t seed, std::uint64_t path, std::span<double> head, std::span<double> tail) {
  philox_uniforms_baseline(seed, path, head, tail);
}

void philox_uniforms_avx512(std::uint64_t seed, std::uint64_t path, std::span<double> head, std::span<double> tail) {
  philox_uniforms_baseline(seed, path, head, tail);
}
#endif

namespace {

// Which body philox_uniforms takes, settled when the program starts. Not a function-local
// static: its guard made philox_uniforms save and restore six registers on every call
// (32 instructions a path, callgrind) to keep the first call's initialisation open; this
// costs a load and a branch. Read before its initialisation (from another file's static
// initialiser) it is null, the baseline body, which gives the same bits.
using Body = void (*)(std::uint64_t, std::uint64_t, std::span<double>, std::span<double>);
const Body kBody = util::has_avx512() ? &philox_uniforms_avx512
                   : util::has_avx2() ? &philox_uniforms_avx2
                                      : &philox_uniforms_baseline;

}  // namespace

void philox_uniforms(std::uint64_t seed, std::uint64_t path, std::span<double> head, std::span<double> tail) {
  if (kBody != nullptr) {
    kBody(seed, path, head, tail);
  } else {
    philox_uniforms_baseline(seed, path, head, tail);
  }
}

}  // namespace cloudcast::model
