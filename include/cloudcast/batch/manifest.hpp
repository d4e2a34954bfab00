#pragma once
// A batch manifest (docs/batch.md): a list of runs, each a subcommand with a scenario,
// companies, options and output formats, expanded from optional scenario x company
// matrices into one flat, ordered list. The order is the manifest's, and it is what
// sharding slices.

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/format.hpp"

namespace cloudcast::batch {

struct Run {
  std::size_t position = 0;  // 0-based place in the expanded manifest
  std::string name;          // output files are DIR/<name>.<ext>
  std::string command;       // a subcommand from the command table
  std::optional<std::string> scenario;
  std::vector<std::string> companies;
  std::vector<std::string> arguments;  // the full argument list handed to the command
  std::vector<Format> formats;
};

struct Manifest {
  std::string name;  // "nightly"; defaults to the file's stem
  std::vector<Run> runs;
};

// The command table as a manifest sees it; batch knows no command by name, the CLI
// fills this in.
struct CommandNames {
  std::vector<std::string> known;         // every subcommand (for "did you mean")
  std::vector<std::string> not_in_batch;  // known, but a run may not name them (batch, merge)
};

// Parses a manifest. Throws DataError "source:/json/pointer: what; expected ..." for
// malformed manifests, unknown commands or ones not allowed in a batch, bad or duplicate
// run names, and options that batch itself controls.
Manifest parse_manifest(const nlohmann::ordered_json& json, std::string_view source, const CommandNames& commands);
// Reads and parses a manifest file; IoError when unreadable, DataError when malformed.
Manifest load_manifest(const std::filesystem::path& path, const CommandNames& commands);

// A slice of the runs for a job array: run k (0-based) belongs to shard (k mod count) + 1.
// Round robin rather than blocks, so a grid's expensive runs (often neighbours) spread.
struct Shard {
  int index = 1;  // 1-based
  int count = 1;
  bool operator==(const Shard&) const = default;
};

// "2/3" -> {2, 3}; throws UsageError naming --shard unless 1 <= I <= N <= 100000.
Shard parse_shard(std::string_view text);
std::vector<Run> select_shard(const std::vector<Run>& runs, const Shard& shard);

// 64-bit FNV-1a of bytes as "fnv1a64:<16 hex digits>": identifies a manifest so shards
// of different manifests are not merged. Not cryptographic; it only has to tell files apart.
std::string digest(std::string_view bytes);

}  // namespace cloudcast::batch
