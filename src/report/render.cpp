#include "cloudcast/report/render.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_write.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "report/renderers.hpp"
#include "report/text_layout.hpp"

namespace cloudcast::report {

namespace {

using detail::display_width;
using detail::fit_table;
using detail::wrap;

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kReset = "\x1b[0m";

bool is_numeric(const Column& column) { return column.kind != Kind::text; }

std::string header_with_unit(const Column& column) {
  return column.unit.empty() ? column.header : fmt::format("{} ({})", column.header, column.unit);
}

std::string pad(std::string_view text, std::size_t width, bool right) {
  const std::string fill(width > display_width(text) ? width - display_width(text) : 0, ' ');
  return right ? fill + std::string(text) : std::string(text) + fill;
}

// The text column to wrap when the table is wider than `width` (0: never), its width
// narrowed in place to the room the other columns leave (at least 24); n when none.
std::size_t wrap_column(const Table& table, std::vector<std::size_t>& widths, std::size_t width) {
  const std::size_t n = widths.size();
  std::size_t total = 0;
  for (std::size_t c = 0; c < n; ++c) total += widths[c] + (c > 0 ? 2 : 0);
  if (width == 0 || total <= width) return n;
  std::size_t widest = n;
  for (std::size_t c = 0; c < n; ++c)
    if (!is_numeric(table.columns[c]) && (widest == n || widths[c] > widths[widest])) widest = c;
  if (widest == n) return n;
  const std::size_t others = total - widths[widest];
  const std::size_t room =
      std::max<std::size_t>({width > others ? width - others : 0, 24, display_width(table.columns[widest].header),
                             display_width(table.columns[widest].unit)});
  if (room >= widths[widest]) return n;
  widths[widest] = room;
  return widest;
}

// A cell's text in lines of at most `width` columns: wrapped at spaces, and a word
// longer than a line (a URL) cut where the line is full, never past it.
std::vector<std::string> cut_lines(const std::string& text, std::size_t width) {
  std::vector<std::string> lines;
  for (const std::string& piece : wrap(text, width, "", "")) {
    std::string rest = piece;
    while (display_width(rest) > width) {
      std::size_t at = 0, shown = 0;
      while (at < rest.size() && shown < width) {  // whole UTF-8 characters only
        ++at;
        while (at < rest.size() && (static_cast<unsigned char>(rest[at]) & 0xC0) == 0x80) ++at;
        ++shown;
      }
      lines.push_back(rest.substr(0, at));
      rest = rest.substr(at);
    }
    lines.push_back(rest);
  }
  return lines;
}

void render_text_part(const Table& table, std::ostream& out, const RenderOptions& options) {
  const std::size_t n = table.columns.size();
  std::vector<std::string> headers(n), units(n);
  std::vector<std::size_t> widths(n);
  bool any_unit = false;
  for (std::size_t c = 0; c < n; ++c) {
    headers[c] = table.columns[c].header;
    units[c] = table.columns[c].unit;
    any_unit = any_unit || !units[c].empty();
    widths[c] = std::max(display_width(headers[c]), display_width(units[c]));
  }
  std::vector<std::vector<std::string>> cells;
  cells.reserve(table.rows.size());
  for (const auto& row : table.rows) {
    auto& texts = cells.emplace_back(n);
    for (std::size_t c = 0; c < n && c < row.size(); ++c) {
      texts[c] = format_cell(row[c], table.columns[c]);
      widths[c] = std::max(widths[c], display_width(texts[c]));
    }
  }
  // Still wider than the terminal after fit_table (a source or a statement is one long
  // text): the widest text column is wrapped inside its cell to the room the others leave.
  const std::size_t wrapped = wrap_column(table, widths, options.width);
  if (!table.title.empty()) out << (options.color ? kBold : "") << table.title << (options.color ? kReset : "") << "\n";
  auto line = [&](const std::vector<std::string>& texts, bool header_row) {
    std::string text;
    for (std::size_t c = 0; c < n; ++c) {
      if (c > 0) text += "  ";
      std::string cell = pad(texts[c], widths[c], is_numeric(table.columns[c]));
      const bool negative = !header_row && !texts[c].empty() && texts[c][0] == '-' && is_numeric(table.columns[c]);
      if (options.color && negative) cell = fmt::format("{}{}{}", kRed, cell, kReset);
      text += cell;
    }
    // Trailing blanks are noise in golden files and terminals alike.
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << "\n";
  };
  line(headers, true);
  if (any_unit) line(units, true);
  std::string rule;
  for (std::size_t c = 0; c < n; ++c) rule += (c > 0 ? "  " : "") + std::string(widths[c], '-');
  out << rule << "\n";
  for (const auto& texts : cells) {
    if (wrapped == n) {
      line(texts, false);
      continue;
    }
    const std::vector<std::string> pieces = cut_lines(texts[wrapped], widths[wrapped]);
    for (std::size_t k = 0; k < pieces.size(); ++k) {
      std::vector<std::string> part = k == 0 ? texts : std::vector<std::string>(n);
      part[wrapped] = pieces[k];
      line(part, false);
    }
  }
  for (const auto& note : table.notes)
    for (const auto& text : wrap(note, options.width, "  ", "    ")) out << text << "\n";
}

// A table too wide for the terminal is drawn in parts (text_layout.hpp).
void render_text_table(const Table& table, std::ostream& out, const RenderOptions& options) {
  const std::vector<Table> parts = fit_table(table, options.width);
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out << "\n";
    render_text_part(parts[i], out, options);
  }
}

void render_text(const Document& doc, std::ostream& out, const RenderOptions& options) {
  if (!doc.title.empty()) out << (options.color ? kBold : "") << doc.title << (options.color ? kReset : "") << "\n\n";
  for (std::size_t i = 0; i < doc.tables.size(); ++i) {
    if (i > 0) out << "\n";
    render_text_table(doc.tables[i], out, options);
  }
  if (!doc.notes.empty()) out << "\n";
  for (const auto& note : doc.notes)
    for (const auto& text : wrap(note, options.width, "", "")) out << text << "\n";
}

nlohmann::ordered_json json_cell(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* value = std::get_if<double>(&cell); value && std::isfinite(*value)) return *value;
  return nullptr;
}

