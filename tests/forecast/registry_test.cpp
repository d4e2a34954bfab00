#include "cloudcast/forecast/registry.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

#include "cloudcast/error.hpp"

namespace forecast_registry_test {

using namespace cloudcast::forecast;

TEST_CASE("models: every model returns horizon values with ordered bounds on a seasonal series", "[registry]") {
  std::vector<double> y;
  for (int t = 0; t < 24; ++t) y.push_back(100 + 2 * t + (t % 4 == 3 ? 15 : 0) + (t % 3));
  for (const Model& m : models()) {
    INFO(m.name);
    const Forecast f = m.fit(y, {.horizon = 6, .period = 4});
    REQUIRE(f.mean.size() == 6);
    CHECK(f.method == m.name);
    for (std::size_t h = 0; h < 6; ++h) {
      CHECK(f.lower95[h] <= f.lower80[h]);
      CHECK(f.lower80[h] <= f.mean[h]);
      CHECK(f.mean[h] <= f.upper80[h]);
      CHECK(f.upper80[h] <= f.upper95[h]);
    }
  }
}

TEST_CASE("models: each accepts its stated minimum length and refuses one less", "[registry]") {
  for (const Model& m : models()) {
    INFO(m.name);
    std::vector<double> y;
    for (std::size_t t = 0; t < m.min_length; ++t) y.push_back(10 + static_cast<double>(t * t % 7));
    CHECK_NOTHROW(m.fit(y, {.horizon = 2, .period = 4}));
    y.pop_back();
    CHECK_THROWS_AS(m.fit(y, {.horizon = 2, .period = 4}), cloudcast::DataError);
  }
}

TEST_CASE("combine: means of points and bounds", "[registry]") {
  Forecast a{"a", "", {1, 2}, {0, 0}, {2, 4}, {-1, -1}, {3, 5}};
  Forecast b{"b", "", {3, 4}, {2, 2}, {4, 6}, {1, 1}, {5, 7}};
  const std::vector<Forecast> m{a, b};
  const Forecast c = combine(m, Pooling::mean, "c", "");
  CHECK(c.mean == std::vector<double>{2, 3});
  CHECK(c.upper95 == std::vector<double>{4, 6});
}

TEST_CASE("combine: medians of points and bounds, even counts average the middle two", "[registry]") {
  Forecast a{"a", "", {1}, {0}, {2}, {-1}, {3}};
  Forecast b{"b", "", {3}, {2}, {4}, {1}, {5}};
  Forecast c{"c", "", {10}, {9}, {11}, {8}, {12}};
  Forecast d{"d", "", {4}, {3}, {5}, {2}, {6}};
  const std::vector<Forecast> three{a, b, c}, four{a, b, c, d};
  CHECK(combine(three, Pooling::median, "m", "").mean == std::vector<double>{3});
  CHECK(combine(four, Pooling::median, "m", "").mean == std::vector<double>{3.5});
  CHECK(combine(four, Pooling::median, "m", "").lower95 == std::vector<double>{1.5});
}

TEST_CASE("models: a combination's fit equals pooling its members' fits", "[registry]") {
  std::vector<double> y;
  for (int t = 0; t < 20; ++t) y.push_back(50 + t + (t % 4 == 0 ? 6 : 0) + (t * 7 % 5));
  const ForecastOptions o{.horizon = 4, .period = 4};
  for (const Model& m : models()) {
    if (m.pooling == Pooling::none) continue;
    INFO(m.name);
    std::vector<Forecast> parts;
    for (std::string_view member : members_of(m)) parts.push_back(find_model(member).fit(y, o));
    CHECK(m.fit(y, o).mean == combine(parts, m.pooling, "", "").mean);  // same arithmetic: exact
  }
}

TEST_CASE("find_model: unknown names suggest the closest", "[registry]") {
  CHECK(find_model("theta").name == "theta");
  CHECK_THROWS_WITH(find_model("thetta"), Catch::Contains("did you mean 'theta'"));
  CHECK(find_model(kRecommendedModel).name == kRecommendedModel);
}

TEST_CASE("models: a combination's minimum length is its hungriest member's", "[registry]") {
  for (const Model& m : models()) {
    if (m.pooling == Pooling::none) continue;
    std::size_t need = 0;
    for (std::string_view member : members_of(m)) need = std::max(need, find_model(member).min_length);
    CHECK(m.min_length == need);
  }
}

}  // namespace forecast_registry_test
