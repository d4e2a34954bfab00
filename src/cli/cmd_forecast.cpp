// cloudcast forecast: one scenario through the projection engine, per company.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/horizon_option.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/baseline.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/model/valuation.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_forecast(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("forecast");
  std::string scenario_name = "base", horizon_text = "12", model_name = "trend";
  std::vector<std::string> companies;
  po::options_description desc("Options");
  desc.add_options()("scenario,s", po::value(&scenario_name),
                     "built-in scenario name or path to a scenario .json file (default base)")(
      "company,c", po::value(&companies)->composing(), "company id to project (repeatable; default all)");
  add_horizon_option(desc, horizon_text, "quarters to project after the last reported one");
  desc.add_options()(
      "model,m", po::value(&model_name),
      fmt::format("statistical baseline of core revenue: {} (default trend)", fmt::join(model::baseline_models(), ", "))
          .c_str());
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};

  // Options are checked before any work starts.
  const int horizon = parse_horizon(horizon_text);
  const dataset::Dataset data = dataset::load_dataset(global.data_dir);
  for (const auto& id : companies) dataset::find_company(data, id);
  const model::Scenario scenario = model::load_scenario(scenario_name, data);
  const model::Projection projection =
      model::project(data, scenario, {.horizon = horizon, .baseline_model = model_name, .companies = companies});
  return {.doc = report::forecast_document(projection, scenario, data, model::value_projection(projection, scenario))};
}

}  // namespace cloudcast::cli
