#pragma once
// Monte Carlo and sensitivity over a scenario: turns a Scenario whose drivers may be
// distributions (scenario.hpp, "Uncertainty" in docs/model.md) into the generic
// McProblem that simulate() runs, with the projection engine's project_path() as the
// path evaluator; its layout's metrics are path_metrics() (metrics.hpp). Calibration
// happens once per company, at the scenario's point values.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/correlation.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/montecarlo.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

struct ScenarioProblem {
  McProblem problem;
  std::optional<Repair> repair;     // set when --repair-correlation replaced the matrix
  std::vector<std::string> notes;   // calibration notes, repairs, baseline error source
  std::vector<EventExpr> events;    // the scenario's own "events"
  // The calibrated state and the drivers as plain JSON, for an independent
  // reimplementation of the same model (bench/simulate.sh's NumPy reference).
  nlohmann::ordered_json reference;
};

struct ScenarioProblemOptions {
  EngineOptions engine;
  bool repair_correlation = false;  // replace an invalid matrix by the nearest valid one
  bool baseline_error = true;       // the baseline revenue's forecast error as a driver
};

// Throws DataError "file:/correlation...: ..." for a correlation naming a driver that is
// not uncertain, or an invalid matrix without repair_correlation; UsageError for an
// unknown company or a bad horizon.
ScenarioProblem make_scenario_problem(const dataset::Dataset& data, const Scenario& scenario,
                                      const ScenarioProblemOptions& options);

}  // namespace cloudcast::model
