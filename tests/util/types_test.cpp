#include "cloudcast/types.hpp"

#include <catch2/catch.hpp>

namespace util_types_test {

using cloudcast::parse_quarter;
using cloudcast::Quarter;

TEST_CASE("Quarter: arithmetic crosses year boundaries", "[types]") {
  const Quarter q{2025, 3};
  CHECK((q + 1) == Quarter{2025, 4});
  CHECK((q + 2) == Quarter{2026, 1});
  CHECK((q - 3) == Quarter{2024, 4});
  CHECK((Quarter{2027, 2} - Quarter{2025, 3}) == 7);
  CHECK(Quarter{2024, 4} < Quarter{2025, 1});
  CHECK(q.to_string() == "2025Q3");
}

TEST_CASE("parse_quarter: accepts YYYYQn only", "[types]") {
  CHECK(parse_quarter("2025Q3") == Quarter{2025, 3});
  CHECK(parse_quarter("2025q1") == Quarter{2025, 1});
  CHECK_FALSE(parse_quarter("2025Q5").has_value());
  CHECK_FALSE(parse_quarter("2025Q").has_value());
  CHECK_FALSE(parse_quarter("25Q3").has_value());
  CHECK_FALSE(parse_quarter("2025-Q3").has_value());
}

TEST_CASE("Currency: each known code has one unit, unknown codes are not guessed", "[types]") {
  REQUIRE(cloudcast::Currency::all().size() == 2);
  CHECK(cloudcast::Currency::find("CNY")->unit() == "RMB m");
  CHECK(cloudcast::Currency::find("USD")->unit() == "USD m");
  CHECK(cloudcast::Currency::find("EUR") == nullptr);
  CHECK(cloudcast::Currency::find("RMB") == nullptr);  // the display name is not a code
  CHECK(cloudcast::money_unit("CNY") == "RMB m");
  CHECK(cloudcast::money_unit("EUR") == "EUR m");  // a renderer shows what it is given
}

}  // namespace util_types_test
