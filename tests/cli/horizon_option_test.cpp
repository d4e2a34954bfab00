#include "cli/horizon_option.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "cloudcast/error.hpp"

namespace cli_horizon_option_test {

using namespace cloudcast;

TEST_CASE("horizon option: one help text, the range from the engine's kMaxHorizon", "[cli]") {
  boost::program_options::options_description desc("Options");
  std::string text = "12";
  cli::add_horizon_option(desc, text, "quarters to project");
  std::ostringstream help;
  help << desc;
  CHECK(help.str().find("-H [ --horizon ] arg") != std::string::npos);
  CHECK(help.str().find("quarters to project, 1..40 (default 12)") != std::string::npos);

  boost::program_options::options_description long_only("Options");
  std::string eight = "8";
  cli::add_horizon_option(long_only, eight, "quarters ahead", false);
  std::ostringstream help2;
  help2 << long_only;
  CHECK(help2.str().find("--horizon arg") != std::string::npos);
  CHECK(help2.str().find("-H") == std::string::npos);
}

TEST_CASE("parse_horizon: 1..40 inclusive, else a usage error naming --horizon", "[cli]") {
  CHECK(cli::parse_horizon("1") == 1);
  CHECK(cli::parse_horizon("40") == 40);
  CHECK_THROWS_MATCHES(cli::parse_horizon("41"), UsageError,
                       Catch::Matchers::Message("--horizon: expected an integer in [1, 40], got '41'"));
  CHECK_THROWS_AS(cli::parse_horizon("0"), UsageError);
  CHECK_THROWS_AS(cli::parse_horizon("x"), UsageError);
}

}  // namespace cli_horizon_option_test
