#include "cli/global_options.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>

#include "cloudcast/error.hpp"

namespace cloudcast::cli {

namespace {

// Splits "--name=value" into name and value; value is nullopt without '='.
std::pair<std::string, std::optional<std::string>> split_option(const std::string& arg) {
  const auto eq = arg.find('=');
  if (arg.rfind("--", 0) != 0 || eq == std::string::npos) return {arg, std::nullopt};
  return {arg.substr(0, eq), arg.substr(eq + 1)};
}

// An environment variable's value, nullopt when it is unset or empty.
std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

}  // namespace

std::optional<std::filesystem::path> user_data_dir() {
  if (const auto own = environment("CLOUDCAST_DATA_HOME")) return std::filesystem::path(*own);
  if (const auto xdg = environment("XDG_DATA_HOME"); xdg && std::filesystem::path(*xdg).is_absolute())
    return std::filesystem::path(*xdg) / "cloudcast";
  if (const auto home = environment("HOME")) return std::filesystem::path(*home) / ".local" / "share" / "cloudcast";
  return std::nullopt;
}

std::optional<std::filesystem::path> GlobalOptions::overlay() const {
  if (no_overlay || !user_data) return std::nullopt;
  return *user_data / kOverlayFileName;
}

GlobalOptions extract_global_options(std::vector<std::string>& args) {
  GlobalOptions global;
  std::string color = "auto";  // the last of --color WHEN and --no-color wins
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") {  // everything after "--" belongs to the subcommand untouched
      rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      break;
    }
    auto [name, inline_value] = split_option(args[i]);
    auto value = [&, &name = name, &inline_value = inline_value]() -> std::string {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) throw UsageError(fmt::format("{}: expected a value after it", name));
      return args[++i];
    };
    if (name == "--data") {
      global.data_dir = value();
    } else if (name == "--format") {
      global.format = report::parse_format(value());
    } else if (name == "--output" || name == "-o") {
      global.output = value();
      if (*global.output == "-") global.output.reset();  // the usual spelling of stdout
    } else if (name == "--quiet" || name == "-q") {
      global.quiet = true;
    } else if (name == "--no-color") {
      color = "never";
    } else if (name == "--color") {
      color = value();
      if (color != "auto" && color != "always" && color != "never")
        throw UsageError(fmt::format("--color: unknown value '{}'; expected auto, always or never", color));
    } else if (name == "--wide") {
      global.wide = true;
    } else if (name == "--no-pager") {
      global.no_pager = true;
    } else if (name == "--no-overlay") {
      global.no_overlay = true;
    } else if (name == "--version") {
      global.show_version = true;
    } else {
      rest.push_back(args[i]);
    }
  }
  args = std::move(rest);
  // auto: colour only on a terminal, never with NO_COLOR (https://no-color.org), never into
  // a file. always: colour even into a pipe or file (less -R); a command-line flag
  // overrides the environment, as no-color.org allows.
  const char* no_color_env = std::getenv("NO_COLOR");
  const bool env_forbids = no_color_env != nullptr && *no_color_env != '\0';
  global.color =
      color == "always" || (color == "auto" && !env_forbids && !global.output && ::isatty(STDOUT_FILENO) == 1);
  global.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
  global.user_data = user_data_dir();
  return global;
}

std::string global_options_help() {
  return "Global options:\n"
         "  --data DIR            read company data from DIR instead of the built-in data\n"
         "  --no-overlay          leave out your imported figures (cloudcast data import;\n"
         "                        kept in $CLOUDCAST_DATA_HOME, else $XDG_DATA_HOME/cloudcast)\n"
         "  --format FMT          table (default), csv (one long table), json, markdown,\n"
         "                        html (tables and charts), svg (one chart) or xlsx\n"
         "  -o, --output FILE     write the report to FILE (whole or not at all); the\n"
         "                        format follows the extension unless --format is given;\n"
         "                        - is stdout\n"
         "  -q, --quiet           no progress or notes on stderr\n"
         "  --color WHEN          auto (default: on a terminal, unless NO_COLOR is set),\n"
         "                        always or never\n"
         "  --no-color            same as --color never\n"
         "  --wide                tables at full width (default: fit COLUMNS or the terminal)\n"
         "  --no-pager            no pager (default: $PAGER or less -FRX for a report taller\n"
         "                        than the terminal)\n"
         "  --version             print the version and git commit, and exit\n";
}

}  // namespace cloudcast::cli
