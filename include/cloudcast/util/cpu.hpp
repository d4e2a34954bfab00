#pragma once
// What the running CPU offers beyond the x86-64 baseline the binary is built for. The
// build never asks for more than the baseline (no -march: users' and CI machines
// differ); a hot kernel may carry a second body compiled for AVX2 with
// __attribute__((target("avx2"))) and pick it at run time here. Such a body must give
// the same bits as the baseline one (integer work, or the same floating-point operations
// in the same order, never FMA), and its test compares the two.

namespace cloudcast::util {

// True when the CPU and OS support AVX2 (x86-64 with GCC or Clang); false elsewhere, and
// when the environment variable CLOUDCAST_NO_AVX2 is set (to measure or test the
// baseline bodies on an AVX2 machine). Read once.
bool has_avx2();

}  // namespace cloudcast::util
