#include "model/guidance.hpp"

#include <algorithm>
#include <limits>

#include "cloudcast/dataset/query.hpp"
#include "dataset/guidance.hpp"

namespace cloudcast::model {

namespace {

double midpoint(const dataset::Guidance& g) { return (g.low + g.high) / 2; }

}  // namespace

bool is_capex_measure(std::string_view metric) {
  return metric == "capex" || metric == "capex_net" || metric == "capex_incl_finance_leases";
}

std::optional<double> capex_measure_ratio(const dataset::Company& company, std::string_view metric, Quarter last) {
  if (metric == "capex") return 1.0;
  const auto capex = dataset::series(company, "capex");
  const auto other = dataset::series(company, metric);
  double sum_capex = 0, sum_other = 0;
  int common = 0;
  for (auto it = other.rbegin(); it != other.rend() && common < 4; ++it) {
    if (it->period > last) continue;
    auto c = std::find_if(capex.begin(), capex.end(), [&](const dataset::Point& p) { return p.period == it->period; });
    if (c == capex.end()) continue;
    sum_capex += c->value;
    sum_other += it->value;
    ++common;
  }
  if (common == 0 || !(sum_other > 0)) return std::nullopt;
  return sum_capex / sum_other;
}

EngineGuidance engine_guidance(const dataset::Company& company, Quarter timeline_start, Quarter last_reported,
                               int horizon, std::string_view revenue_basis) {
  EngineGuidance out;
  out.revenue.assign(static_cast<std::size_t>(horizon), std::numeric_limits<double>::quiet_NaN());
  out.revenue_items.assign(static_cast<std::size_t>(horizon), nullptr);
  std::vector<const dataset::Guidance*> capex;
  for (const dataset::Guidance* g : dataset::guidance_known_at(company, last_reported)) {
    if (is_capex_measure(g->metric)) {
      if (capex_measure_ratio(company, g->metric, last_reported)) capex.push_back(g);
    } else if (g->metric == "revenue" && g->scope == revenue_basis && g->first == g->last) {
      const int h = g->first - last_reported;
      if (h < 1 || h > horizon) continue;
      const auto u = static_cast<std::size_t>(h - 1);
      if (out.revenue_items[u] && out.revenue_items[u]->given > g->given) continue;
      out.revenue[u] = midpoint(*g);
      out.revenue_items[u] = g;
    }
  }
  // The latest word first (a year's guide given in October outranks a quarter's given in
  // July); on the same day the narrower window first. Each guide then fills only the
  // quarters still open (plan_capex_rest).
  std::stable_sort(capex.begin(), capex.end(), [](const dataset::Guidance* a, const dataset::Guidance* b) {
    if (a->given != b->given) return a->given > b->given;  // ISO dates order as text
    return (a->last - a->first) < (b->last - b->first);
  });
  for (const auto* g : capex) {
    const double ratio = *capex_measure_ratio(company, g->metric, last_reported);
    out.capex.push_back(
        {.first = g->first - timeline_start, .last = g->last - timeline_start, .total = midpoint(*g) * ratio});
    out.capex_items.push_back(g);
    out.capex_ratio.push_back(ratio);
  }
  return out;
}

}  // namespace cloudcast::model
