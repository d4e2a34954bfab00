#include "report/text_layout.hpp"

#include <algorithm>

#include "cloudcast/report/render.hpp"

namespace cloudcast::report::detail {

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

namespace {

std::size_t column_width(const Table& table, std::size_t c) {
  std::size_t width = std::max(display_width(table.columns[c].header), display_width(table.columns[c].unit));
  for (const auto& row : table.rows)
    if (c < row.size()) width = std::max(width, display_width(format_cell(row[c], table.columns[c])));
  return width;
}

// One column per row: the first column names the fields (with their units), each other
// column holds one row's cells, already formatted, headed by the row's key.
Table transposed(const Table& table, std::size_t key) {
  Table t{.title = table.title, .notes = table.notes, .id = table.id, .company = table.company, .metric = table.metric};
  t.columns.push_back({table.columns[key].header, "", Kind::text});
  for (const auto& row : table.rows)
    t.columns.push_back({key < row.size() ? format_cell(row[key], table.columns[key]) : "", "", Kind::number});
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c == key) continue;
    const Column& column = table.columns[c];
    std::vector<Cell> line{column.unit.empty() ? column.header : column.header + " (" + column.unit + ")"};
    for (const auto& row : table.rows) line.emplace_back(c < row.size() ? format_cell(row[c], column) : "");
    t.rows.push_back(std::move(line));
  }
  return t;
}

Table with_columns(const Table& table, const std::vector<std::size_t>& columns) {
  Table t{.id = table.id, .company = table.company, .metric = table.metric};
  for (const std::size_t c : columns) t.columns.push_back(table.columns[c]);
  for (const auto& row : table.rows) {
    auto& cells = t.rows.emplace_back();
    for (const std::size_t c : columns) cells.push_back(c < row.size() ? row[c] : Cell{});
  }
  return t;
}

}  // namespace

std::size_t table_width(const Table& table) {
  std::size_t width = 0;
  for (std::size_t c = 0; c < table.columns.size(); ++c) width += column_width(table, c) + (c > 0 ? 2 : 0);
  return width;
}

std::vector<Table> fit_table(const Table& table, std::size_t width) {
  if (width == 0 || table.columns.empty() || table_width(table) <= width) return {table};
  std::vector<std::size_t> keys, measures;
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    (table.columns[c].role != Role::measure ? keys : measures).push_back(c);
  if (keys.empty()) {
    keys.push_back(0);
    measures.erase(measures.begin());
  }
  if (table.rows.size() <= kMaxTransposedRows && keys.size() == 1) {
    Table t = transposed(table, keys.front());
    if (table_width(t) <= width) return {t};
  }
  std::size_t key_width = 0;
  for (const std::size_t c : keys) key_width += column_width(table, c) + 2;
  std::vector<Table> parts;
  std::vector<std::size_t> block = keys;
  std::size_t used = key_width;
  for (const std::size_t c : measures) {
    const std::size_t w = column_width(table, c) + 2;
    if (block.size() > keys.size() && used + w - 2 > width) {
      parts.push_back(with_columns(table, block));
      block = keys;
      used = key_width;
    }
    block.push_back(c);
    used += w;
  }
  parts.push_back(with_columns(table, block));
  parts.front().title = table.title;
  parts.back().notes = table.notes;
  return parts;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest) {
  std::vector<std::string> lines{std::string(first)};
  if (width == 0) return {std::string(first) + std::string(text)};
  bool line_has_word = false;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = std::min(text.find(' ', at), text.size());
    const std::string_view word = text.substr(at, end - at);
    at = end + 1;
    if (word.empty()) continue;
    if (line_has_word && display_width(lines.back()) + 1 + display_width(word) > width) {
      lines.emplace_back(rest);
      line_has_word = false;
    }
    if (line_has_word) lines.back() += ' ';
    lines.back() += word;
    line_has_word = true;
  }
  return lines;
}

}  // namespace cloudcast::report::detail
