#include "cloudcast/dataset/query.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace cloudcast::dataset {

std::optional<std::string> projection_basis(const Company& company, std::string_view metric) {
  std::optional<Quarter> latest;
  std::map<std::string, int> counts;
  for (const Observation& obs : company.observations) {
    if (obs.metric != metric) continue;
    ++counts[obs.segment_basis];
    if (!latest || obs.period > *latest) latest = obs.period;
  }
  if (!latest) return std::nullopt;
  std::optional<std::string> best;
  for (const Observation& obs : company.observations) {
    if (obs.metric != metric || obs.period != *latest) continue;
    if (!best || counts[obs.segment_basis] > counts[*best]) best = obs.segment_basis;
  }
  return best;
}

std::vector<Point> series(const Company& company, std::string_view metric, std::string_view segment_basis) {
  std::vector<Point> points;
  for (const Observation& obs : company.observations) {
    if (obs.metric != metric || obs.segment_basis != segment_basis) continue;
    points.push_back(Point{.period = obs.period,
                           .fiscal_period = obs.fiscal_period,
                           .value = obs.value,
                           .unit = obs.unit,
                           .basis = obs.basis,
                           .confidence = obs.confidence,
                           .segment_basis = obs.segment_basis,
                           .origin = obs.origin});
  }
  std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.period < b.period; });
  return points;
}

std::vector<Point> series(const Company& company, std::string_view metric) {
  const auto basis = projection_basis(company, metric);
  if (!basis) return {};
  return series(company, metric, *basis);
}

std::vector<Point> contiguous_tail(const std::vector<Point>& points) {
  if (points.empty()) return {};
  std::size_t first = points.size() - 1;
  while (first > 0 && points[first].period - points[first - 1].period == 1) --first;
  return {points.begin() + static_cast<std::ptrdiff_t>(first), points.end()};
}

Growth growth_yoy(const Company& company, std::string_view metric, Quarter quarter, std::string_view segment_basis) {
  const Observation* current = nullptr;
  const Observation* prior = nullptr;
  std::vector<std::string> other_bases;
  const Quarter year_ago = quarter - 4;
  for (const Observation& obs : company.observations) {
    if (obs.metric != metric) continue;
    if (obs.period == quarter && obs.segment_basis == segment_basis) current = &obs;
    if (obs.period == year_ago) {
      if (obs.segment_basis == segment_basis)
        prior = &obs;
      else
        other_bases.push_back(obs.segment_basis);
    }
  }
  if (!current) return {std::nullopt, fmt::format("no {} {} figure for {}", segment_basis, metric, quarter.to_string())};
  if (!prior) {
    if (!other_bases.empty())
      return {std::nullopt, fmt::format("basis break: {} is {}, {} only on {}", quarter.to_string(), segment_basis,
                                        year_ago.to_string(), fmt::join(other_bases, ", "))};
    return {std::nullopt, fmt::format("no {} figure a year earlier ({})", metric, year_ago.to_string())};
  }
  if (prior->value <= 0)
    return {std::nullopt, fmt::format("{} base in {} is {}, growth undefined", metric, year_ago.to_string(), prior->value)};
  return {current->value / prior->value - 1.0, ""};
}

}  // namespace cloudcast::dataset
