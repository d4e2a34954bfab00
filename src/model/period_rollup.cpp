#include "cloudcast/model/period_rollup.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <map>

#include "cloudcast/dataset/query.hpp"
#include "dataset/calendar.hpp"
#include "dataset/schema.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/metrics.hpp"

namespace cloudcast::model {

namespace {

// The year a quarter belongs to, and that year's first and last calendar quarters.
struct YearSpan {
  int year = 0;
  Quarter first, last;
};

YearSpan year_of(Quarter q, Period period, int fy_end_month) {
  if (period == Period::calendar_year) return {q.year, Quarter{q.year, 1}, Quarter{q.year, 4}};
  const int year = dataset::to_fiscal(q, fy_end_month).year;
  return {year, dataset::to_calendar({year, 1}, fy_end_month), dataset::to_calendar({year, 4}, fy_end_month)};
}

// The capex bases of the year's quarters, each once in order of first appearance:
// "reported", "reported, plan".
std::string joined_bases(std::span<const QuarterFigures> quarters) {
  std::vector<std::string> bases;
  for (const QuarterFigures& q : quarters)
    if (!q.capex_basis.empty() && std::find(bases.begin(), bases.end(), q.capex_basis) == bases.end())
      bases.push_back(q.capex_basis);
  std::string out;
  for (const auto& b : bases) out += (out.empty() ? "" : ", ") + b;
  return out;
}

YearFigures roll_up_year(std::span<const QuarterFigures> quarters, const YearSpan& span, Period period) {
  YearFigures y;
  y.label = fmt::format("{}{}", period == Period::calendar_year ? "CY" : "FY", span.year);
  y.first = span.first;
  y.last = span.last;
  y.quarters = static_cast<int>(quarters.size());
  y.actual = static_cast<int>(std::count_if(quarters.begin(), quarters.end(), [](const auto& q) { return q.actual; }));
  y.figures.period = quarters.back().period;
  y.figures.fiscal_period = y.label;
  y.figures.actual = y.actual == y.quarters;
  for (const Metric& m : metrics()) y.figures.*m.figure = roll_up(m, quarters);
  y.figures.capex_basis = joined_bases(quarters);
  // A metric the data marks recalled in any quarter is recalled in the year's figure.
  for (const QuarterFigures& q : quarters)
    for (const auto& id : q.recalled)
      if (std::find(y.figures.recalled.begin(), y.figures.recalled.end(), id) == y.figures.recalled.end())
        y.figures.recalled.push_back(id);
  return y;
}

}  // namespace

Period parse_period(std::string_view text) {
  if (text == "quarter") return Period::quarter;
  if (text == "cy") return Period::calendar_year;
  if (text == "fy") return Period::fiscal_year;
  throw UsageError(fmt::format("--period: unknown period '{}'; expected quarter, cy or fy", text));
}

std::string_view period_name(Period period) {
  switch (period) {
    case Period::quarter:
      return "quarter";
    case Period::calendar_year:
      return "cy";
    case Period::fiscal_year:
      return "fy";
  }
  return "quarter";
}

std::string YearFigures::status() const {
  if (actual == quarters) return "actual";
  return actual == 0 ? "projected" : "mixed";
}

std::string YearFigures::coverage() const { return partial() ? fmt::format("{}/4 partial", quarters) : "4/4"; }

std::vector<YearFigures> roll_up_years(std::span<const QuarterFigures> quarters, Period period, int fy_end_month) {
  assert(period != Period::quarter);
  std::vector<YearFigures> years;
  std::size_t begin = 0;
  while (begin < quarters.size()) {
    const YearSpan span = year_of(quarters[begin].period, period, fy_end_month);
    std::size_t end = begin + 1;
    while (end < quarters.size() && year_of(quarters[end].period, period, fy_end_month).year == span.year) ++end;
    years.push_back(roll_up_year(quarters.subspan(begin, end - begin), span, period));
    begin = end;
  }
  for (std::size_t i = 1; i < years.size(); ++i) {
    const YearFigures& prev = years[i - 1];
    YearFigures& y = years[i];
    if (y.partial() || prev.partial() || prev.last + 1 != y.first) continue;
    if (y.figures.revenue && prev.figures.revenue && *prev.figures.revenue != 0)
      y.revenue_growth = *y.figures.revenue / *prev.figures.revenue - 1;
  }
  return years;
}

std::vector<QuarterFigures> reported_quarters(const dataset::Company& company) {
  std::map<Quarter, QuarterFigures> by_quarter;
  auto take = [&](std::string_view metric, std::optional<double> QuarterFigures::*field, std::string_view id) {
    for (const dataset::Point& p : dataset::series(company, metric)) {
      QuarterFigures& f = by_quarter[p.period];
      f.period = p.period;
      f.fiscal_period = p.fiscal_period;
      f.actual = true;
      f.*field = p.value;
      if (p.confidence == dataset::Confidence::recalled) f.recalled.emplace_back(id);
      if (field == &QuarterFigures::capex_company) f.capex_basis = std::string(dataset::to_string(p.basis));
    }
  };
  take("revenue", &QuarterFigures::revenue, "revenue");
  take("operating_income", &QuarterFigures::operating_income, "operating_income");
  take("capex", &QuarterFigures::capex_company, "capex_company");
  std::vector<QuarterFigures> quarters;
  for (auto& [q, f] : by_quarter) {
    if (f.revenue && f.operating_income && *f.revenue != 0) f.operating_margin = *f.operating_income / *f.revenue;
    quarters.push_back(std::move(f));
  }
  return quarters;
}

}  // namespace cloudcast::model
