#include "cloudcast/model/montecarlo.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/montecarlo_runner.hpp"

// simulate(): the pilot, then rounds until the path budget or the precision target
// (the other jobs of a run are in the files montecarlo_runner.hpp lists); the public
// helpers on the results.

namespace cloudcast::model {

namespace mc_detail {

using forecast::kZ95;

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
  // Statistics are read between rounds only to test the precision target (a cell's
  // percentiles scan its histogram, a few ms a run, all of it on one thread).
  while (paths_done_ < options_.paths) {
    if (options_.precision) {
      collect();
      if (precision_now(cells, events) <= *options_.precision) break;
    }
    const std::int64_t end = options_.precision ? std::min(options_.paths, 2 * paths_done_) : options_.paths;
    run_round(paths_done_, end, false);
  }
  collect();
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
        fmt::format("up to {} paths per cell gave no finite value (e.g. a margin on zero revenue, or an AI share and "
                    "growth whose back-cast leaves a core quarter not positive) and were left out of "
                    "that cell's statistics",
                    non_finite));
  return sim;
}

}  // namespace mc_detail

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

Simulation simulate(const McProblem& problem, const McOptions& options) {
  return mc_detail::Runner(problem, options).run();
}

}  // namespace cloudcast::model
