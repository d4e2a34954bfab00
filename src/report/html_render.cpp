// The HTML renderer: one self-contained page (inline CSS and SVG, no script, no
// external reference) with the document's charts first, then every table and note.
// Written as well-formed XHTML so an XML parser can check it. The SVG renderer writes
// the document's first chart alone.
#include <fmt/format.h>

#include "cloudcast/error.hpp"
#include "report/renderers.hpp"
#include "report/svg.hpp"

namespace cloudcast::report::detail {

namespace {

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:0.5em 0 0.5em 0;font-size:13px}"
    "th,td{padding:2px 8px;border-bottom:1px solid #ddd}th{background:#f2f2f2;vertical-align:bottom}"
    "td.n{text-align:right;font-variant-numeric:tabular-nums}td.neg{color:#b00020}"
    "th .unit{font-weight:normal;color:#666;white-space:nowrap}ul.notes{font-size:12px;color:#444}"
    "svg.chart{display:block;margin:1em 0;border:1px solid #eee}footer{font-size:11px;color:#666;margin-top:2em}";

void table_html(const Table& table, std::ostream& out) {
  out << "<section id=\"" << xml_escape(table_id(table)) << "\">\n";
  if (!table.title.empty()) out << "<h2>" << xml_escape(table.title) << "</h2>\n";
  out << "<table>\n<thead><tr>";
  for (const auto& column : table.columns) {
    out << "<th>" << xml_escape(column.header);
    if (!column.unit.empty()) out << "<br/><span class=\"unit\">" << xml_escape(column.unit) << "</span>";
    out << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    out << "<tr>";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const std::string text = c < row.size() ? format_cell(row[c], table.columns[c]) : "";
      const bool number = c < row.size() && std::holds_alternative<double>(row[c]);
      const bool negative = number && !text.empty() && text[0] == '-';
      out << (number ? (negative ? "<td class=\"n neg\">" : "<td class=\"n\">") : "<td>") << xml_escape(text)
          << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
  if (!table.notes.empty()) {
    out << "<ul class=\"notes\">\n";
    for (const auto& note : table.notes) out << "<li>" << xml_escape(note) << "</li>\n";
    out << "</ul>\n";
  }
  out << "</section>\n";
}

}  // namespace

void render_html(const Document& doc, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n"
      << "<meta charset=\"utf-8\"/>\n<title>" << xml_escape(doc.title) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n";
  if (!doc.title.empty()) out << "<h1>" << xml_escape(doc.title) << "</h1>\n";
  for (const Chart& chart : doc.charts) out << svg_chart(chart);
  for (const Table& table : doc.tables) table_html(table, out);
  for (const auto& note : doc.notes) out << "<p class=\"note\">" << xml_escape(note) << "</p>\n";
  // Provenance: what made this page (the JSON meta: version, inputs digest, seed..).
  if (!doc.meta.empty()) {
    out << "<footer>";
    bool first = true;
    for (const auto& [key, value] : doc.meta.items()) {
      out << (first ? "" : " · ") << xml_escape(key) << ": "
          << xml_escape(value.is_string() ? value.get<std::string>() : value.dump());
      first = false;
    }
    out << "</footer>\n";
  }
  out << "</body>\n</html>\n";
}

void render_svg(const Document& doc, std::ostream& out) {
  if (doc.charts.empty())
    throw UsageError(
        "--format svg: this report has no chart; forecast, compare, simulate and sensitivity draw charts (or write "
        "every table and chart with --format html)");
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" << svg_chart(doc.charts.front());
}

}  // namespace cloudcast::report::detail
