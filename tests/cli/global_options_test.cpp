// Global options: --color WHEN, --no-color, NO_COLOR and -o - (stdout).
#include "cli/global_options.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

#include "cloudcast/error.hpp"

namespace cli_global_options_test {

using namespace cloudcast;

namespace {

cli::GlobalOptions parse(std::vector<std::string> args) { return cli::extract_global_options(args); }

// Sets or clears NO_COLOR for one scope.
class NoColor {
 public:
  explicit NoColor(const char* value) {
    if (const char* old = std::getenv("NO_COLOR")) old_ = old;
    value ? ::setenv("NO_COLOR", value, 1) : ::unsetenv("NO_COLOR");
  }
  ~NoColor() { old_ ? ::setenv("NO_COLOR", old_->c_str(), 1) : ::unsetenv("NO_COLOR"); }

 private:
  std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("global options: --color always|never|auto, the last colour option wins", "[cli][color]") {
  const NoColor unset(nullptr);
  CHECK(parse({"--color", "always"}).color);
  CHECK(parse({"--color=always", "-o", "report.txt"}).color);  // always means into a file too
  CHECK_FALSE(parse({"--color", "never"}).color);
  CHECK_FALSE(parse({"--color", "always", "--no-color"}).color);
  CHECK(parse({"--no-color", "--color", "always"}).color);
  // auto: only on a terminal, and the tests' stdout is not one.
  CHECK_FALSE(parse({"--color", "auto"}).color);
  CHECK_THROWS_WITH(parse({"--color", "sometimes"}),
                    "--color: unknown value 'sometimes'; expected auto, always or never");
  CHECK_THROWS_AS(parse({"--color", "sometimes"}), UsageError);
  CHECK_THROWS_WITH(parse({"--color"}), "--color: expected a value after it");
}

TEST_CASE("global options: NO_COLOR forbids auto colour, not an explicit --color always", "[cli][color]") {
  const NoColor set("1");
  CHECK(parse({"--color", "always"}).color);
  CHECK_FALSE(parse({}).color);
}

TEST_CASE("global options: -o - is stdout, not a file named '-'", "[cli][output]") {
  CHECK_FALSE(parse({"-o", "-"}).output.has_value());
  CHECK_FALSE(parse({"--output=-"}).output.has_value());
  CHECK(parse({"-o", "./-"}).output == std::filesystem::path("./-"));  // a file named '-' is still reachable
  std::vector<std::string> args{"compare", "-o", "-", "--horizon", "4"};
  cli::extract_global_options(args);
  CHECK(args == std::vector<std::string>{"compare", "--horizon", "4"});
}

}  // namespace cli_global_options_test
