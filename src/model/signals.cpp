#include "cloudcast/model/signals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/query.hpp"

namespace cloudcast::model {

namespace {

using dataset::Signal;
using dataset::SignalKind;
using Series = std::map<Quarter, double>;

Series by_quarter(const dataset::Company& company, std::string_view metric) {
  Series out;
  for (const auto& p : dataset::series(company, metric)) out[p.period] = p.value;
  return out;
}

std::optional<double> at(const Series& s, Quarter q) {
  const auto it = s.find(q);
  return it == s.end() ? std::nullopt : std::optional<double>(it->second);
}

Direction direction_of(const SignalChange& c) {
  const auto& d = c.quarter ? c.quarter : c.year;
  if (!d) return Direction::unknown;
  return *d > 0 ? Direction::up : *d < 0 ? Direction::down : Direction::flat;
}

// The change of a reading computed at q against q-1 and q-4; `diff` turns two readings
// into a change (a difference, or a relative change for money).
SignalChange change_of(const std::function<std::optional<double>(Quarter)>& reading, Quarter q,
                       const std::function<std::optional<double>(double, double)>& diff) {
  SignalChange c;
  const auto now = reading(q);
  if (now) {
    if (const auto before = reading(q - 1)) c.quarter = diff(*now, *before);
    if (const auto before = reading(q - 4)) c.year = diff(*now, *before);
  }
  c.direction = direction_of(c);
  return c;
}

std::optional<double> difference(double now, double before) { return now - before; }
// A relative change needs a positive base; a zero backlog a year ago has none.
std::optional<double> relative(double now, double before) {
  return before > 0 ? std::optional<double>(now / before - 1) : std::nullopt;
}

const CompanyDrivers& drivers_of(const Scenario& scenario, const std::string& id) {
  for (const auto& named : scenario.companies)
    if (named.company == id) return named.drivers;
  static const CompanyDrivers kDefaults;
  return kDefaults;
}

void margin_signal(const dataset::Company& company, const CompanyProjection& cp, CompanySignals& out) {
  const Series revenue = by_quarter(company, "revenue");
  const Series oi = by_quarter(company, "operating_income");
  const auto margin = [&](Quarter q) -> std::optional<double> {
    const auto r = at(revenue, q), o = at(oi, q);
    if (!r || !o || *r <= 0) return std::nullopt;
    return *o / *r;
  };
  std::vector<const QuarterFigures*> projected;
  for (const auto& f : cp.quarters)
    if (!f.actual && f.revenue && *f.revenue > 0 && f.depreciation && f.operating_margin) projected.push_back(&f);
  const auto m = margin(out.last_reported);
  if (!m || projected.empty()) {
    out.missing.push_back(
        {"margin trajectory", !m ? fmt::format("no reported operating margin for {}", out.last_reported.to_string())
                                 : "the base projection has no projected quarter"});
    return;
  }
  MarginSignal s;
  s.period = out.last_reported;
  s.margin = *m;
  s.change = change_of(margin, s.period, difference);
  const QuarterFigures& first = *projected.front();
  const QuarterFigures& last = *projected[std::min<std::size_t>(3, projected.size() - 1)];
  s.first_projected = first.period;
  s.last_projected = last.period;
  s.projected_margin = *last.operating_margin;
  s.depreciation_share_first = *first.depreciation / *first.revenue;
  s.depreciation_share_last = *last.depreciation / *last.revenue;
  out.margin = s;
}

void utilisation_signal(const dataset::Company& company, const CompanyDrivers& d, CompanySignals& out) {
  const Series revenue = by_quarter(company, "revenue");
  const Series capex = by_quarter(company, "capex");
  const int lag = static_cast<int>(std::lround(d.in_service_lag));
  if (capex.empty()) {
    out.missing.push_back({"capex utilisation", "no capex in the data"});
    return;
  }
  std::string why;
  // Cloud capex that entered service in the year to q: capex of q-L-3 .. q-L.
  const auto in_service = [&](Quarter q) -> std::optional<double> {
    double sum = 0;
    for (int k = 0; k < 4; ++k) {
      const auto c = at(capex, q - lag - k);
      if (!c) {
        if (why.empty())
          why = fmt::format("capex for {} is not in the data (reported {}..{}; in-service lag {} quarters)",
                            (q - lag - k).to_string(), capex.begin()->first.to_string(),
                            capex.rbegin()->first.to_string(), lag);
        return std::nullopt;
      }
      sum += d.capex_cloud_share * *c;
    }
    if (sum <= 0) {
      if (why.empty()) why = fmt::format("no cloud capex in service in the year to {}", q.to_string());
      return std::nullopt;
    }
    return sum;
  };
  const auto revenue_added = [&](Quarter q) -> std::optional<double> {
    const auto r = at(revenue, q), r0 = at(revenue, q - 4);
    if (!r || !r0) {
      if (why.empty()) why = fmt::format("no revenue for {} on the projection basis", (r ? q - 4 : q).to_string());
      return std::nullopt;
    }
    return 4 * (*r - *r0);
  };
  const auto utilisation = [&](Quarter q) -> std::optional<double> {
    const auto added = revenue_added(q);
    const auto capital = added ? in_service(q) : std::nullopt;
    if (!capital) return std::nullopt;
    return *added / *capital;
  };
  const auto value = utilisation(out.last_reported);
  if (!value) {
    out.missing.push_back({"capex utilisation", why});
    return;
  }
  UtilisationSignal s;
  s.period = out.last_reported;
  s.value = *value;
  s.change = change_of(utilisation, s.period, difference);
  s.revenue_added = *revenue_added(s.period);
  s.capex_in_service = *in_service(s.period);
  s.lag = lag;
  s.cloud_share = d.capex_cloud_share;
  out.utilisation = s;
}

std::vector<const Signal*> of_kind(const dataset::Company& company, SignalKind kind) {
  std::vector<const Signal*> out;
  for (const auto& s : company.signals)
    if (s.kind == kind) out.push_back(&s);
  return out;  // sorted by period, then date (read_signals)
}

void backlog_signal(const dataset::Company& company, const CompanyProjection& cp, CompanySignals& out) {
  const auto backlogs = of_kind(company, SignalKind::backlog);
  if (backlogs.empty()) {
    out.missing.push_back({"backlog coverage", "no backlog or remaining performance obligation in the data"});
    return;
  }
  Series backlog;
  for (const auto* s : backlogs) backlog[s->period] = *s->value;
  const Series revenue = by_quarter(company, "revenue");
  Series projected;
  for (const auto& f : cp.quarters)
    if (!f.actual && f.revenue) projected[f.period] = *f.revenue;
  // Next four quarters' revenue: reported where the data have it, else projected.
  const auto next_four = [&](Quarter q, int* from_projection) -> std::optional<double> {
    double sum = 0;
    for (int h = 1; h <= 4; ++h) {
      if (const auto r = at(revenue, q + h)) {
        sum += *r;
      } else if (const auto p = at(projected, q + h)) {
        sum += *p;
        if (from_projection) ++*from_projection;
      } else {
        return std::nullopt;
      }
    }
    return sum;
  };
  const auto coverage = [&](Quarter q) -> std::optional<double> {
    const auto b = at(backlog, q);
    const auto r = next_four(q, nullptr);
    if (!b || !r || *r <= 0) return std::nullopt;
    return *b / *r;
  };
  BacklogSignal s;
  s.latest = *backlogs.back();
  const Quarter q = s.latest.period;
  s.change = change_of([&](Quarter p) { return at(backlog, p); }, q, relative);
  const auto r = next_four(q, &s.projected_quarters);
  if (!r || *r <= 0) {
    out.missing.push_back({"backlog coverage", fmt::format("no reported or projected revenue for the four quarters "
                                                           "after the backlog's {}",
                                                           q.to_string())});
    return;
  }
  s.next_four_revenue = *r;
  s.coverage = *s.latest.value / *r;
  s.coverage_change = change_of(coverage, q, difference);
  out.backlog = s;
}

void run_rate_signals(const dataset::Company& company, CompanySignals& out) {
  std::map<std::string, std::vector<const Signal*>> by_product;
  for (const auto* s : of_kind(company, SignalKind::run_rate)) by_product[s->product].push_back(s);
  for (const auto& [product, list] : by_product) {
    Series values;
    for (const auto* s : list) values[s->period] = *s->value;
    RunRateSignal r{.latest = *list.back()};
    r.change = change_of([&](Quarter p) { return at(values, p); }, r.latest.period, relative);
    out.run_rates.push_back(r);
  }
}

void pricing_signal(const dataset::Company& company, CompanySignals& out) {
  const auto actions = of_kind(company, SignalKind::price_action);
  if (actions.empty()) {
    out.missing.push_back({"price actions", "no dated price action in the data"});
    return;
  }
  PricingSignal s{.from = out.last_reported - 3, .to = out.last_reported};
  for (const auto* a : actions) {
    if (a->period >= s.from && a->period <= s.to)
      s.actions.push_back(*a);
    else if (a->period < s.from)
      s.latest_before = *a;  // sorted by period: the last one kept is the latest
  }
  out.pricing = s;
}

void benchmark_signal(const dataset::Company& company, CompanySignals& out) {
  auto list = of_kind(company, SignalKind::benchmark);
  if (list.empty()) {
    out.missing.push_back({"benchmark standing", "no dated leaderboard rank or score in the data"});
    return;
  }
  std::stable_sort(list.begin(), list.end(), [](const Signal* a, const Signal* b) { return a->date < b->date; });
  BenchmarkSignal s{.latest = *list.back()};
  for (auto it = list.rbegin() + 1; it != list.rend(); ++it)
    if ((*it)->leaderboard == s.latest.leaderboard) {
      s.previous = **it;
      break;
    }
  out.benchmark = s;
}

}  // namespace

std::vector<CompanySignals> compute_signals(const dataset::Dataset& data, const Scenario& scenario,
                                            const Projection& projection) {
  std::vector<CompanySignals> all;
  for (const CompanyProjection& cp : projection.companies) {
    const dataset::Company& company = dataset::find_company(data, cp.id);
    CompanySignals out{.id = company.id,
                       .name = company.name,
                       .segment = company.segment,
                       .currency = company.currency,
                       .profit_measure = company.profit_measure};
    for (const auto& f : cp.quarters)
      if (f.actual) out.last_reported = f.period;
    margin_signal(company, cp, out);
    utilisation_signal(company, drivers_of(scenario, company.id), out);
    backlog_signal(company, cp, out);
    run_rate_signals(company, out);
    for (const auto* s : of_kind(company, SignalKind::capacity_statement))
      if (!out.capacity || s->date >= out.capacity->date) out.capacity = *s;
    pricing_signal(company, out);
    benchmark_signal(company, out);
    all.push_back(std::move(out));
  }
  return all;
}

}  // namespace cloudcast::model