void render_json(const Document& doc, std::ostream& out) {
  nlohmann::ordered_json root = doc.meta;
  if (!doc.json.is_null()) {
    for (const auto& [key, value] : doc.json.items()) root[key] = value;
  } else {
    auto& tables = root["tables"] = nlohmann::ordered_json::array();
    for (const Table& table : doc.tables) {
      // Keys are the columns' snake_case ids; labels and honest units ride along.
      nlohmann::ordered_json t;
      t["id"] = table_id(table);
      t["title"] = table.title;
      t["columns"] = nlohmann::ordered_json::array();
      for (const auto& column : table.columns)
        t["columns"].push_back(
            {{"id", column_id(column)}, {"label", column.header}, {"unit", detail::value_unit(column)}});
      t["rows"] = nlohmann::ordered_json::array();
      for (const auto& row : table.rows) {
        nlohmann::ordered_json r = nlohmann::ordered_json::object();
        for (std::size_t c = 0; c < table.columns.size(); ++c)
          r[column_id(table.columns[c])] = c < row.size() ? json_cell(row[c]) : nullptr;
        t["rows"].push_back(std::move(r));
      }
      if (!table.notes.empty()) t["notes"] = table.notes;
      tables.push_back(std::move(t));
    }
    if (!doc.notes.empty()) root["notes"] = doc.notes;
  }
  out << util::json_text(root, 2) << "\n";
}

std::string markdown_escape(std::string_view text) {
  std::string escaped;
  for (char c : text) escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  return escaped;
}

void render_markdown(const Document& doc, std::ostream& out) {
  if (!doc.title.empty()) out << "# " << markdown_escape(doc.title) << "\n\n";
  for (const Table& table : doc.tables) {
    if (!table.title.empty()) out << "## " << markdown_escape(table.title) << "\n\n";
    out << "|";
    for (const auto& column : table.columns) out << " " << markdown_escape(header_with_unit(column)) << " |";
    out << "\n|";
    for (const auto& column : table.columns) out << (is_numeric(column) ? "---:|" : "---|");
    out << "\n";
    for (const auto& row : table.rows) {
      out << "|";
      for (std::size_t c = 0; c < table.columns.size(); ++c)
        out << " " << markdown_escape(c < row.size() ? format_cell(row[c], table.columns[c]) : "") << " |";
      out << "\n";
    }
    out << "\n";
    for (const auto& note : table.notes) out << "- " << markdown_escape(note) << "\n";
    if (!table.notes.empty()) out << "\n";
  }
  for (const auto& note : doc.notes) out << markdown_escape(note) << "\n\n";
}

}  // namespace

void render(const Document& doc, Format format, std::ostream& out, const RenderOptions& options) {
  switch (format) {
    case Format::table:
      return render_text(doc, out, options);
    case Format::csv:
      return detail::render_csv(doc, out);
    case Format::json:
      return render_json(doc, out);
    case Format::markdown:
      return render_markdown(doc, out);
    case Format::html:
      return detail::render_html(doc, out);
    case Format::svg:
      return detail::render_svg(doc, out);
    case Format::xlsx:
      return detail::render_xlsx(doc, out);
  }
}

}  // namespace cloudcast::report
