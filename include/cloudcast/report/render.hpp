#pragma once
// Renderers: formatting only, never computing. Each writes a whole Document to a stream.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/format.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

// The format table lives below report and batch (cloudcast/format.hpp); its names are
// report's too.
using cloudcast::Format;
using cloudcast::format_extension;
using cloudcast::format_from_extension;
using cloudcast::format_name;
using cloudcast::format_names;
using cloudcast::known_extensions;
using cloudcast::parse_format;

struct RenderOptions {
  bool color = false;  // ANSI colour in the text table (negative numbers, headers)
  // Terminal columns the text table must fit (transposed, in column blocks, notes
  // wrapped); 0: no limit, every table in one piece.
  std::size_t width = 0;
};

void render(const Document& doc, Format format, std::ostream& out, const RenderOptions& options = {});

// One table as a plain wide CSV, headers as they are: for files with a column contract
// of their own (backtest --forecasts-out). Reports use render(.., Format::csv): long.
void render_wide_csv(const Table& table, std::ostream& out);

// "12,345.6", "-1,234", "26.0%": the text renderers' number formatting, exposed for
// renderers added later (the fan chart) so every number in a report looks the same.
std::string format_number(double value, int decimals);
std::string format_cell(const Cell& cell, const Column& column);

}  // namespace cloudcast::report
