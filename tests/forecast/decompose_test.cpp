#include "forecast/decompose.hpp"

#include <catch2/catch.hpp>

#include "forecast/r_reference.hpp"

namespace forecast_decompose_test {

using namespace cloudcast::forecast;
using cloudcast::testing::numbers;
using cloudcast::testing::r_reference;

TEST_CASE("autocorrelations: match R acf() on the reference series", "[decompose]") {
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    const std::vector<double> r = autocorrelations(y, 4);
    const std::vector<double> expected = numbers(s["acf"]);
    for (std::size_t k = 0; k < 4; ++k)
      CHECK(r[k] == Approx(expected[k]).margin(1e-12));  // same formula; rounding only
  }
}

TEST_CASE("multiplicative_seasonal_indices: match R decompose() figures, repeated from the first value",
          "[decompose]") {
  for (const auto& [id, s] : r_reference()["series"].items()) {
    const std::vector<double> y = numbers(s["y"]);
    const std::vector<double> figure = numbers(s["seasonal_figure"]);
    const std::vector<double> si = multiplicative_seasonal_indices(y, 4);
    REQUIRE(si.size() == y.size());
    for (std::size_t t = 0; t < y.size(); ++t) CHECK(si[t] == Approx(figure[t % 4]).epsilon(1e-12));  // same arithmetic
  }
}

TEST_CASE("multiplicative_seasonal_indices: hand-computed on two years", "[decompose]") {
  // y = 10, 20, 10, 20, 10, 20, 10, 20: the centred MA is 15 everywhere it exists (t = 2..5),
  // ratios 2/3 at odd and 4/3 at even positions; the figures already average 1.
  const std::vector<double> y{10, 20, 10, 20, 10, 20, 10, 20};
  const std::vector<double> si = multiplicative_seasonal_indices(y, 4);
  CHECK(si[0] == Approx(2.0 / 3).epsilon(1e-14));  // exact arithmetic up to rounding
  CHECK(si[1] == Approx(4.0 / 3).epsilon(1e-14));
  CHECK(si[7] == Approx(4.0 / 3).epsilon(1e-14));
}

TEST_CASE("seasonal_test: a strong period-4 pattern is seasonal, a linear trend and a constant are not",
          "[decompose]") {
  std::vector<double> pattern, trend, flat(24, 5.0);
  for (int t = 0; t < 24; ++t) {
    pattern.push_back(100 + (t % 4 == 0 ? 30 : 0) + (t % 4 == 2 ? -10 : 0));
    trend.push_back(100 + t);
  }
  CHECK(seasonal_test(pattern, 4, 12));
  CHECK_FALSE(seasonal_test(flat, 4, 12));
  CHECK_FALSE(seasonal_test(std::vector<double>(pattern.begin(), pattern.begin() + 11), 4, 12));  // too short to test
  // r_4 of a trend is large but so are r_1..r_3, which widen the limit.
  CHECK_FALSE(seasonal_test(trend, 4, 12));
}

TEST_CASE("seasonally_adjust: non-seasonal series pass through with unit indices", "[decompose]") {
  const std::vector<double> y{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
  const SeasonalAdjustment sa = seasonally_adjust(y, 4, 8);
  CHECK_FALSE(sa.seasonal);
  CHECK(sa.adjusted == y);
  CHECK(sa.future == std::vector<double>(8, 1.0));
}

}  // namespace forecast_decompose_test
