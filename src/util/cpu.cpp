#include "util/cpu.hpp"

#include <cstdlib>

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#define CLOUDCAST_X86_DISPATCH 1
#include <cpuid.h>
#endif

namespace cloudcast::util {

namespace {

#if defined(CLOUDCAST_X86_DISPATCH)
// The OS saves the AVX-512 state on a context switch: CPUID.1:ECX.OSXSAVE, then XCR0
// bits 1 (SSE), 2 (AVX), 5 (opmask), 6 (upper halves of ZMM0-15) and 7 (ZMM16-31).
// Read with XGETBV directly: the instruction needs no target attribute in asm.
bool os_saves_zmm_state() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) == 0 || (ecx & bit_OSXSAVE) == 0) return false;
  unsigned low = 0, high = 0;
  __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  constexpr unsigned kZmmState = 0xE6;
  return (low & kZmmState) == kZmmState;
}
#endif

}  // namespace

bool has_avx2() {
  static const bool available = [] {
    if (std::getenv("CLOUDCAST_NO_AVX2") != nullptr) return false;
#if defined(CLOUDCAST_X86_DISPATCH)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
#else
    return false;
#endif
  }();
  return available;
}

bool has_avx512() {
  static const bool available = [] {
    // CLOUDCAST_NO_AVX2 forces the baseline, so it switches AVX-512 off as well.
    if (!has_avx2() || std::getenv("CLOUDCAST_NO_AVX512") != nullptr) return false;
#if defined(CLOUDCAST_X86_DISPATCH)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") != 0 && __builtin_cpu_supports("avx512dq") != 0 &&
           __builtin_cpu_supports("avx512bw") != 0 && __builtin_cpu_supports("avx512vl") != 0 && os_saves_zmm_state();
#else
    return false;
#endif
  }();
  return available;
}

}  // namespace cloudcast::util
