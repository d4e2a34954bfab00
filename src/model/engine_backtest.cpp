#include "cloudcast/model/engine_backtest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

#include "cloudcast/dataset/query.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/vintage.hpp"

namespace cloudcast::model {

std::string_view metric_name(BacktestMetric metric) {
  switch (metric) {
    case BacktestMetric::revenue:
      return "revenue";
    case BacktestMetric::operating_margin:
      return "operating_margin";
    case BacktestMetric::capex:
      return "capex";
  }
  return "";
}

std::string_view rule_name(Rule rule) {
  switch (rule) {
    case Rule::naive:
      return "naive";
    case Rule::seasonal_naive:
      return "seasonal naive";
    case Rule::yoy:
      return "YoY rule";
  }
  return "";
}

bool rule_applies(BacktestMetric metric, Rule rule) {
  return !(metric == BacktestMetric::operating_margin && rule == Rule::yoy);
}

std::optional<double> rule_forecast(Rule rule, const QuarterValue& value, Quarter origin, int h) {
  const int years = (h + 3) / 4;  // k = ceil(h / 4)
  switch (rule) {
    case Rule::naive:
      return value(origin);
    case Rule::seasonal_naive:
      return value(origin + h - 4 * years);
    case Rule::yoy: {
      const auto same = value(origin + h - 4 * years), last = value(origin), year_before = value(origin - 4);
      if (!same || !last || !year_before || *year_before <= 0) return std::nullopt;
      return *same * std::pow(*last / *year_before, years);
    }
  }
  return std::nullopt;
}

double absolute_percentage_error(double forecast, double actual) { return 100 * std::abs(forecast - actual) / actual; }
double margin_points_error(double forecast, double actual) { return 100 * std::abs(forecast - actual); }

namespace {

using Values = std::map<Quarter, double>;

// A metric's values on one segment basis, leaving out figures that are only our
// estimate (an estimate is not what was reported later). Empty without a basis.
Values values_of(const dataset::Company& company, std::string_view metric, const std::optional<std::string>& basis) {
  Values out;
  if (!basis) return out;
  for (const dataset::Point& p : dataset::series(company, metric, *basis))
    if (p.basis != dataset::Basis::estimate) out[p.period] = p.value;
  return out;
}

std::optional<double> lookup(const Values& v, Quarter q) {
  auto it = v.find(q);
  return it == v.end() ? std::nullopt : std::optional<double>(it->second);
}

// Margin as a fraction, where revenue and operating income both exist and revenue > 0.
std::optional<double> margin(const Values& revenue, const Values& oi, Quarter q) {
  const auto r = lookup(revenue, q), o = lookup(oi, q);
  if (!r || !o || *r <= 0) return std::nullopt;
  return *o / *r;
}

// Signed: negative when the forecast falls short (% of actual, or margin points).
double cell_signed_error(BacktestMetric metric, double forecast, double actual) {
  return metric == BacktestMetric::operating_margin ? 100 * (forecast - actual) : 100 * (forecast - actual) / actual;
}

double cell_error(BacktestMetric metric, double forecast, double actual) {
  return std::abs(cell_signed_error(metric, forecast, actual));
}

// The rule ours is counted against in Score::ours_closer.
Rule reference_rule(BacktestMetric metric) { return rule_applies(metric, Rule::yoy) ? Rule::yoy : Rule::naive; }

std::optional<double> ours_of(const QuarterFigures& f, BacktestMetric metric) {
  switch (metric) {
    case BacktestMetric::revenue:
      return f.revenue;
    case BacktestMetric::operating_margin:
      return f.operating_margin;
    case BacktestMetric::capex:
      return f.capex_company;  // company-wide, as reported
  }
  return std::nullopt;
}

template <class Keep>
Score score_cells(const std::vector<BacktestCell>& cells, BacktestMetric metric, Keep keep) {
  Score s;
  double ours = 0, bias = 0;
  std::array<double, 3> rules{};
  const auto reference = static_cast<std::size_t>(reference_rule(metric));
  for (const BacktestCell& c : cells) {
    if (c.metric != metric || !keep(c)) continue;
    ++s.cells;
    const double error = cell_error(metric, c.ours, c.actual);
    ours += error;
    bias += cell_signed_error(metric, c.ours, c.actual);
    for (std::size_t r = 0; r < kRules.size(); ++r)
      if (c.rules[r]) rules[r] += cell_error(metric, *c.rules[r], c.actual);
    if (c.rules[reference] && error < cell_error(metric, *c.rules[reference], c.actual)) ++s.ours_closer;
  }
  if (s.cells == 0) return s;
  const double n = s.cells;
  s.ours = ours / n;
  s.ours_bias = bias / n;
  for (std::size_t r = 0; r < kRules.size(); ++r)
    if (rule_applies(metric, kRules[r])) s.rules[r] = rules[r] / n;
  auto ratio = [&](Rule rule) -> std::optional<double> {
    const auto& rv = s.rules[static_cast<std::size_t>(rule)];
    return rv && *rv > 0 ? std::optional<double>(s.ours / *rv) : std::nullopt;
  };
  s.ours_over_naive = ratio(Rule::naive);
  s.ours_over_yoy = ratio(Rule::yoy);
  return s;
}

}  // namespace

std::optional<double> ReportedValues::value(BacktestMetric metric, Quarter q) const {
  switch (metric) {
    case BacktestMetric::revenue:
      return lookup(revenue, q);
    case BacktestMetric::operating_margin:
      return margin(revenue, operating_income, q);
    case BacktestMetric::capex:
      return lookup(capex, q);
  }
  return std::nullopt;
}

ReportedValues reported_values(const dataset::Company& company, const dataset::Company& bases_from) {
  return {values_of(company, "revenue", dataset::projection_basis(bases_from, "revenue")),
          values_of(company, "operating_income", dataset::projection_basis(bases_from, "operating_income")),
          values_of(company, "capex", dataset::projection_basis(bases_from, "capex"))};
}

// Candidate origins: every quarter with a revenue figure, up to the last but one (the
// last has nothing reported after it to score against).
std::vector<Quarter> candidate_origins(const dataset::Company& company) {
  std::vector<Quarter> quarters;
  for (const dataset::Observation& o : company.observations)
    if (o.metric == "revenue") quarters.push_back(o.period);
  std::sort(quarters.begin(), quarters.end());
  quarters.erase(std::unique(quarters.begin(), quarters.end()), quarters.end());
  if (!quarters.empty()) quarters.pop_back();
  return quarters;
}

// The cells of one origin: each metric and horizon where the reported figure, ours
// and every rule that applies exist (so ours and the rules score the same cells).
void add_cells(const ReportedValues& actual, std::vector<QuarterFigures>::const_iterator first, int horizon,
               BacktestOrigin& run, std::vector<BacktestCell>& cells) {
  const Quarter origin = run.origin;
  for (BacktestMetric metric : kBacktestMetrics) {
    const QuarterValue value = [&](Quarter q) {
      return q <= origin ? actual.value(metric, q) : std::optional<double>();
    };
    for (int h = 1; h <= horizon; ++h) {
      const auto y = actual.value(metric, origin + h);
      const auto ours = ours_of(*(first + (h - 1)), metric);
      if (!y || !ours || !std::isfinite(*ours)) continue;
      if (metric != BacktestMetric::operating_margin && *y <= 0) continue;  // no percentage error of 0
      BacktestCell cell{
          .company = run.company, .origin = origin, .h = h, .metric = metric, .actual = *y, .ours = *ours};
      bool complete = true;
      for (std::size_t r = 0; r < kRules.size(); ++r) {
        if (!rule_applies(metric, kRules[r])) continue;
        cell.rules[r] = rule_forecast(kRules[r], value, origin, h);
        complete = complete && cell.rules[r].has_value();
      }
      if (!complete) continue;  // exactly the same cells for ours and every rule
      cells.push_back(std::move(cell));
      ++run.cells;
    }
  }
}

// The scores per company and horizon, then pooled over the companies and over the
// first horizons (kBacktestSummaryHorizon) and h = 1.
void add_scores(const std::vector<std::string>& scored_companies, int horizon, EngineBacktestResult& result) {
  for (BacktestMetric metric : kBacktestMetrics) {
    // One row set per company, then the companies pooled (no id: every company).
    std::vector<std::optional<std::string>> rows(scored_companies.begin(), scored_companies.end());
    rows.emplace_back();
    for (const std::optional<std::string>& id : rows)
      for (int h = 1; h <= horizon; ++h)
        result.by_company.push_back(
            {id.value_or("all"), metric, h, score_cells(result.cells, metric, [&](const BacktestCell& c) {
               return c.h == h && (!id || c.company == *id);
             })});
    const int pooled = std::min(kBacktestSummaryHorizon, horizon);
    result.summary.push_back(
        {metric, 1, pooled, score_cells(result.cells, metric, [&](const BacktestCell& c) { return c.h <= pooled; })});
    if (pooled > 1)
      result.summary.push_back(
          {metric, 1, 1, score_cells(result.cells, metric, [](const BacktestCell& c) { return c.h == 1; })});
  }
}

EngineBacktestResult engine_backtest(const dataset::Dataset& data, const Scenario& scenario,
                                     const EngineBacktestOptions& options) {
  if (options.horizon < 1 || options.horizon > kBacktestMaxHorizon)
    throw UsageError(
        fmt::format("--horizon: expected an integer in [1, {}], got {}", kBacktestMaxHorizon, options.horizon));
  std::vector<std::string> known;
  for (const auto& company : data.companies) known.push_back(company.id);
  for (const auto& id : options.companies)
    if (std::find(known.begin(), known.end(), id) == known.end())
      throw UsageError("--company: " + util::unknown_name_message("company", id, known));

  EngineBacktestResult result;
  result.scenario = scenario.name;
  result.baseline_model = options.baseline_model;
  result.horizon = options.horizon;
  result.from = options.from;
  std::vector<std::string> scored_companies;
  for (const dataset::Company& company : data.companies) {
    if (!options.companies.empty() &&
        std::find(options.companies.begin(), options.companies.end(), company.id) == options.companies.end())
      continue;
    scored_companies.push_back(company.id);
    const std::vector<Quarter> quarters = candidate_origins(company);

    dataset::Dataset one = data;  // this company alone: as_of copies less, project runs one
    one.companies = {company};
    // What was reported later, on the bases the engine projects at an origin: the same
    // maps at every origin with the same bases (all of them, unless a basis changes), so
    // built once per set of bases. Built per origin they cost O(n log n) each and were a
    // third of the run at 400 quarters (docs/model.md, "Engine backtest").
    std::map<std::array<std::optional<std::string>, 3>, ReportedValues> reported_on;
    for (Quarter origin : quarters) {
      if (options.from && origin < *options.from) continue;
      const dataset::Dataset known_then = dataset::as_of(one, origin);
      const dataset::Company& then = known_then.companies.front();
      const std::vector<dataset::Point> history = dataset::contiguous_tail(dataset::series(then, "revenue"));
      if (history.empty() || history.back().period != origin || std::ssize(history) < kBacktestMinHistory) continue;
      BacktestOrigin run{.company = company.id,
                         .origin = origin,
                         .revenue_basis = history.back().segment_basis,
                         .history = static_cast<int>(history.size())};
      Projection projection;
      try {
        projection =
            project(known_then, scenario,
                    {.horizon = options.horizon, .baseline_model = options.baseline_model, .companies = {company.id}});
      } catch (const DataError& e) {
        run.skipped = e.what();
        result.origins.push_back(std::move(run));
        continue;
      }
      const std::vector<QuarterFigures>& figures = projection.companies.front().quarters;
      const auto first =
          std::find_if(figures.begin(), figures.end(), [](const QuarterFigures& f) { return !f.actual; });
      if (first == figures.end() || first->period != origin + 1) {
        run.skipped = fmt::format("the engine starts after {}, not after {}: no operating income on its basis for {}",
                                  first == figures.begin() ? origin.to_string() : (first - 1)->period.to_string(),
                                  origin.to_string(), origin.to_string());
        result.origins.push_back(std::move(run));
        continue;
      }
      // Actuals from the full data, rules from the data as of O, both on the bases the
      // engine projected at O (so no cell compares two segment definitions). The data as
      // of O are the full data's quarters up to O, unchanged, so the rules read the same
      // maps with later quarters hidden.
      const std::array<std::optional<std::string>, 3> bases{dataset::projection_basis(then, "revenue"),
                                                            dataset::projection_basis(then, "operating_income"),
                                                            dataset::projection_basis(then, "capex")};
      auto cached = reported_on.find(bases);
      if (cached == reported_on.end()) cached = reported_on.emplace(bases, reported_values(company, then)).first;
      const ReportedValues& actual = cached->second;
      add_cells(actual, first, options.horizon, run, result.cells);
      result.origins.push_back(std::move(run));
    }
  }

  if (result.origins.empty()) {
    if (options.from)
      throw UsageError(
          fmt::format("--from: no origin from {} on has a later reported quarter to score; expected an "
                      "earlier quarter",
                      options.from->to_string()));
    throw DataError(
        fmt::format("{}: no company has {} contiguous quarters of revenue before a reported quarter; "
                    "nothing to backtest",
                    data.origin, kBacktestMinHistory));
  }
  add_scores(scored_companies, options.horizon, result);
  return result;
}

}  // namespace cloudcast::model
