#pragma once
// The projection engine (equations in docs/model.md). Quarterly, per company, over a
// horizon of H quarters after the last reported one; money in millions of the company's
// reporting currency. project(dataset, scenario, options) -> Projection is the whole
// thing for the CLI and reports; its two levels, calibrate and project_path, which
// Monte Carlo and sensitivity run per path, are private (model/path_engine.hpp).

#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/projection.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

inline constexpr int kMaxHorizon = 40;
inline constexpr int kMaxLag = 8;  // in_service_lag upper bound (quarters)
inline constexpr int kCalibrationQuarters = 4;
// Stated calibration tolerance: the model's operating income in each of the last four
// quarters within 3 points of margin of the reported one (|model - reported| / revenue).
// Four noisy quarters against three parameters rarely fit exactly; margin points are the
// scale analysts read (docs/model.md).
inline constexpr double kCalibrationTolerance = 0.03;

struct EngineOptions {
  int horizon = 12;                      // quarters, 1..kMaxHorizon
  std::string baseline_model = "trend";  // see baseline_models()
  std::vector<std::string> companies;    // ids to project; empty = every company in the data
};

// UsageError for a horizon outside [1, kMaxHorizon] or an unknown company id.
Projection project(const dataset::Dataset& data, const Scenario& scenario, const EngineOptions& options);

// CNY per USD for each projected quarter h = 1..horizon after `last`: the scenario's path
// or start rate and drift, the start rate defaulting to the last rate in the data.
std::vector<double> fx_path(const dataset::Dataset& data, const FxPath& fx, Quarter last, int horizon);

}  // namespace cloudcast::model
