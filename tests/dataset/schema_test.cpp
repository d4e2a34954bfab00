#include "dataset/schema.hpp"

#include <catch2/catch.hpp>

namespace dataset_schema_test {

using namespace cloudcast::dataset;

TEST_CASE("schema: metric names are unique snake_case and growth metrics name a known level", "[schema]") {
  for (const MetricInfo& metric : metrics()) {
    CHECK(find_metric(metric.name) == &metric);
    for (char c : metric.name) CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'));
    if (!metric.level.empty()) CHECK(find_metric(metric.level) != nullptr);
  }
  CHECK(find_metric("revenue")->non_negative);
  CHECK_FALSE(find_metric("operating_income")->non_negative);
  CHECK(find_metric("revnue") == nullptr);
}

TEST_CASE("schema: basis, confidence and currency names round-trip", "[schema]") {
  for (Basis b : {Basis::reported, Basis::restated, Basis::derived, Basis::estimate})
    CHECK(parse_basis(to_string(b)) == b);
  CHECK(parse_confidence("recalled") == Confidence::recalled);
  CHECK_FALSE(parse_basis("guess"));
  CHECK(money_unit("CNY") == "RMB m");
  CHECK(money_unit("USD") == "USD m");
  CHECK_FALSE(money_unit("EUR"));
}

}  // namespace dataset_schema_test
