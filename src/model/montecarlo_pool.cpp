#include "model/montecarlo_runner.hpp"

#include <algorithm>
#include <exception>
#include <limits>
#include <thread>

// The worker threads: each allocates its own buffers, takes blocks in turn, and the
// round merges their sums in block order, so the results do not depend on the threads.

namespace cloudcast::model::mc_detail {

void Runner::run_round(std::int64_t begin, std::int64_t end, bool pilot) {
  // Long rounds go in slices, so the per-block moment slots stay small (a 1e9-path run
  // would otherwise hold 2e6 blocks of them); slices run in order, so the block order
  // of the merge is unchanged.
  if (!pilot && end - begin > kMaxRoundPaths) {
    for (std::int64_t slice = begin; slice < end; slice += kMaxRoundPaths)
      run_round(slice, std::min(end, slice + kMaxRoundPaths), false);
    return;
  }
  const std::int64_t first_block = begin / kBlock;
  const std::int64_t blocks = (end - begin + kBlock - 1) / kBlock;
  const std::size_t n_cells = cells_.size();
  if (!pilot) {
    slot_sum_.assign(static_cast<std::size_t>(blocks) * n_cells, 0.0);
    slot_sum_sq_.assign(static_cast<std::size_t>(blocks) * n_cells, 0.0);
    slot_count_.assign(static_cast<std::size_t>(blocks) * n_cells, 0);
  }
  std::atomic<std::int64_t> next{0};
  // A failure in a worker thread (an allocation, in practice) stops the round and is
  // rethrown here, on the caller's thread, instead of terminating the process.
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto work = [&](Worker& worker) {
    try {
      prepare(worker);
      for (std::int64_t b = next++; b < blocks; b = next++) run_block(worker, first_block + b, first_block, pilot);
    } catch (...) {
      const std::lock_guard lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = blocks;
    }
  };
  const auto threads = std::min<std::int64_t>(static_cast<std::int64_t>(workers_.size()), blocks);
  {
    std::vector<std::jthread> pool;
    for (std::int64_t t = 1; t < threads; ++t) pool.emplace_back(work, std::ref(workers_[static_cast<std::size_t>(t)]));
    work(workers_[0]);
  }
  if (failure) std::rethrow_exception(failure);
  if (!pilot) {
    // Block order, whatever thread ran each block: the sums are thread-count independent.
    for (std::int64_t b = 0; b < blocks; ++b)
      for (std::size_t c = 0; c < n_cells; ++c) {
        const std::size_t i = static_cast<std::size_t>(b) * n_cells + c;
        sum_[c] += slot_sum_[i];
        sum_sq_[c] += slot_sum_sq_[i];
        count_[c] += slot_count_[i];
      }
    merge_workers();
  }
  paths_done_ = end;
}

void Runner::prepare(Worker& w) {
  // Each worker's buffers and evaluator are allocated by the thread that runs it, so
  // they come from that thread's malloc arena: allocated together by one thread, two
  // workers' small blocks (a hit count, a driver array) could share a cache line, and
  // every write by one would evict the other's line (false sharing; about 10 % more CPU
  // time with 2 threads, depending on the heap's layout).
  if (w.ready) return;
  const std::size_t n_cells = cells_.size();
  w.evaluate = problem_.make_evaluator(needed_metrics_);
  // A chunk's draws, path-major (PathEvaluator).
  w.drivers.assign(kChunk * sampler_->drivers(), 0.0);
  w.normals.assign(kChunk * sampler_->extra_normals(), 0.0);
  w.shocks.assign(kChunk * problem_.layout.companies.size() * problem_.layout.quarters.size(), 0.0);
  w.scratch.assign(sampler_->scratch_size(kChunk), 0.0);
  w.block_values.assign(kRowStride * problem_.layout.size(), 0.0);
  w.histogram.assign(n_cells * (kBins + 2), 0u);
  w.min.assign(n_cells, std::numeric_limits<double>::infinity());
  w.max.assign(n_cells, -std::numeric_limits<double>::infinity());
  w.chunk_sum.assign(n_cells, 0.0);
  w.chunk_sum_sq.assign(n_cells, 0.0);
  w.chunk_count.assign(n_cells, 0);
  w.hits.assign(events_.size(), 0);
  w.ready = true;
}

void Runner::merge_workers() {
  const std::size_t n_cells = cells_.size();
  for (Worker& w : workers_) {
    if (!w.ready) continue;  // never ran yet (more threads than the pilot's blocks)
    for (std::size_t i = 0; i < w.histogram.size(); ++i) histogram_[i] += w.histogram[i];
    std::fill(w.histogram.begin(), w.histogram.end(), 0u);
    for (std::size_t c = 0; c < n_cells; ++c) {
      min_[c] = std::min(min_[c], w.min[c]);
      max_[c] = std::max(max_[c], w.max[c]);
    }
    for (std::size_t e = 0; e < events_.size(); ++e) {
      hits_[e] += w.hits[e];
      w.hits[e] = 0;
    }
  }
}

}  // namespace cloudcast::model::mc_detail
