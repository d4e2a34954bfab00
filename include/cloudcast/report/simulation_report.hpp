#pragma once
// Report builder for `cloudcast simulate`: percentile bands per company, metric and
// quarter (with the fan chart in table output), the precision reached (standard errors,
// confidence intervals of the percentiles), event probabilities, and the JSON contract
// {schema_version, tool_version, inputs_digest, scenario, seed, paths, ..., companies}.

#include <string>
#include <vector>

#include "cloudcast/model/montecarlo.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

inline constexpr int kSimulationSchemaVersion = 1;

struct SimulationReportInfo {
  std::string scenario;
  std::string inputs_digest;
  std::vector<std::string> currencies;  // per layout company, ISO code
  std::vector<model::UncertainDriver> drivers;
  std::vector<std::string> notes;       // calibration, repairs, baseline error
  bool terminal = true;  // table format: fan column and the last quarter's intervals only

  // --set texts applied to the scenario, named in the title and JSON.
  std::vector<std::string> overrides;
};

Document simulation_document(const model::Simulation& sim, const SimulationReportInfo& info);

// The metric's label (model::metrics(); the id itself when unknown) and whether it is
// money (else a fraction).
std::string metric_label(const std::string& metric);
bool metric_is_money(const std::string& metric);

}  // namespace cloudcast::report
