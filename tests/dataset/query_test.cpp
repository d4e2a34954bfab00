#include "cloudcast/dataset/query.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/dataset/load.hpp"

namespace dataset_query_test {

using namespace cloudcast;
using namespace cloudcast::dataset;

TEST_CASE("growth_yoy: Alibaba CIG 2025Q2 is +25.8 % from the levels (26 % reported)", "[query]") {
  const Dataset data = load_builtin_dataset();
  const Growth g = growth_yoy(find_company(data, "alibaba"), "revenue", Quarter{2025, 2}, "cig-2023");
  REQUIRE(g.value);
  CHECK(*g.value == Approx(33398.0 / 26549.0 - 1).epsilon(1e-12));  // hand-computed ratio
  CHECK(*g.value == Approx(0.258).margin(0.0005));                  // the reference file's 25.8 %
}

TEST_CASE("growth_yoy: never across a segment-basis break", "[query]") {
  const Dataset data = load_builtin_dataset();
  const Company& alibaba = find_company(data, "alibaba");
  // 2023Q1 on the CIG basis; 2022Q1 exists only on the legacy Cloud segment.
  const Growth g = growth_yoy(alibaba, "revenue", Quarter{2023, 1}, "cig-2023");
  CHECK_FALSE(g.value);
  CHECK(g.reason == "basis break: 2023Q1 is cig-2023, 2022Q1 only on legacy-cloud");
  const Growth oi = growth_yoy(find_company(data, "microsoft"), "operating_income", Quarter{2024, 3}, "ic-fy2025");
  CHECK_FALSE(oi.value);
  CHECK(oi.reason.find("basis break") == 0);
  const Growth none = growth_yoy(alibaba, "revenue", Quarter{2022, 2}, "cig-2023");
  CHECK_FALSE(none.value);
  CHECK(none.reason == "no revenue figure a year earlier (2021Q2)");
}

TEST_CASE("series: one consistent revenue series per company, in time order", "[query]") {
  const Dataset data = load_builtin_dataset();
  const Company& microsoft = find_company(data, "microsoft");
  CHECK(projection_basis(microsoft, "revenue") == "ic-fy2025");
  const std::vector<Point> ic = series(microsoft, "revenue");
  REQUIRE(ic.size() == 11);  // 2023Q3..2026Q1 on the FY2025 basis
  CHECK(ic.front().period == Quarter{2023, 3});
  CHECK(ic.back().period == Quarter{2026, 1});
  CHECK(contiguous_tail(ic).size() == ic.size());
  // The back-cast points reproduce the reported FY2025-basis growth exactly.
  CHECK(ic.front().basis == Basis::derived);
  CHECK(ic.front().value == Approx(24092.0 / 1.20).margin(0.05));  // stored to 0.1
  CHECK(ic[2].basis == Basis::restated);                           // 2024Q1: 22,141 restated
  for (const Company& company : data.companies) {
    const std::vector<Point> revenue = series(company, "revenue");
    CHECK(revenue.size() >= 10);
    CHECK(contiguous_tail(revenue).size() == revenue.size());
    for (std::size_t i = 1; i < revenue.size(); ++i) CHECK(revenue[i - 1].period < revenue[i].period);
  }
  CHECK(series(find_company(data, "alibaba"), "revenue").front().period == Quarter{2022, 2});
  CHECK(series(find_company(data, "google"), "operating_income").front().period == Quarter{2023, 1});
}

TEST_CASE("contiguous_tail: keeps the last run of consecutive quarters", "[query]") {
  std::vector<Point> points;
  for (Quarter q : {Quarter{2023, 1}, Quarter{2023, 3}, Quarter{2023, 4}, Quarter{2024, 1}})
    points.push_back(Point{.period = q, .value = 1});
  const auto tail = contiguous_tail(points);
  REQUIRE(tail.size() == 3);
  CHECK(tail.front().period == Quarter{2023, 3});
  CHECK(contiguous_tail({}).empty());
}

}  // namespace dataset_query_test
