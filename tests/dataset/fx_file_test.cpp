// fx_file.cpp: parse_fx.
#include "cloudcast/dataset/load.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

namespace dataset_fx_file_test {

using namespace cloudcast::dataset;
using Catch::Contains;

TEST_CASE("parse_fx: rates must be positive, one per quarter", "[load]") {
  const std::string head = R"({"schema_version": 1, "pair": "CNY per USD", "rates": [)";
  const std::string rate =
      R"({"period": "2025Q2", "value": 7.1636, "kind": "period_end", "basis": "derived", "confidence": "sourced", "source": "S180"})";
  CHECK(parse_fx(fmt::format("{}{}]}}", head, rate), "fx.json").rates.size() == 1);
  CHECK_THROWS_WITH(parse_fx(fmt::format("{}{},{}]}}", head, rate, rate), "fx.json"),
                    Contains("fx.json:/rates/1: duplicate"));
  const std::string zero =
      R"({"period": "2025Q2", "value": 0, "kind": "period_end", "basis": "derived", "confidence": "sourced", "source": "S180"})";
  CHECK_THROWS_WITH(parse_fx(fmt::format("{}{}]}}", head, zero), "fx.json"),
                    Contains("fx.json:/rates/0/value: CNY per USD 0"));
}

TEST_CASE("parse_fx: nesting deeper than the reader's limit", "[load]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK_THROWS_WITH(parse_fx(deep, "fx.json"),
                    Catch::Matchers::StartsWith("fx.json:1:65: nesting deeper than 64 levels"));
}

}  // namespace dataset_fx_file_test
