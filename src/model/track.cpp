#include "cloudcast/model/track.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

#include "cloudcast/error.hpp"
#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/model/distribution.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/montecarlo.hpp"
#include "cloudcast/model/montecarlo_scenario.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/util/json_read.hpp"
#include "dataset/vintage.hpp"

namespace cloudcast::model {

namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kExpected =
    "the JSON output of 'cloudcast forecast' or 'cloudcast simulate' (--format json)";

// A JSON value with the place it came from, so every message names its pointer.
struct Node {
  const json& value;
  std::string place;  // "file:/companies/0/id"

  Node at(std::string_view key) const {
    const std::string where = place + "/" + util::json_pointer_token(key);
    if (!value.is_object() || !value.contains(key))
      throw DataError(fmt::format("{}: missing field; expected {}", where, kExpected));
    return {value.at(std::string(key)), where};
  }
  Node at(std::size_t i) const { return {value.at(i), fmt::format("{}/{}", place, i)}; }
  bool has(std::string_view key) const { return value.is_object() && value.contains(key); }

  [[noreturn]] void fail(std::string_view expected) const {
    throw DataError(fmt::format("{}: expected {}, got {}", place, expected, util::json_excerpt(value)));
  }
  const json& array() const {
    if (!value.is_array()) fail("an array");
    return value;
  }
  std::string string() const {
    if (!value.is_string()) fail("a string");
    return value.get<std::string>();
  }
  double number() const {
    if (!value.is_number()) fail("a number");
    return value.get<double>();
  }
  std::optional<double> number_or_null() const {
    if (value.is_null()) return std::nullopt;
    return number();
  }
  Quarter quarter() const {
    if (value.is_string())
      if (auto q = parse_quarter(value.get<std::string>())) return *q;
    fail("a quarter such as 2025Q3");
  }
};

std::optional<BacktestMetric> tracked_metric(std::string_view name) {
  if (name == "revenue") return BacktestMetric::revenue;
  if (name == "operating_margin") return BacktestMetric::operating_margin;
  return std::nullopt;  // simulate's "capex" is the cloud share, not the reported company capex
}

TrackedCompany read_forecast_company(const Node& c) {
  TrackedCompany out;
  out.id = c.at("id").string();
  out.currency = c.at("currency").string();
  const Node quarters = c.at("quarters");
  std::optional<Quarter> last_actual, first_projected;
  std::vector<std::pair<std::size_t, Quarter>> projected;  // index in quarters, period
  for (std::size_t i = 0; i < quarters.array().size(); ++i) {
    const Node q = quarters.at(i);
    const Quarter period = q.at("period").quarter();
    const Node actual = q.at("actual");
    if (!actual.value.is_boolean()) actual.fail("true or false");
    if (actual.value.get<bool>()) {
      last_actual = period;
    } else {
      if (!first_projected) first_projected = period;
      projected.emplace_back(i, period);
    }
  }
  if (!first_projected)
    throw DataError(fmt::format("{}: no projected quarter; expected {}", quarters.place, kExpected));
  out.last_reported = last_actual.value_or(*first_projected - 1);
  // The baseline's 95 % interval per horizon gives the revenue's spread (forecast files
  // made before the baseline was written have none: no percentile then).
  std::vector<double> lower95, upper95;
  if (c.has("baseline")) {
    const Node b = c.at("baseline");
    for (const char* key : {"lower95", "upper95"}) {
      const Node arr = b.at(key);
      auto& dst = std::string_view(key) == "lower95" ? lower95 : upper95;
      for (std::size_t h = 0; h < arr.array().size(); ++h) dst.push_back(arr.at(h).number());
    }
  }
  for (const auto& [i, period] : projected) {
    const Node q = quarters.at(i);
    const std::pair<const char*, BacktestMetric> fields[] = {{"revenue", BacktestMetric::revenue},
                                                             {"operating_margin", BacktestMetric::operating_margin},
                                                             {"capex_company", BacktestMetric::capex}};
    for (const auto& [key, metric] : fields) {
      if (!q.has(key)) continue;  // capex_company: not in files of older versions of the contract
      const auto v = q.at(key).number_or_null();
      if (!v) continue;
      TrackedCell cell{.period = period, .metric = metric, .projected = *v};
      const auto h = static_cast<std::size_t>(period - out.last_reported);
      if (metric == BacktestMetric::revenue && h >= 1 && h <= lower95.size() && h <= upper95.size()) {
        const double sd = (upper95[h - 1] - lower95[h - 1]) / (2 * forecast::kZ95);
        if (std::isfinite(sd) && sd > 0) cell.sd = sd;
      }
      out.cells.push_back(std::move(cell));
    }
  }
  return out;
}

// "P2.5" -> 0.025.
double percentile_key(const std::string& key, const std::string& place) {
  double p = 0;
  const char* begin = key.data() + 1;
  const char* end = key.data() + key.size();
  if (key.size() < 2 || key[0] != 'P' || std::from_chars(begin, end, p).ptr != end || !(p > 0 && p < 100))
    throw DataError(fmt::format("{}/{}: expected a percentile name such as P5, got \"{}\"", place,
                                util::json_pointer_token(key), key));
  return p / 100;
}

TrackedCompany read_simulate_company(const Node& c) {
  TrackedCompany out;
  out.id = c.at("id").string();
  out.currency = c.at("currency").string();
  const Node metrics = c.at("metrics");
  std::optional<Quarter> first;
  for (std::size_t m = 0; m < metrics.array().size(); ++m) {
    const Node jm = metrics.at(m);
    const std::string name = jm.at("metric").string();
    const Node quarters = jm.at("quarters");
    for (std::size_t i = 0; i < quarters.array().size(); ++i) {
      const Node q = quarters.at(i);
      const Quarter period = q.at("period").quarter();
      first = first ? std::min(*first, period) : period;
      const auto metric = tracked_metric(name);
      if (!metric) continue;
      const auto mean = q.at("mean").number_or_null();
      const auto lo = q.at("min").number_or_null(), hi = q.at("max").number_or_null();
      if (!mean || !lo || !hi) continue;  // a cell without finite paths
      TrackedCell cell{.period = period, .metric = *metric, .projected = *mean};
      cell.quantiles.emplace_back(0.0, *lo);
      const Node ps = q.at("percentiles");
      if (!ps.value.is_object()) ps.fail("an object of percentiles");
      for (const auto& [key, value] : ps.value.items()) {
        const Node v{value, ps.place + "/" + util::json_pointer_token(key)};
        if (auto x = v.number_or_null()) cell.quantiles.emplace_back(percentile_key(key, ps.place), *x);
      }
      cell.quantiles.emplace_back(1.0, *hi);
      std::sort(cell.quantiles.begin(), cell.quantiles.end());
      out.cells.push_back(std::move(cell));
    }
  }
  if (!first) throw DataError(fmt::format("{}: no projected quarter; expected {}", metrics.place, kExpected));
  out.last_reported = *first - 1;
  return out;
}

}  // namespace

