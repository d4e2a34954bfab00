#pragma once
// Tolerances for comparing figures: a default plus per-metric overrides, read from a
// small JSON file. A value passes when |current - baseline| <= atol + rtol * |baseline|.

#include <nlohmann/json_fwd.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::check {

struct Tolerance {
  double rtol = 1e-9;
  double atol = 1e-9;
};

// One "metrics" entry. key matches a path that contains its segments consecutively:
// "operating_margin" matches "alibaba/2027Q2/operating_margin/p95", and
// "alibaba/2027Q2" every figure of that quarter. A field left out takes the default.
struct MetricTolerance {
  std::string key;
  std::optional<double> rtol;
  std::optional<double> atol;
};

struct Tolerances {
  Tolerance fallback;  // the file's "default", then --rtol/--atol
  std::vector<MetricTolerance> metrics;

  // The tolerance for a figure at segments (array indices excluded). When several keys
  // match, the one whose match ends furthest right wins, then the longer key.
  Tolerance for_path(const std::vector<std::string>& segments) const;
};

// True when current is within tolerance of baseline: |c - b| <= atol + rtol * |b|.
bool within(double baseline, double current, const Tolerance& tolerance);

// Parses {"default": {"rtol": .., "atol": ..}, "metrics": {"name": {"atol": ..}}}.
// Throws DataError "source:/json/pointer: what; expected ..." for anything else
// (unknown keys, negative or non-finite tolerances).
Tolerances parse_tolerances(const nlohmann::json& json, std::string_view source);
// Reads and parses a tolerances file; IoError when unreadable, DataError when malformed.
Tolerances load_tolerances(const std::filesystem::path& path);

}  // namespace cloudcast::check
