#include "model/philox_batch.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#else
#include <Random123/philox.h>
#endif

namespace cloudcast::model {

namespace {

// Dimensions per group: four Philox blocks of four words, the unit computed at once.
constexpr std::size_t kGroup = 16;

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
  PathStream(std::uint64_t seed, std::uint64_t path)
      : lo_(broadcast(static_cast<std::uint32_t>(path))), hi_(broadcast(static_cast<std::uint32_t>(path >> 32))) {
    auto k0 = static_cast<std::uint32_t>(seed);
    auto k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < kRounds; ++round, k0 += kW0, k1 += kW1) {
      keys_[round] = {broadcast(k0), broadcast(k1)};
    }
  }

  // out[0..15]: the uniforms of blocks block .. block + 3, as two pairs interleaved so
  // the multiplies of one overlap the other's.
  void group(std::uint32_t block, double* out) const {
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

#else

// Without SSE2, Random123's scalar generator, block by block.
class PathStream {
 public:
  PathStream(std::uint64_t seed, std::uint64_t path)
      : key_{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}}, path_(path) {}

  void group(std::uint32_t block, double* out) const {
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

}  // namespace

void philox_uniforms(std::uint64_t seed, std::uint64_t path, std::span<double> head, std::span<double> tail) {
  // Groups of 16 dimensions from dimension 0. A group lying wholly in head or wholly in
  // tail is written in place; the one straddling them and a short last one are computed
  // whole into a buffer, and just the dimensions that exist are copied out.
  const PathStream stream(seed, path);
  const std::size_t split = head.size();
  const std::size_t end = split + tail.size();
  for (std::size_t d = 0; d < end; d += kGroup) {
    const auto block = static_cast<std::uint32_t>(d / 4);
    if (d + kGroup <= split) {
      stream.group(block, head.data() + d);
    } else if (d >= split && d + kGroup <= end) {
      stream.group(block, tail.data() + (d - split));
    } else {
      std::array<double, kGroup> buffer;
      stream.group(block, buffer.data());
      const std::size_t stop = std::min(d + kGroup, end);
      if (d < split) std::copy(buffer.begin(), buffer.begin() + (std::min(stop, split) - d), head.begin() + d);
      if (stop > split) {
        const std::size_t from = std::max(d, split);
        std::copy(buffer.begin() + (from - d), buffer.begin() + (stop - d), tail.begin() + (from - split));
      }
    }
  }
}

}  // namespace cloudcast::model
