#include "dataset/vintage.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/dataset/query.hpp"
#include "support/fixtures.hpp"

namespace dataset_vintage_test {

using namespace cloudcast;

TEST_CASE("as_of: drops observations and FX rates after the origin, keeps the rest as they are", "[vintage]") {
  dataset::Company c = fixtures::company("acme", "USD", 12, {2024, 1})
                           .metric("revenue", {10, 11, 12, 13, 14, 15})
                           .metric("operating_income", {1, 2, 3, 4, 5, 6})
                           .metric("capex", {7, 8}, "company", Quarter{2024, 3});
  c.disclosures.push_back({.id = "capex_commitment", .period = "announced 2025Q2", .value = 100.0, .unit = "USD m"});
  c.notes = {"a note"};
  for (Quarter as_of : {Quarter{2024, 3}, Quarter{2024, 4}, Quarter{2025, 1}})
    c.guidance.push_back({.id = "capex_" + as_of.to_string(), .metric = "capex", .as_of = as_of});
  const dataset::Dataset data =
      fixtures::dataset({c}, {{Quarter{2024, 4}, 7.1, "period_end"}, {Quarter{2025, 1}, 7.2, "period_end"}});

  const dataset::Dataset then = dataset::as_of(data, Quarter{2024, 4});
  REQUIRE(then.companies.size() == 1);
  const dataset::Company& t = then.companies.front();
  const auto revenue = dataset::series(t, "revenue");
  REQUIRE(revenue.size() == 4);  // 2024Q1..2024Q4: the origin itself is known
  CHECK(revenue.back().period == Quarter{2024, 4});
  CHECK(revenue.back().value == 13);
  CHECK(dataset::series(t, "operating_income").size() == 4);
  const auto capex = dataset::series(t, "capex");
  REQUIRE(capex.size() == 2);
  CHECK(capex.back().value == 8);
  CHECK(t.observations.size() == 10);
  REQUIRE(then.fx.size() == 1);
  CHECK(then.fx.front().cny_per_usd == 7.1);
  // Guidance given once 2024Q4 was reported is known at 2024Q4; a later one is not.
  REQUIRE(t.guidance.size() == 2);
  CHECK(t.guidance.back().id == "capex_2024Q4");
  // Disclosures carry free-text periods and the engine reads none: kept.
  CHECK(t.disclosures.size() == 1);
  CHECK(t.notes == std::vector<std::string>{"a note"});
  CHECK(then.digest == data.digest);
  // The input is untouched.
  CHECK(data.companies.front().observations.size() == 14);

  // Before the first capex figure: no capex at all.
  const dataset::Dataset early = dataset::as_of(data, Quarter{2024, 2});
  CHECK(dataset::series(early.companies.front(), "capex").empty());
  CHECK(dataset::series(early.companies.front(), "revenue").size() == 2);
  CHECK(early.fx.empty());
  CHECK(early.companies.front().guidance.empty());
}

}  // namespace dataset_vintage_test
