#pragma once
// The bodies behind normal_quantiles() and sampling_cdfs() (normal_quantiles.cpp,
// declared in cloudcast/model/distribution.hpp), which pick one per process; declared
// here so that the tests can hold each of them to the scalar normal_quantile() and
// sampling_cdf() bit for bit, whatever the machine running them would pick.

#include <span>

namespace cloudcast::model::detail {

// The x86-64 baseline: the central region and the tails two at a time in SSE2 (one at a
// time where the build is not x86-64 GCC/Clang).
void normal_quantiles_baseline(std::span<double> values);

// The central region and the tails four at a time in AVX2. Only where util::has_avx2()
// says the CPU has it; builds without the AVX2 body (not x86-64 GCC/Clang) run the
// baseline instead.
void normal_quantiles_avx2(std::span<double> values);

// The central region and the tails eight at a time in AVX-512. Only where
// util::has_avx512() says the CPU has it; elsewhere as normal_quantiles_avx2.
void normal_quantiles_avx512(std::span<double> values);

// sampling_cdf over an array in place, two, four or eight values at a time, with the
// same conditions on the CPU as the normal_quantiles bodies above.
void sampling_cdfs_baseline(std::span<double> values);
void sampling_cdfs_avx2(std::span<double> values);
void sampling_cdfs_avx512(std::span<double> values);

}  // namespace cloudcast::model::detail
