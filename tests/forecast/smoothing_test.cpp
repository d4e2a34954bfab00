#include "forecast/smoothing.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "cloudcast/error.hpp"
#include "forecast/r_reference.hpp"

namespace forecast_smoothing_test {

using namespace cloudcast::forecast;
using cloudcast::testing::numbers;
using cloudcast::testing::r_reference;

TEST_CASE("forecast_from_fit: hand-computed damped trend means and class-1 variances", "[smoothing]") {
  SmoothingFit fit;
  fit.trend = Trend::damped;
  fit.alpha = 0.5;
  fit.beta = 0.1;
  fit.phi = 0.9;
  fit.level = 10;
  fit.slope = 2;
  fit.sigma2 = 4;
  const Forecast f = forecast_from_fit(fit, {.horizon = 3, .period = 4});
  CHECK(f.mean[0] == Approx(10 + 0.9 * 2).epsilon(1e-14));
  CHECK(f.mean[1] == Approx(10 + (0.9 + 0.81) * 2).epsilon(1e-14));
  // c_1 = alpha + beta phi = 0.59, c_2 = alpha + beta (phi + phi^2) = 0.671
  const double se3 = 2 * std::sqrt(1 + 0.59 * 0.59 + 0.671 * 0.671);
  CHECK(f.upper95[2] - f.mean[2] == Approx(1.959963984540054 * se3).epsilon(1e-13));
  CHECK(f.mean[0] - f.lower80[0] == Approx(1.2815515655446004 * 2).epsilon(1e-13));
}

TEST_CASE("fit_smoothing: a constant series is forecast by its value", "[smoothing]") {
  const std::vector<double> y(12, 7.5);
  for (Trend t : {Trend::none, Trend::additive, Trend::damped}) {
    const Forecast f = forecast_from_fit(fit_smoothing(y, t), {.horizon = 4, .period = 4});
    for (double v : f.mean) CHECK(v == Approx(7.5).epsilon(1e-6));  // optimiser tolerance
  }
}

TEST_CASE("fit_smoothing: an exact line is followed by Holt", "[smoothing]") {
  std::vector<double> y;
  for (int t = 0; t < 20; ++t) y.push_back(3 + 2 * t);
  const Forecast f = forecast_from_fit(fit_smoothing(y, Trend::additive), {.horizon = 2, .period = 4});
  CHECK(f.mean[0] == Approx(43).epsilon(1e-5));  // zero residuals are reachable; optimiser tolerance
  CHECK(f.mean[1] == Approx(45).epsilon(1e-5));
}

TEST_CASE("fit_smoothing: in-sample MSE equals R ses()/holt() on the reference series", "[smoothing]") {
  // Same objective, same Nelder-Mead path: the same optimum.
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    INFO(id);
    CHECK(fit_smoothing(y, Trend::none).mse <= s["ses"]["mse"].get<double>() * (1 + 1e-6));  // optimiser tolerance
    CHECK(fit_smoothing(y, Trend::additive).mse <= s["holt"]["mse"].get<double>() * (1 + 1e-6));
    CHECK(fit_smoothing(y, Trend::damped).mse <= s["damped"]["mse"].get<double>() * (1 + 1e-6));
  }
}

TEST_CASE("ses/holt/damped raw: match R ses() and holt() forecasts and intervals", "[smoothing]") {
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    const ForecastOptions o{.horizon = 8, .period = 4};
    const Forecast f = forecast_ses_raw(y, o), holt = forecast_holt_raw(y, o), damped = forecast_damped_raw(y, o);
    INFO(id);
    for (std::size_t h = 0; h < 8; ++h) {
      // R's Nelder-Mead path reproduced: ~1e-11 observed; 1e-8 leaves room for another libm.
      CHECK(f.mean[h] == Approx(numbers(s["ses"]["mean"])[h]).epsilon(1e-8));
      CHECK(f.lower95[h] == Approx(numbers(s["ses"]["lower95"])[h]).epsilon(1e-8));
      CHECK(holt.mean[h] == Approx(numbers(s["holt"]["mean"])[h]).epsilon(1e-8));
      CHECK(damped.mean[h] == Approx(numbers(s["damped"]["mean"])[h]).epsilon(1e-8));
    }
  }
}

TEST_CASE("fit_smoothing: NLopt finds an in-sample MSE at least as low as R's path", "[smoothing]") {
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    INFO(id);
    CHECK(fit_smoothing(y, Trend::damped, Optimizer::nlopt).mse <= s["damped"]["mse"].get<double>() * (1 + 1e-6));
  }
}

TEST_CASE("fit_smoothing: too short a series is a DataError", "[smoothing]") {
  CHECK_THROWS_AS(fit_smoothing(std::vector<double>{1, 2, 3, 4, 5, 6}, Trend::none), cloudcast::DataError);
  CHECK_THROWS_WITH(fit_smoothing(std::vector<double>(9, 1.0), Trend::damped),
                    Catch::Contains("damped: series has 9 observations; expected at least 10"));
}

namespace {

// Box-Muller on a fixed mt19937_64 stream: the same normals on every platform.
struct Normal {
  std::mt19937_64 rng;
  double operator()() {
    const double u1 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
    const double u2 = (static_cast<double>(rng() >> 11) + 0.5) / 9007199254740992.0;
    return std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }
};

}  // namespace

TEST_CASE("forecast_ses_raw: intervals cover a simulated local-level process at their nominal rate", "[smoothing]") {
  // y_t = l_{t-1} + e_t, l_t = l_{t-1} + 0.3 e_t, e ~ N(0, 1): the SES model itself.
  Normal z{std::mt19937_64{20261127}};
  const int runs = 1000;
  int in80_h1 = 0, in95_h4 = 0;
  for (int r = 0; r < runs; ++r) {
    std::vector<double> y;
    double level = 50;
    for (int t = 0; t < 44; ++t) {
      const double e = z();
      y.push_back(level + e);
      level += 0.3 * e;
    }
    const std::vector<double> train(y.begin(), y.begin() + 40);
    const Forecast f = forecast_ses_raw(train, {.horizon = 4, .period = 4});
    in80_h1 += f.lower80[0] <= y[40] && y[40] <= f.upper80[0];
    in95_h4 += f.lower95[3] <= y[43] && y[43] <= f.upper95[3];
  }
  // Binomial standard error sqrt(p(1-p)/1000) is 0.013 (80 %) and 0.007 (95 %); allow 4 of
  // them plus 0.02 for estimated parameters, which make intervals slightly too narrow.
  CHECK(std::abs(in80_h1 / double(runs) - 0.80) < 4 * 0.013 + 0.02);
  CHECK(std::abs(in95_h4 / double(runs) - 0.95) < 4 * 0.007 + 0.02);
}

}  // namespace forecast_smoothing_test
