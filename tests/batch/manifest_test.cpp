#include "cloudcast/batch/manifest.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include <fstream>
#include <set>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace batch_manifest_test {

using namespace cloudcast::batch;
using cloudcast::Format;
using Json = nlohmann::ordered_json;

namespace {

const CommandNames kCommands{{"data", "forecast", "compare", "backtest", "simulate", "diff", "batch", "merge"},
                             {"batch", "merge"}};

Manifest parse(const char* text) { return parse_manifest(Json::parse(text), "m.json", kCommands); }

std::string error_of(const char* text) {
  try {
    parse(text);
  } catch (const cloudcast::DataError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("parse_manifest: a matrix expands scenario-major, with names, arguments and formats", "[manifest]") {
  const Manifest m = parse(R"({
    "defaults": {"formats": ["csv", "json"], "options": {"horizon": 12}},
    "runs": [
      {"name": "fc-{scenario}-{company}", "command": "forecast",
       "matrix": {"company": ["alibaba", "amazon"], "scenario": ["base", "bear"]},
       "options": {"horizon": 8, "model": "ets", "verbose": true, "quiet-ish": false}},
      {"name": "bt", "command": "backtest", "formats": ["md"], "args": ["--series", "x.csv"]}]})");
  REQUIRE(m.runs.size() == 5);
  CHECK(m.runs[0].name == "fc-base-alibaba");
  CHECK(m.runs[1].name == "fc-base-amazon");
  CHECK(m.runs[2].name == "fc-bear-alibaba");
  CHECK(m.runs[3].name == "fc-bear-amazon");
  for (std::size_t i = 0; i < m.runs.size(); ++i) CHECK(m.runs[i].position == i);
  // The run's horizon overrides the default's, keeping the default's place.
  CHECK(m.runs[3].arguments == std::vector<std::string>{"--scenario", "bear", "--company", "amazon", "--horizon", "8",
                                                        "--model", "ets", "--verbose"});
  CHECK(m.runs[3].formats == std::vector<Format>{Format::csv, Format::json});
  CHECK(m.runs[4].arguments == std::vector<std::string>{"--horizon", "12", "--series", "x.csv"});
  CHECK(m.runs[4].formats == std::vector<Format>{Format::markdown});
  CHECK_FALSE(m.runs[4].scenario.has_value());
}

TEST_CASE("parse_manifest: errors name the file and JSON pointer", "[manifest]") {
  CHECK(error_of(R"({"runs": []})") == "m.json:/runs: expected a non-empty list of runs, got []");
  // Long names and keys are quoted as 40-byte excerpts; a run name must leave room for
  // ".markdown" in a 255-byte file name (it failed at the rename, after the run's work).
  const std::string cut = std::string(40, 'n') + "...";
  CHECK(error_of(("{\"" + std::string(5000, 'n') + "\": 1, \"runs\": []}").c_str()) ==
        "m.json:/" + cut + ": unknown key '" + cut + "'; expected schema_version, name, defaults, runs or comment");
  CHECK(error_of(("{\"runs\": [{\"name\": \"" + std::string(247, 'n') + "\", \"command\": \"forecast\"}]}").c_str()) ==
        "m.json:/runs/0/name: run name '" + cut +
            "' is 247 bytes; expected at most 246, so that <name>.markdown fits a file name (255 bytes)");
  CHECK(error_of(("{\"runs\": [{\"name\": \"" + std::string(246, 'n') + "\", \"command\": \"forecast\"}]}").c_str()) ==
        "no error");
  CHECK(error_of(R"({})") == "m.json:/: missing \"runs\"; expected a list of runs (see docs/batch.md)");
  CHECK(
      error_of(R"({"runs": [{"command": "forecast"}]})") ==
      "m.json:/runs/0: missing \"name\"; expected a run like {\"name\": \"forecast-base\", \"command\": \"forecast\"}");
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "forcast"}]})") ==
        "m.json:/runs/0/command: unknown command 'forcast'; expected one of data, forecast, compare, backtest, "
        "simulate, diff, batch, merge (did you mean 'forecast'?)");
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "batch"}]})") ==
        "m.json:/runs/0/command: 'batch' cannot run inside a batch; expected a report command such as forecast");
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "forecast", "formats": ["xml"]}]})")
            .starts_with("m.json:/runs/0/formats/0: unknown format 'xml'"));
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "forecast", "options": {"output": "x"}}]})")
            .starts_with("m.json:/runs/0/options/output: 'output' is set by batch itself"));
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "forecast", "options": {"h": null}}]})") ==
        "m.json:/runs/0/options/h: expected a string, number or boolean, got null");
  CHECK(error_of(R"({"runs": [{"name": "../x", "command": "forecast"}]})")
            .starts_with("m.json:/runs/0/name: run name '../x' is not a plain file name"));
  CHECK(error_of(R"({"runs": [{"name": "index", "command": "forecast"}]})") ==
        "m.json:/runs/0/name: run name 'index' is reserved for the batch's own index.json; expected another name");
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "forecast"}, {"name": "a", "command": "data"}]})") ==
        "m.json:/runs/1/name: duplicate run name 'a' (also /runs/0); expected unique names (use {scenario} and "
        "{company} in a matrix run's name)");
  CHECK(
      error_of(
          R"({"runs": [{"name": "f-{scenario}", "command": "forecast", "matrix": {"scenario": ["a"], "company": ["x", "y"]}}]})") ==
      "m.json:/runs/0/name (expanded to 'f-a'): duplicate run name 'f-a' (also /runs/0); expected unique names (use "
      "{scenario} and {company} in a matrix run's name)");
  CHECK(error_of(R"({"runs": [{"name": "a", "command": "forecast", "colour": 1}]})") ==
        "m.json:/runs/0/colour: unknown key 'colour'; expected name, command, scenario, companies, options, args, "
        "formats or matrix");
  CHECK(error_of(R"({"schema_version": 2, "runs": [{"name": "a", "command": "forecast"}]})") ==
        "m.json:/schema_version: expected 1, got 2");
  CHECK(error_of(R"([])") == "m.json:/: expected an object with \"runs\", got array");
}

