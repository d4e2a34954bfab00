// cloudcast sensitivity: tornado and two-way tables of one output against the drivers.
#include <fmt/format.h>

#include <sstream>

#include "cli/commands.hpp"
#include "cli/horizon_option.hpp"
#include "cli/output.hpp"
#include "cli/scenario_options.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/override_effect.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/result_figures.hpp"
#include "cloudcast/model/sensitivity.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/report/sensitivity_report.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_sensitivity(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("sensitivity");
  ScenarioArguments scenario_arguments;
  std::string metric, swing_text = "P10P90", grid_text = "5", horizon_text = "12", model_name = "trend";
  std::vector<std::string> vary_raw;
  po::options_description desc("Options");
  desc.add_options()
      ("metric,m", po::value(&metric)->required(), "the output, company.metric@quarter, e.g. alibaba.operating_margin@2027Q4")
      ("vary", po::value(&vary_raw)->composing(),
       "drivers to move, comma-separated (default: every driver with a value); exactly two also give a two-way table")
      ("swing", po::value(&swing_text),
       "P10P90: a distribution's P10 and P90, else +-20 % (default); pct:X: +-X % of the base value for every driver")
      ("grid", po::value(&grid_text), "points per axis of the two-way table, 2..21 (default 5)");
  add_horizon_option(desc, horizon_text, "quarters to project");
  desc.add_options()
      ("model", po::value(&model_name), "statistical baseline of core revenue (default trend)");
  add_scenario_options(desc, scenario_arguments);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};

  model::SensitivityOptions options;
  options.metric = metric;
  for (const auto& value : vary_raw) {
    std::stringstream in(value);
    for (std::string item; std::getline(in, item, ',');)
      if (!item.empty()) options.vary.push_back(item);
  }
  options.swing = model::parse_swing(swing_text);
  options.grid = static_cast<int>(util::parse_int(grid_text, 2, 21, "--grid"));
  options.engine = {.horizon = parse_horizon(horizon_text),
                    .baseline_model = model_name,
                    .companies = {}};
  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  const ChosenScenario chosen = choose_scenario(scenario_arguments, data);
  const model::Scenario& scenario = chosen.scenario;
  model::Sensitivity result = model::analyse_sensitivity(data, scenario, options);
  model::check_sensitivity_figures(result);  // finite or refused: the swings' outputs too
  if (!chosen.overrides.empty()) {
    const auto inert = model::inert_override_notes(data, chosen.without_overrides, chosen.overrides, options.engine,
                                                   model::project(data, scenario, options.engine));
    result.notes.insert(result.notes.end(), inert.begin(), inert.end());
  }
  return {.doc = report::sensitivity_document(result, scenario, report::inputs_digest(data, scenario),
                                              resolve_output(global).format == report::Format::table)};
}

}  // namespace cloudcast::cli
