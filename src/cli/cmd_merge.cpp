// cloudcast merge: joins the folders of a sharded batch into one folder whose index.json
// and summary.md are those the unsharded batch would have written (timings aside).
#include <fmt/format.h>

#include "cli/batch_output.hpp"
#include "cli/commands.hpp"
#include "cloudcast/batch/index.hpp"
#include "cloudcast/report/batch_report.hpp"
#include "cloudcast/util/atomic_file.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

bool same_folder(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::exists(a, ec) && fs::exists(b, ec) && fs::equivalent(a, b, ec);
}

// Moves a file when it can (same file system), else copies it whole and removes the source.
void transfer(const fs::path& from, const fs::path& to, bool move) {
  if (move) {
    std::error_code ec;
    fs::rename(from, to, ec);
    if (!ec) return;
  }
  util::AtomicFile file(to);
  file.stream() << util::read_file(from);
  file.commit();
  if (move) {
    std::error_code ec;
    fs::remove(from, ec);
    if (ec) throw IoError(fmt::format("{}: copied but cannot remove: {}", from.string(), ec.message()));
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
  create_output_folder(out);
  for (std::size_t s = 0; s < shards.size(); ++s)
    for (const auto& run : shards[s].runs)
      for (const auto& output : run.outputs) transfer(fs::path(folders[s]) / output, out / output, move);
  write_batch_folder(merged, out);

  CommandResult result;
  result.doc = report::batch_summary(merged);
  const bool complete = merged.runs.size() == merged.manifest_runs;
  result.code = complete && merged.failed() == 0 ? ExitCode::ok : ExitCode::check_failed;
  return result;
}

}  // namespace cloudcast::cli
