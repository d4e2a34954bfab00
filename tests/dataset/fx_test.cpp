#include "dataset/fx.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"

namespace dataset_fx_test {

using namespace cloudcast;
using namespace cloudcast::dataset;

TEST_CASE("fx: shipped period-end rate converts Alibaba's 2025Q2 revenue", "[fx]") {
  const Dataset data = load_builtin_dataset();
  const FxTable fx(data);
  // 7.1636 CNY per USD: Alibaba's release pair RMB 247,652 m = US$ 34,571 m (S180).
  CHECK(fx.cny_per_usd(Quarter{2025, 2}) == Approx(7.1636).epsilon(1e-12));
  CHECK(fx.to_usd(33398, "CNY", Quarter{2025, 2}) == Approx(33398 / 7.1636).epsilon(1e-12));
  CHECK(fx.to_usd(100, "USD", Quarter{2030, 1}) == 100);  // USD needs no rate
}

TEST_CASE("fx: to_usd and from_usd round-trip", "[fx]") {
  const Dataset data = load_builtin_dataset();
  const FxTable fx(data);
  for (const auto& [quarter, rate] : fx.rates())
    CHECK(fx.from_usd(fx.to_usd(12345.678, "CNY", quarter), "CNY", quarter) == Approx(12345.678).epsilon(1e-14));
}

TEST_CASE("fx: a quarter without a rate is a clear error, a path fills it", "[fx]") {
  const Dataset data = load_builtin_dataset();
  const FxTable history(data);
  CHECK_THROWS_AS(history.cny_per_usd(Quarter{2027, 1}), DataError);
  CHECK_THROWS_WITH(history.cny_per_usd(Quarter{2027, 1}), Catch::Contains("no CNY per USD rate for 2027Q1"));
  const FxTable scenario(data, {{Quarter{2027, 1}, 7.5}, {Quarter{2025, 2}, 7.0}});
  CHECK(scenario.cny_per_usd(Quarter{2027, 1}) == 7.5);
  CHECK(scenario.cny_per_usd(Quarter{2025, 2}) == 7.0);  // the path overrides history
  CHECK_THROWS_AS(FxTable(data, {{Quarter{2027, 1}, 0.0}}), DataError);
  CHECK_THROWS_AS(history.to_usd(1, "EUR", Quarter{2025, 2}), DataError);
}

TEST_CASE("fx: carry_forward takes the latest earlier rate and says which", "[fx]") {
  const Dataset data = load_builtin_dataset();
  const FxTable fx(data);
  // 2024Q1 has no rate in the data; the latest before it is 2023Q1's 6.8677.
  const auto carried = fx.lookup(Quarter{2024, 1}, FxTable::Fill::carry_forward);
  CHECK(carried.cny_per_usd == 6.8677);
  CHECK(carried.from == Quarter{2023, 1});
  const auto exact = fx.lookup(Quarter{2025, 2}, FxTable::Fill::carry_forward);
  CHECK(exact.from == Quarter{2025, 2});
  CHECK_THROWS_WITH(fx.lookup(Quarter{2022, 1}, FxTable::Fill::carry_forward),
                    "no CNY per USD rate at or before 2022Q1; the first rate is for 2022Q2");
  CHECK_THROWS_AS(fx.lookup(Quarter{2024, 1}), DataError);
}

}  // namespace dataset_fx_test
