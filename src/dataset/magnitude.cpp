#include "dataset/magnitude.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

#include "dataset/schema.hpp"

namespace cloudcast::dataset {

namespace {

using SeriesQuarterKey = std::tuple<std::string, std::string, Quarter>;  // metric, segment basis, quarter

// The lower median: with an even count it is one of the values, so one slip among two
// quarters does not move it halfway to itself.
double lower_median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[(v.size() - 1) / 2];
}

// "31742" below a million, "3.17e+07" above: a figure a reader can compare at a glance.
std::string figure(double x) { return std::abs(x) < 1e6 ? fmt::format("{:.0f}", x) : fmt::format("{:.3g}", x); }

// The neighbour check of one observation against the median of its window (itself and up
// to two quarters either side): nothing when the window has no other quarter or a
// median that is not positive.
std::optional<std::string> neighbour_issue(const Observation& obs,
                                           const std::map<SeriesQuarterKey, const Observation*>& by_key) {
  std::vector<double> values{obs.value};
  Quarter first = obs.period, last = obs.period;
  for (int k : {-2, -1, 1, 2}) {
    const auto it = by_key.find(SeriesQuarterKey{obs.metric, obs.segment_basis, obs.period + k});
    if (it == by_key.end()) continue;
    values.push_back(it->second->value);
    first = std::min(first, obs.period + k);
    last = std::max(last, obs.period + k);
  }
  if (values.size() < 2) return std::nullopt;
  const double m = lower_median(values);
  if (!(m > 0)) return std::nullopt;
  const double ratio = obs.value / m;
  if (ratio <= kNeighbourFactor && ratio >= 1 / kNeighbourFactor) return std::nullopt;
  return fmt::format(
      "{}/value: {} {} = {} {} is {:.4g} times the median {} of {}..{} ({}); expected within {:g} times its "
      "neighbours (a unit slip, billions for millions?)",
      obs.origin, obs.metric, obs.period.to_string(), figure(obs.value), obs.unit, ratio, figure(m), first.to_string(),
      last.to_string(), obs.segment_basis, kNeighbourFactor);
}

}  // namespace

std::vector<ImplausibleFigure> implausible_figures(const Company& company) {
  std::map<SeriesQuarterKey, const Observation*> by_key;
  for (const Observation& obs : company.observations)
    by_key.emplace(SeriesQuarterKey{obs.metric, obs.segment_basis, obs.period}, &obs);
  std::vector<ImplausibleFigure> out;
  for (const Observation& obs : company.observations) {
    const MetricInfo* info = find_metric(obs.metric);
    if (!info || info->kind != MetricKind::money) continue;
    if (std::abs(obs.value) > kMaxMoneyFigure) {
      out.push_back({&obs, fmt::format("{}/value: {} {} = {:.3g} {} is beyond {:.0e} {}; expected a figure in "
                                       "millions (more than world output in a quarter is a slip)",
                                       obs.origin, obs.metric, obs.period.to_string(), obs.value, obs.unit,
                                       kMaxMoneyFigure, obs.unit)});
      continue;
    }
    if (info->non_negative) {
      if (auto message = neighbour_issue(obs, by_key)) out.push_back({&obs, std::move(*message)});
      continue;
    }
    if (obs.metric != "operating_income") continue;
    const auto revenue = by_key.find(SeriesQuarterKey{"revenue", obs.segment_basis, obs.period});
    if (revenue == by_key.end() || !(revenue->second->value > 0)) continue;
    const double margin = obs.value / revenue->second->value;
    if (margin <= 1 && margin >= -kNeighbourFactor) continue;
    out.push_back(
        {&obs, fmt::format("{}/value: operating_income {} = {} {} is {:.4g} times revenue {} ({}); expected "
                           "an operating margin between {:g} % and 100 %",
                           obs.origin, obs.period.to_string(), figure(obs.value), obs.unit, margin,
                           figure(revenue->second->value), revenue->second->origin, -100 * kNeighbourFactor)});
  }
  return out;
}

}  // namespace cloudcast::dataset
