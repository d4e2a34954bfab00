#include "cloudcast/dataset/validate.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/query.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_read.hpp"
#include "dataset/calendar.hpp"
#include "dataset/magnitude.hpp"
#include "dataset/schema.hpp"

namespace cloudcast::dataset {

namespace {

void check_fiscal_labels(const Company& company, std::vector<Issue>& issues) {
  for (const Observation& obs : company.observations) {
    const std::string expected = fiscal_label(obs.period, company.fiscal_year_end_month);
    const auto parsed = parse_fiscal_quarter(obs.fiscal_period);
    if (!parsed || parsed->to_string() != expected)
      issues.push_back({Severity::error,
                        fmt::format("{}/fiscal_period: \"{}\" does not match calendar {} for a fiscal year ending in "
                                    "month {}; expected \"{}\"",
                                    obs.origin, util::text_excerpt(obs.fiscal_period), obs.period.to_string(),
                                    company.fiscal_year_end_month, expected)});
  }
}

// Quarters missing inside a level series (money metrics) on one segment basis. A gap in
// the revenue series the engine projects from is an error (the baseline and the
// calibration need one figure per quarter); elsewhere it is a warning.
void check_gaps(const Company& company, std::vector<Issue>& issues) {
  std::map<std::pair<std::string, std::string>, std::set<Quarter>> runs;
  for (const Observation& obs : company.observations) {
    const MetricInfo* info = find_metric(obs.metric);
    if (info && info->kind == MetricKind::money) runs[{obs.metric, obs.segment_basis}].insert(obs.period);
  }
  const auto revenue_basis = projection_basis(company, "revenue");
  for (const auto& [key, quarters] : runs) {
    std::vector<std::string> missing;
    for (Quarter q = *quarters.begin(); q < *quarters.rbegin(); q = q + 1)
      if (!quarters.count(q)) missing.push_back(q.to_string());
    if (missing.empty()) continue;
    const bool projected = key.first == "revenue" && revenue_basis == key.second;
    issues.push_back({projected ? Severity::error : Severity::warning,
                      fmt::format("{}: {} ({}) has no figure for {} between {} and {}; {}", company.origin, key.first,
                                  key.second, fmt::join(missing, ", "), quarters.begin()->to_string(),
                                  quarters.rbegin()->to_string(),
                                  projected ? "expected one figure per quarter in the revenue series the engine "
                                              "projects from"
                                            : "a series to project from should be contiguous")});
  }
}

// A growth in percent for a message. A level with a unit slip (1e308 for 43,284) makes
// the ratio astronomic: written in full with {:.1f} it was 300 digits, so past a million
// percent it has 3 significant digits, and a ratio beyond the double range says so
// rather than "inf".
std::string growth_text(double percent) {
  if (!std::isfinite(percent)) return "a growth beyond the range of a double";
  return std::abs(percent) < 1e6 ? fmt::format("{:.1f} %", percent) : fmt::format("{:.3g} %", percent);
}

// A reported growth rate against the ratio of the levels on the same segment basis.
void check_growth(const Company& company, std::vector<Issue>& issues) {
  for (const Observation& obs : company.observations) {
    const MetricInfo* info = find_metric(obs.metric);
    if (!info || info->level.empty()) continue;
    const Growth growth = growth_yoy(company, info->level, obs.period, obs.segment_basis);
    if (!growth.value) continue;
    const double computed = *growth.value * 100.0;
    if (std::abs(computed - obs.value) > kGrowthTolerancePoints)
      issues.push_back({Severity::warning,
                        fmt::format("{}/value: reported {} {} % but the {} levels give {}; expected within "
                                    "{} points (rounding)",
                                    obs.origin, obs.metric, obs.value, info->level, growth_text(computed),
                                    kGrowthTolerancePoints)});
  }
}

}  // namespace

std::vector<Issue> validate(const Dataset& data) {
  std::vector<Issue> issues;
  std::map<std::string, std::string> ids;
  for (const Company& company : data.companies) {
    if (const auto [it, inserted] = ids.emplace(company.id, company.origin); !inserted)
      issues.push_back({Severity::error, fmt::format("{}:/id: company \"{}\" is also defined in {}; expected one file "
                                                     "per company",
                                                     company.origin, company.id, it->second)});
    check_fiscal_labels(company, issues);
    for (const Observation& obs : company.observations)
      if ((obs.basis == Basis::derived || obs.basis == Basis::estimate) && obs.note.empty())
        issues.push_back({Severity::warning, fmt::format("{}/note: a {} figure without a note; expected how it was "
                                                         "computed or what it assumes",
                                                         obs.origin, to_string(obs.basis))});
    check_gaps(company, issues);
    check_growth(company, issues);
    for (ImplausibleFigure& f : implausible_figures(company)) issues.push_back({Severity::error, std::move(f.message)});
    if (!projection_basis(company, "revenue"))
      issues.push_back({Severity::warning,
                        fmt::format("{}: no revenue observations; the engine needs a revenue history", company.origin)});
  }
  return issues;
}

std::vector<Issue> validate_files(const std::vector<std::filesystem::path>& files) {
  std::vector<Issue> issues;
  for (const auto& path : files) {
    const std::string bytes = util::read_file(path);  // IoError for a directory or a missing file
    const std::string display = path.string();
    try {
      // An FX file is told apart by its "rates" array; anything else is a company file.
      bool is_fx = false;
      try {
        const auto root = util::parse_json_text(bytes, display, "a company or FX file");
        is_fx = root.is_object() && root.contains("rates");
      } catch (const DataError&) {
        // Not readable JSON: parse_company below reports it with its place.
      }
      if (is_fx) {
        parse_fx(bytes, display);
      } else {
        Dataset one;
        one.companies.push_back(parse_company(bytes, display));
        for (Issue& issue : validate(one)) issues.push_back(std::move(issue));
      }
    } catch (const DataError& e) {
      issues.push_back({Severity::error, e.what()});
    }
  }
  return issues;
}

bool has_errors(const std::vector<Issue>& issues) {
  for (const Issue& issue : issues)
    if (issue.severity == Severity::error) return true;
  return false;
}

}  // namespace cloudcast::dataset
