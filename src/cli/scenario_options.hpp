#pragma once
// --scenario and --set, shared by forecast, compare, simulate and sensitivity.

#include <boost/program_options.hpp>

#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::cli {

struct ScenarioArguments {
  std::string name = "base";      // a built-in name, a file path, or "-" for stdin
  std::vector<std::string> sets;  // --set DRIVER=VALUE, in order
};

void add_scenario_options(boost::program_options::options_description& desc, ScenarioArguments& arguments);

// The scenario as asked, and as it was before the --set overrides (for the notes on
// overrides that move nothing, model/override_effect.hpp).
struct ChosenScenario {
  model::Scenario scenario;
  model::Scenario without_overrides;
  std::vector<model::DriverOverride> overrides;
};

// Parses every --set first (UsageError before any file is read), then loads the scenario
// ("-" reads JSON text from stdin, named "stdin" in messages) and applies them.
ChosenScenario choose_scenario(const ScenarioArguments& arguments, const dataset::Dataset& data);

}  // namespace cloudcast::cli
