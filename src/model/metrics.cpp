#include "cloudcast/model/metrics.hpp"

#include <algorithm>
#include <array>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/path_engine.hpp"

namespace cloudcast::model {

namespace {

using F = QuarterFigures;
using W = PathWorkspace;
constexpr auto kMoney = MetricUnit::money;
constexpr auto kFraction = MetricUnit::fraction;

// clang-format off
// One row per metric; every label in src/ is written here and nowhere else
// (ctest lint.metric_labels_once, tests/lint/metric_labels_once.cmake).
const std::array kMetrics{
    Metric{"revenue", "Revenue", "", kMoney, Rollup::sum, "", "", &F::revenue, &W::revenue, &W::revenue_to},
    Metric{"core_revenue", "Core revenue", "Core", kMoney, Rollup::sum, "", "", &F::core_revenue, &W::core_revenue},
    Metric{"ai_revenue", "AI revenue", "AI", kMoney, Rollup::sum, "", "", &F::ai_revenue, &W::ai_revenue},
    Metric{"capex", "Capex (cloud)", "Capex", kMoney, Rollup::sum, "", "", &F::capex, &W::capex},
    // Derived in project() from capex and the scenario's cloud share, not on a path; in
    // the forecast JSON so `track` can hold it against the capex reported later.
    Metric{"capex_company", "Capex (company)", "", kMoney, Rollup::sum, "", "", &F::capex_company, nullptr, nullptr,
           false, true},
    Metric{"depreciation", "Depreciation", "", kMoney, Rollup::sum, "", "", &F::depreciation, &W::depreciation},
    Metric{"variable_cost", "Variable cost", "", kMoney, Rollup::sum, "", "", &F::variable_cost, &W::variable_cost},
    Metric{"capacity_cost", "Capacity cost", "", kMoney, Rollup::sum, "", "", &F::capacity_cost, &W::capacity_cost},
    Metric{"operating_income", "Operating income", "Op. income", kMoney, Rollup::sum, "", "", &F::operating_income,
           &W::operating_income, &W::operating_income_to},
    Metric{"operating_margin", "Operating margin", "Margin", kFraction, Rollup::ratio, "operating_income", "revenue",
           &F::operating_margin, &W::operating_margin, &W::operating_margin_to},
    Metric{"free_cash_flow", "Free cash flow", "FCF", kMoney, Rollup::sum, "", "", &F::free_cash_flow,
           &W::free_cash_flow, &W::free_cash_flow_to},
    // Served demand / capacity; neither part is a figure, so a year is the quarters' mean
    // (exact when capacity is the same in each quarter).
    Metric{"utilization", "AI utilisation", "Utilisation", kFraction, Rollup::mean, "", "", &F::utilization,
           &W::utilization},
    Metric{"cumulative_capex", "Cumulative capex", "Cum. capex", kMoney, Rollup::last, "", "", &F::cumulative_capex,
           &W::cumulative_capex},
    // Not in the forecast JSON contract (schema version 1).
    Metric{"capex_intensity", "Capex intensity", "Capex/revenue", kFraction, Rollup::ratio, "capex", "revenue",
           &F::capex_intensity, &W::capex_intensity, nullptr, true, false},
};
// clang-format on

bool is_profit(const Metric& m) { return m.id == "operating_income" || m.numerator == "operating_income"; }

}  // namespace

std::string company_label(const Metric& metric, std::string_view profit_measure, bool header) {
  const std::string_view label = header ? metric.column_header() : metric.label;
  if (profit_measure.empty() || !is_profit(metric)) return std::string(label);
  return std::string(label) + " (" + std::string(profit_measure) + ")";
}

std::string figure_basis(const QuarterFigures& q, const Metric& m) {
  if (std::find(q.recalled.begin(), q.recalled.end(), m.id) != q.recalled.end()) return "recalled";
  // Capex and the figures made of it carry the plan's basis; company capex is the
  // reported figure itself where the cloud share makes the segment's "derived".
  if (m.id.find("capex") != std::string_view::npos && !q.capex_basis.empty())
    return m.id == "capex_company" && q.capex_basis == "derived" ? "reported" : q.capex_basis;
  return q.actual ? "reported" : "projected";
}

bool marked_basis(std::string_view basis) { return basis == "estimate" || basis == "recalled" || basis == "guidance"; }

namespace {

std::optional<double> sum(const Metric& m, std::span<const QuarterFigures> quarters) {
  double total = 0;
  for (const QuarterFigures& q : quarters) {
    const std::optional<double>& v = q.*m.figure;
    if (!v) return std::nullopt;
    total += *v;
  }
  return total;
}

}  // namespace

std::span<const Metric> metrics() { return kMetrics; }

const Metric* find_metric(std::string_view id) {
  for (const Metric& m : kMetrics)
    if (m.id == id) return &m;
  return nullptr;
}

const Metric& metric_or_throw(std::string_view id, std::string_view option) {
  if (const Metric* m = find_metric(id)) return *m;
  std::vector<std::string> ids;
  for (const Metric& m : kMetrics) ids.emplace_back(m.id);
  throw UsageError(std::string(option) + ": " + util::unknown_name_message("metric", id, ids));
}

const std::vector<const Metric*>& path_metrics() {
  static const std::vector<const Metric*> kPath = [] {
    std::vector<const Metric*> out;
    for (const Metric& m : kMetrics)
      if (m.path) out.push_back(&m);
    return out;
  }();
  return kPath;
}

const std::vector<std::string>& path_metric_ids() {
  static const std::vector<std::string> kIds = [] {
    std::vector<std::string> out;
    for (const Metric* m : path_metrics()) out.emplace_back(m->id);
    return out;
  }();
  return kIds;
}

std::optional<double> roll_up(const Metric& m, std::span<const QuarterFigures> quarters) {
  if (quarters.empty()) return std::nullopt;
  switch (m.rollup) {
    case Rollup::sum:
      return sum(m, quarters);
    case Rollup::ratio: {
      const auto num = sum(*find_metric(m.numerator), quarters);
      const auto den = sum(*find_metric(m.denominator), quarters);
      if (!num || !den || *den == 0) return std::nullopt;
      return *num / *den;
    }
    case Rollup::mean: {
      const auto total = sum(m, quarters);
      if (!total) return std::nullopt;
      return *total / static_cast<double>(quarters.size());
    }
    case Rollup::last:
      return quarters.back().*m.figure;
  }
  return std::nullopt;
}

}  // namespace cloudcast::model
