#include "cloudcast/forecast/simple.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cloudcast/error.hpp"
#include "forecast/r_reference.hpp"

using namespace cloudcast::forecast;
using cloudcast::testing::numbers;
using cloudcast::testing::r_reference;

TEST_CASE("forecast_naive: last value, sigma^2 = mean squared difference, se grows with sqrt(h)", "[simple]") {
  const std::vector<double> y{1, 2, 4};
  const Forecast f = forecast_naive(y, {.horizon = 3, .period = 4});
  CHECK(f.mean == std::vector<double>{4, 4, 4});
  // residuals 1, 2: sigma^2 = 5/2; 95 % bound at h = 3: 4 - 1.96 sqrt(7.5)
  CHECK(f.lower95[2] == Approx(4 - 1.959963984540054 * std::sqrt(7.5)).epsilon(1e-14));  // closed form
  CHECK(f.upper80[0] == Approx(4 + 1.2815515655446004 * std::sqrt(2.5)).epsilon(1e-14));
}

TEST_CASE("forecast_snaive: repeats the last year; variance steps up once per year ahead", "[simple]") {
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};
  const Forecast f = forecast_snaive(y, {.horizon = 6, .period = 4});
  CHECK(f.mean == std::vector<double>{5, 6, 7, 8, 5, 6});
  // Every seasonal difference is 4: sigma = 4; k = 1 for h <= 4, 2 for h = 5, 6.
  CHECK(f.upper95[3] == Approx(8 + 1.959963984540054 * 4).epsilon(1e-14));
  CHECK(f.upper95[4] == Approx(5 + 1.959963984540054 * 4 * std::sqrt(2.0)).epsilon(1e-14));
}

TEST_CASE("forecast_drift: slope from first to last value; drift uncertainty added", "[simple]") {
  const std::vector<double> y{1, 3, 4, 8};
  const Forecast f = forecast_drift(y, {.horizon = 2, .period = 4});
  const double b = 7.0 / 3;
  CHECK(f.mean[1] == Approx(8 + 2 * b).epsilon(1e-14));
  // differences 2, 1, 4: s^2 = (1/9 + 16/9 + 25/9) / 2 = 7/3; se_b^2 = s^2 / 3
  const double var2 = 7.0 / 3 * 2 + 4 * (7.0 / 9);
  CHECK(f.lower80[1] == Approx(8 + 2 * b - 1.2815515655446004 * std::sqrt(var2)).epsilon(1e-14));
}

TEST_CASE("simple benchmarks: match R naive(), snaive() and rwf(drift = TRUE)", "[simple]") {
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    const ForecastOptions o{.horizon = 8, .period = 4};
    const Forecast n = forecast_naive(y, o), sn = forecast_snaive(y, o), d = forecast_drift(y, o);
    for (std::size_t h = 0; h < 8; ++h) {
      INFO(id << " h=" << h + 1);
      CHECK(n.mean[h] == Approx(numbers(s["naive"]["mean"])[h]).epsilon(1e-12));  // same formulas: rounding only
      CHECK(n.lower95[h] == Approx(numbers(s["naive"]["lower95"])[h]).epsilon(1e-12));
      CHECK(sn.upper80[h] == Approx(numbers(s["snaive"]["upper80"])[h]).epsilon(1e-12));
      CHECK(d.mean[h] == Approx(numbers(s["drift"]["mean"])[h]).epsilon(1e-12));
      CHECK(d.lower95[h] == Approx(numbers(s["drift"]["lower95"])[h]).epsilon(1e-12));
    }
  }
}

TEST_CASE("forecast_naive2: naive on the adjusted series times the last year's indices", "[simple]") {
  // Seasonal pattern x2 at every 4th quarter on a flat level: the adjusted series is flat,
  // so the forecast is the level times the index of each future quarter.
  std::vector<double> y;
  for (int t = 0; t < 16; ++t) y.push_back(t % 4 == 3 ? 200 : 100);
  const Forecast f = forecast_naive2(y, {.horizon = 4, .period = 4});
  CHECK(f.mean[3] / f.mean[0] == Approx(2.0).epsilon(1e-12));  // the seasonal ratio survives
  CHECK(f.mean[0] == Approx(f.mean[1]).epsilon(1e-12));
}

TEST_CASE("simple benchmarks: too short a series is a DataError naming the method", "[simple]") {
  const std::vector<double> y{1, 2, 3, 4};
  CHECK_THROWS_WITH(forecast_snaive(y, {}), Catch::Contains("snaive: series has 4 observations; expected at least 5"));
  CHECK_THROWS_AS(forecast_drift(std::vector<double>{1, 2}, {}), cloudcast::DataError);
}
