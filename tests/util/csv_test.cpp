#include "util/csv.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"

namespace util_csv_test {

using namespace cloudcast;
using Catch::Message;

TEST_CASE("parse_csv: quoted commas, doubled quotes and line breaks inside a field", "[csv]") {
  const auto records = util::parse_csv("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",,z\n", "t.csv");
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == std::vector<std::string>{"a", "b", "c"});
  CHECK(records[1].fields == std::vector<std::string>{"1", "x, y", "say \"hi\""});
  CHECK(records[1].line == 2);
  CHECK(records[1].columns == std::vector<std::size_t>{1, 3, 10});
  CHECK(records[2].fields == std::vector<std::string>{"two\nlines", "", "z"});
  CHECK(records[2].line == 3);  // where the record starts, though it spans lines 3 and 4
}

TEST_CASE("parse_csv: CRLF, a byte order mark, blank lines and no final line end", "[csv]") {
  const auto records = util::parse_csv("\xEF\xBB\xBFh1,h2\r\n\r\n1,2\r\n3,", "t.csv");
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == std::vector<std::string>{"h1", "h2"});
  CHECK(records[1].fields == std::vector<std::string>{"1", "2"});
  CHECK(records[1].line == 3);
  CHECK(records[2].fields == std::vector<std::string>{"3", ""});
  CHECK(records[2].line == 4);
}

TEST_CASE("parse_csv: broken quoting names line and column", "[csv]") {
  CHECK_THROWS_MATCHES(util::parse_csv("a,b\n1,\"open\n", "t.csv"), DataError,
                       Message("t.csv:2:3: quoted field never closed; expected a closing '\"'"));
  CHECK_THROWS_MATCHES(util::parse_csv("a,b\n1,\"x\"y\n", "t.csv"), DataError,
                       Message("t.csv:2:6: text after a closing quote; expected ',' or the end of the line"));
}

TEST_CASE("csv_field quotes only what needs it, and parse_csv reads it back", "[csv]") {
  CHECK(util::csv_field("plain text") == "plain text");
  CHECK(util::csv_field("a,b") == "\"a,b\"");
  CHECK(util::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(util::csv_field("two\nlines") == "\"two\nlines\"");
  const std::vector<std::string> fields{"a,b", "say \"hi\"", "two\r\nlines", "", "x"};
  std::string line;
  for (const auto& f : fields) {
    if (!line.empty()) line += ',';
    line += util::csv_field(f);
  }
  const auto records = util::parse_csv(line + "\n", "t.csv");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == fields);
}

}  // namespace util_csv_test
