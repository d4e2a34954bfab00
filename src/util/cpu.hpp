#pragma once
// What the running CPU offers beyond the x86-64 baseline the binary is built for. The
// build never asks for more than the baseline (no -march: users' and CI machines
// differ); a hot kernel may carry further bodies compiled for AVX2 or AVX-512 with
// __attribute__((target(...))) and pick one at run time here (decisions 0670, 0680).
// Such a body must give the same bits as the baseline one (integer work, or the same
// floating-point operations in the same order, never FMA), and its test compares them.

namespace cloudcast::util {

// True when the CPU and OS support AVX2 (x86-64 with GCC or Clang); false elsewhere, and
// when the environment variable CLOUDCAST_NO_AVX2 is set (to measure or test the
// baseline bodies on an AVX2 machine). Read once.
bool has_avx2();

// True when has_avx2() and the CPU has AVX-512 F, DQ, BW and VL and the OS saves the
// 512-bit register state (XCR0 opmask and ZMM bits: a hypervisor may report the
// instructions yet leave the state off); false elsewhere, and when CLOUDCAST_NO_AVX512
// is set (to measure or test the AVX2 bodies on an AVX-512 machine). Read once.
bool has_avx512();

}  // namespace cloudcast::util
