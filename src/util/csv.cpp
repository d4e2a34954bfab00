#include "util/csv.hpp"

#include <fmt/format.h>

#include "cloudcast/error.hpp"

namespace cloudcast::util {

std::vector<CsvRecord> parse_csv(std::string_view text, std::string_view display) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  std::vector<CsvRecord> records;
  std::size_t line = 1;
  std::size_t line_start = 0;  // offset of the current line's first byte
  std::size_t i = 0;
  auto column = [&] { return i - line_start + 1; };
  auto fail = [&](std::size_t at_line, std::size_t at_col, std::string_view what) {
    return DataError(fmt::format("{}:{}:{}: {}", display, at_line, at_col, what));
  };
  while (i < text.size()) {
    // A blank line (LF or CRLF) between records is skipped.
    if (text[i] == '\n' || (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
      i += text[i] == '\r' ? 2 : 1;
      ++line;
      line_start = i;
      continue;
    }
    CsvRecord record;
    record.line = line;
    while (true) {
      record.columns.push_back(column());
      std::string field;
      if (i < text.size() && text[i] == '"') {
        const std::size_t open_line = line, open_col = column();
        ++i;
        while (true) {
          if (i >= text.size()) throw fail(open_line, open_col, "quoted field never closed; expected a closing '\"'");
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') {
            ++line;
            line_start = i + 1;
          }
          field += text[i++];
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' &&
            !(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') &&
            !(text[i] == '\r' && i + 1 == text.size()))
          throw fail(line, column(), "text after a closing quote; expected ',' or the end of the line");
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n' &&
               !(text[i] == '\r' && (i + 1 == text.size() || text[i + 1] == '\n')))
          field += text[i++];
      }
      record.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == ',') {
        ++i;
        continue;
      }
      break;
    }
    // The record's line end, if any.
    if (i < text.size() && text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') {
      ++i;
      ++line;
      line_start = i;
    }
    records.push_back(std::move(record));
  }
  return records;
}

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace cloudcast::util
