#include "util/cpu.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace util_cpu_test {

namespace {

// The flags of the first processor in /proc/cpuinfo (Linux): the kernel lists AVX-512
// only when the CPU has it and the kernel enabled its register state, the two things
// has_avx512() checks itself. Empty where the file is missing.
std::set<std::string> cpuinfo_flags() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    std::istringstream words(line.substr(line.find(':') + 1));
    std::set<std::string> flags;
    for (std::string w; words >> w;) flags.insert(w);
    return flags;
  }
  return {};
}

}  // namespace

TEST_CASE("cpu: has_avx2 and has_avx512 say what /proc/cpuinfo says", "[cpu]") {
  const std::set<std::string> flags = cpuinfo_flags();
  if (flags.empty() || std::getenv("CLOUDCAST_NO_AVX2") != nullptr || std::getenv("CLOUDCAST_NO_AVX512") != nullptr) {
    WARN("SKIPPED: no /proc/cpuinfo here, or CLOUDCAST_NO_AVX2 / CLOUDCAST_NO_AVX512 is set");
    return;
  }
  const bool avx512 =
      flags.count("avx512f") && flags.count("avx512dq") && flags.count("avx512bw") && flags.count("avx512vl");
  CHECK(cloudcast::util::has_avx2() == (flags.count("avx2") == 1));
  CHECK(cloudcast::util::has_avx512() == avx512);
}

TEST_CASE("cpu: the environment switches the wider bodies off", "[cpu][dispatch]") {
  // Run by ctest a second time with CLOUDCAST_NO_AVX512 and with CLOUDCAST_NO_AVX2 set
  // (tests/util/CMakeLists.txt); AVX-512 never without AVX2.
  if (std::getenv("CLOUDCAST_NO_AVX2") != nullptr) CHECK_FALSE(cloudcast::util::has_avx2());
  if (std::getenv("CLOUDCAST_NO_AVX512") != nullptr || std::getenv("CLOUDCAST_NO_AVX2") != nullptr)
    CHECK_FALSE(cloudcast::util::has_avx512());
  if (cloudcast::util::has_avx512()) CHECK(cloudcast::util::has_avx2());
}

}  // namespace util_cpu_test
