#include "cli/scenario_options.hpp"

#include <iostream>
#include <iterator>

namespace cloudcast::cli {

namespace po = boost::program_options;

void add_scenario_options(po::options_description& desc, ScenarioArguments& arguments) {
  desc.add_options()("scenario,s", po::value(&arguments.name),
                     "built-in scenario name, path to a scenario .json file, or - for stdin (default base)")(
      "set", po::value(&arguments.sets)->composing(),
      "override a driver, COMPANY.DRIVER=VALUE (e.g. alibaba.useful_life=3; defaults.DRIVER or DRIVER for every "
      "company; fx.annual_change), repeatable, checked like a scenario file");
}

ChosenScenario choose_scenario(const ScenarioArguments& arguments, const dataset::Dataset& data) {
  ChosenScenario chosen;
  for (const auto& text : arguments.sets) chosen.overrides.push_back(model::parse_override(text, data));
  if (arguments.name == "-") {
    // The CLI owns stdin; the model only sees text and the place to name in messages.
    const std::string text{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
    chosen.without_overrides = model::parse_scenario(text, "stdin", data);
  } else {
    chosen.without_overrides = model::load_scenario(arguments.name, data);
  }
  chosen.scenario = chosen.without_overrides;
  model::apply_overrides(chosen.scenario, chosen.overrides);
  return chosen;
}

}  // namespace cloudcast::cli
