#pragma once
// Fitting the text table to a terminal: a table wider than the terminal is laid out
// transposed (few rows: one column per row) or cut into column blocks that repeat the
// row keys; notes are wrapped. Layout only: the cells are the table's, formatted once.

#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/report/table.hpp"

namespace cloudcast::report::detail {

// Terminal columns a text takes: UTF-8 continuation bytes take none.
std::size_t display_width(std::string_view text);

// Width of the table as the text renderer draws it (columns joined by two spaces).
std::size_t table_width(const Table& table);

// The table itself when width is 0 or it fits; else its transposed form when that fits
// (at most kMaxTransposedRows rows), else column blocks of at most `width` columns each,
// every block led by the key columns (Role other than measure, else the first column).
// The first part keeps the title, the last the notes.
inline constexpr std::size_t kMaxTransposedRows = 8;
std::vector<Table> fit_table(const Table& table, std::size_t width);

// Words of text in lines of at most width columns (0: one line), the first line
// prefixed by `first`, the others by `rest`. A word longer than a line stays whole.
std::vector<std::string> wrap(std::string_view text, std::size_t width, std::string_view first, std::string_view rest);

}  // namespace cloudcast::report::detail
