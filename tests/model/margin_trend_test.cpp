#include "model/margin_trend.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace model_margin_trend_test {

using namespace cloudcast;

TEST_CASE("estimate_margin_trend: a steady rise is kept, shrunk by its noise", "[margin_trend]") {
  // Changes 0.02, 0.01, 0.02, 0.03: mean 0.02; sample variance (0 + 1e-4 + 0 + 1e-4) / 3,
  // se^2 = that / 4 = 1.6667e-5; weight 1 - 1.6667e-5 / 4e-4 = 0.958333; trend 0.0191667.
  const std::vector<double> margins{0.10, 0.12, 0.13, 0.15, 0.18};
  const auto t = model::estimate_margin_trend(margins);
  CHECK(t.changes == 4);
  CHECK(t.mean_change == Approx(0.02).epsilon(1e-12));
  CHECK(t.standard_error == Approx(std::sqrt(0.0002 / 3 / 4)).epsilon(1e-12));
  CHECK(t.weight == Approx(1 - 1.0 / 24).epsilon(1e-12));
  CHECK(t.per_quarter == Approx(0.02 * 23 / 24).epsilon(1e-12));

  // Only the last five margins count: an older quarter changes nothing.
  const std::vector<double> longer{0.5, 0.10, 0.12, 0.13, 0.15, 0.18};
  CHECK(model::estimate_margin_trend(longer).per_quarter == t.per_quarter);
}

TEST_CASE("estimate_margin_trend: a trend within its noise is not carried", "[margin_trend]") {
  // Changes 0.03, -0.05, 0.04, -0.01: mean 0.0025 against a standard error of 0.0206.
  const std::vector<double> noisy{0.35, 0.38, 0.33, 0.37, 0.36};
  const auto t = model::estimate_margin_trend(noisy);
  CHECK(t.mean_change == Approx(0.0025).epsilon(1e-9));
  CHECK(t.standard_error == Approx(std::sqrt(0.005075 / 3 / 4)).epsilon(1e-9));
  CHECK(t.weight == 0);
  CHECK(t.per_quarter == 0);
}

TEST_CASE("estimate_margin_trend: edge cases give a finite trend or none", "[margin_trend]") {
  // An exact line: no noise, the whole slope kept.
  const std::vector<double> line{0.10, 0.11, 0.12, 0.13, 0.14};
  CHECK(model::estimate_margin_trend(line).weight == Approx(1));
  CHECK(model::estimate_margin_trend(line).per_quarter == Approx(0.01).epsilon(1e-9));
  // A flat margin: mean 0, weight 0 (not 0 / 0).
  const std::vector<double> flat(5, 0.2);
  const auto f = model::estimate_margin_trend(flat);
  CHECK(f.weight == 0);
  CHECK(f.per_quarter == 0);
  // Four margins hold three changes: too few, no trend.
  const std::vector<double> short_history{0.10, 0.12, 0.14, 0.16};
  const auto s = model::estimate_margin_trend(short_history);
  CHECK(s.changes == 0);
  CHECK(s.per_quarter == 0);
  CHECK(model::estimate_margin_trend({}).changes == 0);
}

TEST_CASE("damped_trend_factor: phi + ... + phi^h, levelling off at phi / (1 - phi)", "[margin_trend]") {
  CHECK(model::damped_trend_factor(0.8, 1) == Approx(0.8));
  CHECK(model::damped_trend_factor(0.8, 3) == Approx(0.8 + 0.64 + 0.512));
  CHECK(model::damped_trend_factor(0.8, 40) == Approx(4 * (1 - std::pow(0.8, 40))));
  CHECK(model::damped_trend_factor(0.8, 40) < 4);
  CHECK(model::damped_trend_factor(1.0, 4) == Approx(4));
  CHECK(model::damped_trend_factor(0.0, 5) == 0);
}

}  // namespace model_margin_trend_test
