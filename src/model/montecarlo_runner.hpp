#pragma once
// One Monte Carlo run's state (simulate() in montecarlo.hpp), shared by the files that
// each do one of its jobs:
//   montecarlo_resolve.cpp  options checked; cells, events and baseline shocks resolved
//   montecarlo_pool.cpp     worker threads, their buffers, rounds and the block-order merge
//   montecarlo_paths.cpp    one block of paths: draw, project, accumulate
//   montecarlo_pilot.cpp    histogram ranges from the pilot paths
//   montecarlo_stats.cpp    means, percentiles and their intervals, event probabilities
//   montecarlo.cpp          the run: pilot, then rounds until the path budget or precision

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "cloudcast/model/montecarlo.hpp"
#include "model/cell_accumulator.hpp"
#include "model/sampling.hpp"

namespace cloudcast::model::mc_detail {

constexpr std::int64_t kBlock = 512;  // paths per block: the unit of work and of moment merging
constexpr auto kChunkPaths = static_cast<std::int64_t>(kChunk);
// Doubles between one layout entry's chunk of values and the next: kChunk plus a cache
// line, so the rows a path writes spread over every L1 set instead of a quarter of them
// (a power-of-two stride maps them to the same few sets and they evict each other).
constexpr std::size_t kRowStride = kChunk + 8;
constexpr std::int64_t kMaxRoundPaths = std::int64_t{1} << 20;  // a multiple of kBlock
constexpr std::int64_t kPilot = 8192;                           // paths whose values set each histogram's range

struct ResolvedEvent {
  EventExpr expr;
  std::size_t index = 0;  // into the layout
};

// One worker thread's state; everything it adds up is order-independent (integers,
// min/max) except the moment sums, which go to per-block slots.
struct Worker {
  bool ready = false;  // allocated (Runner::prepare) by the thread that first runs it
  PathEvaluator evaluate;
  std::vector<double> drivers, normals, scratch, shocks, block_values;
  std::vector<std::uint32_t> histogram;  // cells x (kBins + 2)
  std::vector<double> min, max;
  // Per cell: one chunk's moment sums and count, added to its block's slot as a whole.
  std::vector<double> chunk_sum, chunk_sum_sq;
  std::vector<std::int64_t> chunk_count;
  std::vector<std::int64_t> hits;
};

class Runner {
 public:
  Runner(const McProblem& problem, const McOptions& options) : problem_(problem), options_(options) {}

  Simulation run();

 private:
  void resolve();
  void run_round(std::int64_t begin, std::int64_t end, bool pilot);
  void run_block(Worker& worker, std::int64_t block, std::int64_t round_first_block, bool pilot);
  void finish_pilot();
  void prepare(Worker& worker);
  void merge_workers();
  CellStats cell_stats(std::size_t c) const;
  void values_at_ranks(std::size_t c, std::span<const double> ranks, std::span<double> out) const;
  double precision_now(const std::vector<CellStats>& cells, const std::vector<EventResult>& events) const;
  std::vector<EventResult> event_results() const;

  const McProblem& problem_;
  const McOptions& options_;
  std::vector<std::size_t> cells_;  // layout index of each selected cell
  std::vector<std::size_t> cell_company_, cell_metric_, cell_quarter_;
  std::size_t first_value_cell_ = 0;  // cells_ from here on are values
  std::vector<ResolvedEvent> events_;
  std::vector<double> shock_increments_;  // company x quarters: innovation sd of the baseline error
  std::unique_ptr<DriverSampler> sampler_;
  const CellAccumulator::Body add_body_ = CellAccumulator::fastest_body();  // chosen once a run
  std::vector<Worker> workers_;
  std::vector<char> needed_metrics_;  // per layout metric: read by the cells or the events
  std::int64_t paths_done_ = 0;
  std::atomic<std::int64_t> progress_done_{0};
  std::mutex progress_mutex_;

  // Merged state.
  std::vector<Bins> bins_;
  std::vector<double> shift_;  // per cell: the pilot mean, subtracted before summing squares
  std::vector<double> sum_, sum_sq_;
  std::vector<std::int64_t> count_;
  std::vector<std::uint64_t> histogram_;
  std::vector<double> min_, max_;
  std::vector<std::int64_t> hits_;
  std::vector<double> pilot_values_;  // cells x pilot paths
  std::size_t pilot_paths_ = 0;
  // Per-block moment slots of the current round: block x cells.
  std::vector<double> slot_sum_, slot_sum_sq_;
  std::vector<std::int64_t> slot_count_;
};

}  // namespace cloudcast::model::mc_detail
