#include "model/core_baseline.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "cloudcast/error.hpp"

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
  CHECK_THROWS_AS(model::fit_core_baseline({.revenue = revenue, .first = {2023, 4}, .ai_share = 0.5,
                                            .ai_growth = -0.99, .horizon = 4, .model = "trend"}),
                  DataError);
  CHECK_THROWS_WITH(model::fit_core_baseline({.revenue = revenue, .first = {2023, 4}, .ai_share = 0.5,
                                              .ai_growth = -0.99, .horizon = 4, .model = "trend"}),
                    Contains("revenue 2023Q4: AI revenue backed out at a 50.0 % share in 2024Q4") &&
                        Contains("expected a positive core"));
}
