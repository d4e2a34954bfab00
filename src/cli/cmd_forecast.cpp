// Placeholder until this subcommand lands; see the issue that builds it.
#include "cli/commands.hpp"

namespace cloudcast::cli {

CommandResult run_forecast(const GlobalOptions&, const std::vector<std::string>&) {
  throw UsageError("forecast: not available in this build yet");
}

}  // namespace cloudcast::cli
