#include "model/core_refit_lanes.hpp"

#include <algorithm>
#include <cmath>
#include <span>

#include "cloudcast/forecast/forecast.hpp"
#include "model/lanes.hpp"
#include "util/cpu.hpp"

namespace cloudcast::model {

RefitPlan::RefitPlan(std::span<const double> history, int first_quarter_of_year, int horizon_quarters, bool with_bands)
    : revenue(history.begin(), history.end()),
      first_quarter(first_quarter_of_year),
      horizon(horizon_quarters),
      bands(with_bands) {
  const int n = static_cast<int>(revenue.size());
  // As forecast::estimate_seasonal_factors: log ratios for 2 <= i < n - 2.
  seasonal = n >= 6;
  if (seasonal) {
    int count = 0, groups = 0;
    for (int i = 2; i + 2 < n; ++i) ratio_index[(first_quarter + i) % 4].push_back(i);
    for (const auto& ratios : ratio_index) {
      count += static_cast<int>(ratios.size());
      groups += ratios.empty() ? 0 : 1;
    }
    dof = count - groups;
  }
  // As forecast::fit_log_trend: the last min(n, 8) quarters.
  trend_n = std::min(n, 8);
  trend_first = n - trend_n;
  t_mean = (static_cast<double>(trend_n) - 1) / 2.0;
  for (int t = 0; t < trend_n; ++t) {
    const double dt = static_cast<double>(t) - t_mean;
    sxx += dt * dt;
  }
  for (int h = 1; h <= horizon; ++h) root_h.push_back(std::sqrt(static_cast<double>(h)));
}

namespace detail {

// A body's entry points, one table per instruction set below.
struct BodyTable {
  void (*refit)(const RefitPlan&, const RefitLanesIo&, double* scratch);
  void (*statements)(const StatementPlan&, const StatementLanesIo&);
  void (*exp)(std::span<double>);
  void (*log)(std::span<double>);
  void (*divide)(std::span<double>, std::span<const double>);
};

// One namespace per body, each with lanes.hpp's names, and lane_math.inc and
// core_refit_body.inc (which uses it: the blank line keeps clang-format from sorting
// them) compiled for its instruction set.
namespace scalar_body {
using namespace lanes::scalar;
#define CLOUDCAST_LANE_FN inline
#include "model/lane_math.inc"

#include "model/core_refit_body.inc"
#undef CLOUDCAST_LANE_FN
constexpr BodyTable kTable{&refit_all, &statement_all, &apply<exp_>, &apply<log_>, &divide};
}  // namespace scalar_body

#if defined(CLOUDCAST_LANES_X86)
namespace sse2_body {
using namespace lanes::sse2;
#define CLOUDCAST_LANE_FN inline
#include "model/lane_math.inc"

#include "model/core_refit_body.inc"
#undef CLOUDCAST_LANE_FN
constexpr BodyTable kTable{&refit_all, &statement_all, &apply<exp_>, &apply<log_>, &divide};
}  // namespace sse2_body

namespace avx2_body {
using namespace lanes::avx2;
#define CLOUDCAST_LANE_FN __attribute__((target("avx2"))) inline
#include "model/lane_math.inc"

#include "model/core_refit_body.inc"
#undef CLOUDCAST_LANE_FN
constexpr BodyTable kTable{&refit_all, &statement_all, &apply<exp_>, &apply<log_>, &divide};
}  // namespace avx2_body

namespace avx512_body {
using namespace lanes::avx512;
#define CLOUDCAST_LANE_FN __attribute__((target("avx2,avx512f,avx512vl"))) inline
#include "model/lane_math.inc"

#include "model/core_refit_body.inc"
#undef CLOUDCAST_LANE_FN
constexpr BodyTable kTable{&refit_all, &statement_all, &apply<exp_>, &apply<log_>, &divide};
}  // namespace avx512_body
#endif

namespace {

// The body to run: the one asked, or the next narrower one this build and CPU have.
LaneBody available(LaneBody body) {
#if defined(CLOUDCAST_LANES_X86)
  if (body == LaneBody::avx512 && !util::has_avx512()) body = LaneBody::avx2;
  if (body == LaneBody::avx2 && !util::has_avx2()) body = LaneBody::sse2;
  return body;
#else
  return LaneBody::scalar;
#endif
}

// scratch for refit_all: core and log ratios (n x 8), level, sd and ratio (horizon x 8).
std::size_t scratch_size(const RefitPlan& plan) {
  return 8 * (2 * plan.revenue.size() + 3 * static_cast<std::size_t>(plan.horizon));
}

}  // namespace

namespace {

// The table of the body to run: the one asked, or the next narrower one there is.
const BodyTable& table(LaneBody body) {
  switch (available(body)) {
#if defined(CLOUDCAST_LANES_X86)
    case LaneBody::avx512:
      return avx512_body::kTable;
    case LaneBody::avx2:
      return avx2_body::kTable;
    case LaneBody::sse2:
      return sse2_body::kTable;
#endif
    default:
      return scalar_body::kTable;
  }
}

}  // namespace

void refit_lanes(LaneBody body, const RefitPlan& plan, const RefitLanesIo& io) {
  // Sized for the widest body; thread_local, so a Monte Carlo worker allocates it once.
  thread_local std::vector<double> scratch;
  scratch.resize(std::max(scratch.size(), scratch_size(plan)));
  table(body).refit(plan, io, scratch.data());
}

void ai_statements(LaneBody body, const StatementPlan& plan, const StatementLanesIo& io) {
  table(body).statements(plan, io);
}

void exp_lanes(LaneBody body, std::span<double> x) { table(body).exp(x); }

void log_lanes(LaneBody body, std::span<double> x) { table(body).log(x); }

void divide_lanes(LaneBody body, std::span<double> x, std::span<const double> by) { table(body).divide(x, by); }

LaneBody fastest_lane_body() { return available(LaneBody::avx512); }

}  // namespace detail

void refit_lanes(const RefitPlan& plan, const RefitLanesIo& io) {
  static const detail::LaneBody body = detail::fastest_lane_body();
  detail::refit_lanes(body, plan, io);
}

void ai_statements(const StatementPlan& plan, const StatementLanesIo& io) {
  static const detail::LaneBody body = detail::fastest_lane_body();
  detail::ai_statements(body, plan, io);
}

void divide_lanes(std::span<double> x, std::span<const double> by) {
  static const detail::LaneBody body = detail::fastest_lane_body();
  detail::divide_lanes(body, x, by);
}

}  // namespace cloudcast::model
