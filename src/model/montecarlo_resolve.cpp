#include "model/montecarlo_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"

// A run's options checked (UsageError with "did you mean" for a bad name) and turned into
// what the rounds read: the selected cells, the events by layout index, the baseline
// error's innovations and the driver sampler.

namespace cloudcast::model::mc_detail {

namespace {

std::size_t find_name(const std::vector<std::string>& names, const std::string& name, std::string_view kind,
                      std::string_view place) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw UsageError(fmt::format("{}: {}", place, util::unknown_name_message(kind, name, names)));
  return static_cast<std::size_t>(it - names.begin());
}

}  // namespace

void Runner::resolve() {
  const OutputLayout& layout = problem_.layout;
  if (options_.paths < 1) throw UsageError(fmt::format("--paths: expected an integer >= 1, got {}", options_.paths));
  if (options_.threads < 1)
    throw UsageError(fmt::format("--threads: expected an integer >= 1, got {}", options_.threads));
  for (double p : options_.percentiles)
    if (!(p > 0 && p < 1))
      throw UsageError(
          fmt::format("--percentiles: {} is outside (0, 100); expected percentiles such as 5,50,95", p * 100));
  if (options_.precision && !(*options_.precision > 0))
    throw UsageError(fmt::format("--precision: expected a number > 0, got {}", *options_.precision));
  std::vector<std::size_t> companies, metrics, values;
  for (const auto& name : options_.companies)
    companies.push_back(find_name(layout.companies, name, "company", "--company"));
  std::vector<std::string> selectable = layout.metrics;
  selectable.insert(selectable.end(), layout.values.begin(), layout.values.end());
  for (const auto& name : options_.metrics) {
    const std::size_t i = find_name(selectable, name, "metric", "--metric");
    (i < layout.metrics.size() ? metrics : values).push_back(i < layout.metrics.size() ? i : i - layout.metrics.size());
  }
  if (companies.empty())
    for (std::size_t c = 0; c < layout.companies.size(); ++c) companies.push_back(c);
  if (options_.metrics.empty()) {
    for (std::size_t m = 0; m < layout.metrics.size(); ++m) metrics.push_back(m);
    for (std::size_t v = 0; v < layout.values.size(); ++v) values.push_back(v);
  }
  for (std::size_t c : companies)
    for (std::size_t m : metrics)
      for (std::size_t q = 0; q < layout.quarters.size(); ++q) {
        cells_.push_back(layout.index(c, m, q));
        cell_company_.push_back(c);
        cell_metric_.push_back(m);
        cell_quarter_.push_back(q);
      }
  // Values after the metrics' cells; their cell_metric_ counts on from the metrics, as
  // needed_metrics_ does.
  first_value_cell_ = cells_.size();
  for (std::size_t c : companies)
    for (std::size_t v : values) {
      cells_.push_back(layout.value_index(c, v));
      cell_company_.push_back(c);
      cell_metric_.push_back(layout.metrics.size() + v);
      cell_quarter_.push_back(0);
    }
  std::vector<std::string> quarter_names;
  for (const Quarter& q : layout.quarters) quarter_names.push_back(q.to_string());
  for (const EventExpr& e : options_.events) {
    const std::string place = fmt::format("--prob '{}'", e.text);
    const std::size_t c = find_name(layout.companies, e.company, "company", place);
    const std::size_t m = find_name(layout.metrics, e.metric, "metric", place);
    const auto q = std::find(layout.quarters.begin(), layout.quarters.end(), e.quarter);
    if (q == layout.quarters.end())
      throw UsageError(fmt::format("{}: quarter {} is not projected; expected one of {} to {}", place,
                                   e.quarter.to_string(), quarter_names.front(), quarter_names.back()));
    events_.push_back({e, layout.index(c, m, static_cast<std::size_t>(q - layout.quarters.begin()))});
  }

  // Baseline revenue error: a random walk whose marginal sd at h is sigma_h.
  const std::size_t n_companies = layout.companies.size(), horizon = layout.quarters.size();
  bool any_sigma = false;
  shock_increments_.assign(n_companies * horizon, 0.0);
  for (std::size_t c = 0; c < n_companies && c < problem_.baseline_sigma.size(); ++c) {
    double previous = 0;
    for (std::size_t h = 0; h < horizon && h < problem_.baseline_sigma[c].size(); ++h) {
      const double sigma = problem_.baseline_sigma[c][h];
      shock_increments_[c * horizon + h] = std::sqrt(std::max(0.0, sigma * sigma - previous * previous));
      previous = std::max(previous, sigma);
      any_sigma = any_sigma || sigma > 0;
    }
  }
  if (!any_sigma) shock_increments_.clear();

  std::vector<Distribution> marginals;
  std::vector<std::string> names;
  for (const auto& d : problem_.drivers) {
    marginals.push_back(d.distribution);
    names.push_back(d.name);
  }
  std::vector<std::size_t> correlated;
  for (const auto& name : problem_.correlation.names)
    correlated.push_back(find_name(names, name, "driver", "correlation"));
  sampler_ = std::make_unique<DriverSampler>(std::move(marginals), std::move(correlated), problem_.correlation,
                                             shock_increments_.size(), options_.sampling, options_.seed,
                                             static_cast<std::uint64_t>(options_.paths));
}

}  // namespace cloudcast::model::mc_detail
