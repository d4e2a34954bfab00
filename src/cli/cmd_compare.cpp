// cloudcast compare: every company side by side by calendar quarter, in one currency.
// Also the main report: `cloudcast` with no arguments runs `compare` (docs/cli.md).
#include <boost/algorithm/string.hpp>

#include "cli/commands.hpp"
#include "cli/horizon_option.hpp"
#include "cli/period_option.hpp"
#include "cli/scenario_options.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/override_effect.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_compare(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("compare");
  std::string currency = "USD", horizon_text = "12";
  ScenarioArguments scenario_arguments;
  std::string metric_list = "revenue,ai_revenue,operating_margin,capex,free_cash_flow";
  std::vector<std::string> companies;
  po::options_description desc("Options");
  add_scenario_options(desc, scenario_arguments);
  desc.add_options()("currency", po::value(&currency), "USD or CNY (default USD)")(
      "metric", po::value(&metric_list),
      "comma-separated metrics, one table each (default revenue,ai_revenue,operating_margin,capex,free_cash_flow)")(
      "company,c", po::value(&companies)->composing(), "company id (repeatable; default all)");
  add_horizon_option(desc, horizon_text, "quarters to project");
  std::string period_text = "quarter";
  add_period_option(desc, period_text);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};

  const int horizon = parse_horizon(horizon_text);
  const model::Period period = parse_period_option(period_text);
  currency = boost::algorithm::to_upper_copy(currency);
  if (currency == "RMB") currency = "CNY";
  std::vector<std::string> metrics;
  boost::algorithm::split(metrics, metric_list, boost::algorithm::is_any_of(","), boost::algorithm::token_compress_on);
  std::erase_if(metrics, [](const std::string& m) { return m.empty(); });
  if (metrics.empty()) throw UsageError("--metric: expected at least one metric name");
  for (const auto& m : metrics) model::metric_or_throw(m, "--metric");
  if (currency != "USD" && currency != "CNY")
    throw UsageError("--currency: unknown currency '" + currency + "'; expected USD or CNY");

  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  for (auto& id : companies) id = dataset::find_company(data, id).id;
  const ChosenScenario chosen = choose_scenario(scenario_arguments, data);
  const model::EngineOptions engine{.horizon = horizon, .companies = companies};
  model::Projection projection = model::project(data, chosen.scenario, engine);
  projection.notes = model::inert_override_notes(data, chosen.without_overrides, chosen.overrides, engine, projection);
  return {.doc = report::compare_document(projection, chosen.scenario, data, currency, metrics, period)};
}

}  // namespace cloudcast::cli
