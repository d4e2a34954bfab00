#include "model/figure_check.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "cloudcast/error.hpp"
#include "cloudcast/model/valuation.hpp"
#include "dataset/magnitude.hpp"

namespace cloudcast::model {

namespace {

double limit_of(FigureBound bound) {
  switch (bound) {
    case FigureBound::money:
      return kMaxProjectedMoney;
    case FigureBound::fraction:
      return kMaxProjectedFraction;
    case FigureBound::finite:
      break;
  }
  return std::numeric_limits<double>::infinity();
}

bool within(FigureBound bound, double x) { return std::isfinite(x) && std::abs(x) <= limit_of(bound); }
bool within(const Metric& m, double x) { return within(bound_of(m.unit), x); }

// The value with its unit: "2.04e+12 RMB m", "-1.18e+07 (a fraction)".
std::string with_unit(FigureBound bound, double x, const std::string& money) {
  switch (bound) {
    case FigureBound::money:
      return fmt::format("{:.3g} {}", x, money);
    case FigureBound::fraction:
      return fmt::format("{:.3g} (a fraction)", x);
    case FigureBound::finite:
      break;
  }
  return fmt::format("{:.3g}", x);
}

// "a finite figure of at most 1e+12 USD m in absolute value", "a finite figure".
std::string expected_figure(FigureBound bound, const std::string& money) {
  switch (bound) {
    case FigureBound::money:
      return fmt::format("a finite figure of at most {:g} {} in absolute value", kMaxProjectedMoney, money);
    case FigureBound::fraction:
      return fmt::format("a finite figure of at most {:g} in absolute value", kMaxProjectedFraction);
    case FigureBound::finite:
      break;
  }
  return "a finite figure";
}

// "company acme, 2031Q4 revenue", "company acme, npv" (a figure of the whole projection),
// "ranking: ..." (no company).
std::string figure_place(std::string_view company, const std::string& period, const std::string& what) {
  return fmt::format("{}{}{}", company.empty() ? "" : fmt::format("company {}, ", company),
                     period.empty() ? "" : period + " ", what);
}

// The scenario driver behind the bad figure: the last-set driver whose reset to
// CompanyDrivers' default (a stated core growth back to the baseline) gives a path with
// no bad figure. Re-projects with the same calibration: O(drivers x N).
std::optional<std::string> driver_cause(const CalibratedCompany& c, const CompanyDrivers& d) {
  const CompanyDrivers defaults;
  PathWorkspace ws(c.horizon);
  std::set<std::string> tried;
  for (auto it = d.places.rbegin(); it != d.places.rend(); ++it) {
    if (!tried.insert(it->driver).second) continue;  // an earlier file's value was overridden
    CompanyDrivers alt = d;
    driver(alt, it->driver) = driver(defaults, it->driver);
    if (it->driver == "core_growth") alt.core_from_baseline = defaults.core_from_baseline;
    project_path(c, alt, ws);
    if (first_bad_figure(ws, c.horizon, alt.capex_cloud_share)) continue;
    // core_growth's value and default may be the statistical baseline rather than a number.
    auto text = [](const CompanyDrivers& x, const std::string& name) {
      return name == "core_growth" && x.core_from_baseline ? std::string("\"baseline\"")
                                                           : fmt::format("{:g}", driver(x, name));
    };
    return fmt::format("{} = {} (at its default {} the projection stays within bounds)", it->place, text(d, it->driver),
                       text(defaults, it->driver));
  }
  return std::nullopt;
}

}  // namespace

std::optional<BadFigure> first_bad_figure(const PathWorkspace& ws, int horizon, double capex_cloud_share) {
  for (int h = 1; h <= horizon; ++h) {
    const auto u = static_cast<std::size_t>(h - 1);
    for (const Metric& m : metrics()) {
      double x = 0;
      if (m.path) {
        x = (ws.*(m.path))[u];
      } else if (m.id == "capex_company" && capex_cloud_share > 0) {
        x = ws.capex[u] / capex_cloud_share;
      } else {
        continue;
      }
      if (!within(m, x)) return BadFigure{h, &m, x};
    }
  }
  return std::nullopt;
}

void check_projected_figures(const dataset::Company& company, const CalibratedCompany& c, const CompanyDrivers& d,
                             const PathWorkspace& ws) {
  const auto bad = first_bad_figure(ws, c.horizon, d.capex_cloud_share);
  if (!bad) return;
  const std::string money = money_unit(c.currency);
  std::string cause;
  if (const auto implausible = dataset::implausible_figures(company); !implausible.empty()) {
    cause = implausible.front().message;
  } else if (auto driver_place = driver_cause(c, d)) {
    cause = std::move(*driver_place);
  } else {
    cause = fmt::format(
        "{} with the scenario's drivers together (no single driver reset to its default brings the "
        "projection within bounds)",
        company.origin);
  }
  const FigureBound bound = bound_of(bad->metric->unit);
  throw DataError(fmt::format("{}: projected {}; expected {}; caused by {}",
                              figure_place(c.id, (c.last_reported + bad->h).to_string(), std::string(bad->metric->id)),
                              with_unit(bound, bad->value, money), expected_figure(bound, money), cause));
}

FigureBound bound_of(MetricUnit unit) { return unit == MetricUnit::money ? FigureBound::money : FigureBound::fraction; }

void check_result_figure(const FigurePlace& place, FigureBound bound, std::string_view currency, double x,
                         std::string_view cause) {
  if (within(bound, x)) return;
  const std::string money = money_unit(currency);
  throw DataError(fmt::format("{}: {}: {}; expected {}; caused by {}", place.command,
                              figure_place(place.company, place.period, place.what), with_unit(bound, x, money),
                              expected_figure(bound, money), cause));
}

void check_simulation_figures(const Simulation& sim, std::span<const std::string> currencies,
                              std::span<const UncertainDriver> drivers) {
  const OutputLayout& layout = sim.layout;
  const auto cause_of = [&](std::size_t c) {
    std::string sampled;
    const std::string prefix = layout.companies[c] + ".";
    for (const UncertainDriver& d : drivers)
      if (d.name.starts_with(prefix))
        sampled += fmt::format("{}{} ~ {}", sampled.empty() ? "" : ", ", d.name, d.distribution.describe());
    return sampled.empty()
               ? std::string(
                     "the baseline revenue's forecast error drawn on each path (the scenario's "
                     "point values stay within bounds; --no-baseline-error leaves it out)")
               : fmt::format("the sampled values of {} (the scenario's point values stay within bounds)", sampled);
  };
  // A path without a value in a cell (NaN: a margin on zero revenue, an AI statement the
  // history cannot carry, decision 0750; an undefined IRR) is left out of the cell's
  // statistics and counted, and the report says so (non_finite_paths, the run's note):
  // what is checked is every statistic the report shows.
  const auto check = [&](const CellStats& s, const std::string& id, FigureBound bound, const std::string& period) {
    if (s.non_finite >= sim.paths) return;  // no path with a value: the report leaves the cell out
    const std::string currency = s.company < currencies.size() ? currencies[s.company] : std::string();
    FigurePlace place{"simulate", layout.companies[s.company], period, id};
    std::vector<std::pair<std::string, double>> stats{{"min", s.min},
                                                      {"max", s.max},
                                                      {"mean", s.mean},
                                                      {"sd", s.sd},
                                                      {"mean 95 % CI low", s.mean_ci_low},
                                                      {"mean 95 % CI high", s.mean_ci_high}};
    for (std::size_t i = 0; i < s.percentiles.size() && i < sim.percentiles.size(); ++i) {
      const std::string p = fmt::format("P{}", sim.percentiles[i] * 100);
      stats.emplace_back(p, s.percentiles[i]);
      stats.emplace_back(p + " 95 % CI low", s.ci_low[i]);
      stats.emplace_back(p + " 95 % CI high", s.ci_high[i]);
    }
    // The place and the cause are only spelled out for a figure refused: describing every
    // sampled driver for each of a run's thousands of statistics took 20 ms, on a
    // simulate's serial part.
    for (const auto& [name, x] : stats) {
      if (within(bound, x)) continue;
      place.what = id + " " + name;
      check_result_figure(place, bound, currency, x, cause_of(s.company));
    }
  };
  for (const CellStats& s : sim.cells) {
    const std::string& id = layout.metrics[s.metric];
    const Metric* m = find_metric(id);
    check(s, id, m ? bound_of(m->unit) : FigureBound::money, layout.quarters[s.quarter].to_string());
  }
  for (const CellStats& s : sim.values) {
    const std::string& id = layout.values[s.metric];
    const ValueInfo* v = find_value(id);
    // The IRR only finite: a rate on a build-out that needs almost no outlay has no
    // natural size (the shipped scenarios give paths above 1e7).
    check(s, id, id == "irr" ? FigureBound::finite : v ? bound_of(v->unit) : FigureBound::money, "");
  }
}

void check_sensitivity_figures(const Sensitivity& r) {
  const Metric* m = find_metric(r.metric);
  const FigureBound bound = m ? bound_of(m->unit) : FigureBound::money;  // the NPV is money
  FigurePlace place{"sensitivity", r.company, r.whole_projection ? "" : r.quarter.to_string(), r.metric};
  check_result_figure(place, bound, r.currency, r.base_output, "the scenario's drivers at their base values");
  const auto at = [](const SensitivityDriver& d, double x) { return fmt::format("{} = {:g}", d.name, x); };
  for (const TornadoBar& bar : r.tornado) {
    place.what = r.metric + " (tornado, low)";
    check_result_figure(place, bound, r.currency, bar.output_low,
                        at(bar.driver, bar.driver.low) + " (its swing's low end; the base output is within bounds)");
    place.what = r.metric + " (tornado, high)";
    check_result_figure(place, bound, r.currency, bar.output_high,
                        at(bar.driver, bar.driver.high) + " (its swing's high end; the base output is within bounds)");
  }
  if (!r.two_way) return;
  const TwoWayTable& t = *r.two_way;
  place.what = r.metric + " (two-way table)";
  for (std::size_t i = 0; i < t.row_values.size(); ++i)
    for (std::size_t j = 0; j < t.column_values.size(); ++j)
      check_result_figure(place, bound, r.currency, t.outputs[i * t.column_values.size() + j],
                          at(t.rows, t.row_values[i]) + " with " + at(t.columns, t.column_values[j]));
}

void check_track_figures(const TrackResult& r, std::string_view file) {
  const auto currency_of = [&](const std::string& id) {
    for (const auto& [company, currency] : r.companies)
      if (company == id) return currency;
    return std::string();
  };
  const std::string cause = fmt::format("the figures of {} against the data reported since", file);
  for (const TrackRow& row : r.rows) {
    const std::string metric(metric_name(row.metric));
    const FigureBound bound =
        row.metric == BacktestMetric::operating_margin ? FigureBound::fraction : FigureBound::money;
    const std::string currency = currency_of(row.company);
    FigurePlace place{"track", row.company, row.period.to_string(), metric + " projected"};
    check_result_figure(place, bound, currency, row.projected, cause);
    place.what = metric + " reported";
    check_result_figure(place, bound, currency, row.reported, cause);
    place.what = metric + " error";
    check_result_figure(place, bound, currency, row.error, cause);
    place.what = metric + " percentile";
    if (row.percentile) check_result_figure(place, FigureBound::fraction, currency, *row.percentile, cause);
  }
  for (const ScenarioScore& s : r.ranking) {
    const std::string ranked = fmt::format("the Monte Carlo of scenario {} scored on the reported figures", s.scenario);
    FigurePlace place{"track", "", "", "ranking: scenario " + s.scenario + " log-likelihood"};
    check_result_figure(place, FigureBound::finite, "", s.log_likelihood, ranked);
    place.what = "ranking: scenario " + s.scenario + " weight";
    check_result_figure(place, FigureBound::fraction, "", s.weight, ranked);
  }
}

void check_signal_figures(const std::vector<CompanySignals>& signals, const dataset::Dataset& data) {
  for (const CompanySignals& cs : signals) {
    std::string cause = cs.id;
    for (const auto& company : data.companies)
      if (company.id == cs.id) cause = fmt::format("the figures of {}", company.origin);
    const auto check = [&](const std::string& period, const std::string& what, FigureBound bound, double x) {
      check_result_figure({"signals", cs.id, period, what}, bound, cs.currency, x, cause);
    };
    const auto check_change = [&](const std::string& period, const std::string& what, const SignalChange& c) {
      if (c.quarter) check(period, what + " change on the quarter", FigureBound::fraction, *c.quarter);
      if (c.year) check(period, what + " change on the year", FigureBound::fraction, *c.year);
    };
    if (const auto& m = cs.margin) {
      const std::string q = m->period.to_string();
      check(q, "operating margin", FigureBound::fraction, m->margin);
      check_change(q, "operating margin", m->change);
      check(m->last_projected.to_string(), "projected operating margin", FigureBound::fraction, m->projected_margin);
      check(m->first_projected.to_string(), "depreciation / revenue", FigureBound::fraction,
            m->depreciation_share_first);
      check(m->last_projected.to_string(), "depreciation / revenue", FigureBound::fraction, m->depreciation_share_last);
    }
    if (const auto& u = cs.utilisation) {
      const std::string q = u->period.to_string();
      check(q, "capex utilisation", FigureBound::fraction, u->value);
      check_change(q, "capex utilisation", u->change);
      check(q, "revenue added", FigureBound::money, u->revenue_added);
      check(q, "cloud capex in service", FigureBound::money, u->capex_in_service);
    }
    if (const auto& b = cs.backlog) {
      const std::string q = b->latest.period.to_string();
      check_change(q, "backlog", b->change);
      check(q, "backlog coverage", FigureBound::fraction, b->coverage);
      check_change(q, "backlog coverage", b->coverage_change);
      check(q, "next four quarters' revenue", FigureBound::money, b->next_four_revenue);
    }
    for (const RunRateSignal& r : cs.run_rates)
      check_change(r.latest.period.to_string(), r.latest.product + " run rate", r.change);
  }
}

}  // namespace cloudcast::model
