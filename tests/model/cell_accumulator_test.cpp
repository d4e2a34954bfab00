#include "model/cell_accumulator.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "util/cpu.hpp"

namespace model_cell_accumulator_test {

using namespace cloudcast::model;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Bins over [-3, 125) of width 1/4: -3 + k / 4 is exact, and so is its position k.
const Bins kTestBins{.lo = -3, .width = 0.25, .inv_width = 4};
constexpr double kShift = 1.5;

// What a body leaves behind; equal bits is what "the same" means (0.0 and -0.0 differ).
struct Outcome {
  double sum, sum_sq, min, max;
  std::int64_t count;
  std::vector<std::uint32_t> histogram;

  bool operator==(const Outcome& o) const {
    auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
    return bits(sum) == bits(o.sum) && bits(sum_sq) == bits(o.sum_sq) && bits(min) == bits(o.min) &&
           bits(max) == bits(o.max) && count == o.count && histogram == o.histogram;
  }
};

// The chunks through one accumulator in order, as a run feeds a block's chunks.
Outcome run(CellAccumulator::Body body, const std::vector<std::vector<double>>& chunks, double min = kInf,
            double max = -kInf) {
  std::vector<std::uint32_t> histogram(kBins + 2, 0);
  CellAccumulator cell{kTestBins, kShift, histogram.data(), min, max};
  for (const auto& chunk : chunks) cell.add(chunk.data(), chunk.size(), body);
  return {cell.sum, cell.sum_sq, cell.min, cell.max, cell.count, histogram};
}

// The histogram the definition gives: bin floor(position) + 1 inside [lo, lo + kBins
// width), 0 below, kBins + 1 above; non-finite values left out.
std::vector<std::uint32_t> expected_histogram(const std::vector<std::vector<double>>& chunks) {
  std::vector<std::uint32_t> histogram(kBins + 2, 0);
  for (const auto& chunk : chunks)
    for (double v : chunk) {
      if (!std::isfinite(v)) continue;
      const double position = (v - kTestBins.lo) * kTestBins.inv_width;
      ++histogram[position < 0        ? 0
                  : position >= kBins ? kBins + 1
                                      : static_cast<std::size_t>(std::floor(position)) + 1];
    }
  return histogram;
}

// Values for the chunks: the range's ends and bin edges with their neighbours, the
// clamp's ends (positions -0.5 and kBins + 0.5), values far outside, both zeros, the
// shift, and a spread of random ones over and around the range.
std::vector<double> finite_values() {
  std::vector<double> v;
  for (double edge : {-3.0, -2.75, -2.5, 0.0, 60.75, 124.75, 125.0, -3.125, 125.125}) {
    v.push_back(edge);
    v.push_back(std::nextafter(edge, -kInf));
    v.push_back(std::nextafter(edge, kInf));
  }
  for (double x : {-0.0, 0.0, kShift, -1e6, 1e6, -3.0625, 125.0625, 1e-300, -1e-300}) v.push_back(x);
  std::uint64_t state = 2026;
  for (int i = 0; i < 400; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    v.push_back(-8 + static_cast<double>(state >> 11) * 0x1.0p-53 * 140);  // [-8, 132): mostly inside
  }
  return v;
}

// A body against the scalar loop, and the scalar loop against the definition's bins.
void check_same_bits(CellAccumulator::Body tested) {
  const std::vector<double> pool = finite_values();
  const std::vector<CellAccumulator::Body> bodies{tested};
  // Every chunk length 0 to kChunk from several places in the pool (each value in every
  // lane and in the scalar remainder), alone and three chunks in a row; then with a
  // non-finite value or a square that overflows at each place of the chunk (the
  // checked loop), and from a running min and max of 0.0 and -0.0 (ties with the zeros
  // in the pool).
  for (std::size_t length = 0; length <= kChunk; ++length) {
    for (std::size_t offset = 0; offset + 3 * length <= pool.size(); offset += 41 + length) {
      std::vector<std::vector<double>> chunks;
      for (std::size_t k = 0; k < 3; ++k)
        chunks.emplace_back(pool.begin() + static_cast<std::ptrdiff_t>(offset + k * length),
                            pool.begin() + static_cast<std::ptrdiff_t>(offset + (k + 1) * length));
      const std::vector<std::vector<double>> one{chunks[0]};
      INFO("length " << length << ", offset " << offset);
      const Outcome reference = run(CellAccumulator::Body::scalar, chunks);
      CHECK(reference.histogram == expected_histogram(chunks));
      CHECK(reference.count == static_cast<std::int64_t>(3 * length));
      const Outcome one_reference = run(CellAccumulator::Body::scalar, one);
      const Outcome zeros_reference = run(CellAccumulator::Body::scalar, chunks, 0.0, -0.0);
      for (CellAccumulator::Body body : bodies) {
        INFO("body " << static_cast<int>(body));
        CHECK(run(body, chunks) == reference);
        CHECK(run(body, one) == one_reference);
        CHECK(run(body, chunks, 0.0, -0.0) == zeros_reference);
      }
      for (std::size_t at = 0; at < length; ++at)
        for (double odd : {kNaN, kInf, -kInf, 1e200}) {
          std::vector<std::vector<double>> spoiled = chunks;
          spoiled[1][at] = odd;
          INFO("value " << odd << " at " << at);
          const Outcome odd_reference = run(CellAccumulator::Body::scalar, spoiled);
          CHECK(odd_reference.histogram == expected_histogram(spoiled));
          for (CellAccumulator::Body body : bodies) {
            INFO("body " << static_cast<int>(body));
            CHECK(run(body, spoiled) == odd_reference);
          }
        }
    }
  }
}

// min and max meet ties only between the two zeros (a NaN sends the chunk to the
// checked loop): every mix of them in the lanes and the remainder, from either zero, up
// to 12 values; for a whole chunk (the AVX-512 body's own path), 4,096 mixes.
void check_zero_ties(CellAccumulator::Body tested) {
  const std::vector<CellAccumulator::Body> bodies{tested};
  std::vector<std::pair<std::size_t, std::uint64_t>> mixes;  // length, a sign bit per value
  for (std::size_t length = 1; length <= 12; ++length)
    for (std::uint64_t signs = 0; signs < (std::uint64_t{1} << length); ++signs) mixes.emplace_back(length, signs);
  std::uint64_t state = 2027;
  for (int i = 0; i < 4096; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    mixes.emplace_back(kChunk, state >> 32);
  }
  for (const auto& [length, signs] : mixes) {
    std::vector<double> chunk(length);
    for (std::size_t i = 0; i < length; ++i) chunk[i] = (signs >> i & 1) != 0 ? -0.0 : 0.0;
    for (double start : {0.0, -0.0}) {
      INFO("length " << length << ", signs " << signs << ", start " << start);
      const Outcome reference = run(CellAccumulator::Body::scalar, {chunk}, start, start);
      for (CellAccumulator::Body body : bodies) {
        INFO("body " << static_cast<int>(body));
        CHECK(run(body, {chunk}, start, start) == reference);
      }
    }
  }
}

// add_cells() against each cell through its own accumulator (scalar loop): five cells
// with bins and shifts of their own, their rows out of order in a strided chunk, over
// chunks of 32, 32 and 7 values, a NaN in one cell's second chunk (that cell alone takes
// the checked loop) and the running states left by the earlier chunks.
void check_cells(CellAccumulator::Body body) {
  constexpr std::size_t kCells = 5, kStride = kChunk + 8;
  const std::vector<std::size_t> rows{3, 0, 4, 1, 2};
  const std::vector<double> pool = finite_values();
  std::vector<Bins> bins;
  std::vector<double> shift;
  for (std::size_t c = 0; c < kCells; ++c) {
    const double width = 0.25 * static_cast<double>(c + 1);
    bins.push_back({.lo = -3.0 - static_cast<double>(c), .width = width, .inv_width = 1 / width});
    shift.push_back(kShift * static_cast<double>(c));
  }
  const std::vector<std::size_t> lengths{kChunk, kChunk, 7};
  // Cell c's values of chunk k: pool values from a place of its own.
  auto cell_chunk = [&](std::size_t c, std::size_t k) {
    const std::size_t from = 37 * c + 40 * k;
    std::vector<double> v(pool.begin() + static_cast<std::ptrdiff_t>(from),
                          pool.begin() + static_cast<std::ptrdiff_t>(from + lengths[k]));
    if (c == 2 && k == 1) v[5] = kNaN;
    return v;
  };
  std::vector<std::uint32_t> histogram(kCells * (kBins + 2), 0);
  std::vector<double> min(kCells, kInf), max(kCells, -kInf), sum(kCells, 0.0), sum_sq(kCells, 0.0);
  std::vector<std::int64_t> count(kCells, 0);
  for (std::size_t k = 0; k < lengths.size(); ++k) {
    std::vector<double> values(kCells * kStride, 0.0);
    for (std::size_t c = 0; c < kCells; ++c) {
      const std::vector<double> v = cell_chunk(c, k);
      std::copy(v.begin(), v.end(), values.begin() + static_cast<std::ptrdiff_t>(rows[c] * kStride));
    }
    add_cells({.values = values.data(),
               .stride = kStride,
               .row = rows.data(),
               .cells = kCells,
               .n = lengths[k],
               .bins = bins.data(),
               .shift = shift.data(),
               .histogram = histogram.data(),
               .min = min.data(),
               .max = max.data(),
               .sum = sum.data(),
               .sum_sq = sum_sq.data(),
               .count = count.data()},
              body);
  }
  for (std::size_t c = 0; c < kCells; ++c) {
    INFO("cell " << c);
    std::vector<std::uint32_t> cell_histogram(kBins + 2, 0);
    CellAccumulator cell{bins[c], shift[c], cell_histogram.data(), kInf, -kInf};
    for (std::size_t k = 0; k < lengths.size(); ++k) {
      const std::vector<double> v = cell_chunk(c, k);
      cell.add(v.data(), v.size(), CellAccumulator::Body::scalar);
    }
    const Outcome reference{cell.sum, cell.sum_sq, cell.min, cell.max, cell.count, cell_histogram};
    const auto first = histogram.begin() + static_cast<std::ptrdiff_t>(c * (kBins + 2));
    CHECK(Outcome{sum[c], sum_sq[c], min[c], max[c], count[c], {first, first + kBins + 2}} == reference);
    CHECK(count[c] == (c == 2 ? 70 : 71));
  }
}

}  // namespace

