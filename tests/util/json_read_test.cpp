#include "cloudcast/util/json_read.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace util_json_read_test {

using namespace cloudcast::util;
using cloudcast::DataError;

namespace {

// The message parse_json_text throws for text, or "" when it parses.
std::string error_of(std::string_view text, std::string_view display = "x.json") {
  try {
    parse_json_text(text, display, "an object");
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

std::string repeat(std::string_view piece, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += piece;
  return out;
}

}  // namespace

TEST_CASE("text_position: 1-based line and column of a byte offset", "[json_read]") {
  const std::string_view text = "{\n  \"a\": 1,\n  x\n}";
  CHECK(text_position(text, 0).line == 1);
  CHECK(text_position(text, 0).column == 1);
  const auto x = text_position(text, text.find('x'));  // third line, after two spaces
  CHECK(x.line == 3);
  CHECK(x.column == 3);
  const auto end = text_position(text, 1000);  // past the end: the end (line 4, after '}')
  CHECK(end.line == 4);
  CHECK(end.column == 2);
}

TEST_CASE("json_pointer_token: RFC 6901 escapes", "[json_read]") {
  CHECK(json_pointer_token("revenue") == "revenue");
  CHECK(json_pointer_token("a/b~c") == "a~1b~0c");
}

TEST_CASE("read_json_file: parses, or names the file, line and column", "[json_read]") {
  cloudcast::testing::TempDir dir;
  const auto good = dir.path() / "good.json";
  std::ofstream(good) << R"({"b": 1, "a": [2]})";
  const auto ordered = read_json_file<nlohmann::ordered_json>(good, "an object");
  CHECK(ordered.begin().key() == "b");  // ordered_json keeps the file's key order
  CHECK(ordered.dump() == R"({"b":1,"a":[2]})");
  CHECK(read_json_file(good, "an object").dump() == R"({"a":[2],"b":1})");

  const auto bad = dir.path() / "bad.json";
  std::ofstream(bad) << "{\"a\": }";  // '}' is the 7th byte
  CHECK_THROWS_WITH(read_json_file(bad, "an object"),
                    bad.string() +
                        ":1:7: invalid JSON: syntax error while parsing value - unexpected '}'; expected "
                        "'[', '{', or a literal");
  CHECK_THROWS_AS(read_json_file(dir.path() / "missing.json", "an object"), cloudcast::IoError);
}

TEST_CASE("parse_json_text: syntax errors name line and column", "[json_read]") {
  CHECK(error_of("  \n") == "x.json:1:1: empty file; expected an object");
  // A bad literal on line 2: nlohmann's "last read" is what it read since the last token
  // it took whole (here the key, the colon and the bad byte); the expectation is ours.
  CHECK(error_of("{\"a\": 1,\n \"b\": x}") ==
        "x.json:2:7: invalid JSON: syntax error while parsing value - invalid literal; last read: '\"b\": x'; expected "
        "an object");
  CHECK(
      error_of("{} 1") ==
      "x.json:1:4: invalid JSON: syntax error while parsing value - unexpected number literal; expected end of input");
  // Bytes that are not UTF-8 inside a string: refused with the place, and the message
  // itself stays valid UTF-8 (the bad byte shows as U+FFFD).
  CHECK(error_of("[\"a\xff\"]") ==
        "x.json:1:4: invalid JSON: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last "
        "read: '\"a\xEF\xBF\xBD'; expected an object");
}

TEST_CASE("parse_json_text: a long bad token is quoted as an excerpt", "[json_read]") {
  // nlohmann stops at the first byte of a bad literal; a bad string is read to the fault,
  // and only its first 40 bytes are quoted.
  CHECK(error_of(std::string("[") + repeat("x", 100000) + "]") ==
        "x.json:1:2: invalid JSON: syntax error while parsing value - invalid literal; last read: '[x'; expected an "
        "object");
  CHECK(error_of(std::string("[\"") + repeat("a", 100000) + "\x01\"]") ==
        "x.json:1:100003: invalid JSON: syntax error while parsing value - invalid string: control character U+0001 "
        "(SOH) must be escaped to \\u0001; last read: '\"" +
            repeat("a", 39) + "...'; expected an object");
}

TEST_CASE("parse_json_text: a number beyond the double range is placed at its first character", "[json_read]") {
  CHECK(error_of(R"({"a": [1, 1e999]})") == "x.json:1:11: number 1e999 is out of range; expected a finite number");
  CHECK(error_of(R"({"a": [1, -1e999]})") == "x.json:1:11: number -1e999 is out of range; expected a finite number");
  CHECK(error_of("[\n  1e400\n]") == "x.json:2:3: number 1e400 is out of range; expected a finite number");
  // The largest double and an integer too long for 64 bits still read (the latter as a double).
  CHECK(parse_json_text("[1.7976931348623157e308]", "x", "a list")[0].get<double>() == 1.7976931348623157e308);
  CHECK(parse_json_text("[123456789012345678901234]", "x", "a list")[0].get<double>() == 1.2345678901234568e23);
}

TEST_CASE("parse_json_text: nesting is limited to kMaxJsonDepth levels", "[json_read]") {
  REQUIRE(kMaxJsonDepth == 64);
  CHECK(error_of(repeat("[", 64) + repeat("]", 64)).empty());  // exactly the limit
  // The 65th bracket (column 65) is refused; its pointer is 64 array indices.
  const std::string at = repeat("/0", 64);
  CHECK(error_of(repeat("[", 65) + repeat("]", 65)) ==
        "x.json:1:65: nesting deeper than 64 levels at " + at + "; expected at most 64 nested arrays and objects");
  CHECK(error_of(repeat("[", 100000) + repeat("]", 100000)) ==
        "x.json:1:65: nesting deeper than 64 levels at " + at + "; expected at most 64 nested arrays and objects");
  // Objects count too, and the pointer names their keys: the 65th '{' opens at byte 64 * 6.
  CHECK(error_of(repeat("{\"k\": ", 65) + std::string("1") + repeat("}", 65)) ==
        std::string("x.json:1:385: nesting deeper than 64 levels at ") + repeat("/k", 64) +
            "; expected at most 64 nested arrays and objects");
}

TEST_CASE("parse_json_text: a key given twice names both places", "[json_read]") {
  const std::string once = "; expected each key once per object";
  CHECK(error_of("{\"a\": 1,\n \"b\": {\"c\": 2, \"c\": 3}}") ==
        "x.json:2:16: duplicate key \"c\" at /b/c (first at 2:8)" + once);
  // In the second object of a list: the pointer counts elements.
  CHECK(error_of(R"([{"x":1},{"x":1,"x":2}])") == "x.json:1:17: duplicate key \"x\" at /1/x (first at 1:11)" + once);
  // Escaped quotes and backslashes inside the key do not hide its opening quote.
  CHECK(error_of(R"({"a\"b": 1, "a\"b": 2})") == "x.json:1:13: duplicate key \"a\"b\" at /a\"b (first at 1:2)" + once);
  CHECK(error_of(R"({"a\\": 1, "a\\": 2})") == "x.json:1:12: duplicate key \"a\\\" at /a\\ (first at 1:2)" + once);
  // Keys that escape to the same text are the same key; '/' is escaped in the pointer.
  CHECK(error_of(R"({"a/b": 1, "a\/b": 2})") == "x.json:1:12: duplicate key \"a/b\" at /a~1b (first at 1:2)" + once);
  // The same key in two different objects is fine.
  CHECK(error_of(R"({"a": {"x": 1}, "b": {"x": 2}})").empty());
}

TEST_CASE("text_excerpt: cut at a character boundary, never invalid UTF-8", "[json_read]") {
  CHECK(text_excerpt("short") == "short");
  CHECK(text_excerpt(repeat("a", 40)) == repeat("a", 40));
  CHECK(text_excerpt(repeat("a", 41)) == repeat("a", 40) + "...");
  // "é" is two bytes: 20 of them fill 40 bytes, the 21st is cut whole.
  CHECK(text_excerpt(repeat("\xC3\xA9", 21)) == repeat("\xC3\xA9", 20) + "...");
  CHECK(text_excerpt(std::string("a\xC3\xA9") + repeat("\xC3\xA9", 20)) ==
        std::string("a") + repeat("\xC3\xA9", 19) + "...");
  // Stray bytes, an overlong '/' and a UTF-16 surrogate become U+FFFD each.
  CHECK(text_excerpt("d\xff") == "d\xEF\xBF\xBD");
  CHECK(text_excerpt("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(text_excerpt("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("json_excerpt: scalars as JSON, containers named, never whole", "[json_read]") {
  using nlohmann::json;
  CHECK(json_excerpt(json(nullptr)) == "null");
  CHECK(json_excerpt(json(true)) == "true");
  CHECK(json_excerpt(json(-3)) == "-3");
  CHECK(json_excerpt(json(0.25)) == "0.25");
  CHECK(json_excerpt(json("NaN")) == "\"NaN\"");
  CHECK(json_excerpt(json(repeat("b", 1000))) == std::string("\"") + repeat("b", 40) + "...\"");
  CHECK(json_excerpt(json::array()) == "[]");
  CHECK(json_excerpt(json::object()) == "{}");
  CHECK(json_excerpt(json::array({1, 2})) == "an array");
  CHECK(json_excerpt(nlohmann::ordered_json::object({{"a", 1}})) == "an object");
}

}  // namespace util_json_read_test
