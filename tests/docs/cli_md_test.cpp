// docs/cli.md against the options the binary has: every long option that `cloudcast
// COMMAND --help` prints appears, as `--name`, in the page's section of that command
// ("## COMMAND ..." headings; backtest has two), and every global option of `cloudcast
// --help` in the text before the first section. A new option without a word in the
// reference fails here, naming the command and the option.

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_cli.hpp"
#include "support/source_file.hpp"

namespace docs_cli_md_test {

namespace {

std::string read_page() { return cloudcast::testing::read_source_file("docs/cli.md"); }

// The lines of `text` between a line equal to `from` and the next line that starts a
// block ("Example:", "Global options:", "Run ..."), or the end.
std::vector<std::string> block(const std::string& text, const std::string& from) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (inside && !line.empty() && line[0] != ' ') break;
    if (inside) lines.push_back(line);
    if (line == from) inside = true;
  }
  return lines;
}

// "  -s [ --scenario ] arg ...", "  -o, --output FILE ..." and "  --set arg ..." ->
// "scenario", "output", "set".
std::vector<std::string> long_options(const std::vector<std::string>& lines) {
  static const std::regex option(R"(^  (?:-\w(?: \[ |, ))?--([a-z0-9-]+))");
  std::vector<std::string> names;
  std::smatch m;
  for (const std::string& line : lines)
    if (std::regex_search(line, m, option)) names.push_back(m[1]);
  return names;
}

// The text of every "## " section whose heading is the command or starts with it and a
// space; the text before the first "## " for "".
std::string section(const std::string& page, const std::string& command) {
  std::string out;
  std::istringstream in(page);
  bool inside = command.empty();
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) {
      const std::string heading = line.substr(3);
      inside = !command.empty() && (heading == command || heading.rfind(command + " ", 0) == 0);
    }
    if (inside) out += line + "\n";
  }
  return out;
}

bool mentions(const std::string& text, const std::string& option) {
  return std::regex_search(text, std::regex("--" + option + "(?![a-z0-9-])"));
}

// Options bound to positional arguments: the section documents them by the usage line's
// placeholder (MANIFEST, BASELINE CURRENT, SHARD_DIR..., FORECAST.json).
bool positional(const std::string& command, const std::string& option) {
  return (command == "batch" && option == "manifest") || (command == "diff" && option == "baseline") ||
         (command == "diff" && option == "current") || (command == "merge" && option == "shards") ||
         (command == "track" && option == "file");
}

}  // namespace

TEST_CASE("docs/cli.md: every option of every command's --help is in its section", "[docs]") {
  const auto top = cloudcast::testing::run_cli({"--help"});
  REQUIRE(top.code == 0);
  std::vector<std::string> commands;
  for (const std::string& line : block(top.out, "Commands:")) {
    std::istringstream words(line);
    std::string name;
    if (words >> name) commands.push_back(name);
  }
  REQUIRE(commands.size() >= 11);  // data, forecast, ..., merge
  const std::string page = read_page();
  int checked = 0;
  for (const std::string& command : commands) {
    const auto help = cloudcast::testing::run_cli({command, "--help"});
    REQUIRE(help.code == 0);
    const std::string text = section(page, command);
    if (text.empty()) FAIL_CHECK(fmt::format("docs/cli.md has no section \"## {}\"", command));
    for (const std::string& option : long_options(block(help.out, "Options:"))) {
      if (positional(command, option)) continue;
      if (!mentions(text, option))
        FAIL_CHECK(fmt::format("docs/cli.md, section of {}: no `--{}`, which `cloudcast {} --help` prints", command,
                               option, command));
      ++checked;
    }
  }
  CHECK(checked > 50);  // the options of eleven commands were read, not an empty list
}

TEST_CASE("docs/cli.md: every global option is in the page's opening", "[docs]") {
  const auto top = cloudcast::testing::run_cli({"--help"});
  REQUIRE(top.code == 0);
  const auto options = long_options(block(top.out, "Global options:"));
  CHECK(options.size() >= 9);  // --data ... --version
  const std::string opening = section(read_page(), "");
  for (const std::string& option : options)
    if (!mentions(opening, option))
      FAIL_CHECK(fmt::format("docs/cli.md's opening does not name the global option --{}", option));
}

TEST_CASE("docs/cli.md check: options are told apart from their prefixes", "[docs]") {
  const std::vector<std::string> help{"  -m [ --model ] arg    baseline", "  --models arg          models",
                                      "                        (default --seed 42)", "  --no-pager            no",
                                      "  -o, --output FILE     write"};
  CHECK(long_options(help) == std::vector<std::string>{"model", "models", "no-pager", "output"});
  CHECK(mentions("[--models M]", "models"));
  CHECK_FALSE(mentions("[--models M]", "model"));
  CHECK(mentions("`--model`: the baseline", "model"));
  CHECK(section("intro --wide\n## backtest\n--rolling\n## backtest --engine\n--from\n## track\n--seed\n", "backtest") ==
        "## backtest\n--rolling\n## backtest --engine\n--from\n");
  CHECK(section("intro --wide\n## track\n--seed\n", "") == "intro --wide\n");
}

}  // namespace docs_cli_md_test
