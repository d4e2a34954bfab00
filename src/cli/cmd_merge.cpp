// cloudcast merge: joins the folders of a sharded batch into one folder whose index.json
// and summary.md are those the unsharded batch would have written (timings aside).
#include <fmt/format.h>

#include <map>

#include "cli/batch_output.hpp"
#include "cli/batch_summary.hpp"
#include "cli/commands.hpp"
#include "cloudcast/batch/index.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/folder_lock.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

// One output file to bring into the merged folder, and where the index listed it.
struct Transfer {
  fs::path from, to;
  std::string place;  // "shard/index.json:/runs/2/outputs/0"
};

// Every listed output must be a regular file in its shard folder (not a symlink that
// could lead out of it), and no two shards may list the same name. Checked for all
// before the first copy, so a refused merge copies and deletes nothing.
void check_sources(const std::vector<Transfer>& transfers) {
  std::map<fs::path, std::string> seen;  // destination -> place
  for (const Transfer& t : transfers) {
    if (const auto [it, inserted] = seen.emplace(t.to, t.place); !inserted)
      throw DataError(fmt::format("{}: {} is also listed at {}; expected each output in one shard", t.place,
                                  t.to.filename().string(), it->second));
    std::error_code ec;
    const fs::file_status status = fs::symlink_status(t.from, ec);
    if (!fs::exists(status))
      throw IoError(fmt::format("{}: {} is listed but missing; expected the shard folder as batch wrote it",
                                t.place, t.from.string()));
    if (!fs::is_regular_file(status))
      throw IoError(fmt::format("{}: {} is not a regular file (a symlink or special file); expected the file "
                                "batch wrote",
                                t.place, t.from.string()));
  }
}

// Moves a file when it can (same file system), else copies it whole and removes the source.
void transfer(const Transfer& t, bool move) {
  if (move) {
    std::error_code ec;
    fs::rename(t.from, t.to, ec);
    if (!ec) return;
  }
  util::write_file(t.to, util::read_file(t.from));
  if (move) {
    std::error_code ec;
    fs::remove(t.from, ec);
    if (ec) throw IoError(fmt::format("{}: copied but cannot remove: {}", t.from.string(), ec.message()));
  }
}

}  // namespace

CommandResult run_merge(const GlobalOptions&, const std::vector<std::string>& args) {
  const Command& command = find_command("merge");
  po::options_description desc("Options");
  desc.add_options()
      ("shards", po::value<std::vector<std::string>>()->multitoken()->required(), "shard folders written by batch --shard")
      ("out", po::value<std::string>()->required(), "the merged folder (created if missing)")
      ("move", "move the output files instead of copying them");
  po::positional_options_description positional;
  positional.add("shards", -1);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, positional, values, help))
    return {.doc = {}, .raw_text = help_text(command, "SHARD_DIR... --out DIR [--move]", desc), .code = ExitCode::ok};

  const std::vector<std::string> folders = values["shards"].as<std::vector<std::string>>();
  const fs::path out = values["out"].as<std::string>();
  const bool move = values.count("move") > 0;
  for (const auto& folder : folders)
    if (same_folder(folder, out))
      throw UsageError(fmt::format("--out: {} is also a shard folder; expected a separate folder", out.string()));

  std::vector<batch::BatchIndex> shards;
  std::vector<std::string> sources;
  for (const auto& folder : folders) {
    shards.push_back(batch::load_index(folder));
    sources.push_back((fs::path(folder) / "index.json").string());
  }
  // Checks everything (same manifest, no shared run names) before copying a file.
  const batch::BatchIndex merged = batch::merge_indexes(shards, sources);
  // Output names were checked when each index was read (plain names, known extensions).
  std::vector<Transfer> transfers;
  for (std::size_t s = 0; s < shards.size(); ++s)
    for (std::size_t r = 0; r < shards[s].runs.size(); ++r) {
      const std::vector<std::string>& outputs = shards[s].runs[r].outputs;
      for (std::size_t o = 0; o < outputs.size(); ++o)
        transfers.push_back({fs::path(folders[s]) / outputs[o], out / outputs[o],
                             fmt::format("{}:/runs/{}/outputs/{}", sources[s], r, o)});
    }
  check_sources(transfers);
  create_output_folder(out);
  const util::FolderLock lock(out);
  start_folder(out);  // index.json appears again only when every file is in place
  for (const Transfer& t : transfers) transfer(t, move);
  write_batch_folder(merged, out);

  CommandResult result;
  result.doc = batch_summary(merged);
  const bool complete = merged.runs.size() == merged.manifest_runs;
  result.code = complete && merged.failed() == 0 ? ExitCode::ok : ExitCode::check_failed;
  return result;
}

}  // namespace cloudcast::cli
