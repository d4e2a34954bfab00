#include "forecast/theta.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"
#include "forecast/r_reference.hpp"

namespace forecast_theta_test {

using namespace cloudcast::forecast;
using cloudcast::testing::numbers;
using cloudcast::testing::r_reference;

TEST_CASE("forecast_theta: matches R thetaf() on the reference series (R 4.2.2, forecast 8.20)", "[theta]") {
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    const Forecast f = forecast_theta(y, {.horizon = 8, .period = 4});
    const auto& r = s["theta"];
    INFO(id);
    for (std::size_t h = 0; h < 8; ++h) {
      INFO("h=" << h + 1);
      // Same formulas and R's own Nelder-Mead path: agreement to ~1e-13 observed;
      // 1e-9 leaves room for a different libm.
      CHECK(f.mean[h] == Approx(numbers(r["mean"])[h]).epsilon(1e-9));
      CHECK(f.lower80[h] == Approx(numbers(r["lower80"])[h]).epsilon(1e-9));
      CHECK(f.upper95[h] == Approx(numbers(r["upper95"])[h]).epsilon(1e-9));
    }
  }
}

TEST_CASE("forecast_theta: hand-computed on a straight line", "[theta]") {
  // y_t = 10 + 2t, t = 0..11 (not seasonal): SES tracks the line with alpha at its upper
  // bound, so the level is ~ y_11 + (1 - alpha)/alpha * slope and the drift is slope / 2.
  std::vector<double> y;
  for (int t = 0; t < 12; ++t) y.push_back(10 + 2 * t);
  const Forecast f = forecast_theta(y, {.horizon = 3, .period = 4});
  // With alpha -> 1: ses level -> 32 (last value), f_h = 32 + 1 * (h - 1 + 1) = 32 + h.
  CHECK(f.mean[0] == Approx(33).epsilon(1e-3));  // alpha = 0.9999 (bound), not exactly 1
  CHECK(f.mean[2] == Approx(35).epsilon(1e-3));
}

TEST_CASE("forecast_theta: too short a series is a DataError", "[theta]") {
  CHECK_THROWS_AS(forecast_theta(std::vector<double>{1, 2, 3, 4, 5, 6}, {}), cloudcast::DataError);
}

}  // namespace forecast_theta_test
