#pragma once
// Tracking a forecast against what was reported since (`cloudcast track`,
// docs/model.md "Tracking a forecast"). Reads a forecast or simulate JSON made earlier,
// lines its projected quarters up with the figures the current data report for them,
// says where each figure landed in the projection's distribution, and ranks the shipped
// scenarios by the likelihood of the reported figures under each one's Monte Carlo
// distribution, run from the data cut at the forecast's last reported quarter.
// Pure computation: returns results, never prints.

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/engine_backtest.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::model {

// The output schema versions track reads (report::kForecastSchemaVersion and
// report::kSimulationSchemaVersion; a test checks they agree).
inline constexpr int kTrackedSchemaVersion = 1;

enum class TrackedKind { forecast, simulate };
std::string_view tracked_kind_name(TrackedKind kind);  // "forecast", "simulate"

// One projected figure of the file and what the file says about its spread.
struct TrackedCell {
  Quarter period;
  BacktestMetric metric = BacktestMetric::revenue;
  double projected = 0;  // forecast: the figure; simulate: the mean over the paths
  // simulate: (probability, value) points, (0, min), the file's percentiles, (1, max).
  std::vector<std::pair<double, double>> quantiles;
  // forecast revenue: the baseline error's sd at this horizon, (upper95 - lower95) /
  // (2 x 1.96), the same sd Monte Carlo adds to the baseline (currency m).
  std::optional<double> sd;
};

struct TrackedCompany {
  std::string id;
  std::string currency;
  Quarter last_reported;  // T of the file: the quarter before its first projected one
  std::vector<TrackedCell> cells;
};

struct TrackedOutput {
  TrackedKind kind = TrackedKind::forecast;
  std::string scenario;
  std::vector<TrackedCompany> companies;
};

// Reads a parsed forecast or simulate output. Throws DataError "<place>/<pointer>: ..."
// for another schema version, a file that is neither, or a malformed field.
TrackedOutput read_tracked_output(const nlohmann::ordered_json& root, std::string_view place);

// The percentile (0..100) at which x lands in a distribution known by quantile points
// (probability ascending in [0, 1], values non-decreasing): linear interpolation between
// the two neighbouring points; inside a run of equal values, the middle of the run's
// probabilities; below the first point 0, above the last 100.
double percentile_of(std::span<const std::pair<double, double>> quantiles, double x);

// Log density of x under a normal(mean, sd).
double normal_log_density(double x, double mean, double sd);

struct TrackRow {
  std::string company;
  Quarter period;
  BacktestMetric metric = BacktestMetric::revenue;
  double projected = 0, reported = 0;
  double error = 0;                  // projected - reported
  std::optional<double> percentile;  // 0..100, where the reported figure landed
  std::optional<bool> inside;        // within the central band (TrackOptions::band)
};

struct ScenarioScore {
  std::string scenario;
  bool distributions = false;  // the scenario has uncertain drivers (else baseline error only)
  int cells = 0;
  double log_likelihood = 0;
  double weight = 0;  // exp(LL - max LL), normalised over the scored scenarios (equal priors)
};

struct TrackOptions {
  double band = 90;           // central band in %, for `inside`
  std::int64_t paths = 4000;  // Monte Carlo paths per scenario
  std::uint64_t seed = 42;
  int threads = 1;
  std::vector<std::string> scenarios;  // empty: builtin_scenario_names()
};

struct TrackResult {
  TrackedKind kind = TrackedKind::forecast;
  std::string scenario;           // the file's
  Quarter cut;                    // the data cut: the latest last reported quarter of the file's companies
  std::optional<Quarter> latest;  // the latest quarter reported since, if any
  std::vector<std::pair<std::string, std::string>> companies;  // id, currency (file order)
  std::vector<TrackRow> rows;                                  // company, quarter, metric order
  std::vector<ScenarioScore> ranking;                          // best first
  int outside = 0;                                             // rows outside the band
  std::int64_t paths = 0;
  std::uint64_t seed = 0;
  std::vector<std::string> notes;
};

// UsageError for a band outside (0, 100) or an unknown scenario; DataError when a
// company of the file is not in the current data.
TrackResult track(const TrackedOutput& output, const dataset::Dataset& current, const TrackOptions& options);

}  // namespace cloudcast::model
