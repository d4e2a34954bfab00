#include "dataset/schema.hpp"

#include <fmt/format.h>

#include <array>
#include <vector>

#include "cloudcast/util/json_read.hpp"

namespace cloudcast::dataset {

namespace {

// Every metric a data file may use. Adding one here is all it takes for the loader to
// accept it; docs/data.md lists the same table for users.
constexpr std::array kMetrics{
    MetricInfo{"revenue", MetricKind::money, true, "", "segment revenue"},
    // Which companies report another profit measure is data (each file's profit_measure).
    MetricInfo{"operating_income", MetricKind::money, false, "",
               "segment operating income (or the company's profit_measure)"},
    MetricInfo{"capex", MetricKind::money, true, "", "capital expenditure (scope in the company's capex_scope)"},
    MetricInfo{"capex_incl_finance_leases", MetricKind::money, true, "",
               "capital expenditure including assets acquired under finance leases"},
    MetricInfo{"capex_net", MetricKind::money, true, "", "cash capex net of proceeds and incentives"},
    MetricInfo{"revenue_growth_yoy", MetricKind::percent, false, "revenue", "reported revenue growth, year over year"},
    MetricInfo{"operating_income_growth_yoy", MetricKind::percent, false, "operating_income",
               "reported operating income growth, year over year"},
    MetricInfo{"azure_growth_yoy", MetricKind::percent, false, "", "Azure and other cloud services revenue growth"},
    MetricInfo{"azure_growth_yoy_cc", MetricKind::percent, false, "",
               "Azure and other cloud services revenue growth in constant currency"},
    MetricInfo{"azure_ai_contribution", MetricKind::points, false, "",
               "percentage points of Azure growth contributed by AI services"},
    MetricInfo{"ai_revenue_run_rate", MetricKind::money, true, "", "annualised AI revenue run rate"},
    MetricInfo{"ai_revenue_run_rate_growth_yoy", MetricKind::percent, false, "",
               "growth of the AI revenue run rate, year over year"},
    MetricInfo{"ai_revenue_growth_yoy_min", MetricKind::percent, false, "",
               "lower bound of AI revenue growth ('triple-digit' = 100)"},
};

}  // namespace

std::span<const MetricInfo> metrics() { return kMetrics; }

const MetricInfo* find_metric(std::string_view name) {
  for (const MetricInfo& metric : kMetrics)
    if (metric.name == name) return &metric;
  return nullptr;
}

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (const MetricInfo& metric : kMetrics) names.emplace_back(metric.name);
  return names;
}

std::optional<FieldProblem> check_value_unit(const MetricInfo& metric, double value, std::string_view unit,
                                             std::string_view currency) {
  const std::string expected = metric.kind == MetricKind::money     ? money_unit(currency).value_or("")
                               : metric.kind == MetricKind::percent ? std::string("%")
                                                                    : std::string("pp");
  if (unit != expected)
    return FieldProblem{"unit", fmt::format("unit \"{}\" does not fit {} of a {} company; expected \"{}\"",
                                            util::text_excerpt(unit), metric.name, currency, expected)};
  if (metric.non_negative && value < 0)
    return FieldProblem{"value", fmt::format("negative {} {} {}; expected a value >= 0", metric.name, value, unit)};
  return std::nullopt;
}

std::optional<std::string> money_unit(std::string_view currency) {
  if (const Currency* c = Currency::find(currency)) return c->unit();
  return std::nullopt;
}

std::span<const std::string_view> currencies() {
  static const std::vector<std::string_view> kCodes = [] {
    std::vector<std::string_view> codes;
    for (const Currency& c : Currency::all()) codes.push_back(c.code);
    return codes;
  }();
  return kCodes;
}

std::string_view to_string(Basis basis) {
  switch (basis) {
    case Basis::reported:
      return "reported";
    case Basis::restated:
      return "restated";
    case Basis::derived:
      return "derived";
    case Basis::estimate:
      return "estimate";
  }
  return "reported";
}

std::string_view to_string(Confidence confidence) { return confidence == Confidence::sourced ? "sourced" : "recalled"; }

std::optional<Basis> parse_basis(std::string_view text) {
  for (Basis basis : {Basis::reported, Basis::restated, Basis::derived, Basis::estimate})
    if (to_string(basis) == text) return basis;
  return std::nullopt;
}

std::optional<Confidence> parse_confidence(std::string_view text) {
  if (text == "sourced") return Confidence::sourced;
  if (text == "recalled") return Confidence::recalled;
  return std::nullopt;
}

std::vector<std::string> basis_names() { return {"reported", "restated", "derived", "estimate"}; }

std::vector<std::string> confidence_names() { return {"sourced", "recalled"}; }

}  // namespace cloudcast::dataset
