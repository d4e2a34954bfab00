#include "cloudcast/util/parse.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"

namespace util_parse_test {

using namespace cloudcast::util;

TEST_CASE("parse_int: accepts integers in range and names the option otherwise", "[parse]") {
  CHECK(parse_int("12", 1, 40, "--horizon") == 12);
  CHECK_THROWS_WITH(parse_int("10000000", 1, 40, "--horizon"),
                    "--horizon: expected an integer in [1, 40], got '10000000'");
  CHECK_THROWS_AS(parse_int("12x", 1, 40, "--horizon"), cloudcast::UsageError);
  CHECK_THROWS_AS(parse_int("", 1, 40, "--horizon"), cloudcast::UsageError);
}

TEST_CASE("parse_double: rejects NaN, infinity and out-of-range values", "[parse]") {
  CHECK(parse_double("0.25", 0, 1, "--rtol") == 0.25);
  CHECK_THROWS_AS(parse_double("nan", 0, 1, "--rtol"), cloudcast::UsageError);
  CHECK_THROWS_AS(parse_double("inf", 0, 1e300, "--rtol"), cloudcast::UsageError);
  CHECK_THROWS_WITH(parse_double("2", 0, 1, "--rtol"), "--rtol: expected a number in [0, 1], got '2'");
  CHECK_FALSE(try_parse_double("1e400").has_value());
}

}  // namespace util_parse_test
