#pragma once
// Checks beyond parsing: fiscal labels that do not match their calendar quarter, gaps
// in a series, reported growth rates that disagree with the levels, duplicate company
// ids, figures of an implausible size (src/dataset/magnitude.hpp). Errors make the
// data unusable; warnings are worth a look but do not fail.

#include <filesystem>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

enum class Severity { warning, error };

struct Issue {
  Severity severity = Severity::error;
  std::string message;  // "place: what was wrong; what was expected"
};

// Tolerance for a reported YoY % against the ratio of the levels, in percentage
// points: companies round growth to whole percent, so up to 0.5 pt is rounding.
inline constexpr double kGrowthTolerancePoints = 0.6;

std::vector<Issue> validate(const Dataset& data);

// Reads and checks the given files one by one (company files, or fx files: a file
// whose top-level object has "rates"). Parse errors become error issues (one per
// file); IoError (missing file, directory) propagates.
std::vector<Issue> validate_files(const std::vector<std::filesystem::path>& files);

bool has_errors(const std::vector<Issue>& issues);

}  // namespace cloudcast::dataset
