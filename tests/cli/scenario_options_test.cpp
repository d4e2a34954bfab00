// --scenario and --set through the command line, in process: every command that takes a
// scenario names the overrides in its title and JSON; batch passes them through "options".
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace cli_scenario_options_test {

using Catch::Matchers::Contains;
using cloudcast::testing::Captured;
using cloudcast::testing::run_cli;
namespace fs = std::filesystem;

TEST_CASE("cli --set: forecast projects the override and says so in title and JSON", "[cli][set]") {
  const Captured plain = run_cli({"forecast", "--company", "alibaba", "-H", "4", "--format", "json"});
  const Captured set =
      run_cli({"forecast", "--company", "aliyun", "-H", "4", "--format", "json", "--set", "aliyun.useful_life=3"});
  REQUIRE(plain.code == 0);
  REQUIRE(set.code == 0);
  const auto a = nlohmann::json::parse(plain.out), b = nlohmann::json::parse(set.out);
  CHECK_FALSE(a.contains("overrides"));  // only with --set: older baselines stay comparable
  CHECK(b["overrides"] == nlohmann::json::array({"alibaba.useful_life=3"}));
  CHECK(b["scenario"] == "base");
  CHECK(a["inputs_digest"] != b["inputs_digest"]);
  // A 3-year life depreciates new assets faster than base's 5: more depreciation at the end.
  CHECK(b["companies"][0]["quarters"].back()["depreciation"].get<double>() >
        a["companies"][0]["quarters"].back()["depreciation"].get<double>());

  const Captured table = run_cli({"forecast", "--company", "alibaba", "-H", "4", "--set", "alibaba.useful_life=3",
                                  "--set", "microsoft.ai_volume_growth=2.0"});
  REQUIRE(table.code == 0);
  CHECK_THAT(table.out, Catch::StartsWith("cloudcast forecast — scenario 'base' with alibaba.useful_life=3, "
                                          "microsoft.ai_volume_growth=2.0, 4 quarters\n"));
}

TEST_CASE("cli --set: the note on a driver a binding cap makes inert, in every command", "[cli][set]") {
  // The fixture holds Microsoft at its AI capacity cap from h1 (ai_capex_share 0,
  // ai_initial_utilization = max_utilization 0.9; model/override_effect_test checks the
  // figures), so its AI demand driver moves nothing.
  const std::string capped =
      (fs::path(CLOUDCAST_SOURCE_DIR) / "tests/e2e/fixtures/good/microsoft-at-cap.json").string();
  const std::string note =
      "--set microsoft.ai_volume_growth=2.0 does not move microsoft's AI revenue: AI demand is above the capacity cap "
      "in every projected quarter (utilization = max_utilization 0.9), so AI revenue follows capacity, not demand; it "
      "moves core revenue only, through the AI revenue backed out of the reported quarters";
  const Captured forecast =
      run_cli({"forecast", "-c", "azure", "-H", "4", "--scenario", capped, "--set", "azure.ai_volume_growth=2.0"});
  CHECK(forecast.code == 0);
  CHECK_THAT(forecast.out, Contains(note));
  const Captured compare =
      run_cli({"compare", "-H", "4", "--scenario", capped, "--set", "microsoft.ai_volume_growth=2.0"});
  CHECK(compare.code == 0);
  CHECK_THAT(compare.out, Contains(note));
  const Captured simulate = run_cli({"simulate", "--paths", "200", "-H", "4", "--format", "json", "--scenario", capped,
                                     "--set", "microsoft.ai_volume_growth=2.0"});
  REQUIRE(simulate.code == 0);
  const auto sim = nlohmann::json::parse(simulate.out);
  CHECK(sim["overrides"] == nlohmann::json::array({"microsoft.ai_volume_growth=2.0"}));
  CHECK(std::find(sim["notes"].begin(), sim["notes"].end(), note) != sim["notes"].end());
  const Captured sensitivity =
      run_cli({"sensitivity", "--metric", "azure.operating_margin@2026Q4", "-H", "4", "--vary", "useful_life",
               "--scenario", capped, "--set", "microsoft.ai_volume_growth=2.0"});
  CHECK(sensitivity.code == 0);
  CHECK_THAT(sensitivity.out, Contains("microsoft.ai_volume_growth=2.0)"));
  CHECK_THAT(sensitivity.out, Contains(note));
  // Under base itself (Microsoft starts at 0.4 utilization) the same driver moves it.
  const Captured base = run_cli({"forecast", "-c", "azure", "-H", "4", "--set", "azure.ai_volume_growth=2.0"});
  CHECK(base.code == 0);
  CHECK_THAT(base.out, !Contains("does not move"));
}

TEST_CASE("cli --set: a bad override fails before any work with exit 2", "[cli][set]") {
  const Captured r = run_cli({"compare", "--set", "alibaba.useful_life=0"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "cloudcast: error: --set alibaba.useful_life: useful_life = 0 is out of range; expected a number in [0.25, "
        "30] (years)\n");
}

TEST_CASE("cli --set: a value is read by the one JSON reader, a bare word is text", "[cli][set]") {
  // Issue 11, G: nlohmann's own parse kept the last of two keys (max 0.9 here).
  const Captured twice =
      run_cli({"simulate", "--paths", "10", "--set", R"(alibaba.ai_share={"dist":"uniform","min":0.1,"max":0.2,"max":0.9})"});
  CHECK(twice.code == 2);
  CHECK(twice.err == "cloudcast: error: --set alibaba.ai_share:1:39: duplicate key \"max\" at /max (first at 1:29); "
                     "expected each key once per object\n");
  const Captured huge = run_cli({"forecast", "--set", "alibaba.ai_share=1e999"});
  CHECK(huge.code == 2);
  CHECK(huge.err ==
        "cloudcast: error: --set alibaba.ai_share:1:1: number 1e999 is out of range; expected a finite number\n");
  const Captured deep =
      run_cli({"forecast", "--set", "alibaba.ai_share=" + std::string(70, '[') + std::string(70, ']')});
  CHECK(deep.code == 2);
  CHECK(deep.err.rfind("cloudcast: error: --set alibaba.ai_share:1:65: nesting deeper than 64 levels at /0/0/", 0) ==
        0);
  const Captured typo = run_cli({"forecast", "--set", "alibaba.useful_life=5y"});
  CHECK(typo.code == 2);
  CHECK(typo.err.rfind("cloudcast: error: --set alibaba.useful_life:1:2: invalid JSON: ", 0) == 0);
  // A bare word reaches the driver as a string: terminal_method takes it, ai_share names it.
  CHECK(run_cli({"forecast", "-H", "4", "--set", "alibaba.terminal_method=multiple"}).code == 0);
  const Captured word = run_cli({"forecast", "--set", "alibaba.ai_share=half"});
  CHECK(word.code == 2);
  CHECK(word.err ==
        "cloudcast: error: --set alibaba.ai_share: ai_share must be a number in [0, 0.99] (share); got \"half\"\n");
}

TEST_CASE("cli --set: a batch manifest passes a list of overrides as repeated --set", "[cli][set][batch]") {
  cloudcast::testing::TempDir dir;
  const fs::path manifest = dir.path() / "m.json";
  std::ofstream(manifest) << R"({"runs": [
    {"name": "set", "command": "forecast", "companies": ["alibaba"],
     "options": {"horizon": 4, "set": ["alibaba.useful_life=3", "alibaba.ai_price_change=-0.4"]}},
    {"name": "bad", "command": "forecast", "options": {"set": "alibaba.useful_lif=3"}}]})";
  const fs::path out = dir.path() / "out";
  const cloudcast::cli::CommandResult result = cloudcast::cli::find_command("batch").handler(
      cloudcast::cli::GlobalOptions{.quiet = true}, {manifest.string(), "--out", out.string()});
  CHECK(result.code == cloudcast::ExitCode::check_failed);  // the bad run fails, the good one is written
  std::ifstream in(out / "set.json");
  const auto j = nlohmann::json::parse(in);
  CHECK(j["overrides"] == nlohmann::json::array({"alibaba.useful_life=3", "alibaba.ai_price_change=-0.4"}));
  std::ifstream index_in(out / "index.json");
  const auto index = nlohmann::json::parse(index_in);
  const auto& bad = index["runs"][1];
  CHECK(bad["exit_code"] == 2);
  CHECK_THAT(bad["error"].get<std::string>(), Contains("--set alibaba.useful_lif=3: unknown driver 'useful_lif'"));
}

}  // namespace cli_scenario_options_test