std::string_view tracked_kind_name(TrackedKind kind) { return kind == TrackedKind::forecast ? "forecast" : "simulate"; }

TrackedOutput read_tracked_output(const json& root_value, std::string_view place) {
  const Node root{root_value, std::string(place) + ":"};
  if (!root_value.is_object())
    throw DataError(fmt::format("{}: not a cloudcast forecast or simulate output; expected {}", place, kExpected));
  const Node version = root.at("schema_version");
  if (!version.value.is_number_integer() || version.value.get<long long>() != kTrackedSchemaVersion)
    version.fail(fmt::format("schema version {} (the forecast and simulate schema this cloudcast reads)",
                             kTrackedSchemaVersion));
  TrackedOutput out;
  const bool simulate = root.has("paths") && root.has("percentiles");
  if (!simulate && !root.has("horizon"))
    throw DataError(
        fmt::format("{}: not a cloudcast forecast or simulate output (no \"horizon\" or \"paths\"); "
                    "expected {}",
                    place, kExpected));
  out.kind = simulate ? TrackedKind::simulate : TrackedKind::forecast;
  out.scenario = root.at("scenario").string();
  const Node companies = root.at("companies");
  for (std::size_t i = 0; i < companies.array().size(); ++i)
    out.companies.push_back(simulate ? read_simulate_company(companies.at(i)) : read_forecast_company(companies.at(i)));
  if (out.companies.empty()) throw DataError(fmt::format("{}: no company; expected {}", companies.place, kExpected));
  return out;
}

