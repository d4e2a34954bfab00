#include "forecast/seasonality.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace forecast_seasonality_test {

using cloudcast::forecast::estimate_seasonal_factors;

TEST_CASE("seasonal factors: an exact pattern is kept whole and centred", "[seasonality]") {
  // Level 100 times f = (0.9, 1.0, 1.05, 1.08) for Q1..Q4, three years from Q1. Every
  // centred 2x4 moving average equals 100 * mean(f), so each ratio is f_q / mean(f); the
  // years agree exactly (residual 0), every weight is 1 and, re-centred, factor_q =
  // f_q / geometric mean(f).
  const double f[4] = {0.9, 1.0, 1.05, 1.08};
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) y.push_back(100 * f[i % 4]);
  const auto s = estimate_seasonal_factors(y, 0);
  const double geometric_mean = std::pow(f[0] * f[1] * f[2] * f[3], 0.25);
  for (int q = 0; q < 4; ++q) {
    CHECK(s.factor[q] == Approx(f[q] / geometric_mean).epsilon(1e-12));  // exact arithmetic up to rounding
    CHECK(s.weight[q] == Approx(1.0).margin(1e-12));
  }
  CHECK(s.years[0] == 2);  // Q1 ratios at positions 4 and 8 (position 0 lacks two neighbours before it)
  CHECK(s.years[2] == 2);  // Q3 at 2 and 6 (10 lacks two after it)
  CHECK(s.residual_sd == Approx(0).margin(1e-12));
}

TEST_CASE("seasonal factors: the history's first quarter names the calendar quarter", "[seasonality]") {
  // The same pattern starting in Q3 (f[2], f[3], f[0], ...): factors still land on Q1..Q4.
  const double f[4] = {0.9, 1.0, 1.05, 1.08};
  std::vector<double> y;
  for (int i = 0; i < 12; ++i) y.push_back(100 * f[(i + 2) % 4]);
  const auto s = estimate_seasonal_factors(y, 2);
  const double geometric_mean = std::pow(f[0] * f[1] * f[2] * f[3], 0.25);
  for (int q = 0; q < 4; ++q) CHECK(s.factor[q] == Approx(f[q] / geometric_mean).epsilon(1e-12));
}

TEST_CASE("seasonal factors: disagreeing years are shrunk toward 1", "[seasonality]") {
  // Three years from Q1, flat at 100 but for Q3 = 110, 90 and 104. Ratios to the centred
  // 2x4 moving average exist at positions 2..9, two per quarter. Hand computation of the
  // documented formulas: Q3's log ratios are log(110 / 102.5) = 0.070618 and
  // log(90 / 97.5) = -0.080043, mean m3 = -0.004713; pooled residual variance over 8
  // ratios less 4 quarter means = 0.0033125 (4 degrees of freedom), so se^2 = 0.0016563
  // and w3 = m3^2 / (m3^2 + se^2) = 0.013231; Q2: m2 = 0.0076837, w2 = 0.034420.
  const std::vector<double> y = {100, 100, 110, 100, 100, 100, 90, 100, 100, 100, 104, 100};
  const auto s = estimate_seasonal_factors(y, 0);
  CHECK(s.years[2] == 2);
  CHECK(s.residual_sd == Approx(std::sqrt(0.0033125096)).epsilon(1e-6));  // 8 significant digits above
  CHECK(s.weight[2] == Approx(0.013231341).epsilon(1e-6));
  CHECK(s.weight[1] == Approx(0.034419648).epsilon(1e-6));
  // Re-centred shrunk factors (exp(w m - mean of w m)): Q2 1.000206, Q3 0.999879.
  CHECK(s.factor[1] == Approx(1.00020598).epsilon(1e-7));
  CHECK(s.factor[2] == Approx(0.99987914).epsilon(1e-7));
}

TEST_CASE("seasonal factors: too short a history gives no seasonality", "[seasonality]") {
  const std::vector<double> y = {100, 90, 110, 120, 100};
  const auto s = estimate_seasonal_factors(y, 0);
  for (int q = 0; q < 4; ++q) CHECK(s.factor[q] == 1.0);
}

TEST_CASE("seasonal factors: the factors alone are the same bits, unshrunk left at 1", "[seasonality]") {
  // A Monte Carlo path's core refit asks only for the shrunk factors (SeasonalOutputs::
  // factors) and must get exactly what the full estimate gives: the disagreeing years
  // above, so that every factor, weight and the residual take part.
  const std::vector<double> y = {100, 100, 110, 100, 100, 100, 90, 100, 100, 100, 104, 100};
  std::vector<double> scratch(y.size());
  const auto all = estimate_seasonal_factors(y, 0);
  const auto factors = estimate_seasonal_factors(y, 0, scratch, cloudcast::forecast::SeasonalOutputs::factors);
  for (int q = 0; q < 4; ++q) {
    CHECK(factors.factor[q] == all.factor[q]);
    CHECK(factors.weight[q] == all.weight[q]);
    CHECK(factors.unshrunk[q] == 1.0);
  }
  CHECK(all.unshrunk[2] != 1.0);  // the full estimate does fill them
  CHECK(factors.residual_sd == all.residual_sd);
}

}  // namespace forecast_seasonality_test
