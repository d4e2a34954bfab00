#include "cloudcast/model/montecarlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/cell_accumulator.hpp"

namespace cloudcast::model {

namespace {

constexpr std::int64_t kBlock = 512;  // paths per block: the unit of work and of moment merging
constexpr auto kChunkPaths = static_cast<std::int64_t>(kChunk);
// Doubles between one layout entry's chunk of values and the next: kChunk plus a cache
// line, so the rows a path writes spread over every L1 set instead of a quarter of them
// (a power-of-two stride maps them to the same few sets and they evict each other).
constexpr std::size_t kRowStride = kChunk + 8;
constexpr std::int64_t kMaxRoundPaths = std::int64_t{1} << 20;  // a multiple of kBlock
constexpr std::int64_t kPilot = 8192;                           // paths whose values set each histogram's range
using forecast::kZ95;

std::size_t find_name(const std::vector<std::string>& names, const std::string& name, std::string_view kind,
                      std::string_view place) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw UsageError(fmt::format("{}: {}", place, util::unknown_name_message(kind, name, names)));
  return static_cast<std::size_t>(it - names.begin());
}

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
  double value_at_rank(std::size_t c, double rank) const;
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

void Runner::resolve() {
  const OutputLayout& layout = problem_.layout;
  if (options_.paths < 1) throw UsageError(fmt::format("--paths: expected an integer >= 1, got {}", options_.paths));
  if (options_.threads < 1)
    throw UsageError(fmt::format("--threads: expected an integer >= 1, got {}", options_.threads));
  for (double p : options_.percentiles)
    if (!(p > 0 && p < 1))
      throw UsageError(
          fmt::format("--percentiles: {} is outside (0, 100); expected percentiles such as 5,50,95", p * 100));
  if (options_.precision && !(*options_.precision > 0))
    throw UsageError(fmt::format("--precision: expected a number > 0, got {}", *options_.precision));
  std::vector<std::size_t> companies, metrics, values;
  for (const auto& name : options_.companies)
    companies.push_back(find_name(layout.companies, name, "company", "--company"));
  std::vector<std::string> selectable = layout.metrics;
  selectable.insert(selectable.end(), layout.values.begin(), layout.values.end());
  for (const auto& name : options_.metrics) {
    const std::size_t i = find_name(selectable, name, "metric", "--metric");
    (i < layout.metrics.size() ? metrics : values).push_back(i < layout.metrics.size() ? i : i - layout.metrics.size());
  }
  if (companies.empty())
    for (std::size_t c = 0; c < layout.companies.size(); ++c) companies.push_back(c);
  if (options_.metrics.empty()) {
    for (std::size_t m = 0; m < layout.metrics.size(); ++m) metrics.push_back(m);
    for (std::size_t v = 0; v < layout.values.size(); ++v) values.push_back(v);
  }
  for (std::size_t c : companies)
    for (std::size_t m : metrics)
      for (std::size_t q = 0; q < layout.quarters.size(); ++q) {
        cells_.push_back(layout.index(c, m, q));
        cell_company_.push_back(c);
        cell_metric_.push_back(m);
        cell_quarter_.push_back(q);
      }
  // Values after the metrics' cells; their cell_metric_ counts on from the metrics, as
  // needed_metrics_ does.
  first_value_cell_ = cells_.size();
  for (std::size_t c : companies)
    for (std::size_t v : values) {
      cells_.push_back(layout.value_index(c, v));
      cell_company_.push_back(c);
      cell_metric_.push_back(layout.metrics.size() + v);
      cell_quarter_.push_back(0);
    }
  std::vector<std::string> quarter_names;
  for (const Quarter& q : layout.quarters) quarter_names.push_back(q.to_string());
  for (const EventExpr& e : options_.events) {
    const std::string place = fmt::format("--prob '{}'", e.text);
    const std::size_t c = find_name(layout.companies, e.company, "company", place);
    const std::size_t m = find_name(layout.metrics, e.metric, "metric", place);
    const auto q = std::find(layout.quarters.begin(), layout.quarters.end(), e.quarter);
    if (q == layout.quarters.end())
      throw UsageError(fmt::format("{}: quarter {} is not projected; expected one of {} to {}", place,
                                   e.quarter.to_string(), quarter_names.front(), quarter_names.back()));
    events_.push_back({e, layout.index(c, m, static_cast<std::size_t>(q - layout.quarters.begin()))});
  }

  // Baseline revenue error: a random walk whose marginal sd at h is sigma_h.
  const std::size_t n_companies = layout.companies.size(), horizon = layout.quarters.size();
  bool any_sigma = false;
  shock_increments_.assign(n_companies * horizon, 0.0);
  for (std::size_t c = 0; c < n_companies && c < problem_.baseline_sigma.size(); ++c) {
    double previous = 0;
    for (std::size_t h = 0; h < horizon && h < problem_.baseline_sigma[c].size(); ++h) {
      const double sigma = problem_.baseline_sigma[c][h];
      shock_increments_[c * horizon + h] = std::sqrt(std::max(0.0, sigma * sigma - previous * previous));
      previous = std::max(previous, sigma);
      any_sigma = any_sigma || sigma > 0;
    }
  }
  if (!any_sigma) shock_increments_.clear();

  std::vector<Distribution> marginals;
  std::vector<std::string> names;
  for (const auto& d : problem_.drivers) {
    marginals.push_back(d.distribution);
    names.push_back(d.name);
  }
  std::vector<std::size_t> correlated;
  for (const auto& name : problem_.correlation.names)
    correlated.push_back(find_name(names, name, "driver", "correlation"));
  sampler_ = std::make_unique<DriverSampler>(std::move(marginals), std::move(correlated), problem_.correlation,
                                             shock_increments_.size(), options_.sampling, options_.seed,
                                             static_cast<std::uint64_t>(options_.paths));
}

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
    for (std::int64_t path = chunk; path < chunk_end; ++path) {
      sampler_->sample(static_cast<std::uint64_t>(path), w.drivers, w.normals, w.scratch);
      // Baseline error: cumulative innovations, one random walk per company.
      for (std::size_t i = 0; i < shock_increments_.size(); i += horizon) {
        double level = 0;
        for (std::size_t h = 0; h < horizon; ++h) {
          level += shock_increments_[i + h] * w.normals[i + h];
          w.shocks[i + h] = level;
        }
      }
      const PathOutput out{w.block_values.data() + (path - chunk), kRowStride};
      w.evaluate(w.drivers, w.shocks, out);
      for (std::size_t e = 0; e < events_.size(); ++e)
        if (events_[e].expr.holds(out[events_[e].index])) ++w.hits[e];
    }
    if (pilot) {
      for (std::size_t c = 0; c < n_cells; ++c)
        std::copy_n(w.block_values.data() + cells_[c] * kRowStride, paths,
                    pilot_values_.data() + c * pilot_paths_ + static_cast<std::size_t>(chunk));
      continue;
    }
    for (std::size_t c = 0; c < n_cells; ++c) {
      CellAccumulator cell{bins_[c], shift_[c], w.histogram.data() + c * (kBins + 2), w.min[c], w.max[c]};
      cell.add(w.block_values.data() + cells_[c] * kRowStride, paths, add_body_);
      w.min[c] = cell.min;
      w.max[c] = cell.max;
      slot_sum_[slot + c] += cell.sum;
      slot_sum_sq_[slot + c] += cell.sum_sq;
      slot_count_[slot + c] += cell.count;
    }
  }
  if (options_.progress) {
    const std::int64_t done = progress_done_ += last - first;
    const std::lock_guard lock(progress_mutex_);
    options_.progress(done, options_.paths);
  }
}

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