TEST_CASE("cell accumulator: add_cells gives each cell the bits of its own accumulator", "[cell_accumulator]") {
  check_cells(CellAccumulator::Body::scalar);
  check_cells(CellAccumulator::Body::sse2);
  if (cloudcast::util::has_avx2()) check_cells(CellAccumulator::Body::avx2);
  if (cloudcast::util::has_avx512()) check_cells(CellAccumulator::Body::avx512);
}

TEST_CASE("cell accumulator: the SSE2 body gives the scalar loop's bits, the loop the definition's bins",
          "[cell_accumulator]") {
  check_same_bits(CellAccumulator::Body::sse2);
  check_zero_ties(CellAccumulator::Body::sse2);
}

TEST_CASE("cell accumulator: the AVX2 body gives the scalar loop's bits", "[cell_accumulator]") {
  if (!cloudcast::util::has_avx2()) {
    // ctest reports the test skipped on this token; the body would fault here.
    WARN("SKIPPED: no AVX2 here (the CPU lacks it, or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_same_bits(CellAccumulator::Body::avx2);
  check_zero_ties(CellAccumulator::Body::avx2);
}

TEST_CASE("cell accumulator: the AVX-512 body gives the scalar loop's bits", "[cell_accumulator]") {
  if (!cloudcast::util::has_avx512()) {
    WARN("SKIPPED: no AVX-512 here (the CPU or OS lacks it, or CLOUDCAST_NO_AVX512 or CLOUDCAST_NO_AVX2 is set)");
    return;
  }
  check_same_bits(CellAccumulator::Body::avx512);
  check_zero_ties(CellAccumulator::Body::avx512);
}

}  // namespace model_cell_accumulator_test
