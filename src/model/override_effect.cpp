#include "cloudcast/model/override_effect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace cloudcast::model {

namespace {

bool same(const std::optional<double>& a, const std::optional<double>& b) {
  if (a.has_value() != b.has_value()) return false;
  if (!a) return true;
  return std::abs(*a - *b) <= 1e-12 * std::max({1.0, std::abs(*a), std::abs(*b)});
}

// Every figure of every projected quarter; reported quarters cannot move.
bool same_projection(const CompanyProjection& a, const CompanyProjection& b) {
  if (a.quarters.size() != b.quarters.size()) return false;
  for (std::size_t i = 0; i < a.quarters.size(); ++i) {
    const QuarterFigures& x = a.quarters[i];
    const QuarterFigures& y = b.quarters[i];
    if (x.actual) continue;
    for (auto member :
         {&QuarterFigures::revenue, &QuarterFigures::core_revenue, &QuarterFigures::ai_revenue, &QuarterFigures::capex,
          &QuarterFigures::capex_company, &QuarterFigures::depreciation, &QuarterFigures::variable_cost,
          &QuarterFigures::capacity_cost, &QuarterFigures::operating_income, &QuarterFigures::free_cash_flow,
          &QuarterFigures::utilization})
      if (!same(x.*member, y.*member)) return false;
  }
  return true;
}

// True when every projected quarter's AI revenue is the same in both.
bool same_ai_revenue(const CompanyProjection& a, const CompanyProjection& b) {
  if (a.quarters.size() != b.quarters.size()) return false;
  for (std::size_t i = 0; i < a.quarters.size(); ++i)
    if (!a.quarters[i].actual && !same(a.quarters[i].ai_revenue, b.quarters[i].ai_revenue)) return false;
  return true;
}

// True when AI demand is capped in every projected quarter: served = max_utilization x capacity.
bool capped_throughout(const CompanyProjection& c, double max_utilization) {
  bool any = false;
  for (const QuarterFigures& q : c.quarters) {
    if (q.actual) continue;
    if (!q.utilization || std::abs(*q.utilization - max_utilization) > 1e-9) return false;
    any = true;
  }
  return any;
}

}  // namespace

std::vector<std::string> inert_override_notes(const dataset::Dataset& data, const Scenario& without,
                                              std::span<const DriverOverride> overrides, const EngineOptions& options,
                                              const Projection& projection) {
  std::vector<std::string> notes;
  // The scenario with every override, as projected: its cap is the one that binds.
  Scenario full = without;
  apply_overrides(full, overrides);
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    if (overrides[i].target == "fx") continue;  // FX moves compare's conversion, not a company's projection
    Scenario others = without;
    std::vector<DriverOverride> rest(overrides.begin(), overrides.end());
    rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(i));
    apply_overrides(others, rest);
    const Projection alternative = project(data, others, options);
    for (std::size_t c = 0; c < projection.companies.size(); ++c) {
      const CompanyProjection& company = projection.companies[c];
      if (overrides[i].target != kAllCompanies && overrides[i].target != company.id) continue;
      const CompanyProjection& other = alternative.companies[c];
      const double cap = full.company(company.id).max_utilization;
      const bool capped = capped_throughout(company, cap);
      const std::string cap_text = fmt::format(
          "AI demand is above the capacity cap in every projected quarter (utilization = max_utilization {}), so AI "
          "revenue follows capacity, not demand",
          cap);
      if (!same_projection(company, other)) {
        // A demand driver under the cap still moves core revenue: the AI revenue backed
        // out of the reported quarters grows at the AI drivers (model/core_baseline.cpp),
        // so the core's history and seasonality follow them. Its AI revenue does not move.
        if (capped && same_ai_revenue(company, other))
          notes.push_back(
              fmt::format("--set {} does not move {}'s AI revenue: {}; it moves core revenue only, "
                          "through the AI revenue backed out of the reported quarters",
                          overrides[i].text(), company.id, cap_text));
        continue;
      }
      const std::string why = capped ? cap_text : "its projection is the same without it";
      notes.push_back(fmt::format("--set {} does not move {}: {}", overrides[i].text(), company.id, why));
    }
  }
  return notes;
}

}  // namespace cloudcast::model
