#include "cli/output.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <sstream>

#include "cli/batch_output.hpp"
#include "cli/terminal.hpp"
#include "cloudcast/batch/index.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/atomic_file.hpp"

namespace cloudcast::cli {

OutputTarget resolve_output(const GlobalOptions& global) {
  OutputTarget target;
  target.file = global.output;
  if (target.file && target.file->empty())
    throw UsageError("-o/--output: empty path; expected a file name such as report.md");
  if (global.format) {
    target.format = *global.format;
  } else if (target.file && target.file->has_extension()) {
    const auto from_extension = report::format_from_extension(*target.file);
    if (!from_extension)
      throw UsageError(fmt::format("-o/--output: {}: unknown extension '{}'; expected one of {} (or --format)",
                                   target.file->string(), target.file->extension().string(),
                                   fmt::join(report::known_extensions(), ", ")));
    target.format = *from_extension;
  }
  return target;
}

void write_report(const report::Document& doc, const GlobalOptions& global) {
  const OutputTarget target = resolve_output(global);
  // Render to memory first: a renderer failing half-way must not leave half a file.
  std::ostringstream rendered;
  report::render(doc, target.format, rendered,
                 {.color = global.color, .width = report_width(global.wide, target.file.has_value())});
  if (!target.file) return show(rendered.view(), !global.no_pager && target.format == report::Format::table);
  if (const std::string input = util::input_named_by(*target.file); !input.empty())
    throw UsageError(fmt::format("-o/--output: {} is also an input of this run ({}); expected another file",
                                 target.file->string(), input));
  util::write_file(*target.file, rendered.view());
}

std::filesystem::path side_output_path(const GlobalOptions& global, std::string_view option, const std::string& value) {
  if (value.empty()) throw UsageError(fmt::format("--{}: empty path; expected a file name", option));
  if (!global.run_folder) return value;
  RunFolder& folder = *global.run_folder;
  if (!batch::is_output_name(value))
    throw UsageError(
        fmt::format("--{}: '{}' is not a plain file name with a known extension; expected a name such "
                    "as forecasts.csv, written into the batch folder (extensions: {})",
                    option, value, fmt::join(report::known_extensions(), ", ")));
  if (!folder.claims->claim(value))
    throw UsageError(
        fmt::format("--{}: {} is already an output of this batch; expected a name no other output has", option, value));
  folder.named.push_back(value);
  return folder.dir / value;
}

void write_stdout(std::string_view text) {
  // Through std::cout (tests and embedders redirect its buffer); on the process's stdout
  // it is stdio's, whose failed fwrite or fflush sets errno and the stream's badbit.
  errno = 0;
  std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
  std::cout.flush();
  if (!std::cout) {
    const int error = errno;
    std::cout.clear();  // a later message may still get through; this one is reported
    throw IoError(fmt::format("stdout: write failed: {}; expected all of the output written",
                              error != 0 ? std::strerror(error) : "unknown error"));
  }
}

}  // namespace cloudcast::cli
