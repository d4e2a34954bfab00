#include "cloudcast/batch/index.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace batch_index_test {

using namespace cloudcast::batch;

namespace {

BatchIndex shard_of(int index, int count, std::vector<std::string> names, std::vector<std::size_t> positions) {
  BatchIndex shard{.tool_version = std::string("0.1.0"),
                   .manifest = std::string("m.json"),
                   .manifest_name = std::string("m"),
                   .manifest_digest = std::string("fnv1a64:0000000000000001"),
                   .manifest_runs = 5,
                   .shard = Shard{.index = index, .count = count},
                   .runs = {},
                   .wall_seconds = 0.0,
                   .jobs = 1};
  for (std::size_t i = 0; i < names.size(); ++i) {
    RunRecord run;
    run.name = names[i];
    run.position = positions[i];
    run.command = "forecast";
    run.ok = true;
    run.outputs = {fmt::format("{}.json", names[i])};
    shard.runs.push_back(run);
  }
  return shard;
}

}  // namespace

TEST_CASE("index JSON round trip keeps every field", "[index]") {
  BatchIndex index = shard_of(2, 3, {"b", "e"}, {1, 4});
  index.runs[1].ok = false;
  index.runs[1].exit_code = 3;
  index.runs[1].error = "x.json:/a: bad";
  index.runs[0].inputs_digest = "sha:1";
  index.runs[0].scenario = "base";
  index.runs[0].duration_seconds = 0.25;
  const auto json = index_to_json(index);
  CHECK(json["totals"]["failed"] == 1);
  const BatchIndex back = index_from_json(json, "index.json");
  CHECK(index_to_json(back) == json);
  CHECK(back.failed() == 1);
}

TEST_CASE("merge_indexes: shards in any order give the manifest's order and no shard", "[index]") {
  const auto s1 = shard_of(1, 3, {"a", "d"}, {0, 3});
  const auto s2 = shard_of(2, 3, {"b", "e"}, {1, 4});
  const auto s3 = shard_of(3, 3, {"c"}, {2});
  const BatchIndex merged = merge_indexes({s3, s1, s2}, {"3", "1", "2"});
  REQUIRE(merged.runs.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) CHECK(merged.runs[i].position == i);
  CHECK(merged.runs[4].name == "e");
  CHECK_FALSE(merged.shard.has_value());
}

TEST_CASE("merge_indexes: overlapping runs, repeated shards and other manifests are errors", "[index]") {
  const auto s1 = shard_of(1, 3, {"a", "d"}, {0, 3});
  CHECK_THROWS_WITH(merge_indexes({s1, shard_of(2, 3, {"b", "d"}, {1, 3})}, {"s1/index.json", "s2/index.json"}),
                    "s2/index.json:/runs/1/name: run 'd' is also in s1/index.json; expected each run in exactly one "
                    "shard folder");
  CHECK_THROWS_WITH(merge_indexes({s1, s1}, {"s1/index.json", "again/index.json"}),
                    "again/index.json:/shard/index: shard 1 is also s1/index.json; expected each shard once");
  auto other = shard_of(2, 3, {"b"}, {1});
  other.manifest_digest = "fnv1a64:0000000000000002";
  CHECK_THROWS_AS(merge_indexes({s1, other}, {"s1", "s2"}), cloudcast::DataError);
  CHECK_THROWS_AS(merge_indexes({s1, shard_of(2, 4, {"b"}, {1})}, {"s1", "s2"}), cloudcast::DataError);
  // The library names no command: `merge` requires a shard folder before it gets here.
  CHECK_THROWS_WITH(merge_indexes({}, {}), "no shard index to join; expected at least one");
}

TEST_CASE("index_from_json: a malformed index names the pointer", "[index]") {
  auto json = index_to_json(shard_of(1, 1, {"a"}, {0}));
  json["runs"][0]["status"] = "maybe";
  CHECK_THROWS_WITH(index_from_json(json, "i.json"),
                    "i.json:/runs/0/status: expected \"ok\" or \"failed\", got \"maybe\"");
  json.erase("runs");
  CHECK_THROWS_WITH(index_from_json(json, "i.json"),
                    "i.json:/runs: expected a value (is this a cloudcast batch index.json?), got nothing");
}

