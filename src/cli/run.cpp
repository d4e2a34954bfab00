#include "cli/run.hpp"

#include <fmt/format.h>

#include <exception>
#include <iostream>
#include <new>

#include "cli/commands.hpp"
#include "cli/git_commit.hpp"
#include "cli/output.hpp"
#include "cloudcast/util/atomic_file.hpp"

namespace cloudcast::cli {

namespace {

std::string usage_text() {
  std::string text =
      "usage: cloudcast [COMMAND] [OPTIONS]\n\n"
      "Scenario forecasts for the AI-cloud race: Alibaba Cloud, Microsoft Intelligent Cloud,\n"
      "AWS and Google Cloud. With no command, prints the main report (compare, base scenario).\n\n"
      "Commands:\n";
  for (const Command& command : commands()) text += fmt::format("  {:<12} {}\n", command.name, command.summary);
  text += "\nRun 'cloudcast COMMAND --help' for a command's options and an example.\n\n";
  text += global_options_help();
  return text;
}

int dispatch(std::vector<std::string> args) {
  GlobalOptions global = extract_global_options(args);
  if (global.show_version) {
    // "unknown": built outside a git checkout (cmake/GitCommit.cmake).
    write_stdout(fmt::format("cloudcast {} (commit {})\n", CLOUDCAST_VERSION, CLOUDCAST_GIT_COMMIT));
    return 0;
  }
  // With no command the tool shows its main report: every company side by side under
  // the base scenario (docs/cli.md explains the choice).
  if (args.empty()) args.emplace_back("compare");
  if (args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    if (args.size() > 1) return dispatch({args[1], "--help"});
    write_stdout(usage_text());
    return 0;
  }
  const Command& command = find_command(args[0]);
  resolve_output(global);  // a bad --output is a usage error before any work
  const CommandResult result = command.handler(global, {args.begin() + 1, args.end()});
  if (result.raw_is_output && global.output) {
    util::write_file(*global.output, result.raw_text);
  } else if (!result.raw_text.empty()) {
    write_stdout(result.raw_text);
  } else {
    write_report(result.doc, global);
  }
  return static_cast<int>(result.code);
}

}  // namespace

int run(int argc, const char* const* argv) {
  // The one catch site: every error becomes a message on stderr and its exit code.
  try {
    const int code = dispatch({argv + 1, argv + argc});
    write_stdout({});  // at exit too: nothing written to stdout may be lost unnoticed
    return code;
  } catch (const Error& e) {
    std::cerr << "cloudcast: error: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  } catch (const std::bad_alloc&) {
    std::cerr << "cloudcast: error: out of memory\n";
    return static_cast<int>(ExitCode::io);
  } catch (const std::exception& e) {
    // Anything else is a defect in cloudcast, not in the input: say so plainly.
    std::cerr << "cloudcast: internal error: " << e.what() << "\n";
    return 70;
  }
}

}  // namespace cloudcast::cli
