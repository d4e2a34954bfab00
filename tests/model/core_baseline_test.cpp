#include "model/core_baseline.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>
#include <vector>

#include "cloudcast/error.hpp"

namespace model_core_baseline_test {

using namespace cloudcast;
using Catch::Matchers::Contains;

TEST_CASE("ai_share_at: a stated share carried to another quarter", "[core_baseline]") {
  CHECK(model::ai_share_at(0.2, {2025, 4}, {2025, 4}, 1.0, 0.25) == 0.2);  // the stated quarter itself
  // A year earlier, AI growing 100 % and revenue 25 %: 0.2 x (2 / 1.25)^-1 = 0.125.
  CHECK(model::ai_share_at(0.2, {2025, 4}, {2024, 4}, 1.0, 0.25) == Approx(0.125).epsilon(1e-15));
  // Two quarters later at the same rates: 0.2 x 1.6^0.5.
  CHECK(model::ai_share_at(0.2, {2025, 4}, {2026, 2}, 1.0, 0.25) == Approx(0.2 * std::sqrt(1.6)).epsilon(1e-15));
  CHECK(model::ai_share_at(0.5, {2024, 4}, {2025, 4}, 1.0, 0.0) == 0.95);  // 1.0 capped
}

TEST_CASE("fit_core_baseline: core = revenue less the AI back-cast, factors applied", "[core_baseline]") {
  // Revenue 1000 x 1.05^t for 12 quarters from 2023Q1, AI 20 % in T growing as fast: the
  // core is exactly 80 % of revenue, the factors are 1 (every quarter's ratio alike) and
  // the trend continues it: core_h = 0.8 x R_T x 1.05^h.
  std::vector<double> revenue;
  for (int i = 0; i < 12; ++i) revenue.push_back(1000 * std::pow(1.05, i));
  const double annual = std::pow(1.05, 4) - 1;
  const auto b = model::fit_core_baseline(
      {.revenue = revenue, .first = {2023, 1}, .ai_share = 0.2, .ai_growth = annual, .horizon = 4, .model = "trend"});
  for (std::size_t i = 0; i < revenue.size(); ++i) CHECK(b.core_history[i] == Approx(0.8 * revenue[i]).epsilon(1e-12));
  for (int q = 0; q < 4; ++q) CHECK(b.seasonal.factor[q] == Approx(1.0).epsilon(1e-12));
  for (int h = 1; h <= 4; ++h) {
    CHECK(b.core.mean[h - 1] == Approx(0.8 * revenue.back() * std::pow(1.05, h)).epsilon(1e-9));  // rounding
    CHECK(b.seasonal_ratio[h - 1] == Approx(1.0).epsilon(1e-12));
  }
}

TEST_CASE("fit_core_baseline: an AI back-cast larger than revenue is a data error naming the quarter",
          "[core_baseline]") {
  // AI half of revenue in 2024Q4 and shrinking 99 % a year going forward means it was 100
  // times larger a year earlier: more than the whole revenue of 2023Q4.
  const std::vector<double> revenue = {10, 10, 10, 10, 10};
  auto fit = [&] {
    return model::fit_core_baseline(
        {.revenue = revenue, .first = {2023, 4}, .ai_share = 0.5, .ai_growth = -0.99, .horizon = 4, .model = "trend"});
  };
  CHECK_THROWS_AS(fit(), DataError);
  CHECK_THROWS_WITH(fit(), Contains("revenue 2023Q4: AI revenue backed out at a 50.0 % share in 2024Q4") &&
                               Contains("expected a positive core"));
}

TEST_CASE("CoreRefit: a path's core history is revenue less its own AI back-cast", "[core_baseline]") {
  // Four quarters 2024Q4..2025Q3, R = 400, 500, 600, 800. The path states AI at 25 % of
  // R_T = 800 in T, growing 1500 % a year, i.e. doubling each quarter ((1 + 15)^(1/4) = 2):
  // A = 25, 50, 100, 200, so C = 375, 450, 500, 600. At 10 % and the same growth A = 10,
  // 20, 40, 80 and C = 390, 480, 560, 720: C(s) = R - s A_1 is linear in the share.
  const std::vector<double> revenue = {400, 500, 600, 800};
  model::CoreRefit refit(revenue, {2024, 4}, 4, "trend", true);
  REQUIRE(refit.fit(0.25, 15));
  const std::vector<double> expected = {375, 450, 500, 600};
  for (std::size_t i = 0; i < 4; ++i) CHECK(refit.core_history()[i] == Approx(expected[i]).epsilon(1e-15));
  REQUIRE(refit.fit(0.10, 15));
  const std::vector<double> lower = {390, 480, 560, 720};
  for (std::size_t i = 0; i < 4; ++i) CHECK(refit.core_history()[i] == Approx(lower[i]).epsilon(1e-15));
  // Under 6 quarters the factors are all 1, and the trend of 390..720 is the log-linear
  // fit: slope b = sum (t - 1.5)(log C_t - mean) / 5, core_h = 720 e^{b h}.
  double mean = 0, b = 0;
  for (double c : lower) mean += std::log(c) / 4;
  for (int t = 0; t < 4; ++t) b += (t - 1.5) * (std::log(lower[static_cast<std::size_t>(t)]) - mean) / 5;
  for (int h = 1; h <= 4; ++h) {
    CHECK(refit.core().mean[static_cast<std::size_t>(h - 1)] == Approx(720 * std::exp(b * h)).epsilon(1e-13));
    CHECK(refit.seasonal_ratio()[static_cast<std::size_t>(h - 1)] == 1.0);
  }
  // A statement the history cannot carry: AI at 60 % of T halving each quarter going
  // forward was 960 a quarter before T, more than that quarter's revenue of 600.
  CHECK_FALSE(refit.fit(0.6, std::pow(0.5, 4) - 1));
}

TEST_CASE("CoreRefit: the same baseline as fit_core_baseline at any AI statement", "[core_baseline]") {
  // Sixteen quarters with a seasonal pattern and noise, so the factors, their shrinkage and
  // the trend's residual sd all take part; the trend refit (its own running products) to
  // 1e-12 relative, any other model (fit_core_baseline itself) to the bit.
  std::vector<double> revenue;
  const double season[] = {0.95, 1.0, 1.02, 1.06};
  const double noise[] = {0.01, -0.02, 0.015, 0.0, -0.01, 0.02, -0.005, 0.01};
  for (int i = 0; i < 16; ++i) revenue.push_back(1000 * std::pow(1.04, i) * season[i % 4] * (1 + noise[i % 8]));
  for (const char* model : {"trend", "holt"}) {
    model::CoreRefit refit(revenue, {2022, 1}, 8, model, true);
    for (const auto& [share, growth] : {std::pair{0.0, 0.5}, {0.072, 1.0}, {0.2, 0.3}, {0.3, 2.5}}) {
      INFO(model << " share " << share << " growth " << growth);
      const auto b = model::fit_core_baseline({.revenue = revenue,
                                               .first = {2022, 1},
                                               .ai_share = share,
                                               .ai_growth = growth,
                                               .horizon = 8,
                                               .model = model});
      REQUIRE(refit.fit(share, growth));
      const double tolerance = std::string_view(model) == "trend" ? 1e-12 : 0.0;
      for (std::size_t h = 0; h < 8; ++h) {
        CHECK(refit.core().mean[h] == Approx(b.core.mean[h]).epsilon(tolerance));
        CHECK(refit.core().lower95[h] == Approx(b.core.lower95[h]).epsilon(tolerance));
        CHECK(refit.core().upper95[h] == Approx(b.core.upper95[h]).epsilon(tolerance));
        CHECK(refit.seasonal_ratio()[h] == Approx(b.seasonal_ratio[h]).epsilon(tolerance));
      }
    }
  }
}

TEST_CASE("CoreRefitBatch: each path's baseline at its own statement, nothing for one the history refuses",
          "[core_baseline]") {
  // The four quarters of the CoreRefit test above, three paths: (10 %, 1500 %) gives the
  // core 390, 480, 560, 720 and (25 %, 1500 %) 375, 450, 500, 600; AI at 60 % halving each
  // quarter is refused. Under 6 quarters the factors are 1, so the ratio is 1 and the level
  // the log-linear trend's core_h = C_T e^{b h} over 1 - s (revenue_equivalent). Without
  // bands sd is left alone, as is every output of the refused path (-1 sentinels).
  const std::vector<double> revenue = {400, 500, 600, 800};
  model::CoreRefitBatch batch(revenue, {2024, 4}, 4, "trend", false);
  REQUIRE(batch.horizon() == 4);
  const std::vector<double> share = {0.10, 0.6, 0.25}, growth = {15, std::pow(0.5, 4) - 1, 15};
  std::vector<double> level(12, -1), sd(12, -1), ratio(12, -1);
  std::vector<unsigned char> valid(3, 7);
  batch.fit(share, growth, level, sd, ratio, valid);
  CHECK(valid == std::vector<unsigned char>{1, 0, 1});
  auto trend = [](const std::vector<double>& core, double s, int h) {
    double mean = 0, b = 0;
    for (double c : core) mean += std::log(c) / 4;
    for (int t = 0; t < 4; ++t) b += (t - 1.5) * (std::log(core[static_cast<std::size_t>(t)]) - mean) / 5;
    return core.back() * std::exp(b * h) / (1 - s);
  };
  for (int h = 1; h <= 4; ++h) {
    const auto u = static_cast<std::size_t>(h - 1);
    CHECK(level[u] == Approx(trend({390, 480, 560, 720}, 0.10, h)).epsilon(1e-13));
    CHECK(level[8 + u] == Approx(trend({375, 450, 500, 600}, 0.25, h)).epsilon(1e-13));
    CHECK(ratio[u] == 1.0);
    CHECK(ratio[8 + u] == 1.0);
    CHECK(level[4 + u] == -1);
    CHECK(ratio[4 + u] == -1);
  }
  CHECK(std::all_of(sd.begin(), sd.end(), [](double x) { return x == -1; }));
}

TEST_CASE("CoreRefitBatch: calibrate()'s baseline at every path's statement", "[core_baseline]") {
  // The seasonal history of the test above, a batch of statements: each path's level and
  // sd are revenue_equivalent of fit_core_baseline at its statement (1e-12 relative, the
  // trend refit's running products), its ratio the fit's seasonal_ratio.
  std::vector<double> revenue;
  const double season[] = {0.95, 1.0, 1.02, 1.06};
  const double noise[] = {0.01, -0.02, 0.015, 0.0, -0.01, 0.02, -0.005, 0.01};
  for (int i = 0; i < 16; ++i) revenue.push_back(1000 * std::pow(1.04, i) * season[i % 4] * (1 + noise[i % 8]));
  const std::vector<double> share = {0.0, 0.072, 0.2, 0.3, 0.2}, growth = {0.5, 1.0, 0.3, 2.5, 0.3};
  constexpr std::size_t H = 8;
  model::CoreRefitBatch batch(revenue, {2022, 1}, H, "trend", true);
  std::vector<double> level(share.size() * H), sd(share.size() * H), ratio(share.size() * H);
  std::vector<unsigned char> valid(share.size());
  batch.fit(share, growth, level, sd, ratio, valid);
  for (std::size_t i = 0; i < share.size(); ++i) {
    INFO("share " << share[i] << " growth " << growth[i]);
    const auto b = model::fit_core_baseline(
        {.revenue = revenue, .first = {2022, 1}, .ai_share = share[i], .ai_growth = growth[i], .horizon = H});
    std::vector<double> level_ref(H), sd_ref(H);
    model::revenue_equivalent(b.core, share[i], level_ref, sd_ref);
    REQUIRE(valid[i] == 1);
    for (std::size_t h = 0; h < H; ++h) {
      CHECK(level[i * H + h] == Approx(level_ref[h]).epsilon(1e-12));
      CHECK(sd[i * H + h] == Approx(sd_ref[h]).epsilon(1e-12));
      CHECK(ratio[i * H + h] == Approx(b.seasonal_ratio[h]).epsilon(1e-12));
    }
  }
}

}  // namespace model_core_baseline_test
