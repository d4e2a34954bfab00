#pragma once
// Options every subcommand accepts, wherever they stand on the command line.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cloudcast/report/render.hpp"

namespace cloudcast::cli {

struct RunFolder;  // cli/batch_output.hpp

struct GlobalOptions {
  std::optional<std::filesystem::path> data_dir;  // replaces the built-in data
  std::optional<report::Format> format;           // explicit --format
  std::optional<std::filesystem::path> output;    // --output FILE, written atomically
  bool quiet = false;                             // no progress or notes on stderr
  bool color = false;               // resolved from --color/--no-color, NO_COLOR and whether stdout is a terminal
  bool stderr_is_terminal = false;  // progress is drawn only on a terminal
  bool show_version = false;
  // Set for a run inside batch: files its options name (--forecasts-out, --dump-model)
  // go into the batch folder (see side_output_path in cli/output.hpp).
  std::shared_ptr<RunFolder> run_folder;
  bool wide = false;      // --wide: text tables as wide as they are, never cut to the terminal
  bool no_pager = false;  // --no-pager: never page a long report
};

// Removes the global options from args (any position) into a GlobalOptions; the rest
// stays in args for the subcommand. Throws UsageError for a global option missing its value.
GlobalOptions extract_global_options(std::vector<std::string>& args);

// The global options' help block, shared by every --help.
std::string global_options_help();

}  // namespace cloudcast::cli
