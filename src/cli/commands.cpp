#include "cli/commands.hpp"

#include <fmt/format.h>

#include <array>
#include <sstream>

#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

namespace {

const std::array kCommands{
    Command{"data", "list, show or validate the quarterly company data",
            "cloudcast data show alibaba --format csv", run_data},
    Command{"forecast", "project one scenario per company: revenue, capex, depreciation, margin, cash",
            "cloudcast forecast --scenario obsolescence --company alibaba", run_forecast},
    Command{"compare", "line companies up by calendar quarter in one currency",
            "cloudcast compare --scenario base --currency USD", run_compare},
    Command{"signals", "the five signals per company: margin, capex utilisation, backlog, pricing, benchmarks",
            "cloudcast signals --company amazon", run_signals},
    Command{"track",
            "a forecast or simulate JSON made earlier against the quarters reported since; scenarios ranked by "
            "likelihood",
            "cloudcast track forecast-2025Q2.json --fail-outside 90", run_track},
    Command{"backtest",
            "score the forecasting models by rolling-origin backtest (sMAPE, MASE, OWA), or with --engine the whole "
            "engine against rules of thumb",
            "cloudcast backtest --horizon 8", run_backtest},
    Command{"simulate", "Monte Carlo over uncertain drivers: percentile bands, probabilities",
            "cloudcast simulate --paths 100000 --seed 42 --prob \"alibaba.operating_margin@2027Q2 < 0.05\"",
            run_simulate},
    Command{"sensitivity", "tornado and two-way tables of one output against the drivers",
            "cloudcast sensitivity --metric alibaba.operating_margin@2027Q4 --vary useful_life,ai_price_change",
            run_sensitivity},
    Command{"batch", "render many runs from a manifest into a folder, in parallel",
            "cloudcast batch data/batch/nightly.json --out reports --jobs 2", run_batch},
    Command{"diff", "compare two cloudcast JSON outputs; exit 1 when a figure moved past tolerance",
            "cloudcast diff baseline.json current.json --rtol 1e-6", run_diff},
    Command{"merge", "join the folders of a sharded batch into one index",
            "cloudcast merge shard-1 shard-2 shard-3 --out reports", run_merge},
};

}  // namespace

std::span<const Command> commands() { return kCommands; }

const Command& find_command(std::string_view name) {
  std::vector<std::string> names;
  for (const Command& command : kCommands) {
    if (command.name == name) return command;
    names.emplace_back(command.name);
  }
  throw UsageError(util::unknown_name_message("command", name, names));
}

std::string help_text(const Command& command, std::string_view usage, const po::options_description& desc) {
  std::ostringstream out;
  out << "usage: cloudcast " << command.name << (usage.empty() ? "" : " ") << usage << "\n\n"
      << command.summary << "\n\n"
      << desc << "\n"
      << "Example:\n  " << command.example << "\n\n"
      << global_options_help();
  return out.str();
}

bool parse_arguments(const Command& command, const std::vector<std::string>& args, const po::options_description& desc,
                     const po::positional_options_description& positional, po::variables_map& values,
                     std::string& help) {
  po::options_description all = desc;
  all.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), values);
    if (values.count("help")) {
      help = help_text(command, "", desc);
      return false;
    }
    po::notify(values);
  } catch (const po::error& e) {
    throw UsageError(fmt::format("{}: {}; see 'cloudcast {} --help'", command.name, e.what(), command.name));
  }
  return true;
}

}  // namespace cloudcast::cli
