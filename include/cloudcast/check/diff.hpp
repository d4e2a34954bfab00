#pragma once
// Generic comparison of two cloudcast JSON outputs (or two folders of them): every
// number gets a readable path, built from object keys and, inside arrays of objects,
// from the elements' identifying fields (id, name, period, ...) rather than indices,
// e.g. "alibaba/2027Q2/operating_margin/p95". docs/decisions/0500-check-layer-for-diff.md
// explains the rules; docs/ci.md shows how to read the result.

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cloudcast/check/tolerances.hpp"

namespace cloudcast::check {

// Keys that are metadata, not figures: never compared. inputs_digest (and
// manifest_digest) differing is reported as a note, since it is expected whenever the
// data or scenario changed.
const std::set<std::string, std::less<>>& ignored_keys();

// One compared leaf. Numeric leaves (numbers, or null where the other side has a
// number) are figures; strings and booleans are labels and must match exactly.
struct Change {
  std::string path;
  std::vector<std::string> segments;  // path split, for tolerance lookup
  bool numeric = true;
  std::optional<double> baseline;  // nullopt: null (numeric) — see baseline_text for labels
  std::optional<double> current;
  std::string baseline_text;  // labels only: the JSON text of each side
  std::string current_text;
  bool moved = false;           // any difference at all (bitwise for numbers)
  bool past_tolerance = false;  // outside tolerance (labels: any difference)
  Tolerance tolerance;
  // The figure is a ratio the metric registry measures as a fraction (operating_margin,
  // capex_intensity, utilization: a segment of its path names one): it moves in
  // percentage points, since a relative change of a margin near 0 means nothing.
  bool ratio = false;

  // current - baseline; nullopt unless both are numbers.
  std::optional<double> change() const;
  // (current - baseline) / |baseline|; nullopt when baseline is 0 or a side is null.
  std::optional<double> relative_change() const;
  // 100 x (current - baseline) for a ratio; nullopt for other figures or a null side.
  std::optional<double> change_points() const;
};

struct Comparison {
  std::size_t figures = 0;            // numeric leaves compared
  std::vector<Change> rows;           // moved leaves (plus the unchanged ones with keep_unchanged),
                                      // sorted by |relative change| (a ratio: |change|), largest first
  std::vector<std::string> problems;  // why the two are not comparable (empty: comparable)
  std::vector<std::string> notes;     // e.g. inputs_digest differs, files not compared

  std::size_t moved() const;           // moved figures (numbers)
  std::size_t labels_changed() const;  // changed strings / booleans
  std::size_t past_tolerance() const;  // figures and labels past tolerance
  bool comparable() const { return problems.empty(); }
};

struct DiffOptions {
  Tolerances tolerances;
  bool keep_unchanged = false;  // --all: list every figure, not only the moved ones
};

// Compares two parsed documents. Never throws for differences: shape mismatches go to
// problems, moved figures to rows.
Comparison compare_json(const nlohmann::ordered_json& baseline, const nlohmann::ordered_json& current,
                        const DiffOptions& options);

// Compares two JSON files, or two folders file by file (every *.json but a batch's
// index.json; paths are prefixed "file.json#"). Throws UsageError when one is a file
// and the other a folder, IoError when unreadable, DataError for invalid JSON.
Comparison compare_paths(const std::filesystem::path& baseline, const std::filesystem::path& current,
                         const DiffOptions& options);

}  // namespace cloudcast::check
