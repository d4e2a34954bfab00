#pragma once
// The Philox4x32-10 uniforms of a chunk of paths at once. philox_uniform() (sampling.hpp)
// runs Random123's scalar generator once per block of four dimensions; a path of the
// base-uncertain scenario needs 27 blocks, which took about 3,700 instructions, a tenth
// of the whole simulation (callgrind). Here one path per SIMD lane goes through the
// rounds with the same counters, key and rounds, hence the same bits: two paths in SSE2
// registers (the x86-64 baseline, so no ISA flag), four in 256-bit registers on a CPU
// with AVX2, eight in 512-bit registers with AVX-512 (chosen at run time,
// util::has_avx2(), util::has_avx512()). A register's word j is then dimension
// 4 block + j of its paths: the values land dimension-major, each dimension's row of the
// chunk's paths side by side, as the sampler's per-driver loops read them.

#include <cstddef>
#include <cstdint>
#include <span>

namespace cloudcast::model {

// 2^-32: maps 32 random bits to the centre of one of 2^32 cells in (0, 1), so 0 and 1
// never occur (the normal quantile stays finite, |z| < 6.3).
inline constexpr double kTwoToMinus32 = 2.3283064365386962890625e-10;

// The uniforms of dimensions 0, 1, ... of paths first .. first + paths - 1,
// dimension-major: row d holds the paths' values of dimension d, path first + p at
// p, bit for bit philox_uniform(seed, first + p, d). The first head.size() / paths rows
// go into head, the next tail.size() / paths into tail (a chunk's drivers and its extra
// normals live in two arrays); both sizes are multiples of paths, and either may be
// empty. Dimension d is word d % 4 of Philox4x32-10 with counter (d / 4, path low, path
// high, 0) and key (seed low, seed high), as (bits + 0.5) * 2^-32.
// Takes the AVX-512 body when util::has_avx512(), else the AVX2 body when
// util::has_avx2() (settled at program start), else the baseline one. All give the same
// bits.
void philox_uniforms(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                     std::span<double> tail = {});

// The bodies, named so the test can hold each to Random123 on a machine that has it.
// baseline: SSE2 on x86-64, Random123's scalar generator without SSE2. avx2: four paths
// per 256-bit register; call it only when util::has_avx2(). avx512: eight paths per
// 512-bit register; only when util::has_avx512() (either would fault elsewhere). In a
// build without these bodies (not x86-64 with GCC or Clang) they are the baseline.
void philox_uniforms_baseline(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                              std::span<double> tail);
void philox_uniforms_avx2(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                          std::span<double> tail);
void philox_uniforms_avx512(std::uint64_t seed, std::uint64_t first, std::size_t paths, std::span<double> head,
                            std::span<double> tail);

}  // namespace cloudcast::model
