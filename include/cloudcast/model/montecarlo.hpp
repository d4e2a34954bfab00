#pragma once
// Monte Carlo over uncertain drivers. simulate() draws paths (src/model/sampling.hpp), has a
// PathEvaluator project them a chunk at a time, and streams the results into per-cell
// statistics without keeping the paths: a fixed-bin histogram per (company, metric, quarter) whose
// range comes from a pilot of the first paths, plus exact min/max and per-block moment
// sums. Results depend only on the problem, the seed and the options other than
// threads: the draws are keyed by path index, histograms and counts are integers, and
// the moment sums are merged in block order. Accuracy of the percentiles and the
// memory bound are documented in docs/model.md ("Uncertainty").

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/model/correlation.hpp"
#include "cloudcast/model/distribution.hpp"
#include "cloudcast/model/event.hpp"
#include "cloudcast/model/sampling_method.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::model {

// The shape of one path's output: companies x metrics x quarters, flattened, then
// companies x values: figures of a company's whole projection, one per path (the NPV
// and IRR of the build-out).
struct OutputLayout {
  std::vector<std::string> companies;
  std::vector<std::string> metrics;
  std::vector<Quarter> quarters;  // projected calendar quarters
  std::vector<std::string> values;

  std::size_t size() const { return companies.size() * (metrics.size() * quarters.size() + values.size()); }
  std::size_t index(std::size_t company, std::size_t metric, std::size_t quarter) const {
    return (company * metrics.size() + metric) * quarters.size() + quarter;
  }
  std::size_t value_index(std::size_t company, std::size_t value) const {
    return companies.size() * metrics.size() * quarters.size() + company * values.size() + value;
  }
};

// Where a chunk's values go: path p's value i of the layout (OutputLayout::index) at
// data[p + i * stride]. The simulation lays a chunk of paths side by side (stride at
// least the paths in the chunk), so each cell's values over the chunk are contiguous for
// the statistics that follow. operator[] reads and writes path 0's (path(p): path p's).
struct PathOutput {
  double* data = nullptr;
  std::size_t stride = 1;
  double& operator[](std::size_t i) const { return data[i * stride]; }
  PathOutput path(std::size_t p) const { return {data + p, stride}; }
};

// Projects a chunk of paths at once (so that an evaluator can work across paths, e.g. one
// path per SIMD lane): drivers path-major, path p's in McProblem::drivers order at
// [p * n_drivers, (p + 1) * n_drivers); baseline_shocks path-major likewise, path p's the
// additive errors of each company's baseline revenue, company-major within the path
// (company * quarters + h), currency m; writes each path's layout values into out (at
// least those of the metrics the run reads, and the values asked). A path's values must
// not depend on the other paths of its chunk. Must not share mutable state with other
// evaluators, and should not allocate (the scenario evaluator does only when a path
// refits a core baseline model other than trend: docs/decisions/0750).
using PathEvaluator = std::function<void(std::span<const double> drivers, std::span<const double> baseline_shocks,
                                         std::size_t paths, PathOutput out)>;

struct UncertainDriver {
  std::string name;  // "alibaba.useful_life"
  Distribution distribution;
};

struct McProblem {
  OutputLayout layout;
  std::vector<UncertainDriver> drivers;
  CorrelationMatrix correlation;  // over a subset of drivers, by name; empty: independent
  // Per company (layout order), per projected quarter: standard deviation of the
  // baseline revenue forecast (currency m). Empty or all zero: no baseline error. The
  // error is a random walk with these marginal sds: quarter h adds an independent
  // normal innovation of variance sigma_h^2 - sigma_{h-1}^2.
  std::vector<std::vector<double>> baseline_sigma;
  // Makes one evaluator per worker thread. needed_metrics (one flag per layout metric,
  // then one per layout value) says which the run reads; an evaluator may leave the
  // others unwritten.
  std::function<PathEvaluator(const std::vector<char>& needed_metrics)> make_evaluator;
};

struct McOptions {
  std::int64_t paths = 10000;  // the number of paths; the maximum when precision is set
  std::uint64_t seed = 42;
  int threads = 1;
  std::vector<double> percentiles{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
  SamplingMethod sampling = SamplingMethod::monte_carlo;
  // Stop (at the end of a round: 8192 paths, then doubling) once every 95 % confidence
  // interval's half-width is at most precision x |statistic| for the means and
  // percentiles, and at most precision (absolute) for the event probabilities.
  std::optional<double> precision;
  // Metrics with bands and values; empty: all of the layout's metrics and values.
  std::vector<std::string> metrics;
  std::vector<std::string> companies;  // companies with bands; empty: all
  std::vector<EventExpr> events;
  // Called as blocks complete, with paths done and the planned total; serialised by the
  // library (never concurrently), possibly from a worker thread.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// Statistics of one (company, metric, quarter), or of one (company, value), over the paths.
struct CellStats {
  // Indices into the layout; for a value, metric indexes layout.values and quarter is 0.
  std::size_t company = 0, metric = 0, quarter = 0;
  double mean = 0;
  double std_error = 0;                      // of the mean: sample sd / sqrt(n)
  double mean_ci_low = 0, mean_ci_high = 0;  // 95 % confidence interval of the mean: mean -+ 1.96 std_error
  double sd = 0;
  double min = 0, max = 0;
  std::vector<double> percentiles;      // options.percentiles order
  std::vector<double> ci_low, ci_high;  // 95 % confidence interval of each percentile
  std::int64_t non_finite = 0;          // paths whose value was NaN or infinite (excluded)
};

struct EventResult {
  EventExpr event;
  double probability = 0;
  double std_error = 0;  // sqrt(p (1 - p) / n)
  std::int64_t hits = 0;
  // 95 % confidence interval: p -+ 1.96 std_error (normal approximation to the
  // binomial), clipped to [0, 1].
  double ci_low = 0, ci_high = 0;
};

struct Simulation {
  OutputLayout layout;
  std::vector<double> percentiles;
  std::vector<CellStats> cells;   // company, metric, quarter order
  std::vector<CellStats> values;  // company, value order
  std::vector<EventResult> events;
  std::int64_t paths = 0;          // paths actually run
  std::int64_t paths_planned = 0;  // --paths
  std::uint64_t seed = 0;
  SamplingMethod sampling = SamplingMethod::monte_carlo;
  std::optional<double> precision_target;
  double precision_reached = 0;  // the largest relative (bands) or absolute (events) half-width
  bool precision_met = false;
  std::vector<std::string> notes;

  const CellStats* find(std::size_t company, std::size_t metric, std::size_t quarter) const;
  const CellStats* find_value(std::size_t company, std::size_t value) const;
};

// Runs the simulation. Throws UsageError for bad options (paths < 1, percentiles outside
// (0, 1), unknown metric/company/quarter in events or selections, with "did you mean").
Simulation simulate(const McProblem& problem, const McOptions& options);

// The 95 % confidence interval of the p-quantile from order statistics: 1-based ranks
// (j, k) with P(X_(j) <= q_p <= X_(k)) >= ~0.95 by the normal approximation to the
// binomial(n, p), clamped to [1, n].
std::pair<std::int64_t, std::int64_t> quantile_ci_ranks(std::int64_t n, double p, double z = forecast::kZ95);

}  // namespace cloudcast::model
