#include "cloudcast/model/valuation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace cloudcast::model {

namespace {

constexpr std::array kValues{ValueInfo{"npv", "NPV of the build-out", MetricUnit::money},
                             ValueInfo{"irr", "IRR of the build-out (a year)", MetricUnit::fraction}};

// The root of npv(flows, r) in [lo, hi], where the NPV changes sign, bisected to 1e-14.
double bisect(std::span<const double> flows, double lo, double hi, double flo) {
  while (hi - lo > 1e-14 * std::max(1.0, std::fabs(lo))) {
    const double mid = 0.5 * (lo + hi), fm = npv(flows, mid);
    if (fm == 0) return mid;
    if ((fm < 0) == (flo < 0)) {
      lo = mid;
      flo = fm;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace

std::span<const ValueInfo> path_values() { return kValues; }

const ValueInfo* find_value(std::string_view id) {
  for (const ValueInfo& v : kValues)
    if (v.id == id) return &v;
  return nullptr;
}

double npv(std::span<const double> flows, double rate) {
  // Horner's scheme from the last flow: each step divides by (1 + rate) once.
  double value = 0;
  for (std::size_t t = flows.size(); t-- > 0;) value = flows[t] + value / (1 + rate);
  return value;
}

std::optional<double> irr(std::span<const double> flows) {
  int changes = 0;
  double previous = 0;
  for (double f : flows) {
    if (f == 0) continue;
    if (previous != 0 && (f < 0) != (previous < 0)) ++changes;
    previous = f;
  }
  if (changes == 0) return std::nullopt;
  constexpr double kLow = 0.01, kHigh = 101;  // 1 + r
  const double a = kLow - 1, fa = npv(flows, a);
  if (fa == 0) return a;
  if (changes == 1) {
    // One sign change: one root at most (Descartes' rule of signs in 1 / (1 + r)), so
    // the whole range is its bracket. Monte Carlo values every path this way.
    const double b = kHigh - 1, fb = npv(flows, b);
    if (fb == 0) return b;
    if ((fa < 0) == (fb < 0)) return std::nullopt;
    return bisect(flows, a, b, fa);
  }
  // Several sign changes: scan (1 + r) geometrically, 4,000 steps, for the first sign
  // change of the NPV (the lowest root), then bisect it.
  constexpr int kSteps = 4000;
  const double step = std::pow(kHigh / kLow, 1.0 / kSteps);
  double lo = a, flo = fa;
  for (int i = 1; i <= kSteps; ++i) {
    const double b = kLow * std::pow(step, i) - 1, fb = npv(flows, b);
    if (fb == 0) return b;
    if ((flo < 0) != (fb < 0)) return bisect(flows, lo, b, flo);
    lo = b;
    flo = fb;
  }
  return std::nullopt;
}

FlowValuation value_flows(std::span<const double> fcf, std::span<const double> ebitda, const CompanyDrivers& d,
                          std::span<double> scratch) {
  FlowValuation v;
  const int n = static_cast<int>(fcf.size());
  const double rate = quarterly_rate(d.wacc);
  // The last projected year (or all of a shorter horizon): its mean quarterly FCF and its
  // EBITDA, annualised.
  const int last = std::min(4, n);
  double fcf_last = 0, ebitda_last = 0;
  for (int i = n - last; i < n; ++i) {
    fcf_last += fcf[static_cast<std::size_t>(i)];
    ebitda_last += ebitda[static_cast<std::size_t>(i)];
  }
  if (d.terminal_method == TerminalMethod::growth) {
    const double g = quarterly_rate(d.terminal_growth);
    v.terminal_value = fcf_last / last * (1 + g) / (rate - g);
  } else {
    v.terminal_value = d.exit_multiple * ebitda_last * 4 / last;
  }

  double cumulative = 0, discount = 1;
  scratch[0] = 0;  // t = 0: today, nothing
  for (int h = 1; h <= n; ++h) {
    const double f = fcf[static_cast<std::size_t>(h - 1)];
    scratch[static_cast<std::size_t>(h)] = f;
    discount /= 1 + rate;
    v.pv_cash_flows += f * discount;
    const bool was_negative = cumulative < 0;
    cumulative += f * discount;
    if (cumulative < 0) v.dipped = true;
    if (was_negative && cumulative >= 0 && v.payback == 0) v.payback = h;
  }
  if (cumulative < 0) v.payback = 0;
  v.pv_terminal = v.terminal_value * discount;
  v.npv = v.pv_cash_flows + v.pv_terminal;
  scratch[static_cast<std::size_t>(n)] += v.terminal_value;
  v.sign_change = std::any_of(scratch.begin(), scratch.begin() + n + 1, [](double x) { return x > 0; }) &&
                  std::any_of(scratch.begin(), scratch.begin() + n + 1, [](double x) { return x < 0; });
  // An IRR is the return on an investment: flows that start with a cash inflow have
  // none worth the name (a small outflow later gives a rate of millions of percent).
  const auto first = std::find_if(scratch.begin() + 1, scratch.begin() + n + 1, [](double x) { return x != 0; });
  v.investment_first = first != scratch.begin() + n + 1 && *first < 0;
  if (v.investment_first)
    if (const auto q = irr(scratch.first(static_cast<std::size_t>(n) + 1))) v.irr = std::pow(1 + *q, 4) - 1;
  return v;
}

std::optional<CompanyValuation> value_company(const CompanyProjection& company, const CompanyDrivers& d) {
  std::vector<const QuarterFigures*> projected;
  std::vector<double> fcf, ebitda;
  for (const auto& q : company.quarters) {
    if (q.actual) continue;
    if (!q.free_cash_flow || !q.operating_income || !q.depreciation || !std::isfinite(*q.free_cash_flow))
      return std::nullopt;
    projected.push_back(&q);
    fcf.push_back(*q.free_cash_flow);
    ebitda.push_back(*q.operating_income + *q.depreciation);
  }
  if (projected.empty()) return std::nullopt;
  std::vector<double> scratch(fcf.size() + 1);
  const FlowValuation f = value_flows(fcf, ebitda, d, scratch);
  CompanyValuation v;
  v.wacc = d.wacc;
  v.rate = quarterly_rate(d.wacc);
  v.method = d.terminal_method;
  v.terminal_growth = d.terminal_growth;
  v.exit_multiple = d.exit_multiple;
  v.quarters = static_cast<int>(projected.size());
  v.pv_cash_flows = f.pv_cash_flows;
  v.terminal_value = f.terminal_value;
  v.pv_terminal = f.pv_terminal;
  v.npv = f.npv;
  v.irr = f.irr;
  if (!v.irr)
    v.irr_note = !f.sign_change        ? "undefined: the cash flows with the terminal value never change sign"
                 : !f.investment_first ? "undefined: the first projected cash flow is an inflow, not an investment"
                                       : "undefined: no rate between -99 % and +10,000 % a quarter sets the NPV to 0";
  if (f.payback > 0)
    v.payback = projected[static_cast<std::size_t>(f.payback - 1)]->period.to_string();
  else
    v.payback = f.dipped ? "beyond horizon" : "self-funding";
  return v;
}
std::vector<std::pair<std::string, CompanyValuation>> value_projection(const Projection& projection,
                                                                       const Scenario& scenario) {
  std::vector<std::pair<std::string, CompanyValuation>> out;
  for (const auto& c : projection.companies)
    for (const auto& named : scenario.companies)
      if (named.company == c.id)
        if (auto v = value_company(c, named.drivers)) out.emplace_back(c.id, std::move(*v));
  return out;
}

}  // namespace cloudcast::model
