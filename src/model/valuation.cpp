#include "cloudcast/model/valuation.hpp"

#include <fmt/format.h>

#include <cmath>

namespace cloudcast::model {

double npv(std::span<const double> flows, double rate) {
  // Horner's scheme from the last flow: each step divides by (1 + rate) once.
  double value = 0;
  for (std::size_t t = flows.size(); t-- > 0;) value = flows[t] + value / (1 + rate);
  return value;
}

std::optional<double> irr(std::span<const double> flows) {
  bool positive = false, negative = false;
  for (double f : flows) {
    positive |= f > 0;
    negative |= f < 0;
  }
  if (!positive || !negative) return std::nullopt;
  // Scan (1 + r) geometrically from 0.01 to 101 (r from -0.99 to 100), 4,000 steps, for
  // the first sign change of the NPV, then bisect it.
  constexpr double kLow = 0.01, kHigh = 101;
  constexpr int kSteps = 4000;
  const double step = std::pow(kHigh / kLow, 1.0 / kSteps);
  double a = kLow - 1, fa = npv(flows, a);
  if (fa == 0) return a;
  for (int i = 1; i <= kSteps; ++i) {
    const double b = kLow * std::pow(step, i) - 1, fb = npv(flows, b);
    if (fb == 0) return b;
    if ((fa < 0) != (fb < 0)) {
      double lo = a, hi = b, flo = fa;
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
    a = b;
    fa = fb;
  }
  return std::nullopt;
}

std::optional<CompanyValuation> value_company(const CompanyProjection& company, const CompanyDrivers& d) {
  std::vector<const QuarterFigures*> projected;
  for (const auto& q : company.quarters) {
    if (q.actual) continue;
    if (!q.free_cash_flow || !q.operating_income || !q.depreciation || !std::isfinite(*q.free_cash_flow))
      return std::nullopt;
    projected.push_back(&q);
  }
  if (projected.empty()) return std::nullopt;
  CompanyValuation v;
  v.wacc = d.wacc;
  v.rate = quarterly_rate(d.wacc);
  v.method = d.terminal_method;
  v.terminal_growth = d.terminal_growth;
  v.exit_multiple = d.exit_multiple;
  const int n = static_cast<int>(projected.size());
  v.quarters = n;

  // The last projected year (or all of a shorter horizon): its mean quarterly FCF and its
  // EBITDA, annualised.
  const int last = std::min(4, n);
  double fcf_last = 0, ebitda_last = 0;
  for (int i = n - last; i < n; ++i) {
    fcf_last += *projected[i]->free_cash_flow;
    ebitda_last += *projected[i]->operating_income + *projected[i]->depreciation;
  }
  if (v.method == TerminalMethod::growth) {
    const double g = quarterly_rate(d.terminal_growth);
    v.terminal_value = fcf_last / last * (1 + g) / (v.rate - g);
  } else {
    v.terminal_value = d.exit_multiple * ebitda_last * 4 / last;
  }

  std::vector<double> flows(static_cast<std::size_t>(n) + 1, 0.0);  // t = 0: today, nothing
  double cumulative = 0, discount = 1;
  bool dipped = false;
  std::optional<int> payback;
  for (int h = 1; h <= n; ++h) {
    const double fcf = *projected[h - 1]->free_cash_flow;
    flows[h] = fcf;
    discount /= 1 + v.rate;
    v.pv_cash_flows += fcf * discount;
    const bool was_negative = cumulative < 0;
    cumulative += fcf * discount;
    if (cumulative < 0) dipped = true;
    if (was_negative && cumulative >= 0 && !payback) payback = h - 1;
  }
  v.pv_terminal = v.terminal_value * discount;
  v.npv = v.pv_cash_flows + v.pv_terminal;
  if (payback && cumulative >= 0)
    v.payback = projected[*payback]->period.to_string();
  else
    v.payback = dipped ? "beyond horizon" : "self-funding";

  flows[n] += v.terminal_value;
  if (const auto q = irr(flows)) {
    v.irr = std::pow(1 + *q, 4) - 1;
  } else {
    v.irr_note = "undefined: the cash flows with the terminal value never change sign";
  }
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
