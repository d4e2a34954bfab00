#include "cloudcast/util/cpu.hpp"

#include <cstdlib>

namespace cloudcast::util {

bool has_avx2() {
  static const bool available = [] {
    if (std::getenv("CLOUDCAST_NO_AVX2") != nullptr) return false;
#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") != 0;
#else
    return false;
#endif
  }();
  return available;
}

}  // namespace cloudcast::util