double percentile_of(std::span<const std::pair<double, double>> q, double x) {
  if (q.empty() || x < q.front().second) return 0;
  if (x > q.back().second) return 100;
  // The run of points whose value equals x (a flat stretch, e.g. a deterministic cell).
  std::size_t first = q.size(), last = 0;
  for (std::size_t i = 0; i < q.size(); ++i)
    if (q[i].second == x) {
      first = std::min(first, i);
      last = i;
    }
  if (first < q.size()) return 100 * (q[first].first + q[last].first) / 2;
  for (std::size_t i = 1; i < q.size(); ++i)
    if (x < q[i].second) {
      const auto& [p0, v0] = q[i - 1];
      const auto& [p1, v1] = q[i];
      return 100 * (p0 + (p1 - p0) * (x - v0) / (v1 - v0));
    }
  return 100;  // not reached: x <= q.back() and no point equals it means some q[i] > x
}

double normal_log_density(double x, double mean, double sd) {
  const double z = (x - mean) / sd;
  return -0.5 * z * z - std::log(sd) - 0.5 * std::log(2 * std::numbers::pi);
}

namespace {

const dataset::Company& company_in(const dataset::Dataset& data, const std::string& id, std::string_view what) {
  for (const auto& c : data.companies)
    if (c.id == id) return c;
  throw DataError(fmt::format("{}: company '{}' of the tracked file is not in {}", data.origin, id, what));
}

std::optional<double> percentile_for(const TrackedCell& cell, double reported) {
  if (!cell.quantiles.empty()) return percentile_of(cell.quantiles, reported);
  if (cell.sd) return 100 * normal_cdf((reported - cell.projected) / *cell.sd);
  return std::nullopt;
}

// One scenario's Monte Carlo from the cut data, scored on the reported cells.
ScenarioScore score_scenario(const std::string& name, const dataset::Dataset& then, const dataset::Dataset& current,
                             const std::vector<std::string>& ids, int horizon, const TrackOptions& options,
                             int& floored) {
  const Scenario scenario = load_scenario(name, then);
  const ScenarioProblem problem =
      make_scenario_problem(then, scenario, {.engine = {.horizon = horizon, .companies = ids}});
  McOptions mc;
  mc.paths = options.paths;
  mc.seed = options.seed;
  mc.threads = options.threads;
  mc.metrics = {"revenue", "operating_margin"};
  const Simulation sim = simulate(problem.problem, mc);
  ScenarioScore score{.scenario = name, .distributions = !problem.problem.drivers.empty()};
  const auto& layout = sim.layout;
  for (std::size_t c = 0; c < layout.companies.size(); ++c) {
    const dataset::Company& now = company_in(current, layout.companies[c], "the current data");
    const ReportedValues reported = reported_values(now, company_in(then, layout.companies[c], "the cut data"));
    for (std::size_t m = 0; m < layout.metrics.size(); ++m) {
      const auto metric = tracked_metric(layout.metrics[m]);
      if (!metric) continue;
      for (std::size_t q = 0; q < layout.quarters.size(); ++q) {
        const CellStats* s = sim.find(c, m, q);
        const auto y = reported.value(*metric, layout.quarters[q]);
        if (!s || !std::isfinite(s->mean) || !y) continue;
        // A cell with no spread (every path the same) would give an infinite density;
        // a tiny floor keeps it finite and heavily penalised unless it is exact.
        double sd = s->sd;
        const double floor = 1e-9 * std::max(1.0, std::fabs(s->mean));
        if (!(sd > floor)) {
          sd = floor;
          ++floored;
        }
        score.log_likelihood += normal_log_density(*y, s->mean, sd);
        ++score.cells;
      }
    }
  }
  return score;
}

}  // namespace

