// cloudcast batch: runs a manifest's runs in parallel threads, in this process, through
// the command table, and writes each run's report in every requested format into the
// output folder (each file whole or not at all), then DIR/index.json and DIR/summary.md.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/batch_output.hpp"
#include "cli/batch_summary.hpp"
#include "cli/commands.hpp"
#include "cloudcast/batch/execute.hpp"
#include "cloudcast/batch/index.hpp"
#include "cloudcast/batch/manifest.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/folder_lock.hpp"
#include "cloudcast/util/json_write.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

batch::CommandNames manifest_command_names() {
  batch::CommandNames names{.known = {}, .not_in_batch = {"batch", "merge"}};
  for (const Command& command : commands()) names.known.emplace_back(command.name);
  return names;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  return std::round(elapsed.count() * 1000.0) / 1000.0;  // milliseconds are plenty for a report
}

// Calls the run's command in-process and writes its outputs. This is batch's own catch
// site (besides run()): a failing run is recorded with its message and exit code, and
// the other runs go on.
batch::RunRecord run_one(const batch::Run& run, const GlobalOptions& global, const fs::path& out,
                         ClaimedNames& claims) {
  batch::RunRecord record = batch::record_for(run);
  const auto start = std::chrono::steady_clock::now();
  // Each run sees only the batch's data (--data, the overlay): no --output, no format, quiet, no colour.
  const GlobalOptions run_global{.data_dir = global.data_dir,
                                 .format = std::nullopt,
                                 .output = std::nullopt,
                                 .quiet = true,
                                 .color = false,
                                 .stderr_is_terminal = false,
                                 .show_version = false,
                                 .run_folder = std::make_shared<RunFolder>(RunFolder{.dir = out, .claims = &claims}),
                                 .user_data = global.user_data,
                                 .no_overlay = global.no_overlay};
  try {
    const CommandResult result = find_command(run.command).handler(run_global, run.arguments);
    // raw_text alone is help text; a command that also built a document (diff prints
    // Markdown on a terminal) is rendered from its document like any other.
    if (!result.raw_text.empty() && result.doc.tables.empty() && result.doc.json.is_null())
      throw UsageError(fmt::format("{}: printed text instead of a report; expected a report (is \"help\" among the "
                                   "run's options?)",
                                   run.command));
    // Render every format before writing any, so a renderer failure writes nothing.
    std::vector<std::pair<std::string, std::string>> files;
    for (const report::Format format : run.formats) {
      std::ostringstream text;
      report::render(result.doc, format, text);
      files.emplace_back(fmt::format("{}.{}", run.name, report::format_extension(format)), text.str());
    }
    for (const auto& [name, text] : files) {
      util::write_file(out / name, text);
      record.outputs.push_back(name);
    }
    const std::vector<std::string>& named = run_global.run_folder->named;
    record.outputs.insert(record.outputs.end(), named.begin(), named.end());
    record.exit_code = static_cast<int>(result.code);
    record.ok = result.code == ExitCode::ok;
    if (!record.ok) record.error = fmt::format("{} reported a failed check (exit {})", run.command, record.exit_code);
    if (const auto digest = result.doc.meta.find("inputs_digest");
        digest != result.doc.meta.end() && digest->is_string())
      record.inputs_digest = digest->get<std::string>();
  } catch (const Error& e) {
    record.ok = false;
    record.exit_code = static_cast<int>(e.exit_code());
    record.error = e.what();
  } catch (const std::bad_alloc&) {
    record.ok = false;
    record.exit_code = static_cast<int>(ExitCode::io);
    record.error = "out of memory";
  } catch (const std::exception& e) {
    // A defect in a command, not in the input: recorded like run() reports it (exit 70).
    record.ok = false;
    record.exit_code = 70;
    record.error = fmt::format("internal error: {}", e.what());
  }
  if (record.outputs.empty()) {
    // A run that wrote nothing must not leave an older batch's files looking current.
    for (const report::Format format : run.formats) {
      std::error_code ignored;  // absent is the expected case
      fs::remove(out / fmt::format("{}.{}", run.name, report::format_extension(format)), ignored);
    }
  }
  record.duration_seconds = seconds_since(start);
  return record;
}

