#pragma once
// The one reader of JSON input (data, scenarios, batch manifests and indexes,
// tolerances, diff inputs, track's forecast file, --set values): every syntax, number, depth and duplicate-key error becomes a
// DataError naming `file:line:col`, and messages quote at most a short excerpt of a value.
// docs/decisions/0601-one-json-reader.md says why one reader and why these limits.

#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "cloudcast/util/atomic_file.hpp"

namespace cloudcast::util {

// Arrays and objects nested deeper than this are refused. cloudcast's own files nest at
// most 7 levels; the limit keeps every later walk of a value (messages, diff) shallow.
inline constexpr std::size_t kMaxJsonDepth = 64;

// 1-based line and column of the byte at `offset` in text (columns count bytes; an
// offset past the end is the end).
struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;
};
TextPosition text_position(std::string_view text, std::size_t offset);

// A key as a JSON pointer reference token: '~' -> "~0", '/' -> "~1".
std::string json_pointer_token(std::string_view key);

// Parses one JSON document. Json is nlohmann::json or nlohmann::ordered_json. Throws
// DataError "<display>:<line>:<col>: ..." for an empty text, broken syntax, a number
// outside the double range (1e999), nesting deeper than kMaxJsonDepth and a key given
// twice in one object (naming both places); `expected` says what the file should hold.
template <class Json = nlohmann::json>
Json parse_json_text(std::string_view text, std::string_view display, std::string_view expected);

// Reads and parses a JSON file: IoError when it cannot be read (read_file), the
// DataErrors of parse_json_text otherwise.
template <class Json = nlohmann::json>
Json read_json_file(const std::filesystem::path& path, std::string_view expected) {
  return parse_json_text<Json>(read_file(path), path.string(), expected);
}

// At most `max_bytes` of text (cut at a UTF-8 character boundary, "..." appended when cut).
std::string text_excerpt(std::string_view text, std::size_t max_bytes = 40);

// A short rendering of a value for "got ..." in messages: scalars as JSON (strings cut
// by text_excerpt), empty containers as {} / [], others as "an object" / "an array". Never renders a whole
// container, so a huge or deep value cannot make a huge message.
template <class Json>
std::string json_excerpt(const Json& value);

}  // namespace cloudcast::util
