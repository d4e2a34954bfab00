// cloudcast forecast: one scenario through the projection engine, per company.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/horizon_option.hpp"
#include "cli/period_option.hpp"
#include "cli/scenario_options.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/baseline.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/override_effect.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/model/valuation.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_forecast(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("forecast");
  std::string horizon_text = "12", model_name = "trend";
  ScenarioArguments scenario_arguments;
  std::vector<std::string> companies;
  po::options_description desc("Options");
  add_scenario_options(desc, scenario_arguments);
  desc.add_options()("company,c", po::value(&companies)->composing(),
                     "company id to project (repeatable; default all)");
  add_horizon_option(desc, horizon_text, "quarters to project after the last reported one");
  std::string period_text = "quarter";
  add_period_option(desc, period_text);
  desc.add_options()(
      "model,m", po::value(&model_name),
      fmt::format("statistical baseline of core revenue: {} (default trend)", fmt::join(model::baseline_models(), ", "))
          .c_str());
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};

  // Options are checked before any work starts.
  const int horizon = parse_horizon(horizon_text);
  const model::Period period = parse_period_option(period_text);
  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  for (auto& id : companies) id = dataset::find_company(data, id).id;
  const ChosenScenario chosen = choose_scenario(scenario_arguments, data);
  const model::EngineOptions engine{.horizon = horizon, .baseline_model = model_name, .companies = companies};
  model::Projection projection = model::project(data, chosen.scenario, engine);
  projection.notes = model::inert_override_notes(data, chosen.without_overrides, chosen.overrides, engine, projection);
  return {.doc = report::forecast_document(projection, chosen.scenario, data,
                                           model::value_projection(projection, chosen.scenario), period)};
}

}  // namespace cloudcast::cli
