#pragma once
// Reading JSON input files the same way everywhere: the place of a syntax error, the
// "not valid JSON" message of the batch, check and diff inputs, and JSON pointer
// reference tokens (RFC 6901) for messages that name a key.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "cloudcast/util/atomic_file.hpp"

namespace cloudcast::util {

// 1-based line and column of the byte at `offset` in text (columns count bytes; an
// offset past the end is the end).
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition text_position(std::string_view text, std::size_t offset);

// A key as a JSON pointer reference token: '~' -> "~0", '/' -> "~1".
std::string json_pointer_token(std::string_view key);

// Throws DataError "<path>: not valid JSON (byte <byte>); expected <expected>".
[[noreturn]] void throw_not_valid_json(const std::filesystem::path& path, std::size_t byte, std::string_view expected);

// Reads and parses a JSON file: IoError when it cannot be read (read_file), the
// DataError above when it is not JSON. Json is nlohmann::json or nlohmann::ordered_json.
template <class Json = nlohmann::json>
Json read_json_file(const std::filesystem::path& path, std::string_view expected) {
  const std::string text = read_file(path);
  try {
    return Json::parse(text);
  } catch (const typename Json::parse_error& e) {
    throw_not_valid_json(path, e.byte, expected);
  }
}

}  // namespace cloudcast::util