// Every report name of the manifest plus the folder's own two files, claimed before any
// run starts so a run's own file (--forecasts-out) cannot take one of them.
std::set<std::string> report_names(const batch::Manifest& manifest) {
  std::set<std::string> names{"index.json", "summary.md"};
  for (const auto& run : manifest.runs)
    for (const auto format : run.formats) names.insert(fmt::format("{}.{}", run.name, report::format_extension(format)));
  return names;
}

}  // namespace

void write_batch_folder(const batch::BatchIndex& index, const fs::path& out) {
  util::write_file(out / "index.json", util::json_text(batch::index_to_json(index), 2) + "\n");
  std::ostringstream summary;
  report::render(batch_summary(index), report::Format::markdown, summary);
  util::write_file(out / "summary.md", summary.view());
}

void start_folder(const fs::path& out) {
  util::remove_dead_temporaries(out);
  // The old index goes before anything else is written: after a kill, no index of an
  // older batch may sit beside this batch's outputs as if it described them.
  for (const char* name : {"index.json", "summary.md"}) {
    std::error_code ec;
    fs::remove(out / name, ec);
    if (ec)
      throw IoError(fmt::format("{}: cannot remove the old {}: {}", (out / name).string(), name, ec.message()));
  }
}

void create_output_folder(const fs::path& out) {
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec || !fs::is_directory(out))
    throw IoError(fmt::format("{}: cannot create the output folder{}; expected a writable folder path", out.string(),
                              ec ? ": " + ec.message() : std::string()));
}

CommandResult run_batch(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("batch");
  po::options_description desc("Options");
  desc.add_options()
      ("manifest", po::value<std::string>()->required(), "the manifest (JSON; see docs/batch.md)")
      ("out", po::value<std::string>()->required(), "output folder (created if missing)")
      ("jobs,j", po::value<std::string>(), "runs at once (default: the number of cores)")
      ("shard", po::value<std::string>(), "run only slice I of N: run k goes to shard (k mod N) + 1");
  po::positional_options_description positional;
  positional.add("manifest", 1);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, positional, values, help))
    return {.doc = {}, .raw_text = help_text(command, "MANIFEST --out DIR [--jobs N] [--shard I/N]", desc), .code = ExitCode::ok};

  // Every option is checked before any run starts.
  const unsigned cores = std::max(1U, std::thread::hardware_concurrency());
  const unsigned jobs = values.count("jobs")
                            ? static_cast<unsigned>(util::parse_int(values["jobs"].as<std::string>(), 1, 1024, "--jobs"))
                            : cores;
  std::optional<batch::Shard> shard;
  if (values.count("shard")) shard = batch::parse_shard(values["shard"].as<std::string>());
  if (shard && shard->count == 1) shard.reset();  // 1/1 is the whole manifest
  const std::string manifest_arg = values["manifest"].as<std::string>();
  const batch::Manifest manifest = batch::load_manifest(manifest_arg, manifest_command_names());
  const fs::path out = values["out"].as<std::string>();
  create_output_folder(out);
  const util::FolderLock lock(out);  // held until the index is written
  start_folder(out);
  ClaimedNames claims(report_names(manifest));

  const std::vector<batch::Run> runs = shard ? batch::select_shard(manifest.runs, *shard) : manifest.runs;
  const bool show_progress = global.stderr_is_terminal && !global.quiet;
  const auto start = std::chrono::steady_clock::now();
  const auto progress = [&](const batch::RunRecord& record, std::size_t done, std::size_t total) {
    if (!show_progress) return;
    std::cerr << fmt::format("[{}/{}] {} {}{}\n", done, total, record.ok ? "ok    " : "FAILED", record.name,
                             record.ok ? "" : fmt::format(": {}", record.error));
  };
  batch::BatchIndex index;
  index.tool_version = CLOUDCAST_VERSION;
  index.manifest = manifest_arg;
  index.manifest_name = manifest.name;
  index.manifest_digest = batch::digest(util::read_file(manifest_arg));
  index.manifest_runs = manifest.runs.size();
  index.shard = shard;
  index.runs = batch::execute(runs, jobs, [&](const batch::Run& run) { return run_one(run, global, out, claims); }, progress);
  index.jobs = static_cast<int>(std::min<std::size_t>(jobs, std::max<std::size_t>(runs.size(), 1)));
  index.wall_seconds = seconds_since(start);
  write_batch_folder(index, out);

  CommandResult result;
  result.doc = batch_summary(index);
  result.code = index.failed() > 0 ? ExitCode::check_failed : ExitCode::ok;
  return result;
}

}  // namespace cloudcast::cli
