#pragma once
// The command table: every subcommand's name, one-line summary, example and handler.
// `cloudcast help`, `--help` and `batch` are all driven from this one table.

#include <boost/program_options.hpp>

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/global_options.hpp"
#include "cloudcast/batch/manifest.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::cli {

// What a handler returns: a document for the renderers, or raw text (help) printed as
// is, and the exit code (1 for a failed check; errors are thrown instead).
struct CommandResult {
  report::Document doc;
  std::string raw_text;
  ExitCode code = ExitCode::ok;
  // raw_text is the command's output itself (data export's CSV), not help: it goes to
  // --output when one is given, like a report.
  bool raw_is_output = false;
};

using Handler = CommandResult (*)(const GlobalOptions& global, const std::vector<std::string>& args);

struct Command {
  std::string_view name;
  std::string_view summary;
  std::string_view example;
  Handler handler;
};

std::span<const Command> commands();
// Throws UsageError with "did you mean" for an unknown name.
const Command& find_command(std::string_view name);
// The command table as a batch manifest sees it: every command, and the two that drive
// batches themselves and so cannot be a run of one (batch, merge).
batch::CommandNames manifest_command_names();

// Handlers, one per cmd_<name>.cpp.
CommandResult run_data(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_forecast(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_compare(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_backtest(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_simulate(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_sensitivity(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_batch(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_diff(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_merge(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_signals(const GlobalOptions&, const std::vector<std::string>&);
CommandResult run_track(const GlobalOptions&, const std::vector<std::string>&);

// Shared by the handlers: parse args against desc (and positionals), turning every
// Boost.ProgramOptions error into a UsageError that names the command. Returns false
// when --help was given; help then holds the text to print.
bool parse_arguments(const Command& command, const std::vector<std::string>& args,
                     const boost::program_options::options_description& desc,
                     const boost::program_options::positional_options_description& positional,
                     boost::program_options::variables_map& values, std::string& help);

// The --help text of a command: usage line, summary, options, example, global options.
std::string help_text(const Command& command, std::string_view usage,
                      const boost::program_options::options_description& desc);

}  // namespace cloudcast::cli
