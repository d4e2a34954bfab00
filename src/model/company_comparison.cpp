#include "model/company_comparison.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/fx.hpp"

namespace cloudcast::model {

namespace {

double convert(double value, std::string_view from, std::string_view to, double cny_per_usd) {
  if (from == to) return value;
  if (from == "CNY" && to == "USD") return value / cny_per_usd;
  if (from == "USD" && to == "CNY") return value * cny_per_usd;
  throw DataError(fmt::format("currency: cannot convert {} to {}; expected USD or CNY", from, to));
}

}  // namespace

CompanyComparison compare_companies(const Projection& projection, const Scenario& scenario,
                                    const dataset::Dataset& data, std::string_view currency) {
  if (currency != "USD" && currency != "CNY")
    throw UsageError("--currency: " + util::unknown_name_message("currency", currency, {"CNY", "USD"}));
  CompanyComparison result;
  result.currency = std::string(currency);
  std::set<std::string> carried;
  const dataset::FxTable history(data);
  for (const CompanyProjection& c : projection.companies) {
    ComparedCompany out;
    out.id = c.id;
    out.payback = c.payback;
    Quarter last{};
    for (const auto& q : c.quarters)
      if (q.actual) last = q.period;
    // A company already in the target currency needs no rate (and the data may have none).
    const bool convert_needed = c.currency != currency;
    const auto path = convert_needed ? fx_path(data, scenario.fx, last, projection.horizon) : std::vector<double>{};
    for (const auto& q : c.quarters) {
      double rate = 1;  // unused when no conversion is needed: convert() passes the amount through
      if (convert_needed && q.actual) {
        const auto found = history.lookup(q.period, dataset::FxTable::Fill::carry_forward);
        if (found.from != q.period)
          carried.insert(fmt::format("{} (rate of {})", q.period.to_string(), found.from.to_string()));
        rate = found.cny_per_usd;
      } else if (convert_needed) {
        rate = path[static_cast<std::size_t>(std::max(0, q.period - last - 1))];
      }
      QuarterFigures converted = q;
      // Money figures change currency; the fractions (margin, utilisation ...) stay.
      for (const Metric& m : metrics())
        if (m.unit == MetricUnit::money && converted.*m.figure)
          converted.*m.figure = convert(*(q.*m.figure), c.currency, currency, rate);
      out.quarters.push_back(std::move(converted));
    }
    // Summary: the last reported quarter against the end of the horizon.
    const QuarterFigures* now = nullptr;
    for (const auto& q : out.quarters)
      if (q.actual) now = &q;
    const QuarterFigures& end = out.quarters.back();
    if (now && now != &end) {
      CompanySummary s;
      s.now = static_cast<std::size_t>(now - out.quarters.data());
      s.revenue_now = now->revenue.value_or(0);
      s.revenue_end = end.revenue.value_or(0);
      for (const auto& q : out.quarters)
        if (!q.actual && q.capex) s.horizon_capex += *q.capex;
      if (s.revenue_now > 0 && s.revenue_end > 0)
        s.growth = std::pow(s.revenue_end / s.revenue_now, 4.0 / (end.period - now->period)) - 1;
      // A ratio of the unconverted figures: the same in any currency.
      const QuarterFigures& end_original = c.quarters.back();
      if (end_original.ai_revenue && end_original.revenue)
        s.ai_share_end = *end_original.ai_revenue / *end_original.revenue;
      out.summary = s;
    }
    result.companies.push_back(std::move(out));
  }
  result.carried_rates.assign(carried.begin(), carried.end());
  return result;
}

}  // namespace cloudcast::model