void Runner::prepare(Worker& w) {
  // Each worker's buffers and evaluator are allocated by the thread that runs it, so
  // they come from that thread's malloc arena: allocated together by one thread, two
  // workers' small blocks (a hit count, a driver array) could share a cache line, and
  // every write by one would evict the other's line (false sharing; about 10 % more CPU
  // time with 2 threads, depending on the heap's layout).
  if (w.ready) return;
  const std::size_t n_cells = cells_.size();
  w.evaluate = problem_.make_evaluator(needed_metrics_);
  w.drivers.assign(sampler_->drivers(), 0.0);
  w.normals.assign(sampler_->extra_normals(), 0.0);
  w.shocks.assign(problem_.layout.companies.size() * problem_.layout.quarters.size(), 0.0);
  w.scratch.assign(sampler_->scratch_size(), 0.0);
  w.block_values.assign(kRowStride * problem_.layout.size(), 0.0);
  w.histogram.assign(n_cells * (kBins + 2), 0u);
  w.min.assign(n_cells, std::numeric_limits<double>::infinity());
  w.max.assign(n_cells, -std::numeric_limits<double>::infinity());
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

double Runner::value_at_rank(std::size_t c, double rank) const {
  // rank is a 0-based, possibly fractional order-statistic index. Within a bin the
  // values are taken as evenly spread, the i-th of k at (i + 0.5) / k of its width.
  const double lo = min_[c], hi = max_[c];
  if (!(hi > lo)) return lo;
  const std::uint64_t* h = histogram_.data() + c * (kBins + 2);
  const Bins& bins = bins_[c];
  double cumulative = 0;
  double value = hi;
  for (int b = -1; b <= kBins; ++b) {
    const auto k = static_cast<double>(h[b + 1]);
    if (k > 0 && rank < cumulative + k) {
      const double fraction = (rank - cumulative + 0.5) / k;
      if (b == -1) {
        value = lo + fraction * (bins.lo - lo);
      } else if (b == kBins) {
        const double top = bins.lo + kBins * bins.width;
        value = top + fraction * (hi - top);
      } else {
        value = bins.lo + (b + fraction) * bins.width;
      }
      break;
    }
    cumulative += k;
  }
  return std::clamp(value, lo, hi);
}

CellStats Runner::cell_stats(std::size_t c) const {
  CellStats s;
  s.company = cell_company_[c];
  s.metric = cell_metric_[c];
  s.quarter = cell_quarter_[c];
  const std::int64_t n = count_[c];
  s.non_finite = paths_done_ - n;
  if (n == 0) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.mean = s.std_error = s.mean_ci_low = s.mean_ci_high = s.sd = s.min = s.max = nan;
    s.percentiles.assign(options_.percentiles.size(), nan);
    s.ci_low = s.ci_high = s.percentiles;
    return s;
  }
  const auto nd = static_cast<double>(n);
  s.mean = shift_[c] + sum_[c] / nd;
  const double variance = n > 1 ? std::max(0.0, (sum_sq_[c] - sum_[c] * sum_[c] / nd) / (nd - 1)) : 0.0;
  s.sd = std::sqrt(variance);
  s.std_error = s.sd / std::sqrt(nd);
  s.min = min_[c];
  s.max = max_[c];
  if (!(s.max > s.min)) {
    // Every path gave the same value: the mean is that value exactly too.
    s.mean = s.min;
    s.sd = s.std_error = 0;
  }
  s.mean_ci_low = s.mean - kZ95 * s.std_error;
  s.mean_ci_high = s.mean + kZ95 * s.std_error;
  for (double p : options_.percentiles) {
    // Hyndman & Fan type 7 (R's and NumPy's default): rank (n - 1) p.
    s.percentiles.push_back(value_at_rank(c, (nd - 1) * p));
    const auto [j, k] = quantile_ci_ranks(n, p);
    s.ci_low.push_back(value_at_rank(c, static_cast<double>(j - 1)));
    s.ci_high.push_back(value_at_rank(c, static_cast<double>(k - 1)));
  }
  return s;
}

