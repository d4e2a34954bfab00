// Table and Document are plain values; this file holds their behaviour: the cell
// formatting that text and Markdown share, and the ids CSV and JSON key on.
#include <fmt/format.h>

#include <cctype>
#include <cmath>

#include "cloudcast/report/render.hpp"

namespace cloudcast::report {

std::string format_number(double value, int decimals) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), decimals);
  // Round-to-zero values print without a sign: "-0" reads as a defect.
  const bool negative = value < 0 && digits.find_first_not_of("0.") != std::string::npos;
  const auto point = digits.find('.');
  std::string integer = digits.substr(0, point);
  const std::string fraction = point == std::string::npos ? "" : digits.substr(point);
  std::string grouped;
  for (std::size_t i = 0; i < integer.size(); ++i) {
    if (i > 0 && (integer.size() - i) % 3 == 0) grouped += ',';
    grouped += integer[i];
  }
  return (negative ? "-" : "") + grouped + fraction;
}

std::string format_cell(const Cell& cell, const Column& column) {
  if (std::holds_alternative<std::monostate>(cell)) return "";
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  const double value = std::get<double>(cell);
  switch (column.kind) {
    case Kind::percent: return format_number(100.0 * value, column.decimals) + "%";
    case Kind::integer: return format_number(value, 0);
    case Kind::number:
    case Kind::text: return format_number(value, column.decimals);
  }
  return "";
}

std::string snake_case(std::string_view text) {
  std::string id;
  bool gap = false;
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) != 0 && u < 0x80) {
      if (gap && !id.empty()) id += '_';
      id += static_cast<char>(std::tolower(u));
      gap = false;
    } else {
      gap = true;  // spaces, punctuation and non-ASCII letters all separate words
    }
  }
  return id;
}

std::string column_id(const Column& column) { return column.id.empty() ? snake_case(column.header) : column.id; }

std::string table_id(const Table& table) { return table.id.empty() ? snake_case(table.title) : table.id; }

}  // namespace cloudcast::report
