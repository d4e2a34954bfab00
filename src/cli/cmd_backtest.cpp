// Placeholder until this subcommand lands; see the issue that builds it.
#include "cli/commands.hpp"

namespace cloudcast::cli {

CommandResult run_backtest(const GlobalOptions&, const std::vector<std::string>&) {
  throw UsageError("backtest: not available in this build yet");
}

}  // namespace cloudcast::cli
