#pragma once
// Where a rendered report goes: stdout, or a file written whole or not at all. The one
// place that decides the destination and format from --output and --format.

#include <filesystem>
#include <optional>
#include <string_view>

#include "cli/global_options.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::cli {

struct OutputTarget {
  std::optional<std::filesystem::path> file;  // nullopt: stdout
  report::Format format = report::Format::table;
};

// The report's destination and format: --format, else the --output extension (any case),
// else table. Throws UsageError naming -o/--output for an empty path, and, without
// --format, for an extension that names no format (listing the known ones). Checked
// before a command runs, so a typo costs nothing.
OutputTarget resolve_output(const GlobalOptions& global);

// Renders doc in full first, then writes it to the resolved target. Throws UsageError
// when the file is one of the run's inputs, IoError when it cannot be written.
void write_report(const report::Document& doc, const GlobalOptions& global);

// Where a file an option names (--forecasts-out, --cells-out, --dump-model) goes. Outside a batch,
// value as given. In a batch run, value must be a plain file name (letters, digits, '-',
// '_', '.', no folder) with a known extension that no other output of the batch has; it
// goes into the batch folder and is listed among the run's outputs. UsageError otherwise.
std::filesystem::path side_output_path(const GlobalOptions& global, std::string_view option, const std::string& value);

// Writes text to stdout and flushes it. Throws IoError (exit 4) when stdout does not
// take every byte: a full disk, /dev/full, a closed descriptor.
void write_stdout(std::string_view text);

}  // namespace cloudcast::cli
