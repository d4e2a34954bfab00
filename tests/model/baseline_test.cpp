#include "cloudcast/model/baseline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "cloudcast/error.hpp"
#include "cloudcast/forecast/registry.hpp"

namespace model_baseline_test {

using namespace cloudcast;

TEST_CASE("baseline: an exact exponential series continues at its growth from the last value", "[baseline]") {
  std::vector<double> y;
  for (int t = 0; t < 10; ++t) y.push_back(100 * std::pow(1.05, t));
  const auto f = model::baseline_forecast(y, 4);
  REQUIRE(f.mean.size() == 4);
  for (int h = 1; h <= 4; ++h) {
    CHECK(f.mean[h - 1] == Approx(y.back() * std::pow(1.05, h)).epsilon(1e-12));
    CHECK(f.upper95[h - 1] == Approx(f.mean[h - 1]).epsilon(1e-9));  // perfect fit: no spread
  }
  CHECK(f.method == "trend");
}

TEST_CASE("baseline: intervals widen with the horizon and bracket the mean", "[baseline]") {
  const std::vector<double> y{100, 108, 107, 118, 121, 126, 139, 137, 150};
  const auto f = model::baseline_forecast(y, 8);
  for (std::size_t h = 0; h < 8; ++h) {
    CHECK(f.lower95[h] < f.lower80[h]);
    CHECK(f.lower80[h] < f.mean[h]);
    CHECK(f.mean[h] < f.upper80[h]);
    CHECK(f.upper80[h] < f.upper95[h]);
  }
  CHECK(f.upper95[7] - f.lower95[7] > f.upper95[0] - f.lower95[0]);
  // Only the last 8 quarters count: the first value changes nothing.
  auto y2 = y;
  y2[0] = 1;
  CHECK(model::baseline_forecast(y2, 8).mean[7] == Approx(f.mean[7]).epsilon(1e-15));
}

TEST_CASE("baseline: bad input", "[baseline]") {
  CHECK_THROWS_AS(model::baseline_forecast(std::vector<double>{5}, 4), DataError);
  CHECK_THROWS_AS(model::baseline_forecast(std::vector<double>{5, -1, 3}, 4), DataError);
  CHECK_THROWS_AS(model::baseline_forecast(std::vector<double>{5, 6}, 4, "arima"), UsageError);
}

TEST_CASE("baseline: any registry model by name, identical to calling it directly", "[baseline]") {
  std::vector<double> y;
  for (int t = 0; t < 16; ++t) y.push_back(100 * std::pow(1.03, t) + (t % 4 == 3 ? 5 : 0));
  const auto f = model::baseline_forecast(y, 6, "theta");
  const auto g = forecast::find_model("theta").fit(y, {.horizon = 6, .period = 4});
  CHECK(f.mean == g.mean);  // same function: exact
  CHECK(f.upper95 == g.upper95);
  CHECK(model::baseline_forecast(y, 6, "comb").method == "comb");
  CHECK_THROWS_WITH(model::baseline_forecast(y, 6, "thetta"), Catch::Contains("did you mean 'theta'"));
  // A model needing more history than there is: a DataError that names it.
  CHECK_THROWS_WITH(model::baseline_forecast(std::vector<double>{1, 2, 3, 4, 5}, 4, "damped"),
                    Catch::Contains("model damped needs at least 10"));
}

}  // namespace model_baseline_test
