#include "cloudcast/util/json_read.hpp"

#include <fmt/format.h>

#include "cloudcast/error.hpp"

namespace cloudcast::util {

TextPosition text_position(std::string_view text, std::size_t offset) {
  TextPosition p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::string json_pointer_token(std::string_view key) {
  std::string escaped;
  for (char c : key) escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return escaped;
}

void throw_not_valid_json(const std::filesystem::path& path, std::size_t byte, std::string_view expected) {
  throw DataError(fmt::format("{}: not valid JSON (byte {}); expected {}", path.string(), byte, expected));
}

}  // namespace cloudcast::util
