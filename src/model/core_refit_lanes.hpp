#pragma once
// The trend core baseline refitted at many AI statements at once, one path per SIMD lane
// (docs/decisions/0800): CoreRefit::fit's steps (core_baseline.hpp) and revenue_equivalent
// on whole registers of paths, with exp and log as our own polynomial kernels, so that a
// lane gives the same bits whichever body runs it, and the outputs of `simulate` do not
// depend on the CPU. The bodies agree with fit_core_baseline (glibc's exp and log) to
// about 1e-15 relative a figure (tests/model/core_refit_lanes_test.cpp).

#include <cstddef>
#include <span>
#include <vector>

namespace cloudcast::model {

// Everything about a company's refit that does not depend on the AI statement: the
// history, where its calendar quarters fall, and the trend's fixed sums.
struct RefitPlan {
  std::vector<double> revenue;  // R_t, t = 0..n-1, ending at T
  int first_quarter = 0;        // calendar quarter of R_0, 0 = Q1
  int horizon = 0;
  bool bands = false;  // also the 95 % interval, for the baseline sd
  // Seasonal factors (forecast::estimate_seasonal_factors): off under 6 quarters; the log
  // ratios i of each calendar quarter q in time order, their count (years), and the
  // degrees of freedom of the pooled variance.
  bool seasonal = false;
  std::vector<int> ratio_index[4];
  int dof = 0;
  // The log-linear trend over the last min(n, 8) adjusted quarters (forecast::fit_log_trend).
  int trend_first = 0, trend_n = 0;
  double t_mean = 0, sxx = 0;
  std::vector<double> root_h;  // sqrt(h), h = 1..H

  RefitPlan(std::span<const double> revenue, int first_quarter, int horizon, bool bands);
};

// The outputs of CoreRefitBatch::fit (core_baseline.hpp) for `count` paths: share and
// growth of path i at [i]; level, sd and ratio of path i at [i * horizon, (i + 1) *
// horizon); valid[i] = 0 when the back-cast leaves a core quarter that is not positive,
// and then nothing else of path i is written. Without bands sd is never written.
struct RefitLanesIo {
  const double* share = nullptr;
  const double* growth = nullptr;
  std::size_t count = 0;
  double* level = nullptr;
  double* sd = nullptr;
  double* ratio = nullptr;
  unsigned char* valid = nullptr;
};

// ai_statement() (core_baseline.hpp) of many paths: what it reads besides a path's
// three AI drivers.
struct StatementPlan {
  bool restated = false;      // the share was stated for another quarter: carried to T (ai_share_at)
  double years = 0;           // (T - the stated quarter) / 4
  double revenue_growth = 0;  // the history's trailing growth; NaN: the AI growth stands in
};

// For each i < count: the drivers ai_share, ai_volume_growth and ai_price_change of path
// i in, ai_statement()'s share, growth and scale out: within 1e-14 of ai_statement (its
// pow as exp(y log x)) for drivers inside the driver table's ranges.
struct StatementLanesIo {
  const double* ai_share = nullptr;
  const double* volume = nullptr;
  const double* price = nullptr;
  std::size_t count = 0;
  double* share = nullptr;
  double* growth = nullptr;
  double* scale = nullptr;
};

namespace detail {

// The bodies, for the tests to hold each to the scalar one bit for bit whatever this
// machine would pick; refit_lanes() picks one per process (util::has_avx512 / has_avx2).
// A body whose instruction set this build or CPU lacks runs the next narrower one.
enum class LaneBody { scalar, sse2, avx2, avx512 };
void refit_lanes(LaneBody body, const RefitPlan& plan, const RefitLanesIo& io);
void ai_statements(LaneBody body, const StatementPlan& plan, const StatementLanesIo& io);
// The kernels alone, in place over an array: exp for |x| <= 708 (clamped beyond; a NaN
// gives exp(-708)), log for positive normal x.
void exp_lanes(LaneBody body, std::span<double> x);
void log_lanes(LaneBody body, std::span<double> x);
// x[i] /= by[i] for i < x.size() (by at least as long): the same bits in every body.
void divide_lanes(LaneBody body, std::span<double> x, std::span<const double> by);
LaneBody fastest_lane_body();

}  // namespace detail

// refit_lanes, ai_statements and divide_lanes in the fastest body this CPU has.
void refit_lanes(const RefitPlan& plan, const RefitLanesIo& io);
void ai_statements(const StatementPlan& plan, const StatementLanesIo& io);
void divide_lanes(std::span<double> x, std::span<const double> by);

}  // namespace cloudcast::model
