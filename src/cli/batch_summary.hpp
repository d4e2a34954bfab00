#pragma once
// The readable overview of a batch (DIR/summary.md and batch's own output): every run
// with its status and outputs, then the failures with their messages. No timings, so
// re-running an unchanged batch rewrites it byte for byte. In cli/, which sits above
// both: batch includes no report header and report no batch header.

#include "cloudcast/batch/index.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::cli {

report::Document batch_summary(const batch::BatchIndex& index);

}  // namespace cloudcast::cli
