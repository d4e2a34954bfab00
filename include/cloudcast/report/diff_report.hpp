#pragma once
// The document `cloudcast diff` prints: a summary line, then a table of the figures
// that moved (path, baseline, current, change, % change, tolerance), largest relative
// change first; its JSON form carries full-precision numbers for machines.

#include <string>

#include "cloudcast/check/diff.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

struct DiffReportInput {
  std::string baseline;  // names shown in the title
  std::string current;
  check::Tolerance tolerance;  // the default tolerance in force
  std::size_t metric_tolerances = 0;  // how many per-metric overrides
};

// "3 of 1,284 figures moved; 1 past tolerance" (labels changed are appended).
std::string diff_summary(const check::Comparison& comparison);

Document diff_report(const check::Comparison& comparison, const DiffReportInput& input);

}  // namespace cloudcast::report
