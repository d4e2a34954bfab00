#include "model/figure_check.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>
#include <string>

#include "cloudcast/error.hpp"
#include "dataset/magnitude.hpp"

namespace cloudcast::model {

namespace {

bool within(const Metric& m, double x) {
  const double limit = m.unit == MetricUnit::money ? kMaxProjectedMoney : kMaxProjectedFraction;
  return std::isfinite(x) && std::abs(x) <= limit;
}

// The value with its unit: "2.04e+12 RMB m", "-1.18e+07 (a fraction)".
std::string with_unit(const Metric& m, double x, const std::string& money) {
  return m.unit == MetricUnit::money ? fmt::format("{:.3g} {}", x, money) : fmt::format("{:.3g} (a fraction)", x);
}

// The scenario driver behind the bad figure: the last-set driver whose reset to
// CompanyDrivers' default (a stated core growth back to the baseline) gives a path with
// no bad figure. Re-projects with the same calibration: O(drivers x N).
std::optional<std::string> driver_cause(const CalibratedCompany& c, const CompanyDrivers& d) {
  const CompanyDrivers defaults;
  PathWorkspace ws(c.horizon);
  std::set<std::string> tried;
  for (auto it = d.places.rbegin(); it != d.places.rend(); ++it) {
    if (!tried.insert(it->driver).second) continue;  // an earlier file's value was overridden
    CompanyDrivers alt = d;
    driver(alt, it->driver) = driver(defaults, it->driver);
    if (it->driver == "core_growth") alt.core_from_baseline = defaults.core_from_baseline;
    project_path(c, alt, ws);
    if (first_bad_figure(ws, c.horizon, alt.capex_cloud_share)) continue;
    // core_growth's value and default may be the statistical baseline rather than a number.
    auto text = [](const CompanyDrivers& x, const std::string& name) {
      return name == "core_growth" && x.core_from_baseline ? std::string("\"baseline\"")
                                                           : fmt::format("{:g}", driver(x, name));
    };
    return fmt::format("{} = {} (at its default {} the projection stays within bounds)", it->place, text(d, it->driver),
                       text(defaults, it->driver));
  }
  return std::nullopt;
}

}  // namespace

std::optional<BadFigure> first_bad_figure(const PathWorkspace& ws, int horizon, double capex_cloud_share) {
  for (int h = 1; h <= horizon; ++h) {
    const auto u = static_cast<std::size_t>(h - 1);
    for (const Metric& m : metrics()) {
      double x = 0;
      if (m.path) {
        x = (ws.*(m.path))[u];
      } else if (m.id == "capex_company" && capex_cloud_share > 0) {
        x = ws.capex[u] / capex_cloud_share;
      } else {
        continue;
      }
      if (!within(m, x)) return BadFigure{h, &m, x};
    }
  }
  return std::nullopt;
}

void check_projected_figures(const dataset::Company& company, const CalibratedCompany& c, const CompanyDrivers& d,
                             const PathWorkspace& ws) {
  const auto bad = first_bad_figure(ws, c.horizon, d.capex_cloud_share);
  if (!bad) return;
  const std::string money = money_unit(c.currency);
  std::string cause;
  if (const auto implausible = dataset::implausible_figures(company); !implausible.empty()) {
    cause = implausible.front().message;
  } else if (auto driver_place = driver_cause(c, d)) {
    cause = std::move(*driver_place);
  } else {
    cause = fmt::format(
        "{} with the scenario's drivers together (no single driver reset to its default brings the "
        "projection within bounds)",
        company.origin);
  }
  const std::string limit = bad->metric->unit == MetricUnit::money ? fmt::format("{:g} {}", kMaxProjectedMoney, money)
                                                                   : fmt::format("{:g}", kMaxProjectedFraction);
  throw DataError(
      fmt::format("company {}, {} {}: projected {}; expected a finite figure of at most {} in absolute "
                  "value; caused by {}",
                  c.id, (c.last_reported + bad->h).to_string(), bad->metric->id,
                  with_unit(*bad->metric, bad->value, money), limit, cause));
}

}  // namespace cloudcast::model
