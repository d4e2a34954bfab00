#pragma once
// Renderers: formatting only, never computing. Each writes a whole Document to a stream.

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

// html: one self-contained page with tables and charts; svg: the report's first chart;
// xlsx: a workbook, a sheet per table and a provenance sheet.
enum class Format { table, csv, json, markdown, html, svg, xlsx };

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

// "table", "csv", "json", "markdown"/"md", "html", "svg", "xlsx"; throws UsageError
// naming --format otherwise.
Format parse_format(std::string_view name);
// The --format names, in the table's order (for messages).
std::vector<std::string> format_names();
// The format a file extension names, case-insensitively (.txt, .csv, .json, .md,
// .markdown, .html/.htm, .svg, .xlsx); nullopt for no extension or an unknown one.
std::optional<Format> format_from_extension(const std::filesystem::path& path);
// Every extension format_from_extension() knows, with its dot (for messages).
std::vector<std::string> known_extensions();
std::string_view format_name(Format format);
// The extension a file of this format gets (txt, csv, json, md), without the dot.
std::string_view format_extension(Format format);

// "12,345.6", "-1,234", "26.0%": the text renderers' number formatting, exposed for
// renderers added later (the fan chart) so every number in a report looks the same.
std::string format_number(double value, int decimals);
std::string format_cell(const Cell& cell, const Column& column);

}  // namespace cloudcast::report
