#include "model/philox_batch.hpp"

#include "util/cpu.hpp"

#include <Random123/philox.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace model_philox_batch_test {

using namespace cloudcast::model;

namespace {

// Random123's scalar generator: word d % 4 of the block with counter (d / 4, path low,
// path high, 0) and key (seed low, seed high).
std::uint32_t reference_bits(std::uint64_t seed, std::uint64_t path, std::size_t d) {
  r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter{
      {static_cast<std::uint32_t>(d / 4), static_cast<std::uint32_t>(path), static_cast<std::uint32_t>(path >> 32), 0}};
  const r123::Philox4x32::key_type key{{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)}};
  return generator(counter, key).v[d % 4];
}

// The 32 bits behind a uniform: u / 2^-32 = bits + 0.5 exactly, truncation drops the 0.5.
std::uint32_t bits_of(double u) { return static_cast<std::uint32_t>(u / kTwoToMinus32); }

constexpr double kGuard = -1;  // outside (0, 1): a value no draw can take

using Body = void (*)(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                      std::span<double> tail);

// body against Random123, value by value. Seeds and first paths with high words set
// (path >= 2^32 fills counter word 2, which the SIMD lanes must carry; a chunk from
// 2^32 - 3 crosses into it, one from ~0 wraps to 0 as the scalar path's index does);
// chunks of 1 to 17 paths (the lanes hold 2, 4 or 8 paths: full groups and a partial
// last one); head/tail dimension counts around the two-block steps: empty, short, not a
// multiple of 4, a step straddling head and tail, a short last step.
void check_against_random123(Body body) {
  const std::vector<std::uint64_t> seeds{0, 42, 0xFFFFFFFFULL, 1ULL << 32, 0xDEADBEEFCAFEF00DULL, ~0ULL};
  const std::vector<std::uint64_t> firsts{0, 1, 39999, 0xFFFFFFFFULL - 2, 1ULL << 32, (1ULL << 40) + 7, ~0ULL - 5};
  const std::vector<std::size_t> chunks{1, 2, 3, 4, 5, 8, 9, 17};
  const std::vector<std::pair<std::size_t, std::size_t>> sizes{{0, 0}, {1, 0},  {3, 0},   {4, 0},  {5, 0},   {8, 0},
                                                               {9, 0}, {0, 1},  {0, 7},   {0, 9},  {1, 1},   {3, 5},
                                                               {4, 4}, {13, 7}, {16, 16}, {31, 1}, {57, 48}, {100, 9}};
  for (const std::uint64_t seed : seeds) {
    for (const std::uint64_t first : firsts) {
      for (const std::size_t paths : chunks) {
        for (const auto& [h, t] : sizes) {
          // Both spans sit inside guarded buffers, so a write past either end shows.
          std::vector<double> head_buffer(h * paths + 2, kGuard), tail_buffer(t * paths + 2, kGuard);
          body(seed, first, paths, std::span<double>(head_buffer).subspan(1, h * paths),
               std::span<double>(tail_buffer).subspan(1, t * paths));
          std::size_t wrong_bits = 0, wrong_uniform = 0;
          for (std::size_t d = 0; d < h + t; ++d) {
            for (std::size_t p = 0; p < paths; ++p) {
              const double u = d < h ? head_buffer[1 + d * paths + p] : tail_buffer[1 + (d - h) * paths + p];
              const std::uint32_t bits = reference_bits(seed, first + p, d);
              if (bits_of(u) != bits) ++wrong_bits;
              // Exact equality: the batch must give the very doubles the scalar path gives.
              if (u != (static_cast<double>(bits) + 0.5) * kTwoToMinus32) ++wrong_uniform;
            }
          }
          INFO("seed " << seed << " paths " << first << " + " << paths << " head " << h << " tail " << t);
          CHECK(wrong_bits == 0);
          CHECK(wrong_uniform == 0);
          CHECK(head_buffer.front() == kGuard);
          CHECK(head_buffer.back() == kGuard);
          CHECK(tail_buffer.front() == kGuard);
          CHECK(tail_buffer.back() == kGuard);
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("philox_uniforms: Random123's bits and the scalar uniform, every dimension", "[philox][dispatch]") {
  check_against_random123(&philox_uniforms);
}

TEST_CASE("philox_uniforms_baseline: Random123's bits and the scalar uniform", "[philox]") {
  check_against_random123(&philox_uniforms_baseline);
}

TEST_CASE("philox_uniforms_avx2: Random123's bits and the scalar uniform", "[philox]") {
  if (!cloudcast::util::has_avx2()) {
    // ctest reports the test skipped on this line (tests/CMakeLists.txt); the body would
    // fault on a CPU without AVX2.
    WARN("SKIPPED: no AVX2 (the CPU lacks it, or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_against_random123(&philox_uniforms_avx2);
}

TEST_CASE("philox_uniforms_avx512: Random123's bits and the scalar uniform", "[philox]") {
  if (!cloudcast::util::has_avx512()) {
    WARN("SKIPPED: no AVX-512 (the CPU or OS lacks it, or CLOUDCAST_NO_AVX512 or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_against_random123(&philox_uniforms_avx512);
}

TEST_CASE("philox_uniforms: the tail alone defaults to empty", "[philox]") {
  std::vector<double> one(21 * 3), two(21 * 3);
  philox_uniforms(7, 3, 3, one);
  philox_uniforms(7, 3, 3, std::span<double>(two).first(10 * 3), std::span<double>(two).subspan(10 * 3));
  CHECK(one == two);  // exact: the split never changes a value
}

}  // namespace model_philox_batch_test