TEST_CASE("index_from_json: outputs outside the folder and negative counts are refused with the place", "[index]") {
  // Defect F: merge copied whatever index.json listed, "../SECRET.txt" and absolute paths too.
  for (const char* bad : {"../SECRET.txt", "/etc/passwd", "sub/a.json", ".hidden.json", "a.exe", "index.json", ""}) {
    auto json = index_to_json(shard_of(1, 1, {"a"}, {0}));
    json["runs"][0]["outputs"][0] = bad;
    CHECK_THROWS_WITH(index_from_json(json, "i.json"),
                      fmt::format("i.json:/runs/0/outputs/0: expected a file name in the batch folder (no '/', not "
                                  "starting with '.', a known extension), got \"{}\"",
                                  bad));
  }
  auto json = index_to_json(shard_of(1, 1, {"a"}, {0}));
  json["manifest_runs"] = -1;  // was exit 1 through a huge size_t; a bad index is exit 3
  CHECK_THROWS_AS(index_from_json(json, "i.json"), cloudcast::DataError);
  CHECK_THROWS_WITH(index_from_json(json, "i.json"), "i.json:/manifest_runs: expected an integer >= 0, got -1");
  json = index_to_json(shard_of(1, 1, {"a"}, {0}));
  json["runs"][0]["position"] = -3;
  CHECK_THROWS_WITH(index_from_json(json, "i.json"), "i.json:/runs/0/position: expected an integer >= 0, got -3");
  // Found by the index fuzz target: a timing of the wrong type threw nlohmann's
  // type_error, which no caller catches (std::terminate).
  json = index_to_json(shard_of(1, 1, {"a"}, {0}));
  json["timings"] = {{"wall_seconds", 0.013}, {"jobs", "1"}};
  CHECK_THROWS_WITH(index_from_json(json, "i.json"), "i.json:/timings/jobs: expected an integer, got \"1\"");
  json["timings"] = {{"wall_seconds", "fast"}, {"jobs", 2}};
  CHECK_THROWS_WITH(index_from_json(json, "i.json"),
                    "i.json:/timings/wall_seconds: expected a number >= 0, got \"fast\"");
  json["timings"] = {{"wall_seconds", 0.5}, {"jobs", 2}};
  const BatchIndex read_back = index_from_json(json, "i.json");
  CHECK(read_back.wall_seconds == 0.5);
  CHECK(read_back.jobs == 2);
}

TEST_CASE("is_output_name: plain names with a known extension, not the folder's own files", "[index]") {
  CHECK(is_output_name("forecast-base-alibaba.json"));
  CHECK(is_output_name("backtest_1.CSV"));
  CHECK_FALSE(is_output_name("summary.md"));
  CHECK_FALSE(is_output_name("a.json/"));
  CHECK_FALSE(is_output_name("-a.json"));
  CHECK_FALSE(is_output_name("a"));
}

TEST_CASE("load_index: read by the one JSON reader (range, depth, duplicates)", "[index]") {
  cloudcast::testing::TempDir dir;
  const auto message = [&](const std::string& text) {
    std::ofstream(dir.path() / "index.json") << text;
    try {
      load_index(dir.path());
    } catch (const cloudcast::DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string file = (dir.path() / "index.json").string();
  CHECK(message(R"({"schema_version": 1e999})") ==
        file + ":1:20: number 1e999 is out of range; expected a finite number");
  CHECK_THAT(message(std::string(100000, '[') + std::string(100000, ']')),
             Catch::StartsWith(file + ":1:65: nesting deeper than 64 levels at /0/0/0"));
  CHECK(message(R"({"schema_version": 1, "schema_version": 2})") ==
        file +
            ":1:23: duplicate key \"schema_version\" at /schema_version (first at 1:2); expected each key once per "
            "object");
}

}  // namespace batch_index_test
