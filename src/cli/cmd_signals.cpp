// cloudcast signals: one dashboard per company with the five signals analysts watch
// (margin against depreciation, capex utilisation, backlog coverage, price actions,
// benchmark standing), computed against the base scenario's projection.
#include "cli/commands.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/result_figures.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/model/signals.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/report/signals_report.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_signals(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("signals");
  std::string scenario_name = "base";
  std::vector<std::string> companies;
  po::options_description desc("Options");
  desc.add_options()("company,c", po::value(&companies)->composing(), "company id (repeatable; default all)")(
      "scenario,s", po::value(&scenario_name),
      "scenario whose projection the coverage and margin ramp use (default base)");
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};

  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  for (const auto& id : companies) dataset::find_company(data, id);
  const model::Scenario scenario = model::load_scenario(scenario_name, data);
  // Four quarters: backlog coverage reads the next four, the margin ramp ends at T+4.
  const model::Projection projection = model::project(data, scenario, {.horizon = 4, .companies = companies});
  const std::vector<model::CompanySignals> signals = model::compute_signals(data, scenario, projection);
  model::check_signal_figures(signals, data);  // finite or refused
  return {.doc = report::signals_document(signals, scenario.name, report::inputs_digest(data, scenario))};
}

}  // namespace cloudcast::cli
