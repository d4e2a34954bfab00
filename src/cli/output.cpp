#include "cli/output.hpp"

#include <iostream>
#include <sstream>

#include "cloudcast/report/render.hpp"
#include "cloudcast/util/atomic_file.hpp"

namespace cloudcast::cli {

report::Format resolve_format(const GlobalOptions& global) {
  if (global.format) return *global.format;
  if (global.output) {
    if (auto from_extension = report::format_from_extension(*global.output)) return *from_extension;
  }
  return report::Format::table;
}

void write_report(const report::Document& doc, const GlobalOptions& global) {
  // Render to memory first: a renderer failing half-way must not leave half a file.
  std::ostringstream rendered;
  report::render(doc, resolve_format(global), rendered, {.color = global.color});
  if (global.output) {
    util::AtomicFile file(*global.output);
    file.stream() << rendered.str();
    file.commit();
  } else {
    std::cout << rendered.str() << std::flush;
  }
}

}  // namespace cloudcast::cli
