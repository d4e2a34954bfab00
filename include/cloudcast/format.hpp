#pragma once
// The output formats, their --format names and file extensions: one table
// (src/util/format.cpp). It sits below report and batch so that both can name a format
// without including each other (report renders formats, batch writes one file per
// format); report::render() draws each one.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast {

// html: one self-contained page with tables and charts; svg: the report's first chart;
// xlsx: a workbook, a sheet per table and a provenance sheet.
enum class Format { table, csv, json, markdown, html, svg, xlsx };

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

}  // namespace cloudcast
