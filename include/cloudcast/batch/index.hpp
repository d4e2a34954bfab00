#pragma once
// DIR/index.json of a batch: every run with its status, inputs digest, duration and
// outputs, in manifest order. Durations (and the top-level "timings") are the only
// parts that change between two runs of the same manifest on the same inputs.

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/batch/manifest.hpp"

namespace cloudcast::batch {

struct RunRecord {
  std::size_t position = 0;
  std::string name;
  std::string command;
  std::optional<std::string> scenario;
  std::vector<std::string> companies;
  std::vector<std::string> arguments;
  bool ok = false;
  int exit_code = 0;
  std::string error;  // the command's error message when it failed
  std::optional<std::string> inputs_digest;  // the command's own meta.inputs_digest
  double duration_seconds = 0.0;
  std::vector<std::string> outputs;  // file names relative to the batch folder
};

struct BatchIndex {
  std::string tool_version;
  std::string manifest;         // as given on the command line
  std::string manifest_name;
  std::string manifest_digest;  // digest() of the manifest file's bytes
  std::size_t manifest_runs = 0;  // runs in the whole manifest, all shards together
  std::optional<Shard> shard;     // nullopt for an unsharded or merged batch
  std::vector<RunRecord> runs;    // by position
  double wall_seconds = 0.0;      // timings: the whole batch (a merge: the slowest shard)
  int jobs = 0;                   // timings: threads used (a merge: the most any shard used)

  std::size_t failed() const;
};

// True for a name a batch output may have: a plain file name in the folder (letters,
// digits, '-', '_', '.', starting with a letter or digit), a known report extension, and
// not index.json or summary.md. Run names and --forecasts-out names obey it.
bool is_output_name(std::string_view name);

// A record for a run not executed yet: everything from the manifest, status unset.
RunRecord record_for(const Run& run);

nlohmann::ordered_json index_to_json(const BatchIndex& index);
// Throws DataError "source:/json/pointer: ..." when json is not a batch index.
BatchIndex index_from_json(const nlohmann::ordered_json& json, std::string_view source);
// Reads DIR/index.json; IoError when missing, DataError when malformed.
BatchIndex load_index(const std::filesystem::path& folder);

// Joins shard indexes into one, as if the manifest had run unsharded. Throws DataError
// when the shards come from different manifests, repeat a shard, or share a run name
// (naming both sources). Missing shards are allowed: the result has fewer runs than
// manifest_runs, which the caller reports.
BatchIndex merge_indexes(const std::vector<BatchIndex>& shards, const std::vector<std::string>& sources);

}  // namespace cloudcast::batch
