#pragma once
// The running statistics of one output cell in a Monte Carlo run (montecarlo.cpp): its
// fixed-bin histogram, exact min and max, and moment sums, fed a chunk of paths at a
// time. In a file of its own so that its test can run each body of add() on the same
// values and compare the bits.

#include <cstddef>
#include <cstdint>

namespace cloudcast::model {

inline constexpr std::size_t kChunk = 32;  // paths evaluated before their values are binned (cache-sized)
inline constexpr int kBins = 512;          // histogram bins per cell, plus an under- and an overflow bin

// The fixed-bin histogram of one cell: bins over [lo, lo + kBins * width) plus under-
// and overflow; with the exact min and max, it answers any order statistic.
struct Bins {
  double lo = 0, width = 1, inv_width = 1;
};

// Adds values of one cell to its histogram, exact min and max, and the moment sums of
// x - shift; non-finite values are left out (count says how many went in).
struct CellAccumulator {
  // The bodies of add(), which give the same bits: the scalar loop (any machine), SSE2
  // (the x86-64 baseline), AVX2 (only where util::has_avx2()) and AVX-512 (only where
  // util::has_avx512()). Where the build lacks a body, the next one down stands in.
  enum class Body { scalar, sse2, avx2, avx512 };

  // The fastest body this build and CPU have. It checks the CPU: a run asks once and
  // hands the answer to every add().
  static Body fastest_body();

  const Bins& bins;
  double shift;
  std::uint32_t* histogram;  // kBins + 2 counts: underflow, the bins, overflow
  double min, max;
  double sum = 0, sum_sq = 0;
  std::int64_t count = 0;

  // At most kChunk values. Finite values (the rule) take a branch-free pass, in the
  // body asked for: four interleaved partial sums (path p into lane p % 4) added in a
  // fixed order, so the sums depend on the values alone, never on threads or the body;
  // and every value's bin found before any count moves. A non-finite value makes the
  // squares' sum non-finite; such a chunk is redone by the checked loop.
  void add(const double* x, std::size_t n, Body body);
};

// A chunk of values of many cells and the cells' running state, array by array (a Monte
// Carlo worker's): cell c's n values at values + row[c] * stride, its histogram at
// histogram + c * (kBins + 2), its bins, shift, min, max, sums and count at index c.
struct ChunkCells {
  const double* values;
  std::size_t stride;
  const std::size_t* row;
  std::size_t cells, n;  // n <= kChunk
  const Bins* bins;
  const double* shift;
  std::uint32_t* histogram;
  double *min, *max, *sum, *sum_sq;
  std::int64_t* count;
};

// CellAccumulator::add() for every cell of the chunk in one call, the same bits cell by
// cell; the run's chunks go through here, without a CellAccumulator set up a cell.
void add_cells(const ChunkCells& chunk, CellAccumulator::Body body);

}  // namespace cloudcast::model