std::vector<EventResult> Runner::event_results() const {
  std::vector<EventResult> results;
  const auto n = static_cast<double>(paths_done_);
  for (std::size_t e = 0; e < events_.size(); ++e) {
    EventResult r{events_[e].expr, 0, 0, hits_[e]};
    r.probability = static_cast<double>(hits_[e]) / n;
    r.std_error = std::sqrt(r.probability * (1 - r.probability) / n);
    r.ci_low = std::max(0.0, r.probability - kZ95 * r.std_error);
    r.ci_high = std::min(1.0, r.probability + kZ95 * r.std_error);
    results.push_back(std::move(r));
  }
  return results;
}

double Runner::precision_now(const std::vector<CellStats>& cells, const std::vector<EventResult>& events) const {
  // The values (NPV, IRR) count only in a run without quarterly cells: an NPV near 0
  // has no relative precision to reach, and would hold every run to its maximum.
  const std::size_t counted = first_value_cell_ > 0 ? first_value_cell_ : cells.size();
  double worst = 0;
  auto relative = [](double half_width, double value) {
    if (half_width == 0) return 0.0;
    return value == 0 ? std::numeric_limits<double>::infinity() : half_width / std::fabs(value);
  };
  for (std::size_t c = 0; c < counted && c < cells.size(); ++c) {
    const CellStats& s = cells[c];
    worst = std::max(worst, relative(kZ95 * s.std_error, s.mean));
    for (std::size_t i = 0; i < s.percentiles.size(); ++i)
      worst = std::max(worst, relative(0.5 * (s.ci_high[i] - s.ci_low[i]), s.percentiles[i]));
  }
  for (const EventResult& e : events) worst = std::max(worst, kZ95 * e.std_error);
  return worst;
}

