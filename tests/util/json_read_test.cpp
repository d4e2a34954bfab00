#include "cloudcast/util/json_read.hpp"

#include <catch2/catch.hpp>

#include <fstream>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

using namespace cloudcast::util;

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

TEST_CASE("read_json_file: parses, or names the file and the byte", "[json_read]") {
  cloudcast::testing::TempDir dir;
  const auto good = dir.path() / "good.json";
  std::ofstream(good) << R"({"b": 1, "a": [2]})";
  const auto ordered = read_json_file<nlohmann::ordered_json>(good, "an object");
  CHECK(ordered.begin().key() == "b");  // ordered_json keeps the file's key order
  CHECK(read_json_file(good, "an object")["a"][0] == 2);

  const auto bad = dir.path() / "bad.json";
  std::ofstream(bad) << "{\"a\": }";
  CHECK_THROWS_WITH(read_json_file(bad, "an object"),
                    bad.string() + ": not valid JSON (byte 7); expected an object");
  CHECK_THROWS_AS(read_json_file(dir.path() / "missing.json", "an object"), cloudcast::IoError);
}