TrackResult track(const TrackedOutput& output, const dataset::Dataset& current, const TrackOptions& options) {
  if (!(options.band > 0 && options.band < 100))
    throw UsageError(fmt::format("--fail-outside: expected a band in (0, 100) %, got {}", options.band));
  TrackResult r;
  r.kind = output.kind;
  r.scenario = output.scenario;
  r.paths = options.paths;
  r.seed = options.seed;
  r.cut = output.companies.front().last_reported;
  for (const auto& c : output.companies) r.cut = std::max(r.cut, c.last_reported);
  const dataset::Dataset then = dataset::as_of(current, r.cut);
  const double lo = (100 - options.band) / 2, hi = (100 + options.band) / 2;

  std::vector<std::string> ids;
  int horizon = 0;
  for (const auto& c : output.companies) {
    ids.push_back(c.id);
    r.companies.emplace_back(c.id, c.currency);
    const dataset::Company& now = company_in(current, c.id, "the current data");
    const ReportedValues reported = reported_values(now, company_in(then, c.id, "the cut data"));
    if (!reported.revenue.empty()) horizon = std::max(horizon, reported.revenue.rbegin()->first - c.last_reported);
    for (const auto& cell : c.cells) {
      if (cell.period <= c.last_reported) continue;
      const auto y = reported.value(cell.metric, cell.period);
      if (!y) continue;
      TrackRow row{.company = c.id,
                   .period = cell.period,
                   .metric = cell.metric,
                   .projected = cell.projected,
                   .reported = *y,
                   .error = cell.projected - *y,
                   .percentile = percentile_for(cell, *y)};
      if (row.percentile) {
        row.inside = *row.percentile >= lo && *row.percentile <= hi;
        if (!*row.inside) ++r.outside;
      }
      r.latest = r.latest ? std::max(*r.latest, cell.period) : cell.period;
      r.rows.push_back(std::move(row));
    }
  }
  std::stable_sort(r.rows.begin(), r.rows.end(), [&](const TrackRow& a, const TrackRow& b) {
    const auto ia = std::find(ids.begin(), ids.end(), a.company) - ids.begin();
    const auto ib = std::find(ids.begin(), ids.end(), b.company) - ids.begin();
    if (ia != ib) return ia < ib;
    if (a.period != b.period) return a.period < b.period;
    return a.metric < b.metric;
  });
  if (r.rows.empty())
    r.notes.push_back(
        fmt::format("no figure of the file's projected quarters has been reported since {}", r.cut.to_string()));

  if (horizon < 1) {
    r.notes.push_back(fmt::format("no quarter reported after {}: no scenario ranking", r.cut.to_string()));
    return r;
  }
  horizon = std::min(horizon, kMaxHorizon);
  int floored = 0;
  for (const auto& name : options.scenarios.empty() ? builtin_scenario_names() : options.scenarios) {
    try {
      r.ranking.push_back(score_scenario(name, then, current, ids, horizon, options, floored));
    } catch (const DataError& e) {
      r.notes.push_back(fmt::format("scenario '{}' not ranked: {}", name, e.what()));
    }
  }
  std::stable_sort(r.ranking.begin(), r.ranking.end(),
                   [](const ScenarioScore& a, const ScenarioScore& b) { return a.log_likelihood > b.log_likelihood; });
  if (!r.ranking.empty()) {
    double total = 0;
    for (auto& s : r.ranking) total += (s.weight = std::exp(s.log_likelihood - r.ranking.front().log_likelihood));
    for (auto& s : r.ranking) s.weight /= total;
  }
  if (floored > 0)
    r.notes.push_back(
        fmt::format("{} scenario cells had no spread over the paths: their sd was floored at 1e-9 of "
                    "the mean",
                    floored));
  return r;
}

}  // namespace cloudcast::model
