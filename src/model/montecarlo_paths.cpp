#include "model/montecarlo_runner.hpp"

#include <algorithm>
#include <array>

// One block of paths, chunk by chunk: draw the chunk's drivers and baseline shocks, project
// the chunk in one evaluator call, count the events, then bin its values cell by cell.

namespace cloudcast::model::mc_detail {

void Runner::run_block(Worker& w, std::int64_t block, std::int64_t round_first_block, bool pilot) {
  const std::size_t n_cells = cells_.size();
  const std::size_t horizon = problem_.layout.quarters.size();
  const std::int64_t first = block * kBlock;
  const std::int64_t last = std::min(first + kBlock, options_.paths);
  const auto slot = static_cast<std::size_t>(block - round_first_block) * n_cells;
  if (!pilot) {
    std::fill_n(slot_sum_.begin() + static_cast<std::ptrdiff_t>(slot), n_cells, 0.0);
    std::fill_n(slot_sum_sq_.begin() + static_cast<std::ptrdiff_t>(slot), n_cells, 0.0);
    std::fill_n(slot_count_.begin() + static_cast<std::ptrdiff_t>(slot), n_cells, 0);
  }
  // Paths go through in chunks of kChunk laid side by side (PathOutput stride kRowStride),
  // so each cell's values over a chunk are contiguous and stay in cache while they are
  // binned; the chunks of a block run in order on one thread, so the block's sums are
  // the same whatever thread runs it.
  for (std::int64_t chunk = first; chunk < last; chunk += kChunkPaths) {
    const std::int64_t chunk_end = std::min(chunk + kChunkPaths, last);
    const auto paths = static_cast<std::size_t>(chunk_end - chunk);
    const std::size_t n_drivers = sampler_->drivers(), n_normals = sampler_->extra_normals();
    const std::size_t n_shocks = w.shocks.size() / kChunk;
    sampler_->sample_chunk(static_cast<std::uint64_t>(chunk), paths, std::span(w.drivers).first(paths * n_drivers),
                           std::span(w.normals).first(paths * n_normals), w.scratch);
    // Baseline error: cumulative innovations, one random walk per company and path, the
    // chunk's paths side by side (the sampler's normals are dimension-major; each path's
    // sum in the same order as alone).
    for (std::size_t i = 0; i < shock_increments_.size(); i += horizon) {
      std::array<double, kChunk> level{};
      for (std::size_t h = 0; h < horizon; ++h) {
        const double increment = shock_increments_[i + h];
        const double* const normals = w.normals.data() + (i + h) * paths;
        double* const shocks = w.shocks.data() + i + h;
        for (std::size_t p = 0; p < paths; ++p) {
          level[p] += increment * normals[p];
          shocks[p * n_shocks] = level[p];
        }
      }
    }
    const PathOutput out{w.block_values.data(), kRowStride};
    w.evaluate(std::span(w.drivers).first(paths * n_drivers), std::span(w.shocks).first(paths * n_shocks), paths, out);
    for (std::size_t p = 0; p < paths; ++p)
      for (std::size_t e = 0; e < events_.size(); ++e)
        if (events_[e].expr.holds(out.path(p)[events_[e].index])) ++w.hits[e];
    if (pilot) {
      for (std::size_t c = 0; c < n_cells; ++c)
        std::copy_n(w.block_values.data() + cells_[c] * kRowStride, paths,
                    pilot_values_.data() + c * pilot_paths_ + static_cast<std::size_t>(chunk));
      continue;
    }
    std::fill(w.chunk_sum.begin(), w.chunk_sum.end(), 0.0);
    std::fill(w.chunk_sum_sq.begin(), w.chunk_sum_sq.end(), 0.0);
    std::fill(w.chunk_count.begin(), w.chunk_count.end(), 0);
    add_cells({.values = w.block_values.data(),
               .stride = kRowStride,
               .row = cells_.data(),
               .cells = n_cells,
               .n = paths,
               .bins = bins_.data(),
               .shift = shift_.data(),
               .histogram = w.histogram.data(),
               .min = w.min.data(),
               .max = w.max.data(),
               .sum = w.chunk_sum.data(),
               .sum_sq = w.chunk_sum_sq.data(),
               .count = w.chunk_count.data()},
              add_body_);
    for (std::size_t c = 0; c < n_cells; ++c) {
      slot_sum_[slot + c] += w.chunk_sum[c];
      slot_sum_sq_[slot + c] += w.chunk_sum_sq[c];
      slot_count_[slot + c] += w.chunk_count[c];
    }
  }
  if (options_.progress) {
    const std::int64_t done = progress_done_ += last - first;
    const std::lock_guard lock(progress_mutex_);
    options_.progress(done, options_.paths);
  }
}

}  // namespace cloudcast::model::mc_detail
