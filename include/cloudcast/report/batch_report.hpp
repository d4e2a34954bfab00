#pragma once
// The readable overview of a batch (DIR/summary.md and batch's own output): every run
// with its status and outputs, then the failures with their messages. No timings, so
// re-running an unchanged batch rewrites it byte for byte.

#include "cloudcast/batch/index.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

Document batch_summary(const batch::BatchIndex& index);

}  // namespace cloudcast::report
