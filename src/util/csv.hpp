#pragma once
// Reading and writing RFC 4180 CSV: fields separated by commas, a field holding a comma,
// a double quote or a line break is quoted and its quotes doubled. The reader accepts
// LF or CRLF line ends and a UTF-8 byte order mark (Excel's "CSV UTF-8"), and names
// every problem "file:line:col".

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::util {

struct CsvRecord {
  std::size_t line = 1;              // 1-based line the record starts on
  std::vector<std::string> fields;   // unquoted
  std::vector<std::size_t> columns;  // 1-based byte column where each field starts
};

// Every record of text (a blank line is skipped, not an empty record). Throws DataError
// "<display>:<line>:<col>: ..." for a quoted field never closed, or text after a closing
// quote.
std::vector<CsvRecord> parse_csv(std::string_view text, std::string_view display);

// One field as written: quoted (quotes doubled) when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

}  // namespace cloudcast::util