TEST_CASE("select_shard: the shards of any N partition the runs", "[manifest]") {
  std::vector<Run> runs(23);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    runs[i].position = i;
    runs[i].name = fmt::format("r{}", i);
  }
  for (int n : {1, 2, 3, 5, 23, 40}) {
    std::multiset<std::size_t> seen;
    for (int i = 1; i <= n; ++i)
      for (const Run& run : select_shard(runs, {.index = i, .count = n})) {
        CHECK(static_cast<int>(run.position % static_cast<std::size_t>(n)) == i - 1);  // round robin
        seen.insert(run.position);
      }
    CHECK(seen.size() == runs.size());  // every run once: no run twice, none missing
    for (std::size_t i = 0; i < runs.size(); ++i) CHECK(seen.count(i) == 1);
  }
  CHECK(select_shard(runs, {.index = 2, .count = 3}).front().name == "r1");
}

TEST_CASE("parse_shard: I/N with 1 <= I <= N", "[manifest]") {
  CHECK(parse_shard("2/3") == Shard{.index = 2, .count = 3});
  CHECK(parse_shard("1/1") == Shard{.index = 1, .count = 1});
  CHECK_THROWS_WITH(parse_shard("4/3"), "--shard: expected I/N with 1 <= I <= N <= 100000, got '4/3'");
  CHECK_THROWS_WITH(parse_shard("0/3"), "--shard: expected I/N with 1 <= I <= N <= 100000, got '0/3'");
  CHECK_THROWS_WITH(parse_shard("3"), "--shard: expected I/N such as 2/3, got '3'");
  CHECK_THROWS_AS(parse_shard("a/b"), cloudcast::UsageError);
}

TEST_CASE("digest: FNV-1a 64 reference values", "[manifest]") {
  // Published FNV-1a 64-bit test vectors (offset basis for "", 0xaf63dc4c8601ec8c for "a").
  CHECK(digest("") == "fnv1a64:cbf29ce484222325");
  CHECK(digest("a") == "fnv1a64:af63dc4c8601ec8c");
  CHECK(digest("foobar") == "fnv1a64:85944171f73967e8");
}

TEST_CASE("the shipped nightly manifest: every scenario x company forecast in four formats", "[manifest]") {
  const Manifest m = load_manifest(std::string(CLOUDCAST_SOURCE_DIR) + "/data/batch/nightly.json", kCommands);
  CHECK(m.name == "nightly");
  REQUIRE(m.runs.size() == 28);  // 5 scenarios x 4 companies, 5 compares, 2 simulates, 1 backtest
  std::set<std::string> forecasts;
  for (const Run& run : m.runs) {
    CHECK(run.formats == std::vector<Format>{Format::table, Format::csv, Format::json, Format::markdown});
    if (run.command == "forecast") forecasts.insert(*run.scenario + "/" + run.companies.at(0));
  }
  CHECK(forecasts.size() == 20);
  CHECK(forecasts.contains("price-war/google"));
  CHECK(m.runs[0].arguments ==
        std::vector<std::string>{"--scenario", "base", "--company", "alibaba", "--horizon", "12"});
}

TEST_CASE("load_manifest: read by the one JSON reader (duplicates, range, depth)", "[manifest]") {
  cloudcast::testing::TempDir dir;
  const auto path = dir.path() / "m.json";
  const auto message = [&](const std::string& text) {
    std::ofstream(path) << text;
    try {
      load_manifest(path, kCommands);
    } catch (const cloudcast::DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string file = path.string();
  CHECK(message(R"({"runs": [{"name": "a", "command": "forecast", "options": {"horizon": 4, "horizon": 40}}]})") ==
        file +
            ":1:74: duplicate key \"horizon\" at /runs/0/options/horizon (first at 1:60); expected each key once "
            "per object");
  CHECK(message(R"({"runs": [{"name": "a", "command": "forecast", "options": {"horizon": 1e999}}]})") ==
        file + ":1:71: number 1e999 is out of range; expected a finite number");
  // A run that is a deep list: refused by the reader, before any message could render it.
  std::string deep_runs = std::string("{\"runs\": [") + std::string(100000, '[') + std::string(100000, ']') + "]}";
  CHECK_THAT(message(deep_runs), Catch::StartsWith(file + ":1:73: nesting deeper than 64 levels at /runs/0/0"));
  CHECK(message(R"({"runs": [{"name": "a", "command": "forecast", "options": {"horizon": 4}}]})") == "no error");
}

}  // namespace batch_manifest_test
