#include "forecast/simple.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "cloudcast/error.hpp"
#include "forecast/r_reference.hpp"

namespace forecast_simple_test {

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

TEST_CASE("forecast_snaive: repeats the last year, variance steps up once per year ahead", "[simple]") {
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8};
  const Forecast f = forecast_snaive(y, {.horizon = 6, .period = 4});
  CHECK(f.mean == std::vector<double>{5, 6, 7, 8, 5, 6});
  // Every seasonal difference is 4: sigma = 4; k = 1 for h <= 4, 2 for h = 5, 6.
  CHECK(f.upper95[3] == Approx(8 + 1.959963984540054 * 4).epsilon(1e-14));
  CHECK(f.upper95[4] == Approx(5 + 1.959963984540054 * 4 * std::sqrt(2.0)).epsilon(1e-14));
}

TEST_CASE("forecast_drift: slope from first to last value, drift uncertainty added", "[simple]") {
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

TEST_CASE("forecast_naive: intervals cover a simulated random walk at their nominal rate", "[simple]") {
  // y_t = y_{t-1} + e_t, e ~ N(0, 4): naive's own model. Box-Muller on a fixed stream.
  std::mt19937_64 rng(42);
  auto normal = [&] {
    const double u1 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
    const double u2 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  };
  const int runs = 2000;
  int in95_h1 = 0, in80_h3 = 0;
  for (int r = 0; r < runs; ++r) {
    std::vector<double> y{100};
    for (int t = 1; t < 43; ++t) y.push_back(y.back() + 2 * normal());
    const std::vector<double> train(y.begin(), y.begin() + 40);
    const Forecast f = forecast_naive(train, {.horizon = 3, .period = 4});
    in95_h1 += f.lower95[0] <= y[40] && y[40] <= f.upper95[0];
    in80_h3 += f.lower80[2] <= y[42] && y[42] <= f.upper80[2];
  }
  // Binomial standard errors sqrt(p(1-p)/2000): 0.0049 (95 %), 0.0089 (80 %); allow 4 of
  // them plus 0.01 for sigma estimated from 39 differences.
  CHECK(std::abs(in95_h1 / double(runs) - 0.95) < 4 * 0.0049 + 0.01);
  CHECK(std::abs(in80_h3 / double(runs) - 0.80) < 4 * 0.0089 + 0.01);
}

namespace {

// Every origin from 2 (naive's and naive2's shortest) to n - 1.
std::vector<std::size_t> every_origin(std::size_t n) {
  std::vector<std::size_t> origins;
  for (std::size_t o = 2; o < n; ++o) origins.push_back(o);
  return origins;
}

// Series the rolling forms must follow: the R reference series, a seasonal one whose
// pattern fades (the seasonal test turns at some origin), a random walk, a constant.
std::vector<std::vector<double>> rolling_series() {
  std::vector<std::vector<double>> out;
  for (const auto& [id, s] : r_reference()["series"].items()) out.push_back(numbers(s["y"]));
  std::mt19937 rng(7);
  std::normal_distribution<double> noise(0, 1);
  std::vector<double> fading, walk, flat(40, 250.0);
  double level = 1000;
  for (int t = 0; t < 160; ++t) {
    const double amplitude = t < 80 ? 0.15 : 0.15 * std::exp(-(t - 80) / 10.0);
    fading.push_back(1000 * (1 + amplitude * std::sin(1.5707963267948966 * t)) + 10 * noise(rng));
    level += 5 * noise(rng);
    walk.push_back(level);
  }
  out.push_back(fading);
  out.push_back(walk);
  out.push_back(flat);
  return out;
}

}  // namespace

TEST_CASE("rolling_naive: every origin's forecast bit for bit forecast_naive's", "[simple]") {
  for (const auto& y : rolling_series()) {
    const auto origins = every_origin(y.size());
    const auto rolled = rolling_naive(y, origins, {.horizon = 8, .period = 4});
    REQUIRE(rolled.size() == origins.size());
    for (std::size_t i = 0; i < origins.size(); ++i) {
      const Forecast f = forecast_naive(std::span(y).first(origins[i]), {.horizon = 8, .period = 4});
      CHECK(rolled[i].mean == f.mean);
      CHECK(rolled[i].lower95 == f.lower95);
      CHECK(rolled[i].upper80 == f.upper80);
      CHECK(rolled[i].description == f.description);
    }
  }
}

TEST_CASE("rolling_naive2: the refit's means and seasonal decisions, its bounds to 1e-12 of the width", "[simple]") {
  int seasonal = 0, not_seasonal = 0;
  for (const auto& y : rolling_series()) {
    const auto origins = every_origin(y.size());
    const auto rolled = rolling_naive2(y, origins, {.horizon = 8, .period = 4});
    REQUIRE(rolled.size() == origins.size());
    for (std::size_t i = 0; i < origins.size(); ++i) {
      const Forecast f = forecast_naive2(std::span(y).first(origins[i]), {.horizon = 8, .period = 4});
      CHECK(rolled[i].mean == f.mean);                // the same operations on the same values
      CHECK(rolled[i].description == f.description);  // the same seasonal test decision
      (f.description == "naive (series not seasonal)" ? not_seasonal : seasonal) += 1;
      for (std::size_t h = 0; h < f.mean.size(); ++h) {
        const double width = f.upper95[h] - f.lower95[h];
        CHECK(std::abs(rolled[i].lower95[h] - f.lower95[h]) <= 1e-12 * width);
        CHECK(std::abs(rolled[i].upper80[h] - f.upper80[h]) <= 1e-12 * width);
      }
    }
  }
  // Both branches ran (the fading series turns from seasonal to not).
  CHECK(seasonal > 100);
  CHECK(not_seasonal > 100);
}

}  // namespace forecast_simple_test
