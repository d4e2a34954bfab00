#include "cloudcast/model/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "cloudcast/dataset/query.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/baseline.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/calendar.hpp"
#include "dataset/guidance.hpp"
#include "model/calibration.hpp"
#include "model/capex_plan.hpp"
#include "model/core_baseline.hpp"
#include "model/depreciation.hpp"
#include "model/figure_check.hpp"
#include "model/guidance.hpp"
#include "model/margin_trend.hpp"
#include "model/path_engine.hpp"

namespace cloudcast::model {

namespace {

// Timeline layout: index j is quarter timeline_start + j. The last reported quarter T
// sits at kT; the calibration window is kT-3..kT; projected quarter h is kT + h.
constexpr int kT = kMaxLag + kCalibrationQuarters - 1;     // 11
constexpr int kWindow0 = kT - (kCalibrationQuarters - 1);  // 8

// Priors of the calibration (docs/model.md): power, cooling and facilities cost about 1 %
// of gross capital a quarter; the existing gross asset base turns over about once a year.
constexpr double kCapacityRatioPrior = 0.01;
constexpr double kAssetTurnoverPrior = 1.0;

// A metric's points on its projection basis (dataset::series: the segment basis of its
// latest quarter, time order, one per quarter), so growth is never read across a basis
// break.
using Points = std::vector<dataset::Point>;

std::optional<double> at(const Points& s, Quarter q) {
  auto it = std::lower_bound(s.begin(), s.end(), q, [](const dataset::Point& p, Quarter x) { return p.period < x; });
  return it != s.end() && it->period == q ? std::optional<double>(it->value) : std::nullopt;
}

bool recalled_at(const Points& s, Quarter q) {
  auto it = std::lower_bound(s.begin(), s.end(), q, [](const dataset::Point& p, Quarter x) { return p.period < x; });
  return it != s.end() && it->period == q && it->confidence == dataset::Confidence::recalled;
}

// std::lround of the lag clamped to [0, kMaxLag] without the library call (a path pays it
// once per company): for x >= 0 the whole part plus one where the fraction, exact as
// x - trunc(x), is at least one half.
int lag_of(const CompanyDrivers& d) {
  const double x = std::clamp(d.in_service_lag, 0.0, double(kMaxLag));
  if (!(x >= 0)) return static_cast<int>(std::lround(x));  // NaN, as before
  const int whole = static_cast<int>(x);
  return whole + (x - whole >= 0.5 ? 1 : 0);
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// to[0] = a and to[1] = b as one 16-byte store where SSE2 is there (see project_path).
void store_pair(double* to, double a, double b) {
#if defined(__SSE2__)
  _mm_storeu_pd(to, _mm_set_pd(b, a));
#else
  to[0] = a;
  to[1] = b;
#endif
}

// Fills the capex timeline and the vintage quantities that do not involve the existing
// base: ws.timeline_capex (cloud capex), ws.depreciation_all and ws.gross_all (tracked
// vintages), ws.gross_new (vintages entering service after T). Allocation-free, O(n).
// Vintage depreciation and gross are written for timeline quarters first..n-1 only (the
// projection needs kT+1 on, calibration everything).
void compute_vintages(const CalibratedCompany& c, const CompanyDrivers& d, PathWorkspace& ws, int first) {
  const int n = c.timeline_size;
  const int lag = lag_of(d);
  std::span<double> capex(ws.timeline_capex.data(), n);
  const std::span<CapexBasis> basis(ws.capex_basis.data(), n);
  if (static_cast<int>(c.capex_template.values.size()) == n && template_fits(c.capex_template, d)) {
    plan_capex_from_template(c.capex_template, d, capex, basis);
  } else if (static_cast<int>(c.reported_part.size()) == n && static_cast<int>(c.reported_part_basis.size()) == n) {
    std::copy(c.reported_part.begin(), c.reported_part.end(), capex.begin());
    std::copy(c.reported_part_basis.begin(), c.reported_part_basis.end(), basis.begin());
    plan_capex_rest(d, c.timeline_start, c.last_reported, c.reported_capex, c.first_reported_capex, capex, basis,
                    c.capex_guides);
  } else {
    plan_capex(d, c.timeline_start, c.last_reported, c.reported_capex, capex, basis, c.capex_guides);
  }
  for (int j = 0; j < n; ++j) capex[j] *= d.capex_cloud_share;
  // Depreciation = T_old c_old + T_new c_new with T the lower-triangular Toeplitz
  // schedule of straight-line vintages (model/depreciation.hpp), evaluated by prefix
  // sums in O(n) rather than as matrix products; gross cost in service likewise (a
  // vintage counts from its in-service quarter until fully depreciated, then retires).
  // A vintage entering service by T (j + lag <= T) keeps the reported accounting life;
  // later ones take the scenario's useful life.
  const auto sz = static_cast<std::size_t>(n);
  split_vintage_schedule(capex, lag, kT - lag, 4 * d.reported_useful_life, 4 * d.useful_life, ws.vintages,
                         std::span<double>(ws.depreciation_all.data(), sz), std::span<double>(ws.gross_all.data(), sz),
                         std::span<double>(ws.gross_new.data(), sz), first);
}

double effective_ratio(double calibrated, double absolute, double change, double max) {
  const double base = std::isnan(absolute) ? calibrated : absolute;
  return std::clamp(base + change, 0.0, max);
}

std::string basis_name(CapexBasis b) {
  switch (b) {
    case CapexBasis::reported:
      return "reported";
    case CapexBasis::estimate:
      return "estimate";
    case CapexBasis::plan:
      return "plan";
    case CapexBasis::guidance:
      return "guidance";
    case CapexBasis::none:
      break;
  }
  return "none";
}

// Guidance known in T that covers a listed quarter (T-3..T+H), beside the projection:
// company capex summed over the guided quarters from the timeline, or guided revenue.
std::vector<GuidanceCheck> check_guidance(const dataset::Company& company, const CalibratedCompany& c,
                                          const CompanyDrivers& d, const PathWorkspace& ws,
                                          const std::vector<QuarterFigures>& quarters, std::string_view revenue_basis) {
  std::vector<GuidanceCheck> out;
  const Quarter shown_first = c.last_reported - (kCalibrationQuarters - 1);
  const Quarter shown_last = c.last_reported + c.horizon;
  for (const dataset::Guidance* item : dataset::guidance_known_at(company, c.last_reported)) {
    const dataset::Guidance& g = *item;
    if (g.last < shown_first || g.first > shown_last) continue;
    GuidanceCheck k{.id = g.id,
                    .metric = g.metric,
                    .period_label = g.period_label,
                    .first = g.first,
                    .last = g.last,
                    .low = g.low,
                    .high = g.high,
                    .unit = g.unit,
                    .given = g.given,
                    .source = g.source,
                    .honoured = false,
                    .projected = std::nullopt,
                    .status = ""};
    const bool on = d.use_guidance >= 0.5;
    const auto ratio = capex_measure_ratio(company, g.metric, c.last_reported);
    if (ratio && is_capex_measure(g.metric) && g.first >= c.timeline_start && g.last <= shown_last &&
        d.capex_cloud_share > 0) {
      // On the guide's own measure: the series' capex over the quarters, divided by the
      // measure ratio (1 for "capex").
      double sum = 0;
      for (Quarter q = g.first; q <= g.last; q = q + 1)
        sum += ws.timeline_capex[static_cast<std::size_t>(q - c.timeline_start)];
      k.projected = sum / d.capex_cloud_share / *ratio;
      k.honoured = on;
    } else if (g.metric == "revenue" && g.scope == revenue_basis && g.first == g.last) {
      for (const auto& f : quarters)
        if (f.period == g.first && f.revenue) k.projected = *f.revenue;
      k.honoured = on && g.first > c.last_reported;
    }
    if (!k.projected) {
      k.status = "not comparable";
    } else {
      const double x = *k.projected;
      const bool point = g.low == g.high;
      const double lo = point ? g.low * (1 - kPointGuideTolerance) : g.low;
      const double hi = point ? g.high * (1 + kPointGuideTolerance) : g.high;
      k.status = x < lo ? "below" : x > hi ? "above" : "inside";
    }
    out.push_back(std::move(k));
  }
  return out;
}

// Fills the leave-one-out ranges of `out` and projects each refit to the horizon to see
// how far the last quarter's margin moves; notes nothing (project() does).
void stability(const CalibratedCompany& c, const CompanyDrivers& d, double margin, Calibration& out) {
  if (c.leave_one_out.empty()) return;
  out.loo_variable_cost_min = out.loo_capacity_cost_min = std::numeric_limits<double>::infinity();
  out.loo_variable_cost_max = out.loo_capacity_cost_max = -std::numeric_limits<double>::infinity();
  PathWorkspace ws(c.horizon);
  for (const auto& refit : c.leave_one_out) {
    out.loo_variable_cost_min = std::min(out.loo_variable_cost_min, refit.variable_cost_ratio);
    out.loo_variable_cost_max = std::max(out.loo_variable_cost_max, refit.variable_cost_ratio);
    out.loo_capacity_cost_min = std::min(out.loo_capacity_cost_min, refit.capacity_cost_ratio);
    out.loo_capacity_cost_max = std::max(out.loo_capacity_cost_max, refit.capacity_cost_ratio);
    CalibratedCompany alt = c;
    alt.calibration.variable_cost_ratio = refit.variable_cost_ratio;
    alt.calibration.capacity_cost_ratio = refit.capacity_cost_ratio;
    alt.existing_gross = refit.existing_gross;
    alt.existing_gross_runoff.clear();  // the cached run-off belongs to the first fit
    alt.existing_depreciation_runoff.clear();
    project_path(alt, d, ws);
    out.loo_margin_move =
        std::max(out.loo_margin_move, std::abs(ws.operating_margin[static_cast<std::size_t>(c.horizon - 1)] - margin));
  }
}

}  // namespace

PathWorkspace::PathWorkspace(int h) : horizon(h), vintages(static_cast<std::size_t>(h + kT + 1)) {
  const auto n = static_cast<std::size_t>(h + kT + 1);
  for (const Metric* m : path_metrics()) (this->*(m->path)).assign(static_cast<std::size_t>(h), 0.0);
  for (auto* v : {&timeline_capex, &depreciation_all, &gross_all, &gross_new}) v->assign(n, 0.0);
  capex_basis.assign(n, CapexBasis::none);
}

namespace {

// The backlog anchor (backlog_conversion): set after the reference path, which keeps the
// calibrating drivers' revenue. Only a segment backlog counts (Microsoft's commercial RPO
// is company-wide).
void backlog_anchor(const dataset::Company& company, const CompanyDrivers& d, const Points& revenue,
                    CalibratedCompany& c) {
  if (d.backlog_conversion == 0) return;
  auto backlog_at = [&](Quarter q) -> std::optional<double> {
    for (const dataset::Signal& s : company.signals)
      if (s.kind == dataset::SignalKind::backlog && s.period == q && s.scope == "segment" && s.value) return s.value;
    return std::nullopt;
  };
  const auto backlog = backlog_at(c.last_reported);
  if (!backlog) {
    c.notes.push_back(fmt::format("backlog_conversion: no segment backlog for {} in the data; revenue not anchored",
                                  c.last_reported.to_string()));
    return;
  }
  double conversion = d.backlog_conversion;
  if (std::isnan(conversion)) {
    const auto earlier = backlog_at(c.last_reported - 4);
    if (!earlier || !(*earlier > 0) || revenue.size() < 4) {
      c.notes.push_back(
          fmt::format("backlog_conversion: no segment backlog for {} to measure the conversion; "
                      "revenue not anchored",
                      (c.last_reported - 4).to_string()));
      return;
    }
    double year = 0;
    for (std::size_t i = revenue.size() - 4; i < revenue.size(); ++i) year += revenue[i].value;
    conversion = year / *earlier;
  }
  c.backlog_revenue = conversion * *backlog;
  c.notes.push_back(
      fmt::format("backlog_conversion {:.3f} x backlog {:.0f} at {}: revenue of the next four quarters "
                  "anchored to {:.0f}",
                  conversion, *backlog, c.last_reported.to_string(), c.backlog_revenue));
}

}  // namespace

namespace {

// The reported series calibrate() reads.
struct ReportedSeries {
  Points revenue, oi, capex;
};

// The revenue history the baseline is fitted to: the contiguous run on one basis ending
// at T (tail), its values and their places.
struct RevenueHistory {
  Points tail;
  std::vector<double> values;
  std::vector<std::string> origins;
};

RevenueHistory read_revenue_history(const dataset::Company& company, const Points& revenue, Points::const_iterator end,
                                    Quarter last) {
  RevenueHistory h;
  h.tail = dataset::contiguous_tail(Points(revenue.begin(), end));
  for (const auto& p : h.tail) {
    // The baseline is fitted to logarithms and ratios of these: a quarter that is not
    // positive is named here, where its place is known.
    if (!(p.value > 0))
      throw DataError(
          fmt::format("{}/value: company {}: revenue {} is {} {}; expected a positive revenue to fit the "
                      "baseline to",
                      p.origin, company.id, p.period.to_string(), p.value, p.unit));
    h.values.push_back(p.value);
    h.origins.push_back(p.origin);
  }
  if (h.values.size() < 2)
    throw DataError(fmt::format("{}: company {}: {} contiguous quarter(s) of revenue up to {}; expected at least 2",
                                company.origin, company.id, h.values.size(), last.to_string()));
  return h;
}

// The core revenue baseline on the history, with AI revenue backed out at the scenario's
// statement carried to T, and Monte Carlo's baseline error.
void fit_revenue_baseline(const dataset::Company& company, const CompanyDrivers& d, const EngineOptions& options,
                          const RevenueHistory& rh, CalibratedCompany& c) {
  const std::vector<double>& history = rh.values;
  const Quarter last = c.last_reported;
  c.last_revenue = history.back();
  // The scenario states AI's share in one quarter; from another last quarter (a backtest
  // origin) it is carried there at AI's growth relative to revenue's trailing growth.
  c.revenue_growth = history.size() >= 5 ? history.back() / history[history.size() - 5] - 1  // a year, when known
                                         : std::numeric_limits<double>::quiet_NaN();
  const AiStatement ai = ai_statement(d, last, c.revenue_growth);
  const double ai_share = ai.share, ai_growth = ai.growth;
  c.ai_share_scale = ai.scale;
  const CoreBaseline core = fit_core_baseline({.revenue = history,
                                               .origins = rh.origins,
                                               .company = company.id,
                                               .file = company.origin,
                                               .first = rh.tail.front().period,
                                               .ai_share = ai_share,
                                               .ai_growth = ai_growth,
                                               .horizon = options.horizon,
                                               .model = options.baseline_model});
  c.baseline = core.core;
  c.seasonal_ratio = core.seasonal_ratio;
  c.revenue_history = history;
  c.history_first = rh.tail.front().period;
  // Monte Carlo's baseline error: the 95 % interval's width in standard deviations, on the
  // revenue-equivalent scale of baseline_revenue.
  c.baseline_revenue.assign(core.core.mean.size(), 0.0);
  c.baseline_sd.assign(core.core.mean.size(), 0.0);
  revenue_equivalent(core.core, ai_share, c.baseline_revenue, c.baseline_sd);
  c.notes.push_back(
      fmt::format("core revenue baseline: {} on seasonally adjusted core revenue (revenue less AI "
                  "revenue backed out at a {:.1f} % share in {}, growing {:.0f} % a year)",
                  core.core.description, 100 * ai_share, last.to_string(), 100 * ai_growth));
  const auto& sf = core.seasonal;
  c.notes.push_back(fmt::format(
      "seasonal factors Q1..Q4 {:.3f} {:.3f} {:.3f} {:.3f} (unshrunk {:.3f} {:.3f} {:.3f} "
      "{:.3f}; weights {:.2f} {:.2f} {:.2f} {:.2f} from {} quarters of core revenue)",
      sf.factor[0], sf.factor[1], sf.factor[2], sf.factor[3], sf.unshrunk[0], sf.unshrunk[1], sf.unshrunk[2],
      sf.unshrunk[3], sf.weight[0], sf.weight[1], sf.weight[2], sf.weight[3], history.size()));
}

// Reported capex on the timeline, the company's guidance, and the reported part of each
// quarter's capex.
void reported_capex_and_guidance(const dataset::Company& company, const EngineOptions& options, const Points& capex,
                                 const RevenueHistory& rh, CalibratedCompany& c) {
  c.reported_capex.assign(kT + 1, std::numeric_limits<double>::quiet_NaN());
  for (int j = 0; j <= kT; ++j)
    if (auto v = at(capex, c.timeline_start + j)) c.reported_capex[j] = *v;

  const EngineGuidance guidance =
      engine_guidance(company, c.timeline_start, c.last_reported, options.horizon, rh.tail.back().segment_basis);
  c.capex_guides = guidance.capex;
  c.revenue_guide = guidance.revenue;
  c.revenue_guided =
      std::any_of(c.revenue_guide.begin(), c.revenue_guide.end(), [](double x) { return !std::isnan(x); });

  c.reported_part.assign(static_cast<std::size_t>(c.timeline_size), 0.0);
  c.reported_part_basis.assign(static_cast<std::size_t>(c.timeline_size), CapexBasis::none);
  c.first_reported_capex =
      reported_capex_part(c.timeline_start, c.last_reported, c.reported_capex, c.reported_part, c.reported_part_basis);
}

// The calibration window: the last four quarters with revenue and operating income, with
// the tracked vintages' gross cost and depreciation and the existing base's unit run-off.
struct CalibrationWindow {
  std::vector<double> r, o, vg, vd, eg, ed;
  std::vector<Quarter> used;
};

CalibrationWindow read_calibration_window(const dataset::Company& company, const ReportedSeries& s,
                                          const PathWorkspace& ws, double life_old, const CalibratedCompany& c) {
  CalibrationWindow w;
  auto& [r, o, vg, vd, eg, ed, used] = w;
  for (int k = 0; k < kCalibrationQuarters; ++k) {
    const Quarter q = c.timeline_start + kWindow0 + k;
    auto rv = at(s.revenue, q);
    auto ov = at(s.oi, q);
    if (!rv || !ov) continue;
    r.push_back(*rv);
    o.push_back(*ov);
    used.push_back(q);
    vg.push_back(ws.gross_all[kWindow0 + k]);
    vd.push_back(ws.depreciation_all[kWindow0 + k]);
    eg.push_back(existing_gross(life_old, k));
    ed.push_back(existing_depreciation(life_old, k));
  }
  if (r.size() < 2)
    throw DataError(
        fmt::format("{}: company {}: {} of the last {} quarters have revenue and operating_income; expected at "
                    "least 2 to calibrate",
                    company.origin, company.id, r.size(), kCalibrationQuarters));
  return w;
}

// The same fit without each quarter in turn: how much the cost structure hangs on one.
void refit_leaving_one_out(const CalibrationWindow& w, const CalibrationInput& in, const CompanyDrivers& d,
                           CalibratedCompany& c) {
  const auto& [r, o, vg, vd, eg, ed, used] = w;
  if (r.size() >= 3) {
    for (std::size_t k = 0; k < r.size(); ++k) {
      auto without = [k](const std::vector<double>& v) {
        std::vector<double> out;
        for (std::size_t i = 0; i < v.size(); ++i)
          if (i != k) out.push_back(v[i]);
        return out;
      };
      const auto r2 = without(r), o2 = without(o), vg2 = without(vg), vd2 = without(vd), eg2 = without(eg),
                 ed2 = without(ed);
      CalibrationInput in2 = in;
      in2.revenue = r2;
      in2.operating_income = o2;
      in2.vintage_gross = vg2;
      in2.vintage_depreciation = vd2;
      in2.existing_gross_unit = eg2;
      in2.existing_depreciation_unit = ed2;
      const CalibrationFit refit = fit_costs(in2);
      c.leave_one_out.push_back(
          {.left_out = used[k],
           .variable_cost_ratio =
               refit.variable_cost_ratio - (std::isnan(d.variable_cost_ratio) ? refit.last_residual_margin : 0.0),
           .capacity_cost_ratio = refit.capacity_cost_ratio,
           .existing_gross = refit.existing_gross});
    }
  }
}

// The cost structure fitted to the window (calibration.hpp), anchored at T, and the net
// book value of everything in service at T. Returns the fit for the notes.
CalibrationFit fit_cost_structure(const dataset::Company& company, const CompanyDrivers& d, const ReportedSeries& s,
                                  const PathWorkspace& ws, double life_old, CalibratedCompany& c) {
  const CalibrationWindow w = read_calibration_window(company, s, ws, life_old, c);
  const auto& [r, o, vg, vd, eg, ed, used] = w;
  CalibrationInput in{r, o, vg, vd, eg, ed, 4 * c.last_revenue / kAssetTurnoverPrior, kCapacityRatioPrior};
  if (!std::isnan(d.variable_cost_ratio)) in.fixed_variable_ratio = d.variable_cost_ratio;
  if (!std::isnan(d.capacity_cost_ratio)) in.fixed_capacity_ratio = d.capacity_cost_ratio;
  const CalibrationFit fit = fit_costs(in);
  refit_leaving_one_out(w, in, d, c);
  c.existing_gross = fit.existing_gross;
  c.fixed_cost_share = (fit.capacity_cost_ratio * (fit.existing_gross * eg.back() + vg.back()) +
                        fit.existing_gross * ed.back() + vd.back()) /
                       r.back();
  // Anchored at T like the revenue baseline: the fit's miss in T, as a share of revenue,
  // comes off the variable cost ratio, so the projection starts from T's reported margin.
  const double anchor = std::isnan(d.variable_cost_ratio) ? fit.last_residual_margin : 0.0;
  c.calibration = Calibration{.variable_cost_ratio = fit.variable_cost_ratio - anchor,
                              .capacity_cost_ratio = fit.capacity_cost_ratio,
                              .anchor_margin = anchor,
                              .existing_asset_base = 0,
                              .max_abs_error = fit.max_abs_error,
                              .max_rel_error = fit.max_rel_error,
                              .max_margin_error = fit.max_margin_error,
                              .tolerance = kCalibrationTolerance,
                              .quarters_used = static_cast<int>(r.size())};
  // Net book value at T of everything in service: the existing base's remaining value
  // plus the tracked vintages' undepreciated cost.
  double nbv = fit.existing_gross * 0.5;
  for (int k = 0; k < kCalibrationQuarters; ++k) nbv -= fit.existing_gross * existing_depreciation(life_old, k);
  for (int j = 0; j <= kT; ++j) nbv += ws.timeline_capex[j] - ws.depreciation_all[j];
  c.calibration.existing_asset_base = nbv;
  return fit;
}

// The margin's recent trend, on the quarters up to T that have both figures on the
// projection bases, without a gap.
void measure_margin_trend(const CompanyDrivers& d, const ReportedSeries& s, CalibratedCompany& c) {
  const Points& revenue = s.revenue;
  const Points& oi = s.oi;
  std::vector<double> margins;
  for (Quarter q = c.last_reported; margins.size() <= static_cast<std::size_t>(kMarginTrendChanges); q = q - 1) {
    const auto rv = at(revenue, q), ov = at(oi, q);
    if (!rv || !ov || !(*rv > 0)) break;
    margins.insert(margins.begin(), *ov / *rv);
  }
  const MarginTrend trend = estimate_margin_trend(margins);
  c.margin_trend = trend.per_quarter;
  if (trend.changes == 0)
    c.notes.push_back(fmt::format("margin trend: none ({} contiguous quarters of margin up to {}; {} needed)",
                                  margins.size(), c.last_reported.to_string(), kMarginTrendChanges + 1));
  else if (trend.weight == 0 || d.margin_trend_damping == 0)
    c.notes.push_back(fmt::format(
        "margin trend: {:+.2f} points a quarter over the last {} quarters (standard error {:.2f}); not carried "
        "({})",
        100 * trend.mean_change, trend.changes, 100 * trend.standard_error,
        trend.weight == 0 ? "within its noise" : "margin_trend_damping 0"));
  else
    c.notes.push_back(fmt::format(
        "margin trend: {:+.2f} points a quarter over the last {} quarters (standard error {:.2f}), kept at "
        "weight {:.2f}: {:+.2f} points a quarter, damped by margin_trend_damping {} to {:+.1f} points in all",
        100 * trend.mean_change, trend.changes, 100 * trend.standard_error, trend.weight, 100 * trend.per_quarter,
        d.margin_trend_damping, 100 * trend.per_quarter * d.margin_trend_damping / (1 - d.margin_trend_damping)));
}

// The reported quarters shown before the projection.
void fill_reported_history(const dataset::Company& company, const CompanyDrivers& d, const ReportedSeries& s,
                           const PathWorkspace& ws, CalibratedCompany& c) {
  const Points& revenue = s.revenue;
  const Points& oi = s.oi;
  const Points& capex = s.capex;
  double cumulative = 0;
  for (int k = 0; k < kCalibrationQuarters; ++k) {
    const int j = kWindow0 + k;
    const Quarter q = c.timeline_start + j;
    QuarterFigures f;
    f.period = q;
    f.fiscal_period = dataset::fiscal_label(q, company.fiscal_year_end_month);
    f.actual = true;
    f.revenue = at(revenue, q);
    f.operating_income = at(oi, q);
    if (f.revenue && f.operating_income && *f.revenue != 0) f.operating_margin = *f.operating_income / *f.revenue;
    const bool revenue_recalled = recalled_at(revenue, q), oi_recalled = recalled_at(oi, q);
    if (revenue_recalled) f.recalled.emplace_back("revenue");
    if (oi_recalled) f.recalled.emplace_back("operating_income");
    if (revenue_recalled || oi_recalled) f.recalled.emplace_back("operating_margin");
    const CapexBasis b = ws.capex_basis[j];
    if (b != CapexBasis::none) {
      f.capex = ws.timeline_capex[j];
      if (d.capex_cloud_share > 0) f.capex_company = ws.timeline_capex[j] / d.capex_cloud_share;
      // Reported company capex scaled to the cloud segment is our derivation.
      f.capex_basis = b == CapexBasis::reported && d.capex_cloud_share != 1.0 ? "derived" : basis_name(b);
      if (b == CapexBasis::reported && recalled_at(capex, q))
        f.recalled.insert(f.recalled.end(), {"capex", "capex_company"});
      cumulative += *f.capex;
      f.cumulative_capex = cumulative;
      if (f.revenue && *f.revenue > 0) f.capex_intensity = *f.capex / *f.revenue;
    }
    c.history.push_back(f);
  }
}

// The reference path for cost discipline: these drivers, the reported useful life, no
// discipline (c.reference_fixed_share is still empty, so project_path applies none).
void set_reference_fixed_share(const CompanyDrivers& d, const EngineOptions& options, CalibratedCompany& c) {
  CompanyDrivers reference = d;
  reference.useful_life = d.reported_useful_life;
  PathWorkspace rws(options.horizon);
  project_path(c, reference, rws);
  for (int h = 0; h < options.horizon; ++h) {
    const auto u = static_cast<std::size_t>(h);
    c.reference_fixed_share.push_back((rws.capacity_cost[u] + rws.depreciation[u]) / rws.revenue[u]);
  }
}

// Caches for project_path (see CalibratedCompany): same expressions, same values.
void fill_path_caches(const CompanyDrivers& d, double life_old, CalibratedCompany& c) {
  c.capex_template = capex_plan_template(d, c.timeline_start, c.last_reported, c.reported_capex, c.first_reported_capex,
                                         c.reported_part, c.reported_part_basis, c.capex_guides);
  c.runoff_life_years = d.reported_useful_life;
  const ExistingRunoff existing(life_old);
  for (int h = 1; h <= c.horizon; ++h) {
    const int k = kWindow0 > 0 ? kT + h - kWindow0 : kT + h;
    c.existing_gross_runoff.push_back(c.existing_gross * existing.gross(k));
    c.existing_depreciation_runoff.push_back(c.existing_gross * existing.depreciation(k));
  }
}

}  // namespace

CalibratedCompany calibrate(const dataset::Company& company, const CompanyDrivers& d, const EngineOptions& options) {
  if (options.horizon < 1 || options.horizon > kMaxHorizon)
    throw UsageError(fmt::format("--horizon: expected an integer in [1, {}], got {}", kMaxHorizon, options.horizon));
  const ReportedSeries s{dataset::series(company, "revenue"), dataset::series(company, "operating_income"),
                         dataset::series(company, "capex")};
  const Points& revenue = s.revenue;
  const Points& oi = s.oi;

  // T: the last quarter with both revenue and operating income.
  auto t_it = std::find_if(revenue.rbegin(), revenue.rend(),
                           [&](const dataset::Point& p) { return at(oi, p.period).has_value(); });
  const std::optional<Quarter> last = t_it == revenue.rend() ? std::nullopt : std::optional<Quarter>(t_it->period);
  if (!last)
    throw DataError(
        fmt::format("{}: company {}: no quarter with both revenue and operating_income; expected at least 2",
                    company.origin, company.id));
  CalibratedCompany c;
  c.id = company.id;
  c.currency = company.currency;
  c.fiscal_year_end_month = company.fiscal_year_end_month;
  c.horizon = options.horizon;
  c.last_reported = *last;
  c.timeline_start = *last - kT;
  c.timeline_size = kT + 1 + options.horizon;
  c.baseline_model = options.baseline_model;

  const RevenueHistory rh = read_revenue_history(company, revenue, t_it.base(), *last);
  fit_revenue_baseline(company, d, options, rh, c);
  reported_capex_and_guidance(company, options, s.capex, rh, c);

  PathWorkspace ws(options.horizon);
  compute_vintages(c, d, ws, 0);
  const double life_old = 4 * d.reported_useful_life;
  const CalibrationFit fit = fit_cost_structure(company, d, s, ws, life_old, c);
  measure_margin_trend(d, s, c);
  if (fit.max_margin_error > kCalibrationTolerance)
    c.notes.push_back(
        fmt::format("calibration misses reported operating income by up to {:.1f} margin points "
                    "(tolerance {:.1f})",
                    100 * fit.max_margin_error, 100 * kCalibrationTolerance));

  fill_reported_history(company, d, s, ws, c);
  set_reference_fixed_share(d, options, c);
  backlog_anchor(company, d, rh.tail, c);
  fill_path_caches(d, life_old, c);
  return c;
}

namespace {

// project_path's revenue indexes after h quarters: AI demand (revenue per quarter at T's
// prices), AI price, the core's own growth and its growth shift, each compounded by its
// quarterly rate.
struct RevenueIndexes {
  double demand = 0, price = 1, core = 1, shift = 1;
  void step(double demand_rate, double price_rate, double core_rate, double shift_rate) {
    demand *= 1 + demand_rate;
    price *= 1 + price_rate;
    core *= 1 + core_rate;
    shift *= 1 + shift_rate;
  }
};

// project_path's last pass: depreciation, capacity cost, operating income, margin and
// free cash flow of quarters u = 0..h_max-1, the four headline metrics written straight
// into their rows (quarter u at data[u * stride]; the margin not at all when its row's
// data is null). Every array is distinct (__restrict), so the loop vectorises, strided
// stores included.
void income_and_cash(int h_max, double cc, const double* __restrict revenue, const double* __restrict variable_cost,
                     const double* __restrict depreciation_runoff, const double* __restrict depreciation_all,
                     const double* __restrict gross_runoff, const double* __restrict gross_all,
                     const double* __restrict capex, double* __restrict dep, double* __restrict capacity_cost,
                     PathRow revenue_row, PathRow income_row, PathRow margin_row, PathRow cash_row) {
  double* __restrict revenue_out = revenue_row.data;
  double* __restrict income_out = income_row.data;
  double* __restrict margin_out = margin_row.data;
  double* __restrict cash_out = cash_row.data;
  const std::size_t rs = revenue_row.stride, is = income_row.stride, ms = margin_row.stride, cs = cash_row.stride;
  for (int u = 0; u < h_max; ++u) {
    const auto w = static_cast<std::size_t>(u);
    dep[u] = depreciation_runoff[u] + depreciation_all[u];
    capacity_cost[u] = cc * (gross_runoff[u] + gross_all[u]);
    const double oi = revenue[u] - variable_cost[u] - capacity_cost[u] - dep[u];
    revenue_out[w * rs] = revenue[u];
    income_out[w * is] = oi;
    if (margin_out) margin_out[w * ms] = oi / revenue[u];  // null: left to the caller
    cash_out[w * cs] = oi + dep[u] - capex[u];
  }
}

}  // namespace

void project_path(const CalibratedCompany& c, const CompanyDrivers& d, PathWorkspace& ws) {
  // The rates first, so that their square roots may overlap compute_vintages. A core
  // taken from the baseline never reads its own growth index, so its rate is not taken.
  const double v = quarterly_rate(d.ai_volume_growth), p = quarterly_rate(d.ai_price_change);
  const bool core_from_baseline = d.core_from_baseline;
  const double core_g = core_from_baseline ? 0.0 : quarterly_rate(d.core_growth);
  const double shift = quarterly_rate(d.core_growth_shift);
  const int h_max = c.horizon;
  if (h_max < 1 || h_max > kMaxHorizon)  // the passes below keep quarters in arrays of kMaxHorizon
    throw UsageError(fmt::format("--horizon: expected an integer in [1, {}], got {}", kMaxHorizon, h_max));
  compute_vintages(c, d, ws, kT + 1);
  const double life_old = 4 * d.reported_useful_life;
  const double vc =
      effective_ratio(c.calibration.variable_cost_ratio, d.variable_cost_ratio, d.variable_cost_ratio_change, 1.0);
  const double cc =
      effective_ratio(c.calibration.capacity_cost_ratio, d.capacity_cost_ratio, d.capacity_cost_ratio_change, 1.0);
  const double ai_share = std::min(0.95, d.ai_share * c.ai_share_scale);  // in T (see calibrate)
  const double ai0 = ai_share * c.last_revenue;
  const double capacity0 = ai0 / d.ai_initial_utilization;  // AI capacity at T, revenue per quarter at T prices
  const double new_capacity_per_unit = d.ai_capacity_turnover / 4 * d.ai_capex_share;
  const bool runoff_cached = static_cast<int>(c.existing_gross_runoff.size()) == h_max &&
                             static_cast<int>(c.existing_depreciation_runoff.size()) == h_max &&
                             same_bits(d.reported_useful_life, c.runoff_life_years);
  // Everything the loops read, in locals: stores go through double pointers, which the
  // compiler must otherwise assume may change any double member of c, d or ws.
  const double core_share = 1 - ai_share;
  const double level_shift = 1 + d.core_level_shift;  // moves the baseline's level (sensitivity, scenarios)
  const double max_utilization = d.max_utilization;
  const double fixed_cost_share = c.fixed_cost_share;
  const double discipline = d.cost_discipline;
  const double margin_trend = c.margin_trend, trend_damping = d.margin_trend_damping;
  const double* reference_fixed_share = c.reference_fixed_share.empty() ? nullptr : c.reference_fixed_share.data();
  const double last_revenue = c.last_revenue;
  const double* baseline_revenue = c.baseline_revenue.data();
  const double* seasonal_ratio = c.seasonal_ratio.data();
  const double* revenue_guide =
      d.use_guidance >= 0.5 && c.revenue_guided && !c.revenue_guide.empty() ? c.revenue_guide.data() : nullptr;
  // Projected quarter h = u + 1 is timeline quarter kT + 1 + u.
  const double* gross_new = ws.gross_new.data() + kT + 1;
  const double* gross_all = ws.gross_all.data() + kT + 1;
  const double* depreciation_all = ws.depreciation_all.data() + kT + 1;
  const double* timeline_capex = ws.timeline_capex.data() + kT + 1;

  // The loop over quarters in passes, so that the passes without a carried value
  // vectorise: per quarter the same operations in the same order as one loop would do.
  // 1. What compounds from quarter to quarter: the revenue indexes and the margin
  //    trend's damping factor phi + ... + phi^h.
  constexpr auto kN = static_cast<std::size_t>(kMaxHorizon);
  double demand[kN], price[kN], core_index[kN], shift_index[kN], trend_factor[kN];
  {
    // Two quarters a step, each array's pair stored at once: the vector passes load them
    // as pairs, and a load that spans two separate stores waits for both to reach the
    // cache (no store-to-load forwarding).
    RevenueIndexes ix{.demand = ai0};
    double damping_power = 1, factor = 0;
    int u = 0;
    for (; u + 1 < h_max; u += 2) {
      ix.step(v, p, core_g, shift);
      const RevenueIndexes first = ix;
      damping_power *= trend_damping;
      factor += damping_power;
      const double first_factor = factor;
      ix.step(v, p, core_g, shift);
      damping_power *= trend_damping;
      factor += damping_power;
      store_pair(demand + u, first.demand, ix.demand);
      store_pair(price + u, first.price, ix.price);
      store_pair(core_index + u, first.core, ix.core);
      store_pair(shift_index + u, first.shift, ix.shift);
      store_pair(trend_factor + u, first_factor, factor);
    }
    if (u < h_max) {
      ix.step(v, p, core_g, shift);
      damping_power *= trend_damping;
      factor += damping_power;
      demand[u] = ix.demand;
      price[u] = ix.price;
      core_index[u] = ix.core;
      shift_index[u] = ix.shift;
      trend_factor[u] = factor;
    }
  }
  // Quarter u + 1's core before the backlog anchor, guidance and growth shift, and its AI
  // revenue (served demand at the quarter's price, demand capped by capacity in service).
  const auto core_before_anchor = [&](int u) {
    const double level = core_from_baseline ? baseline_revenue[u] : last_revenue * core_index[u] * seasonal_ratio[u];
    return core_share * level * level_shift;
  };
  const auto capacity_at = [&](int u) { return capacity0 + new_capacity_per_unit * gross_new[u]; };
  // 2. The backlog anchor: one factor on the core level so that revenue over h = 1..4
  //    (the AI path as it is, guidance aside) is backlog_revenue; 1 without an anchor.
  double anchor = 1;
  if (!std::isnan(c.backlog_revenue)) {
    const int n = std::min(4, h_max);
    double core_sum = 0, ai_sum = 0;
    for (int u = 0; u < n; ++u) {
      core_sum += core_before_anchor(u) * shift_index[u];
      ai_sum += price[u] * std::min(demand[u], max_utilization * capacity_at(u));
    }
    if (core_sum > 0) anchor = std::max(0.0, (c.backlog_revenue * n / 4 - ai_sum) / core_sum);
  }
  // 3. Core and AI revenue.
  double core[kN], capacity[kN], served[kN], ai[kN];
  const auto revenue_parts = [&](auto from_baseline) {
    for (int u = 0; u < h_max; ++u) {
      const double level = from_baseline ? baseline_revenue[u] : last_revenue * core_index[u] * seasonal_ratio[u];
      core[u] = core_share * level * level_shift * anchor * shift_index[u];
      capacity[u] = capacity_at(u);
      served[u] = std::min(demand[u], max_utilization * capacity[u]);
      ai[u] = price[u] * served[u];
    }
  };
  if (core_from_baseline)
    revenue_parts(std::true_type{});
  else
    revenue_parts(std::false_type{});
  // 4. Guided revenue (a midpoint) is met by the core: AI keeps its own path, and the
  //    core's new level carries on into the quarters after. Multiplying by the level
  //    while it is 1 changes no bit.
  if (revenue_guide) {
    double guided_level = 1;
    for (int u = 0; u < h_max; ++u) {
      core[u] *= guided_level;
      if (revenue_guide[u] == revenue_guide[u] && revenue_guide[u] - ai[u] > 0) {
        guided_level *= (revenue_guide[u] - ai[u]) / core[u];
        core[u] = revenue_guide[u] - ai[u];
      }
    }
  }
  // 5. The existing base's run-off, when not cached.
  double runoff_gross[kN], runoff_depreciation[kN];
  const double* gross_runoff = c.existing_gross_runoff.data();
  const double* depreciation_runoff = c.existing_depreciation_runoff.data();
  if (!runoff_cached) {
    const ExistingRunoff existing(life_old);
    const double existing_gross = c.existing_gross;
    for (int u = 0; u < h_max; ++u) {
      const int k = kT + 1 + u - kWindow0;  // quarters since the calibration window began
      runoff_gross[u] = existing_gross * existing.gross(k);
      runoff_depreciation[u] = existing_gross * existing.depreciation(k);
    }
    gross_runoff = runoff_gross;
    depreciation_runoff = runoff_depreciation;
  }
  // 6. Costs, income, margin and cash. Cost discipline absorbs its share of the reference
  //    path's ramp (none on the reference path itself); the margin's trend moves the
  //    other costs the same way. The floor at 0 ends a loop of its own: GCC 12
  //    vectorises no loop that uses the select's result further.
  double revenue[kN], variable_cost[kN];
  const auto variable_costs = [&](auto disciplined) {
    for (int u = 0; u < h_max; ++u) {
      const double r = core[u] + ai[u];
      const double absorbed = disciplined ? discipline * (reference_fixed_share[u] - fixed_cost_share) * r : 0.0;
      const double costs = vc * r - absorbed - margin_trend * trend_factor[u] * r;
      revenue[u] = r;
      variable_cost[u] = 0.0 < costs ? costs : 0.0;  // std::max(0.0, costs)
    }
  };
  if (reference_fixed_share)
    variable_costs(std::true_type{});
  else
    variable_costs(std::false_type{});
  double dep[kN], capacity_cost[kN];
  const auto row = [&](PathWorkspace::Row to, std::vector<double>& array) {
    return to.data ? to : PathWorkspace::Row{array.data(), 1};
  };
  income_and_cash(h_max, cc, revenue, variable_cost, depreciation_runoff, depreciation_all, gross_runoff, gross_all,
                  timeline_capex, dep, capacity_cost, row(ws.revenue_to, ws.revenue),
                  row(ws.operating_income_to, ws.operating_income),
                  ws.margin_by_caller ? PathRow{} : row(ws.operating_margin_to, ws.operating_margin),
                  row(ws.free_cash_flow_to, ws.free_cash_flow));
  if (!ws.breakdown) return;
  double cumulative = 0;
  for (int j = kWindow0; j <= kT; ++j) cumulative += ws.timeline_capex[j];
  for (int u = 0; u < h_max; ++u) {
    const auto w = static_cast<std::size_t>(u);
    const double capex = timeline_capex[u];
    cumulative += capex;
    ws.core_revenue[w] = core[u];
    ws.ai_revenue[w] = ai[u];
    ws.capex[w] = capex;
    ws.depreciation[w] = dep[u];
    ws.variable_cost[w] = variable_cost[u];
    ws.capacity_cost[w] = capacity_cost[u];
    ws.utilization[w] = capacity[u] > 0 ? served[u] / capacity[u] : 0.0;
    ws.cumulative_capex[w] = cumulative;
    ws.capex_intensity[w] = capex / revenue[u];
  }
}

std::vector<double> fx_path(const dataset::Dataset& data, const FxPath& fx, Quarter last, int horizon) {
  std::vector<double> out;
  if (!fx.path.empty()) {
    for (int h = 0; h < horizon; ++h) out.push_back(fx.path[std::min<std::size_t>(h, fx.path.size() - 1)]);
    return out;
  }
  double start = fx.cny_per_usd;
  if (std::isnan(start)) {
    // The last rate at or before the last reported quarter; the reference data hold
    // period-end rates (docs/data.md), used as they are.
    for (const auto& r : data.fx)
      if (r.period <= last) start = r.cny_per_usd;
    if (std::isnan(start) && !data.fx.empty()) start = data.fx.back().cny_per_usd;
    if (std::isnan(start))
      throw DataError("fx: no CNY per USD rate in the data; expected fx.json or a scenario fx.cny_per_usd");
  }
  const double q = quarterly_rate(fx.annual_change);
  for (int h = 1; h <= horizon; ++h) out.push_back(start * std::pow(1 + q, h - 1));
  return out;
}

Projection project(const dataset::Dataset& data, const Scenario& scenario, const EngineOptions& options) {
  if (options.horizon < 1 || options.horizon > kMaxHorizon)
    throw UsageError(fmt::format("--horizon: expected an integer in [1, {}], got {}", kMaxHorizon, options.horizon));
  std::vector<std::string> ids = options.companies;
  std::vector<std::string> known;
  for (const auto& company : data.companies) known.push_back(company.id);
  if (ids.empty()) ids = known;
  for (const auto& id : ids)
    if (std::find(known.begin(), known.end(), id) == known.end())
      throw UsageError("--company: " + util::unknown_name_message("company", id, known));

  Projection result;
  result.scenario = scenario.name;
  result.horizon = options.horizon;
  PathWorkspace ws(options.horizon);
  for (const auto& company : data.companies) {
    if (std::find(ids.begin(), ids.end(), company.id) == ids.end()) continue;
    const CompanyDrivers& d = scenario.company(company.id);
    const CalibratedCompany c = calibrate(company, d, options);
    project_path(c, d, ws);
    check_projected_figures(company, c, d, ws);
    CompanyProjection cp;
    cp.id = c.id;
    cp.currency = c.currency;
    cp.baseline_model = c.baseline_model;
    cp.baseline = c.baseline;
    cp.calibration = c.calibration;
    cp.notes = c.notes;
    cp.quarters = c.history;
    const double last_margin = ws.operating_margin[static_cast<std::size_t>(options.horizon - 1)];
    stability(c, d, last_margin, cp.calibration);
    double cumulative_fcf = 0;
    bool was_negative = false;
    for (int h = 1; h <= options.horizon; ++h) {
      const auto u = static_cast<std::size_t>(h - 1);
      QuarterFigures f;
      f.period = c.last_reported + h;
      f.fiscal_period = dataset::fiscal_label(f.period, c.fiscal_year_end_month);
      f.actual = false;
      for (const Metric* m : path_metrics()) f.*(m->figure) = (ws.*(m->path))[u];
      if (d.capex_cloud_share > 0) f.capex_company = ws.capex[u] / d.capex_cloud_share;
      f.capex_basis = "plan";
      cumulative_fcf += ws.free_cash_flow[u];
      if (cumulative_fcf < 0) was_negative = true;
      if (was_negative && !cp.payback_quarter_index && cumulative_fcf >= 0)
        cp.payback_quarter_index = static_cast<int>(cp.quarters.size());
      cp.quarters.push_back(f);
    }
    if (!c.leave_one_out.empty())
      cp.notes.push_back(fmt::format(
          "{}cost fit stability: leaving out one of the {} calibration quarters gives a variable cost ratio of "
          "{:.3f}..{:.3f} and a capacity cost ratio of {:.4f}..{:.4f}, and moves the {} operating margin by up to "
          "{:.1f} points{}",
          cp.calibration.loo_margin_move > kStabilityMarginWarning ? "warning: " : "", cp.calibration.quarters_used,
          cp.calibration.loo_variable_cost_min, cp.calibration.loo_variable_cost_max,
          cp.calibration.loo_capacity_cost_min, cp.calibration.loo_capacity_cost_max,
          (c.last_reported + options.horizon).to_string(), 100 * cp.calibration.loo_margin_move,
          cp.calibration.loo_margin_move > kStabilityMarginWarning ? " (more than 3: the fit hangs on one quarter)"
                                                                   : ""));
    cp.guidance =
        check_guidance(company, c, d, ws, cp.quarters, dataset::projection_basis(company, "revenue").value_or(""));
    for (const auto& k : cp.guidance)
      if (k.status == "above" || k.status == "below")
        cp.notes.push_back(
            fmt::format("the projection departs from guidance {} ({} {}): {:.0f} against {:.0f}..{:.0f} {}", k.id,
                        k.metric, k.period_label, *k.projected, k.low, k.high, k.unit));
    if (!was_negative) {
      cp.payback = "self-funding";
      cp.notes.push_back("cumulative free cash flow stays positive: the build-out is self-funding");
    } else if (!cp.payback_quarter_index) {
      cp.payback = "beyond horizon";
      cp.notes.push_back("cumulative free cash flow does not turn positive within the horizon");
    } else {
      cp.payback = cp.quarters[static_cast<std::size_t>(*cp.payback_quarter_index)].period.to_string();
    }
    result.companies.push_back(std::move(cp));
  }
  return result;
}

}  // namespace cloudcast::model
