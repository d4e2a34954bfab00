#pragma once
// Where a rendered report goes: stdout, or a file written whole or not at all.

#include "cli/global_options.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::cli {

// The format a report is written in: --format, else the --output extension, else table.
report::Format resolve_format(const GlobalOptions& global);

// Renders doc in full first, then writes it to --output atomically or to stdout.
void write_report(const report::Document& doc, const GlobalOptions& global);

}  // namespace cloudcast::cli
