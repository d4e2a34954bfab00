#include "model/montecarlo_runner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

// The pilot: its paths set each cell's histogram range and the shift of the moment
// sums, then go through the same accumulation as every later path.

namespace cloudcast::model::mc_detail {

void Runner::finish_pilot() {
  // Histogram ranges from the pilot: its range widened by a quarter on each side, so
  // later paths rarely fall outside; those that do land in the under/overflow bins,
  // bounded by the exact min and max.
  const std::size_t n_cells = cells_.size();
  for (std::size_t c = 0; c < n_cells; ++c) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0;
    std::int64_t n = 0;
    for (std::size_t p = 0; p < pilot_paths_; ++p) {
      const double x = pilot_values_[c * pilot_paths_ + p];
      if (!std::isfinite(x)) continue;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
      sum += x;
      ++n;
    }
    if (n == 0) lo = hi = 0;
    shift_[c] = n > 0 ? sum / static_cast<double>(n) : 0.0;
    const double span = hi - lo;
    const double margin = span > 0 ? 0.25 * span : std::max(std::fabs(lo) * 1e-9, 1e-12);
    Bins& bins = bins_[c];
    bins.lo = lo - margin;
    bins.width = (span + 2 * margin) / kBins;
    bins.inv_width = 1.0 / bins.width;
  }
  // Now that ranges exist, feed the pilot paths through the same accumulation in path
  // order (block by block and chunk by chunk, as in later rounds).
  Worker& w = workers_[0];
  for (std::size_t c = 0; c < n_cells; ++c) {
    const double* values = pilot_values_.data() + c * pilot_paths_;
    for (std::size_t block = 0; block < pilot_paths_; block += static_cast<std::size_t>(kBlock)) {
      CellAccumulator cell{bins_[c], shift_[c], w.histogram.data() + c * (kBins + 2), w.min[c], w.max[c]};
      const std::size_t block_end = std::min(block + static_cast<std::size_t>(kBlock), pilot_paths_);
      for (std::size_t chunk = block; chunk < block_end; chunk += kChunk)
        cell.add(values + chunk, std::min(kChunk, block_end - chunk), add_body_);
      w.min[c] = cell.min;
      w.max[c] = cell.max;
      sum_[c] += cell.sum;
      sum_sq_[c] += cell.sum_sq;
      count_[c] += cell.count;
    }
  }
  pilot_values_.clear();
  pilot_values_.shrink_to_fit();
  merge_workers();
}

}  // namespace cloudcast::model::mc_detail
