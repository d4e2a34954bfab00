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
  // The user data folder `data import` writes the overlay into (user_data_dir()); nullopt
  // when the environment names none.
  std::optional<std::filesystem::path> user_data;
  bool no_overlay = false;  // --no-overlay: the built-in data (or --data) alone

  // The overlay every command lays over the data: user_data/overlay.csv, unless --no-overlay.
  std::optional<std::filesystem::path> overlay() const;
};

// The overlay's file name inside the user data folder.
inline constexpr std::string_view kOverlayFileName = "overlay.csv";

// The user data folder: $CLOUDCAST_DATA_HOME when set and not empty; else
// $XDG_DATA_HOME/cloudcast when XDG_DATA_HOME is an absolute path (the XDG Base Directory
// spec ignores a relative one); else $HOME/.local/share/cloudcast; nullopt when HOME is
// not set either.
std::optional<std::filesystem::path> user_data_dir();

// Removes the global options from args (any position) into a GlobalOptions; the rest
// stays in args for the subcommand. Throws UsageError for a global option missing its value.
GlobalOptions extract_global_options(std::vector<std::string>& args);

// The global options' help block, shared by every --help.
std::string global_options_help();

}  // namespace cloudcast::cli
