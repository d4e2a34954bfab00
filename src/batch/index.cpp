#include "cloudcast/batch/index.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>

#include "cloudcast/error.hpp"
#include "cloudcast/format.hpp"
#include "cloudcast/util/json_read.hpp"

namespace cloudcast::batch {

using Json = nlohmann::ordered_json;

namespace {

constexpr int kSchemaVersion = 1;

Json optional_string(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

// Reads the fields of an index back, failing with the JSON pointer of the first bad one.
class Reader {
 public:
  explicit Reader(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& expected, const Json* got) const {
    throw DataError(fmt::format("{}:{}: expected {}, got {}", source_, pointer, expected,
                                got ? util::json_excerpt(*got) : "nothing"));
  }

  const Json& at(const Json& object, const std::string& pointer, const char* key) const {
    const auto it = object.find(key);
    if (it == object.end())
      fail(fmt::format("{}/{}", pointer, key), "a value (is this a cloudcast batch index.json?)", nullptr);
    return *it;
  }

  std::string string(const Json& object, const std::string& pointer, const char* key) const {
    const Json& value = at(object, pointer, key);
    if (!value.is_string()) fail(fmt::format("{}/{}", pointer, key), "a string", &value);
    return value.get<std::string>();
  }

  std::optional<std::string> optional(const Json& object, const std::string& pointer, const char* key) const {
    const Json& value = at(object, pointer, key);
    if (value.is_null()) return std::nullopt;
    if (!value.is_string()) fail(fmt::format("{}/{}", pointer, key), "a string or null", &value);
    return value.get<std::string>();
  }

  std::vector<std::string> strings(const Json& object, const std::string& pointer, const char* key) const {
    const Json& value = at(object, pointer, key);
    if (!value.is_array() || !std::all_of(value.begin(), value.end(), [](const Json& v) { return v.is_string(); }))
      fail(fmt::format("{}/{}", pointer, key), "a list of strings", &value);
    return value.get<std::vector<std::string>>();
  }

  double number(const Json& object, const std::string& pointer, const char* key) const {
    const Json& value = at(object, pointer, key);
    if (!value.is_number() || value.get<double>() < 0)
      fail(fmt::format("{}/{}", pointer, key), "a number >= 0", &value);
    return value.get<double>();
  }

  long long integer(const Json& object, const std::string& pointer, const char* key) const {
    const Json& value = at(object, pointer, key);
    if (!value.is_number_integer()) fail(fmt::format("{}/{}", pointer, key), "an integer", &value);
    return value.get<long long>();
  }

  std::size_t count(const Json& object, const std::string& pointer, const char* key) const {
    const Json& value = at(object, pointer, key);
    if (!value.is_number_unsigned()) fail(fmt::format("{}/{}", pointer, key), "an integer >= 0", &value);
    return value.get<std::size_t>();
  }

  // A run's outputs are files in the batch folder itself: a plain name with a known
  // extension, so merge never reads or writes outside the folders it is given.
  std::vector<std::string> outputs(const Json& object, const std::string& pointer) const {
    std::vector<std::string> names = strings(object, pointer, "outputs");
    for (std::size_t i = 0; i < names.size(); ++i)
      if (!is_output_name(names[i]))
        fail(fmt::format("{}/outputs/{}", pointer, i),
             "a file name in the batch folder (no '/', not starting with '.', a known extension)",
             &object["outputs"][i]);
    return names;
  }

 private:
  std::string_view source_;
};

}  // namespace

bool is_output_name(std::string_view name) {
  const bool plain = !name.empty() && std::isalnum(static_cast<unsigned char>(name.front())) &&
                     std::all_of(name.begin(), name.end(), [](char c) {
                       return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
                     });
  return plain && name != "index.json" && name != "summary.md" &&
         format_from_extension(std::filesystem::path(name)).has_value();
}

std::size_t BatchIndex::failed() const {
  return static_cast<std::size_t>(std::count_if(runs.begin(), runs.end(), [](const RunRecord& r) { return !r.ok; }));
}

RunRecord record_for(const Run& run) {
  RunRecord record;
  record.position = run.position;
  record.name = run.name;
  record.command = run.command;
  record.scenario = run.scenario;
  record.companies = run.companies;
  record.arguments = run.arguments;
  return record;
}

Json index_to_json(const BatchIndex& index) {
  Json json;
  json["schema_version"] = kSchemaVersion;
  json["tool_version"] = index.tool_version;
  json["manifest"] = index.manifest;
  json["manifest_name"] = index.manifest_name;
  json["manifest_digest"] = index.manifest_digest;
  json["manifest_runs"] = index.manifest_runs;
  json["shard"] = index.shard ? Json{{"index", index.shard->index}, {"count", index.shard->count}} : Json(nullptr);
  json["totals"] = {
      {"runs", index.runs.size()}, {"ok", index.runs.size() - index.failed()}, {"failed", index.failed()}};
  json["timings"] = {{"wall_seconds", index.wall_seconds}, {"jobs", index.jobs}};
  Json& runs = json["runs"] = Json::array();
  for (const RunRecord& run : index.runs) {
    runs.push_back({{"position", run.position},
                    {"name", run.name},
                    {"command", run.command},
                    {"scenario", optional_string(run.scenario)},
                    {"companies", run.companies},
                    {"arguments", run.arguments},
                    {"status", run.ok ? "ok" : "failed"},
                    {"exit_code", run.exit_code},
                    {"error", run.error.empty() ? Json(nullptr) : Json(run.error)},
                    {"inputs_digest", optional_string(run.inputs_digest)},
                    {"duration_seconds", run.duration_seconds},
                    {"outputs", run.outputs}});
  }
  return json;
}

BatchIndex index_from_json(const Json& json, std::string_view source) {
  const Reader read(source);
  if (!json.is_object()) read.fail("/", "a batch index object", &json);
  if (read.integer(json, "", "schema_version") != kSchemaVersion)
    read.fail("/schema_version", fmt::format("{}", kSchemaVersion), &json["schema_version"]);
  BatchIndex index;
  index.tool_version = read.string(json, "", "tool_version");
  index.manifest = read.string(json, "", "manifest");
  index.manifest_name = read.string(json, "", "manifest_name");
  index.manifest_digest = read.string(json, "", "manifest_digest");
  index.manifest_runs = read.count(json, "", "manifest_runs");
  const Json& shard = read.at(json, "", "shard");
  if (!shard.is_null()) {
    const long long i = read.integer(shard, "/shard", "index"), n = read.integer(shard, "/shard", "count");
    if (n < 1 || i < 1 || i > n) read.fail("/shard", "{\"index\": I, \"count\": N} with 1 <= I <= N", &shard);
    index.shard = Shard{.index = static_cast<int>(i), .count = static_cast<int>(n)};
  }
  // Timings are information (absent ones stay 0), but one of the wrong type is refused
  // with its place: nlohmann's value() threw its own type_error past every handler (the
  // index fuzz target found "jobs": "1").
  if (const auto timings = json.find("timings"); timings != json.end() && timings->is_object()) {
    if (timings->contains("wall_seconds")) index.wall_seconds = read.number(*timings, "/timings", "wall_seconds");
    if (timings->contains("jobs")) {
      const long long jobs = read.integer(*timings, "/timings", "jobs");
      if (jobs < 0 || jobs > std::numeric_limits<int>::max())
        read.fail("/timings/jobs", "an integer from 0 to 2147483647", &(*timings)["jobs"]);
      index.jobs = static_cast<int>(jobs);
    }
  }
  const Json& runs = read.at(json, "", "runs");
  if (!runs.is_array()) read.fail("/runs", "a list of runs", &runs);
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const std::string at = fmt::format("/runs/{}", i);
    const Json& entry = runs[i];
    if (!entry.is_object()) read.fail(at, "a run object", &entry);
    RunRecord run;
    run.position = read.count(entry, at, "position");
    run.name = read.string(entry, at, "name");
    run.command = read.string(entry, at, "command");
    run.scenario = read.optional(entry, at, "scenario");
    run.companies = read.strings(entry, at, "companies");
    run.arguments = read.strings(entry, at, "arguments");
    const std::string status = read.string(entry, at, "status");
    if (status != "ok" && status != "failed") read.fail(at + "/status", "\"ok\" or \"failed\"", &entry["status"]);
    run.ok = status == "ok";
    run.exit_code = static_cast<int>(read.integer(entry, at, "exit_code"));
    run.error = read.optional(entry, at, "error").value_or("");
    run.inputs_digest = read.optional(entry, at, "inputs_digest");
    run.duration_seconds = read.number(entry, at, "duration_seconds");
    run.outputs = read.outputs(entry, at);
    index.runs.push_back(std::move(run));
  }
  return index;
}

BatchIndex load_index(const std::filesystem::path& folder) {
  const std::filesystem::path path = folder / "index.json";
  return index_from_json(util::read_json_file<Json>(path, "a batch index"), path.string());
}

BatchIndex merge_indexes(const std::vector<BatchIndex>& shards, const std::vector<std::string>& sources) {
  if (shards.empty()) throw UsageError("no shard index to join; expected at least one");
  const BatchIndex& first = shards.front();
  BatchIndex merged;
  merged.tool_version = first.tool_version;
  merged.manifest = first.manifest;
  merged.manifest_name = first.manifest_name;
  merged.manifest_digest = first.manifest_digest;
  merged.manifest_runs = first.manifest_runs;
  std::map<std::string, std::string> owner;  // run name -> source
  std::map<int, std::string> shard_owner;    // shard index -> source
  for (std::size_t s = 0; s < shards.size(); ++s) {
    const BatchIndex& shard = shards[s];
    if (shard.manifest_digest != first.manifest_digest || shard.manifest_runs != first.manifest_runs)
      throw DataError(
          fmt::format("{}:/manifest_digest: {} ({} runs) differs from {} in {} ({} runs); expected shards "
                      "of one manifest",
                      sources[s], shard.manifest_digest, shard.manifest_runs, first.manifest_digest, sources[0],
                      first.manifest_runs));
    if (shard.shard) {
      if (first.shard && shard.shard->count != first.shard->count)
        throw DataError(fmt::format("{}:/shard/count: {} shards, but {} has {}; expected one sharding", sources[s],
                                    shard.shard->count, sources[0], first.shard->count));
      if (const auto [it, inserted] = shard_owner.emplace(shard.shard->index, sources[s]); !inserted)
        throw DataError(fmt::format("{}:/shard/index: shard {} is also {}; expected each shard once", sources[s],
                                    shard.shard->index, it->second));
    }
    for (std::size_t r = 0; r < shard.runs.size(); ++r) {
      const RunRecord& run = shard.runs[r];
      if (const auto [it, inserted] = owner.emplace(run.name, sources[s]); !inserted)
        throw DataError(
            fmt::format("{}:/runs/{}/name: run '{}' is also in {}; expected each run in exactly one "
                        "shard folder",
                        sources[s], r, run.name, it->second));
      merged.runs.push_back(run);
    }
    merged.wall_seconds = std::max(merged.wall_seconds, shard.wall_seconds);
    merged.jobs = std::max(merged.jobs, shard.jobs);
  }
  std::stable_sort(merged.runs.begin(), merged.runs.end(),
                   [](const RunRecord& a, const RunRecord& b) { return a.position < b.position; });
  return merged;
}

}  // namespace cloudcast::batch