Simulation Runner::run() {
  resolve();
  const std::size_t n_cells = cells_.size();
  const auto threads = static_cast<std::size_t>(
      std::min<std::int64_t>(options_.threads, std::max<std::int64_t>(1, (options_.paths + kBlock - 1) / kBlock)));
  workers_.resize(threads);
  needed_metrics_.assign(problem_.layout.metrics.size() + problem_.layout.values.size(), 0);
  for (std::size_t m : cell_metric_) needed_metrics_[m] = 1;
  for (const ResolvedEvent& e : events_)
    needed_metrics_[(e.index / problem_.layout.quarters.size()) % problem_.layout.metrics.size()] = 1;
  bins_.resize(n_cells);
  shift_.assign(n_cells, 0.0);
  sum_.assign(n_cells, 0.0);
  sum_sq_.assign(n_cells, 0.0);
  count_.assign(n_cells, 0);
  histogram_.assign(n_cells * (kBins + 2), 0u);
  min_.assign(n_cells, std::numeric_limits<double>::infinity());
  max_.assign(n_cells, -std::numeric_limits<double>::infinity());
  hits_.assign(events_.size(), 0);

  Simulation sim;
  sim.layout = problem_.layout;
  sim.percentiles = options_.percentiles;
  sim.paths_planned = options_.paths;
  sim.seed = options_.seed;
  sim.sampling = options_.sampling;
  sim.precision_target = options_.precision;

  const std::int64_t pilot = std::min(options_.paths, kPilot);
  pilot_paths_ = static_cast<std::size_t>(pilot);
  pilot_values_.assign(pilot_paths_ * n_cells, 0.0);
  run_round(0, pilot, true);
  finish_pilot();
  // Without a precision target, one round takes the rest; with one, rounds double the
  // path count, and the check after each round sees the same paths whatever the threads.
  std::vector<CellStats> cells;
  std::vector<EventResult> events;
  auto collect = [&] {
    cells.clear();
    for (std::size_t c = 0; c < n_cells; ++c) cells.push_back(cell_stats(c));
    events = event_results();
  };
  collect();
  while (paths_done_ < options_.paths) {
    if (options_.precision && precision_now(cells, events) <= *options_.precision) break;
    const std::int64_t end = options_.precision ? std::min(options_.paths, 2 * paths_done_) : options_.paths;
    run_round(paths_done_, end, false);
    collect();
  }
  sim.paths = paths_done_;
  sim.precision_reached = precision_now(cells, events);
  sim.precision_met = options_.precision && sim.precision_reached <= *options_.precision;
  for (std::size_t c = first_value_cell_; c < cells.size(); ++c) {
    cells[c].metric -= problem_.layout.metrics.size();
    sim.values.push_back(std::move(cells[c]));
  }
  cells.resize(first_value_cell_);
  sim.cells = std::move(cells);
  sim.events = std::move(events);
  std::int64_t non_finite = 0;
  for (const CellStats& s : sim.cells) non_finite = std::max(non_finite, s.non_finite);
  if (non_finite > 0)
    sim.notes.push_back(
        fmt::format("up to {} paths per cell gave no finite value (e.g. a margin on zero revenue) and were left out of "
                    "that cell's statistics",
                    non_finite));
  return sim;
}

}  // namespace

const CellStats* Simulation::find(std::size_t company, std::size_t metric, std::size_t quarter) const {
  for (const CellStats& s : cells)
    if (s.company == company && s.metric == metric && s.quarter == quarter) return &s;
  return nullptr;
}

const CellStats* Simulation::find_value(std::size_t company, std::size_t value) const {
  for (const CellStats& s : values)
    if (s.company == company && s.metric == value) return &s;
  return nullptr;
}

std::pair<std::int64_t, std::int64_t> quantile_ci_ranks(std::int64_t n, double p, double z) {
  const double nd = static_cast<double>(n);
  const double half = z * std::sqrt(nd * p * (1 - p));
  auto j = static_cast<std::int64_t>(std::floor(nd * p - half));
  auto k = static_cast<std::int64_t>(std::ceil(nd * p + half)) + 1;
  return {std::clamp<std::int64_t>(j, 1, n), std::clamp<std::int64_t>(k, 1, n)};
}

Simulation simulate(const McProblem& problem, const McOptions& options) { return Runner(problem, options).run(); }

}  // namespace cloudcast::model
