#include "cloudcast/model/montecarlo_scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>
#include <memory>

#include "cloudcast/error.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/valuation.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/core_baseline.hpp"
#include "model/core_refit_lanes.hpp"
#include "model/figure_check.hpp"
#include "model/path_engine.hpp"

namespace cloudcast::model {

namespace {

// What every evaluator shares (read-only).
struct Shared {
  OutputLayout layout;
  std::vector<CalibratedCompany> calibrated;
  std::vector<CompanyDrivers> drivers;  // point values
  std::vector<int> offset;              // layout quarter index of each company's h = 1
  std::vector<std::pair<std::size_t, double CompanyDrivers::*>> targets;  // per uncertain driver
  bool baseline_error = false;
};

// The metrics a path's values (path_values(): NPV, IRR) are computed from.
constexpr std::array<std::string_view, 3> kValueInputs{"free_cash_flow", "operating_income", "depreciation"};

std::size_t metric_column(std::string_view id) {
  const auto& ids = path_metric_ids();
  return static_cast<std::size_t>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

// The drivers of the AI statement the core baseline is fitted at (ai_statement()): a path
// that moves one refits it.
constexpr std::array<double CompanyDrivers::*, 3> kAiStatement{
    &CompanyDrivers::ai_share, &CompanyDrivers::ai_volume_growth, &CompanyDrivers::ai_price_change};

std::array<double, 3> ai_key(const CompanyDrivers& d) {
  return {d.*kAiStatement[0], d.*kAiStatement[1], d.*kAiStatement[2]};
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

// Paths whose core baselines are refitted together, company by company (CoreRefitBatch); a
// bigger chunk goes through in batches of this many.
constexpr std::size_t kRefitBatch = 32;

// A company's core baselines over a batch of paths (docs/decisions/0750): the calibrated
// one for a path whose AI drivers are the calibrating ones (bitwise), else a refit at the
// path's statement, all the batch's refits in one CoreRefitBatch::fit. Preallocated.
struct CompanyRefits {
  CoreRefitBatch batch;
  std::array<double, 3> point_key;  // the calibrating AI statement (kAiStatement)
  // Where each of the statement's drivers is in a path's values, or -1 for one that is
  // not uncertain: the key is read from the values without setting every driver.
  std::array<std::ptrdiff_t, 3> key_value{-1, -1, -1};
  StatementPlan statement;                         // ai_statement()'s other inputs
  std::vector<double> ai_share, volume, price;     // per refit: its three AI drivers (kAiStatement order)
  std::size_t count = 0;                           // refits in the current batch
  std::array<std::ptrdiff_t, kRefitBatch> slot{};  // per path of the batch: its refit, or -1
  std::vector<double> share, growth, scale;        // per refit: its AI statement (ai_statement())
  std::vector<double> level, sd, ratio;            // per refit, horizon each: CoreRefitBatch::fit's
  std::vector<unsigned char> valid;                // per refit: false when the history cannot carry it
  // to_error_scale's divisor of each refit's sd: the calibrated sd (1 where it is 0),
  // once per refit of a batch; the quarters whose calibrated sd is 0 (their shock is
  // taken as drawn); the point values' error scale, all 1.
  std::vector<double> error_divisor;
  std::vector<std::size_t> unscaled;
  std::vector<double> unit_scale;
  bool at_point = true;  // the evaluator's calibration holds the calibrated baseline's ratio and scale
};

// Where a company's values go in the run's output, settled once per evaluator (the
// layout and the metrics read are fixed), so that a path only follows the lists.
struct CompanyRows {
  std::size_t begin = 0, end = 0;  // its quarters' place in the layout's
  // Its own quarters go straight into the output for the headline metrics when the
  // horizon lies inside the layout (always so for a layout built from the companies'
  // horizons): the workspace row and the layout index of (company, metric, begin).
  std::vector<std::pair<PathRow PathWorkspace::*, std::size_t>> direct;
  // The other metrics read: the workspace array and the layout index of (company,
  // metric, 0), their quarters [begin, end) copied from it.
  std::vector<std::pair<std::vector<double> PathWorkspace::*, std::size_t>> copied;
  // Every metric read, by the layout index of (company, metric, 0), when some of the
  // layout's quarters lie outside the company's (NaN there); else empty.
  std::vector<std::size_t> outside;
};

// One evaluator's private, preallocated state.
struct EvaluatorState {
  std::shared_ptr<const Shared> shared;
  std::vector<CalibratedCompany> calibrated;  // copies: the baseline revenue takes each path's error
  std::vector<CompanyDrivers> drivers;
  std::vector<PathWorkspace> workspaces;
  std::vector<CompanyRefits> refits;
  std::vector<std::size_t> metrics;  // the layout metrics the run reads
  std::vector<CompanyRows> rows;     // per company
  // Where each uncertain driver's value goes: a member of one of `drivers` (addresses
  // settled once; drivers is never resized after).
  std::vector<double*> targets;
  bool value_run = false;  // the run reads the NPV or IRR
  // Per company: its operating margin divided here, a batch's paths at once (PathWorkspace::
  // margin_by_caller), when the run reads margin, revenue and income and the company's
  // quarters lie inside the layout, so that all three have their rows in out.
  std::vector<char> margin_by_batch;
  std::vector<double> fcf, ebitda, flows;  // the valuation's inputs, sized for the longest horizon

  void operator()(std::span<const double> values, std::span<const double> shocks, std::size_t paths, PathOutput out) {
    const Shared& s = *shared;
    const std::size_t n_values = targets.size(), n_shocks = s.layout.companies.size() * s.layout.quarters.size();
    for (std::size_t first = 0; first < paths; first += kRefitBatch) {
      const std::size_t n = std::min(kRefitBatch, paths - first);
      refit_cores(values.subspan(first * n_values, n * n_values), n);
      for (std::size_t p = 0; p < n; ++p)
        project(values.subspan((first + p) * n_values, n_values), shocks.subspan((first + p) * n_shocks, n_shocks), p,
                out.path(first + p));
      divide_margins(out, first, n);
    }
  }

  // Paths [first, first + n)'s operating margins, income / revenue, a quarter's row at a
  // time in the widest SIMD lanes (IEEE division: the bits project_path would give). A
  // path without values has NaN in both rows (no_values), so NaN as its margin.
  void divide_margins(PathOutput out, std::size_t first, std::size_t n) const {
    const OutputLayout& layout = shared->layout;
    const std::size_t margin = metric_column("operating_margin"), revenue = metric_column("revenue"),
                      income = metric_column("operating_income");
    for (std::size_t c = 0; c < calibrated.size(); ++c) {
      if (!margin_by_batch[c]) continue;
      for (std::size_t q = rows[c].begin; q < rows[c].end; ++q) {
        double* row = &out[layout.index(c, margin, q)] + first;
        std::copy_n(&out[layout.index(c, income, q)] + first, n, row);
        divide_lanes(std::span(row, n), std::span(&out[layout.index(c, revenue, q)] + first, n));
      }
    }
  }

  void set_drivers(std::span<const double> values) {
    for (std::size_t i = 0; i < targets.size(); ++i) *targets[i] = values[i];
  }

  // The core baselines of a batch's paths (values: theirs, path-major), company by company:
  // each path whose AI drivers are not the calibrating ones is refitted at its statement.
  void refit_cores(std::span<const double> values, std::size_t paths) {
    for (CompanyRefits& r : refits) r.count = 0;
    for (std::size_t p = 0; p < paths; ++p) {
      const double* path_values = values.data() + p * targets.size();
      for (std::size_t c = 0; c < refits.size(); ++c) {
        CompanyRefits& r = refits[c];
        // Compared as bit patterns, element by element: an array built here and copied
        // would be read back as one 16-byte load its 8-byte stores cannot forward to.
        const auto value = [&](std::size_t k) {
          return r.key_value[k] >= 0 ? path_values[r.key_value[k]] : r.point_key[k];
        };
        const double ai_share = value(0), volume = value(1), price = value(2);
        if (same_bits(ai_share, r.point_key[0]) && same_bits(volume, r.point_key[1]) &&
            same_bits(price, r.point_key[2])) {
          r.slot[p] = -1;
          continue;
        }
        // The previous refit's statement again (a point mass away from the point value):
        // its refit, the same bits.
        if (const std::size_t last = r.count - 1; r.count > 0 && same_bits(ai_share, r.ai_share[last]) &&
                                                  same_bits(volume, r.volume[last]) &&
                                                  same_bits(price, r.price[last])) {
          r.slot[p] = static_cast<std::ptrdiff_t>(last);
          continue;
        }
        r.ai_share[r.count] = ai_share;
        r.volume[r.count] = volume;
        r.price[r.count] = price;
        r.slot[p] = static_cast<std::ptrdiff_t>(r.count++);
      }
    }
    for (CompanyRefits& r : refits) {
      if (r.count == 0) continue;
      ai_statements(r.statement, {.ai_share = r.ai_share.data(),
                                  .volume = r.volume.data(),
                                  .price = r.price.data(),
                                  .count = r.count,
                                  .share = r.share.data(),
                                  .growth = r.growth.data(),
                                  .scale = r.scale.data()});
      r.batch.fit(std::span(r.share).first(r.count), std::span(r.growth).first(r.count), r.level, r.sd, r.ratio,
                  r.valid);
      if (shared->baseline_error) to_error_scale(r);
    }
  }

  // Each refit's sd as the factor on the runner's shock, which has the calibrated sd:
  // sd / sd0 per quarter, 1 where the calibrated sd is 0 (the shock as drawn). One flat
  // run of divisions in the widest lanes there are, rather than one a path and quarter
  // in project().
  void to_error_scale(CompanyRefits& r) const {
    const std::size_t horizon = r.unit_scale.size(), n = r.count * horizon;
    divide_lanes(std::span(r.sd).first(n), r.error_divisor);
    for (std::size_t k = 0; k < r.count; ++k)
      for (std::size_t h : r.unscaled) r.sd[k * horizon + h] = 1.0;
  }

  // Path p of the batch (its drivers and baseline shocks) into out.
  void project(std::span<const double> values, std::span<const double> shocks, std::size_t p, PathOutput out) {
    const Shared& s = *shared;
    set_drivers(values);
    const std::size_t n_quarters = s.layout.quarters.size();
    for (std::size_t c = 0; c < calibrated.size(); ++c) {
      CalibratedCompany& cal = calibrated[c];
      const CalibratedCompany& point = s.calibrated[c];
      const auto offset = static_cast<std::size_t>(s.offset[c]);
      const auto horizon = static_cast<std::size_t>(cal.horizon);
      CompanyRefits& r = refits[c];
      // The path's core baseline (level and error scale): the calibrated one, or its
      // refit's, whose share scale (and seasonal ratio, read only by a core not on the
      // baseline) go into the calibration the projection reads.
      const double *level = point.baseline_revenue.data(), *error_scale = r.unit_scale.data();
      const bool refitted = r.slot[p] >= 0;
      if (refitted) {
        const auto k = static_cast<std::size_t>(r.slot[p]);
        if (!r.valid[k]) {
          no_values(c, out);
          continue;
        }
        level = r.level.data() + k * horizon;
        error_scale = r.sd.data() + k * horizon;
        if (!drivers[c].core_from_baseline)
          std::copy_n(r.ratio.data() + k * horizon, horizon, cal.seasonal_ratio.begin());
        cal.ai_share_scale = r.scale[k];
        r.at_point = false;
      } else if (!r.at_point) {
        std::copy(point.seasonal_ratio.begin(), point.seasonal_ratio.end(), cal.seasonal_ratio.begin());
        cal.ai_share_scale = point.ai_share_scale;
        r.at_point = true;
        if (!s.baseline_error)
          std::copy(point.baseline_revenue.begin(), point.baseline_revenue.end(), cal.baseline_revenue.begin());
      }
      if (s.baseline_error) {
        // Revenue cannot go negative, whatever the error's normal tail says. The shock has
        // the calibrated sd (the runner's), scaled to the path's own (to_error_scale; 1 at
        // the point values: sd0 / sd0).
        const double* shock = shocks.data() + c * n_quarters + offset;
        for (std::size_t h = 0; h < horizon; ++h)
          cal.baseline_revenue[h] = std::max(0.0, level[h] + shock[h] * error_scale[h]);
      } else if (refitted) {
        std::copy_n(level, horizon, cal.baseline_revenue.begin());
      }
      PathWorkspace& ws = workspaces[c];
      const CompanyRows& plan = rows[c];
      for (const auto& [row, index] : plan.direct) ws.*row = PathWorkspace::Row{&out[index], out.stride};
      project_path(cal, drivers[c], ws);
      for (std::size_t row : plan.outside) {
        for (std::size_t q = 0; q < plan.begin; ++q) out[row + q] = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t q = plan.end; q < n_quarters; ++q) out[row + q] = std::numeric_limits<double>::quiet_NaN();
      }
      for (const auto& [path_values, row] : plan.copied)
        for (std::size_t q = plan.begin; q < plan.end; ++q) out[row + q] = (ws.*path_values)[q - plan.begin];
      if (value_run) value_path(c, plan.begin, plan.end, out);
    }
  }

  // Company c has no value on this path: NaN in each row the run reads (the statistics
  // count it as a path without a value).
  void no_values(std::size_t c, PathOutput out) const {
    const OutputLayout& layout = shared->layout;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t m : metrics)
      for (std::size_t q = 0; q < layout.quarters.size(); ++q) out[layout.index(c, m, q)] = nan;
    if (value_run)
      for (std::size_t v = 0; v < layout.values.size(); ++v) out[layout.value_index(c, v)] = nan;
  }

  // The build-out's NPV and IRR (model/valuation.hpp) from the quarters just written;
  // an undefined IRR is NaN, which the statistics count as a path without a value.
  void value_path(std::size_t c, std::size_t begin, std::size_t end, PathOutput out) {
    const OutputLayout& layout = shared->layout;
    const std::size_t n = end - begin;
    const std::size_t f = layout.index(c, metric_column(kValueInputs[0]), 0),
                      oi = layout.index(c, metric_column(kValueInputs[1]), 0),
                      dep = layout.index(c, metric_column(kValueInputs[2]), 0);
    for (std::size_t q = begin; q < end; ++q) {
      fcf[q - begin] = out[f + q];
      ebitda[q - begin] = out[oi + q] + out[dep + q];
    }
    const FlowValuation v =
        value_flows(std::span(fcf).first(n), std::span(ebitda).first(n), drivers[c], std::span(flows).first(n + 1));
    out[layout.value_index(c, 0)] = v.npv;
    out[layout.value_index(c, 1)] = v.irr ? *v.irr : std::numeric_limits<double>::quiet_NaN();
  }
};

std::vector<std::string> company_ids(const dataset::Dataset& data) {
  std::vector<std::string> ids;
  for (const auto& company : data.companies) ids.push_back(company.id);
  return ids;
}

// The companies to simulate (every one, or those of --company), calibrated, with their
// point-value drivers and calibration notes.
void calibrate_companies(const dataset::Dataset& data, const Scenario& scenario, const ScenarioProblemOptions& options,
                         Shared& shared, std::vector<std::string>& notes) {
  const std::vector<std::string> known = company_ids(data);
  for (const auto& id : options.engine.companies)
    if (std::find(known.begin(), known.end(), id) == known.end())
      throw UsageError("--company: " + util::unknown_name_message("company", id, known));
  for (const auto& company : data.companies) {
    if (!options.engine.companies.empty() && std::find(options.engine.companies.begin(), options.engine.companies.end(),
                                                       company.id) == options.engine.companies.end())
      continue;
    const CompanyDrivers& drivers = scenario.company(company.id);
    shared.calibrated.push_back(calibrate(company, drivers, options.engine));
    shared.drivers.push_back(drivers);
    {  // the point-value path: a figure the engine refuses stops the run here, with its cause
      PathWorkspace ws(options.engine.horizon);
      project_path(shared.calibrated.back(), drivers, ws);
      check_projected_figures(company, shared.calibrated.back(), drivers, ws);
    }
    for (const auto& note : shared.calibrated.back().notes) notes.push_back(company.id + ": " + note);
  }
  if (shared.calibrated.empty())
    throw UsageError("simulate: no company to simulate; expected --company with a company in the data");
}

// The layout of a path's output; sets shared.layout and each company's offset into it.
OutputLayout make_layout(Shared& shared) {
  // Calendar quarters: the union of every company's projected quarters.
  Quarter first = shared.calibrated[0].last_reported + 1, last = first;
  for (const auto& c : shared.calibrated) {
    first = std::min(first, c.last_reported + 1);
    last = std::max(last, c.last_reported + c.horizon);
  }
  OutputLayout layout;
  for (Quarter q = first; q <= last; q = q + 1) layout.quarters.push_back(q);
  layout.metrics = path_metric_ids();
  for (const ValueInfo& v : path_values()) layout.values.emplace_back(v.id);
  for (const auto& c : shared.calibrated) {
    layout.companies.push_back(c.id);
    shared.offset.push_back((c.last_reported + 1) - first);
  }
  shared.layout = layout;
  return layout;
}

// The uncertain drivers, their targets in the evaluators' drivers, and a note when a
// path's refit of the core baseline will dominate the run time.
void add_uncertain_drivers(const ScenarioProblemOptions& options, Shared& shared, ScenarioProblem& result) {
  // Uncertain drivers, company by company in table order of appearance in the file.
  for (std::size_t c = 0; c < shared.calibrated.size(); ++c) {
    for (const DriverDistribution& entry : shared.drivers[c].distributions) {
      const DriverInfo& info = find_driver(entry.driver);
      result.problem.drivers.push_back({result.problem.layout.companies[c] + "." + entry.driver, entry.distribution});
      shared.targets.emplace_back(c, info.member);
    }
  }
  // A path whose AI drivers differ from the point values refits its core baseline: cheap
  // for trend, a whole model fit for any other (ETS about 2 ms: docs/performance.md).
  const bool ai_uncertain = std::any_of(shared.targets.begin(), shared.targets.end(), [](const auto& target) {
    return std::find(kAiStatement.begin(), kAiStatement.end(), target.second) != kAiStatement.end();
  });
  if (ai_uncertain && options.engine.baseline_model != "trend")
    result.notes.push_back(fmt::format(
        "the core baseline ({}) is refitted on every path whose AI share or growth is not the point value; with a "
        "model other than trend that fit dominates the run time",
        options.engine.baseline_model));
}

// The scenario's correlation, only between uncertain drivers of the companies simulated;
// a driver of a company left out by --company drops out, any other is an error.
void select_correlation(const dataset::Dataset& data, const Scenario& scenario, const ScenarioProblemOptions& options,
                        ScenarioProblem& result) {
  const OutputLayout& layout = result.problem.layout;
  const std::vector<std::string> known = company_ids(data);
  std::vector<std::string> uncertain;
  for (const auto& d : result.problem.drivers) uncertain.push_back(d.name);
  CorrelationMatrix m = scenario.correlation;
  std::vector<std::size_t> keep;
  for (std::size_t i = 0; i < m.size(); ++i) {
    const std::string& name = m.names[i];
    if (std::find(uncertain.begin(), uncertain.end(), name) != uncertain.end()) {
      keep.push_back(i);
      continue;
    }
    const std::string company = name.substr(0, name.find('.'));
    const bool simulated =
        std::find(layout.companies.begin(), layout.companies.end(), company) != layout.companies.end();
    if (simulated || std::find(known.begin(), known.end(), company) == known.end())
      throw DataError(fmt::format("{}/drivers/{}: '{}' is not an uncertain driver; {}", scenario.correlation_place, i,
                                  name, util::unknown_name_message("uncertain driver", name, uncertain)));
    // A driver of a company left out by --company: its rows drop out below.
  }
  const std::string problem = correlation_problem(m);
  if (!problem.empty()) {
    if (!options.repair_correlation) throw DataError(fmt::format("{}/matrix: {}", scenario.correlation_place, problem));
    Repair repair = nearest_correlation(m);
    result.notes.push_back(
        fmt::format("correlation matrix repaired (Higham's nearest correlation matrix): moved {:.6g} in Frobenius "
                    "norm, {} iterations",
                    repair.frobenius_distance, repair.iterations));
    m = repair.matrix;
    result.repair = std::move(repair);
  }
  CorrelationMatrix sub;
  for (std::size_t i : keep) sub.names.push_back(m.names[i]);
  for (std::size_t i : keep)
    for (std::size_t j : keep) sub.values.push_back(m(i, j));
  result.problem.correlation = std::move(sub);
}

// Baseline revenue error: sd per projected quarter from the baseline forecast's 95 %
// interval, (upper - lower) / (2 x 1.96), placed on the layout's calendar quarters.
void add_baseline_error(const ScenarioProblemOptions& options, Shared& shared, ScenarioProblem& result) {
  shared.baseline_error = false;
  if (options.baseline_error) {
    for (std::size_t c = 0; c < shared.calibrated.size(); ++c) {
      const CalibratedCompany& cal = shared.calibrated[c];
      std::vector<double> sigma(result.problem.layout.quarters.size(), 0.0);
      for (std::size_t h = 0; h < cal.baseline_sd.size() && h < static_cast<std::size_t>(cal.horizon); ++h)
        sigma[static_cast<std::size_t>(shared.offset[c]) + h] = cal.baseline_sd[h];
      // The baseline only drives core revenue when the scenario follows it.
      if (!shared.drivers[c].core_from_baseline) std::fill(sigma.begin(), sigma.end(), 0.0);
      shared.baseline_error =
          shared.baseline_error || std::any_of(sigma.begin(), sigma.end(), [](double s) { return s > 0; });
      result.problem.baseline_sigma.push_back(std::move(sigma));
    }
    if (shared.baseline_error)
      result.notes.push_back(
          "baseline revenue forecast error included: sd from each baseline's 95 % prediction interval");
  }
  if (!shared.baseline_error) result.problem.baseline_sigma.clear();
}

// The calibrated model and drivers for --dump-model (bench/simulate.sh's NumPy reference).
nlohmann::ordered_json reference_model(const Shared& shared, const CorrelationMatrix& correlation) {
  using json = nlohmann::ordered_json;
  auto number = [](double x) { return std::isfinite(x) ? json(x) : json(nullptr); };
  json ref = json::object();
  ref["quarters"] = json::array();
  for (const Quarter& q : shared.layout.quarters) ref["quarters"].push_back(q.to_string());
  ref["metrics"] = shared.layout.metrics;
  ref["companies"] = json::array();
  for (std::size_t c = 0; c < shared.calibrated.size(); ++c) {
    const CalibratedCompany& cal = shared.calibrated[c];
    const CompanyDrivers& d = shared.drivers[c];
    json jc;
    jc["id"] = cal.id;
    jc["offset"] = shared.offset[c];
    jc["horizon"] = cal.horizon;
    jc["timeline_size"] = cal.timeline_size;
    jc["t"] = cal.last_reported - cal.timeline_start;
    jc["last_revenue"] = cal.last_revenue;
    jc["baseline_revenue"] = cal.baseline_revenue;
    jc["baseline_sd"] = cal.baseline_sd;
    jc["reported_capex"] = json::array();
    for (double x : cal.reported_capex) jc["reported_capex"].push_back(number(x));
    jc["existing_gross"] = cal.existing_gross;
    jc["variable_cost_ratio_calibrated"] = cal.calibration.variable_cost_ratio;
    jc["capacity_cost_ratio_calibrated"] = cal.calibration.capacity_cost_ratio;
    jc["capex_start_index"] = d.capex_start - cal.timeline_start;
    jc["capex_phasing"] = d.capex_phasing == Phasing::flat           ? "flat"
                          : d.capex_phasing == Phasing::front_loaded ? "front_loaded"
                                                                     : "explicit";
    jc["capex_weights"] = d.capex_weights;
    jc["core_from_baseline"] = d.core_from_baseline;
    // The core baseline's input, for a reference that refits it per path (decision 0750):
    // history, calendar quarters (0 = Q1) of its first and last values, trailing growth,
    // quarters from the AI statement's quarter to T (null: stated for T).
    jc["baseline_model"] = cal.baseline_model;
    jc["revenue_history"] = cal.revenue_history;
    jc["history_first_quarter_of_year"] = cal.history_first.quarter - 1;
    jc["last_quarter_of_year"] = cal.last_reported.quarter - 1;
    jc["revenue_growth"] = number(cal.revenue_growth);
    jc["ai_share_quarters_after_statement"] =
        d.ai_share_quarter ? json(cal.last_reported - *d.ai_share_quarter) : json(nullptr);
    jc["ai_share_scale"] = cal.ai_share_scale;
    jc["seasonal_ratio"] = cal.seasonal_ratio;
    // Guidance (honoured when use_guidance is 1), the backlog anchor, the cost-discipline
    // reference and the margin trend, as project_path reads them.
    jc["capex_guides"] = json::array();
    for (const CapexGuide& g : cal.capex_guides)
      jc["capex_guides"].push_back({{"first", g.first}, {"last", g.last}, {"total", g.total}});
    jc["revenue_guide"] = json::array();
    for (double x : cal.revenue_guide) jc["revenue_guide"].push_back(number(x));
    jc["backlog_revenue"] = number(cal.backlog_revenue);
    jc["fixed_cost_share"] = cal.fixed_cost_share;
    jc["reference_fixed_share"] = cal.reference_fixed_share;
    // The margin's shrunk trend per quarter, damped by the path's margin_trend_damping.
    jc["margin_trend"] = cal.margin_trend;
    json values = json::object();
    for (const DriverInfo& info : drivers()) values[std::string(info.name)] = number(d.*info.member);
    jc["drivers"] = std::move(values);
    json dists = json::object();
    for (const DriverDistribution& e : d.distributions) dists[e.driver] = e.distribution.to_json();
    jc["distributions"] = std::move(dists);
    ref["companies"].push_back(std::move(jc));
  }
  ref["correlation"] = {{"drivers", correlation.names}, {"values", correlation.values}};
  ref["baseline_error"] = shared.baseline_error;
  return ref;
}

// Where company c's values of the metrics read go (EvaluatorState::project()).
CompanyRows company_rows(const Shared& shared, std::size_t c, const std::vector<std::size_t>& metrics) {
  const OutputLayout& layout = shared.layout;
  const std::size_t n_quarters = layout.quarters.size();
  const auto offset = static_cast<std::size_t>(shared.offset[c]);
  const auto horizon = static_cast<std::size_t>(shared.calibrated[c].horizon);
  CompanyRows rows;
  rows.begin = std::min(offset, n_quarters);
  rows.end = std::min(offset + horizon, n_quarters);
  const bool direct = rows.end - rows.begin == horizon;
  for (std::size_t m : metrics) {
    const Metric& metric = *path_metrics()[m];
    if (direct && metric.direct)
      rows.direct.emplace_back(metric.direct, layout.index(c, m, rows.begin));
    else
      rows.copied.emplace_back(metric.path, layout.index(c, m, 0));
    if (rows.begin > 0 || rows.end < n_quarters) rows.outside.push_back(layout.index(c, m, 0));
  }
  return rows;
}

// One worker's evaluator: its own copies of the calibration and drivers, a workspace per
// company, and only the metrics the run reads (needed: one flag per layout metric, then
// per value).
PathEvaluator make_evaluator(const std::shared_ptr<const Shared>& shared, const std::vector<char>& needed) {
  auto state = std::make_shared<EvaluatorState>();
  state->shared = shared;
  const std::size_t n_metrics = shared->layout.metrics.size();
  state->value_run =
      std::any_of(needed.begin() + static_cast<std::ptrdiff_t>(n_metrics), needed.end(), [](char x) { return x != 0; });
  for (std::size_t m = 0; m < n_metrics; ++m) {
    const bool input = std::find(kValueInputs.begin(), kValueInputs.end(), path_metric_ids()[m]) != kValueInputs.end();
    if (needed[m] || (state->value_run && input)) state->metrics.push_back(m);
  }
  state->calibrated = shared->calibrated;
  state->drivers = shared->drivers;
  for (const auto& [company, member] : shared->targets) state->targets.push_back(&(state->drivers[company].*member));
  // Only headline metrics read: the projection may skip the breakdown (values unchanged).
  const bool breakdown = std::any_of(state->metrics.begin(), state->metrics.end(),
                                     [](std::size_t m) { return path_metrics()[m]->direct == nullptr; });
  int longest = 0;
  for (const auto& c : shared->calibrated) longest = std::max(longest, c.horizon);
  state->fcf.assign(static_cast<std::size_t>(longest), 0.0);
  state->ebitda.assign(static_cast<std::size_t>(longest), 0.0);
  state->flows.assign(static_cast<std::size_t>(longest) + 1, 0.0);
  const auto reads = [&](std::string_view id) {
    return std::find(state->metrics.begin(), state->metrics.end(), metric_column(id)) != state->metrics.end();
  };
  const bool margin_by_batch = reads("operating_margin") && reads("revenue") && reads("operating_income");
  for (std::size_t c = 0; c < shared->calibrated.size(); ++c) {
    const CalibratedCompany& cal = shared->calibrated[c];
    state->workspaces.emplace_back(cal.horizon);
    state->workspaces.back().breakdown = breakdown;
    const auto h = static_cast<std::size_t>(cal.horizon);
    state->refits.push_back({.batch = CoreRefitBatch(cal.revenue_history, cal.history_first, cal.horizon,
                                                     cal.baseline_model, shared->baseline_error),
                             .point_key = ai_key(shared->drivers[c]),
                             .statement = statement_plan(shared->drivers[c], cal.last_reported, cal.revenue_growth),
                             .ai_share = std::vector<double>(kRefitBatch),
                             .volume = std::vector<double>(kRefitBatch),
                             .price = std::vector<double>(kRefitBatch),
                             .share = std::vector<double>(kRefitBatch),
                             .growth = std::vector<double>(kRefitBatch),
                             .scale = std::vector<double>(kRefitBatch),
                             .level = std::vector<double>(kRefitBatch * h),
                             .sd = std::vector<double>(kRefitBatch * h),
                             .ratio = std::vector<double>(kRefitBatch * h),
                             .valid = std::vector<unsigned char>(kRefitBatch),
                             .unit_scale = std::vector<double>(h, 1.0)});
    state->rows.push_back(company_rows(*shared, c, state->metrics));
    // The margin by batches only where all the company's quarters have their rows in out.
    const CompanyRows& rows = state->rows.back();
    const bool by_batch = margin_by_batch && rows.end - rows.begin == h;
    state->margin_by_batch.push_back(by_batch ? 1 : 0);
    state->workspaces.back().margin_by_caller = by_batch;
    CompanyRefits& r = state->refits.back();
    for (std::size_t k = 0; k < kRefitBatch; ++k)
      for (std::size_t q = 0; q < h; ++q) r.error_divisor.push_back(cal.baseline_sd[q] > 0 ? cal.baseline_sd[q] : 1.0);
    for (std::size_t q = 0; q < h; ++q)
      if (!(cal.baseline_sd[q] > 0)) r.unscaled.push_back(q);
  }
  for (std::size_t i = 0; i < shared->targets.size(); ++i) {
    const auto& [company, member] = shared->targets[i];
    for (std::size_t k = 0; k < kAiStatement.size(); ++k)
      if (member == kAiStatement[k]) state->refits[company].key_value[k] = static_cast<std::ptrdiff_t>(i);
  }
  return [state](std::span<const double> values, std::span<const double> shocks, std::size_t paths, PathOutput out) {
    (*state)(values, shocks, paths, out);
  };
}

}  // namespace

ScenarioProblem make_scenario_problem(const dataset::Dataset& data, const Scenario& scenario,
                                      const ScenarioProblemOptions& options) {
  ScenarioProblem result;
  auto shared = std::make_shared<Shared>();
  calibrate_companies(data, scenario, options, *shared, result.notes);
  result.problem.layout = make_layout(*shared);
  add_uncertain_drivers(options, *shared, result);
  if (scenario.correlation.size() > 0) select_correlation(data, scenario, options, result);
  add_baseline_error(options, *shared, result);
  // The scenario's events about companies left out by --company are dropped, not errors.
  const std::vector<std::string>& simulated = result.problem.layout.companies;
  for (const EventExpr& e : scenario.events) {
    if (std::find(simulated.begin(), simulated.end(), e.company) != simulated.end())
      result.events.push_back(e);
    else
      result.notes.push_back(fmt::format("scenario event '{}' skipped: {} is not simulated", e.text, e.company));
  }

  result.reference = reference_model(*shared, result.problem.correlation);
  result.problem.make_evaluator = [shared](const std::vector<char>& needed) { return make_evaluator(shared, needed); };
  return result;
}

}  // namespace cloudcast::model
