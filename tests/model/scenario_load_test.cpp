// scenario_load.cpp: built-in names and files, chains of bases, names and digests.
#include "cloudcast/model/scenario.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <fstream>

#include "cloudcast/error.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

namespace model_scenario_load_test {

using namespace cloudcast;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST_CASE("scenario: the shipped scenarios are built in and load", "[scenario]") {
  const auto names = model::builtin_scenario_names();
  for (const char* name : {"base", "bull", "bear", "obsolescence", "price-war"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
    const model::Scenario s = model::load_scenario(name, data());
    CHECK(s.name == name);
    CHECK(s.companies.size() == 4);
    CHECK(s.digest.size() == 16);
  }
}

TEST_CASE("scenario: base takes capex plans from guidance, not from a commitment of its own", "[scenario]") {
  const model::Scenario s = model::load_scenario("base", data());
  const auto& a = s.company("alibaba");
  CHECK(a.capex_commitment == 0);  // the RMB 380 bn is guidance in data/companies/alibaba.json
  CHECK(a.use_guidance == 1);
  CHECK(a.ai_share_quarter == Quarter{2025, 4});
  CHECK(a.cost_discipline == 0.9);
  CHECK(a.core_from_baseline);
  CHECK(std::isnan(a.variable_cost_ratio));  // calibrated
}

TEST_CASE("scenario: a variant overrides its base and keeps the rest", "[scenario]") {
  const model::Scenario base = model::load_scenario("base", data());
  const model::Scenario obs = model::load_scenario("obsolescence", data());
  const model::Scenario war = model::load_scenario("price-war", data());
  for (const char* id : {"alibaba", "microsoft", "amazon", "google"}) {
    CHECK(obs.company(id).useful_life == 3);
    CHECK(obs.company(id).reported_useful_life == base.company(id).reported_useful_life);
    CHECK(obs.company(id).ai_share == base.company(id).ai_share);
    CHECK(war.company(id).ai_price_change <= -0.3);
  }
  CHECK(obs.chain == std::vector<std::string>{"base", "obsolescence"});
  CHECK(obs.digest != base.digest);
}

TEST_CASE("scenario: files resolve their base, missing and cyclic bases are errors", "[scenario]") {
  testing::TempDir dir;
  write(dir.path() / "mine.json", R"({"base": "base", "defaults": {"useful_life": 4}})");
  write(dir.path() / "child.json", R"({"base": "mine.json", "companies": {"alibaba": {"useful_life": 2}}})");
  write(dir.path() / "a.json", R"({"base": "b.json"})");
  write(dir.path() / "b.json", R"({"base": "a.json"})");
  write(dir.path() / "orphan.json", R"({"base": "nowhere.json"})");

  const model::Scenario child = model::load_scenario((dir.path() / "child.json").string(), data());
  CHECK(child.name == "child");
  CHECK(child.company("alibaba").useful_life == 2);
  CHECK(child.company("amazon").useful_life == 4);
  CHECK(child.company("alibaba").reported_useful_life == 5);  // from base (mine.json sets only useful_life)

  CHECK_THROWS_WITH(model::load_scenario((dir.path() / "a.json").string(), data()), Contains("cyclic"));
  CHECK_THROWS_AS(model::load_scenario((dir.path() / "a.json").string(), data()), DataError);
  CHECK_THROWS_WITH(model::load_scenario((dir.path() / "orphan.json").string(), data()),
                    Contains("orphan.json:/base: cannot load base scenario 'nowhere.json'"));
  CHECK_THROWS_AS(model::load_scenario("bse", data()), UsageError);
  CHECK_THROWS_WITH(model::load_scenario("bse", data()), Contains("did you mean 'base'?"));
  CHECK_THROWS_AS(model::load_scenario((dir.path() / "absent.json").string(), data()), IoError);
}

TEST_CASE("scenario: a base name longer than a file name can be is an unknown name, not a crash", "[scenario]") {
  // Found by fuzz_scenario: std::filesystem::exists threw ENAMETOOLONG out of the loader.
  const std::string name(300, 'n');
  CHECK_THROWS_AS(model::load_scenario(name, data()), UsageError);
  // Quoted as 40-byte excerpts (issue 11: messages quote a short excerpt).
  const std::string cut = std::string(40, 'n') + "...";
  CHECK_THROWS_WITH(model::parse_scenario(R"({"base": ")" + name + R"("})", "long.json", data()),
                    StartsWith("long.json:/base: cannot load base scenario '" + cut + "': unknown scenario '" + cut +
                               "'; expected one of base,"));
}

TEST_CASE("scenario: an unnamed overlay from stdin or a pipe is named after its base and source", "[scenario][set]") {
  CHECK(model::parse_scenario(R"({"base": "base", "defaults": {"useful_life": 3}})", "stdin", data()).name ==
        "base + overlay (stdin)");
  CHECK(model::parse_scenario(R"({"defaults": {"useful_life": 3}})", "stdin", data()).name == "stdin");
  CHECK(model::parse_scenario(R"({"name": "mine", "base": "base"})", "stdin", data()).name == "mine");
  // --scenario <(echo ...): the shell passes /dev/fd/N, whose stem is only a number.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string text = R"({"base": "bull", "companies": {"alibaba": {"useful_life": 3}}})";
  REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fds[1]);
  const std::string path = fmt::format("/dev/fd/{}", fds[0]);
  const model::Scenario s = model::load_scenario(path, data());
  ::close(fds[0]);
  CHECK(s.name == "bull + overlay (" + path + ")");
  CHECK(s.company("alibaba").useful_life == 3);
  // A regular file keeps its stem.
  const testing::TempDir dir;
  write(dir.path() / "alibaba-3y.json", R"({"base": "base"})");
  CHECK(model::load_scenario((dir.path() / "alibaba-3y.json").string(), data()).name == "alibaba-3y");
}

}  // namespace model_scenario_load_test
