#include "cloudcast/forecast/backtest.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cloudcast/error.hpp"

namespace forecast_backtest_test {

using namespace cloudcast::forecast;

TEST_CASE("smape, mase: hand-computed", "[backtest]") {
  const std::vector<double> y{100, 200}, f{110, 180};
  // 200*10/210 = 9.5238..., 200*20/380 = 10.526...
  CHECK(smape(y, f) == Approx((2000.0 / 210 + 4000.0 / 380) / 2).epsilon(1e-14));
  const std::vector<double> x{1, 2, 3, 4, 3, 4, 5, 6};  // |x_t - x_{t-4}| = 2, 2, 2, 2
  CHECK(mase_scale(x, 4) == 2);
  CHECK(mase(y, f, 2.0) == Approx(7.5).epsilon(1e-14));  // mean(10, 20) / 2
}

namespace {

std::vector<Series> sample_series() {
  std::vector<Series> out;
  for (int k = 0; k < 7; ++k) {
    Series s;
    s.id = {'s', static_cast<char>('0' + k)};
    for (int t = 0; t < 30 + k; ++t)
      s.values.push_back(100 + k * t + 10 * std::sin(t * 1.7 + k) + (t % 4 == 1 ? 8 : 0));
    s.n_train = k % 2 == 0 ? s.values.size() - 6 : s.values.size();  // hold-out and rolling mixed
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

TEST_CASE("backtest: identical results for 1 and 2 threads", "[backtest]") {
  const std::vector<Series> series = sample_series();
  BacktestOptions o{.horizon = 6, .period = 4, .models = {"naive", "theta", "comb"}, .threads = 1};
  const BacktestResult one = backtest(series, o);
  o.threads = 2;
  const BacktestResult two = backtest(series, o);
  REQUIRE(one.methods.size() == two.methods.size());
  for (std::size_t j = 0; j < one.methods.size(); ++j) {
    CHECK(one.methods[j].smape == two.methods[j].smape);  // bit-identical by construction
    CHECK(one.methods[j].mase == two.methods[j].mase);
    CHECK(one.methods[j].smape_h == two.methods[j].smape_h);
  }
  REQUIRE(one.forecasts.size() == two.forecasts.size());
  for (std::size_t i = 0; i < one.forecasts.size(); ++i)
    CHECK(one.forecasts[i].forecast.mean == two.forecasts[i].forecast.mean);
}

TEST_CASE("backtest: naive2 is appended for OWA, and its own OWA is 1", "[backtest]") {
  const BacktestResult r = backtest(sample_series(), {.horizon = 4, .period = 4, .models = {"naive"}});
  REQUIRE(r.methods.size() == 2);
  CHECK(r.methods[1].method == "naive2");
  CHECK(r.methods[1].owa == Approx(1.0).epsilon(1e-15));  // definition
  CHECK(r.n_holdout == 4);
  CHECK(r.n_rolling == 3);
}

TEST_CASE("backtest: hold-out scores equal the metric of the single forecast", "[backtest]") {
  Series s;
  s.id = "x";
  s.values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
  s.n_train = 12;
  const BacktestResult r = backtest(std::vector<Series>{s}, {.horizon = 2, .period = 4, .models = {"naive"}});
  // naive forecasts 12, 12 for 13, 14; scale = 4 (every seasonal difference).
  CHECK(r.methods[0].smape == Approx((200.0 / 25 + 400.0 / 26) / 2).epsilon(1e-14));
  CHECK(r.methods[0].mase == Approx(1.5 / 4).epsilon(1e-14));
}

TEST_CASE("backtest: a series too short for a model is a DataError naming both", "[backtest]") {
  Series s{"tiny", {1, 2, 3, 4, 5, 6, 7, 8, 9}, 6};
  CHECK_THROWS_WITH(backtest(std::vector<Series>{s}, {.models = {"theta"}}),
                    Catch::Contains("series tiny: 6 training values; model theta needs at least 7"));
}

TEST_CASE("backtest: a constant series is left out of MASE and OWA, not blanking them for every series", "[backtest]") {
  Series flat{"flat", std::vector<double>(14, 7.0), 12};
  Series line{"line", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}, 12};
  const BacktestResult r = backtest(std::vector<Series>{flat, line}, {.horizon = 2, .period = 4, .models = {"naive"}});
  CHECK(r.without_mase == std::vector<std::string>{"flat"});
  // MASE is line's alone (hold-out above: 1.5 / 4); sMAPE averages both (flat's is 0).
  CHECK(r.methods[0].mase == Approx(1.5 / 4).epsilon(1e-14));
  CHECK(r.methods[0].smape == Approx((200.0 / 25 + 400.0 / 26) / 4).epsilon(1e-14));
  CHECK(r.methods[0].mase_h[0] == Approx(1.0 / 4).epsilon(1e-14));  // |13 - 12| / 4
  CHECK(r.methods[0].count_h[0] == 2);                              // both forecasts are scored
  CHECK(std::isfinite(r.methods[0].owa));
  const BacktestResult alone = backtest(std::vector<Series>{flat}, {.horizon = 2, .period = 4, .models = {"naive"}});
  CHECK(std::isnan(alone.methods[0].mase));  // no series has a MASE: blank, and the note says why
  CHECK(alone.without_mase == std::vector<std::string>{"flat"});
}

TEST_CASE("backtest: rolling-origin MASE scales equal mase_scale on each training span", "[backtest]") {
  // The running sum replaces a rescan per origin; the additions are the same, in order.
  Series s{"r", {}, 0};
  for (int t = 0; t < 40; ++t) s.values.push_back(100 + 3 * t + 17 * std::sin(0.9 * t) + (t % 4) * 5);
  s.n_train = s.values.size();
  const BacktestResult r =
      backtest(std::vector<Series>{s}, {.horizon = 1, .period = 4, .models = {"naive"}, .rolling = true});
  double expected = 0;
  int origins = 0;
  for (std::size_t origin = 8; origin < s.values.size(); ++origin, ++origins) {
    const std::span<const double> train(s.values.data(), origin);
    expected += std::abs(s.values[origin] - s.values[origin - 1]) / mase_scale(train, 4);
  }
  CHECK(r.methods[0].mase == expected / origins);  // bit for bit
}

}  // namespace forecast_backtest_test
