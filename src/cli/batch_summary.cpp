#include "cli/batch_summary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace cloudcast::cli {

using report::Cell;
using report::Column;
using report::Document;
using report::Kind;
using report::Table;

Document batch_summary(const batch::BatchIndex& index) {
  Document doc;
  doc.title = fmt::format("Batch {}", index.manifest_name);
  doc.meta["schema_version"] = 1;
  doc.meta["tool_version"] = index.tool_version;
  doc.meta["manifest_digest"] = index.manifest_digest;

  const std::size_t failed = index.failed();
  Table runs{.title = fmt::format("{} run{}: {} ok, {} failed", index.runs.size(), index.runs.size() == 1 ? "" : "s",
                                  index.runs.size() - failed, failed),
             .columns = {{"Run", "", Kind::text, 0},
                         {"Command", "", Kind::text, 0},
                         {"Scenario", "", Kind::text, 0},
                         {"Companies", "", Kind::text, 0},
                         {"Status", "", Kind::text, 0},
                         {"Outputs", "", Kind::text, 0}},
             .rows = {},
             .notes = {}};
  Table failures{
      .title = "Failed runs",
      .columns = {{"Run", "", Kind::text, 0}, {"Exit code", "", Kind::integer, 0}, {"Error", "", Kind::text, 0}},
      .rows = {},
      .notes = {}};
  for (const batch::RunRecord& run : index.runs) {
    runs.rows.push_back({run.name, run.command, run.scenario.value_or(""),
                         fmt::format("{}", fmt::join(run.companies, ", ")), std::string(run.ok ? "ok" : "failed"),
                         fmt::format("{}", fmt::join(run.outputs, ", "))});
    if (!run.ok) failures.rows.push_back({run.name, static_cast<double>(run.exit_code), run.error});
  }
  doc.tables.push_back(std::move(runs));
  if (!failures.rows.empty()) doc.tables.push_back(std::move(failures));

  doc.notes.push_back(fmt::format("Manifest: {} ({})", index.manifest, index.manifest_digest));
  if (index.shard) {
    doc.notes.push_back(fmt::format("Shard {}/{}: {} of the manifest's {} runs; join the shards with cloudcast merge.",
                                    index.shard->index, index.shard->count, index.runs.size(), index.manifest_runs));
  } else if (index.runs.size() != index.manifest_runs) {
    doc.notes.push_back(
        fmt::format("Incomplete: {} of the manifest's {} runs (a shard folder missing from the merge?).",
                    index.runs.size(), index.manifest_runs));
  }
  doc.notes.push_back("Durations and inputs digests are in index.json.");
  return doc;
}

}  // namespace cloudcast::cli
