#include "model/company_comparison.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "support/fixtures.hpp"

namespace model_company_comparison_test {

using namespace cloudcast;

namespace {

const model::QuarterFigures& at(const std::vector<model::QuarterFigures>& quarters, Quarter q) {
  for (const auto& f : quarters)
    if (f.period == q) return f;
  FAIL("no quarter " << q.to_string());
  return quarters.front();
}

}  // namespace

TEST_CASE("compare_companies: money converted at the period-end rate, ratios untouched", "[company_comparison]") {
  const auto data = fixtures::reference_dataset();
  const auto scenario = model::load_scenario("base", data);
  const auto projection = model::project(data, scenario, {.horizon = 8});
  const auto usd = model::compare_companies(projection, scenario, data, "USD");
  REQUIRE(usd.companies.size() == 4);
  const auto& alibaba = usd.companies[0];
  const auto& alibaba_cny = projection.companies[0];
  CHECK(alibaba.id == "alibaba");
  // Reported 2025Q2: RMB 33,398 m at the fixture's 7.1636 CNY per USD.
  const auto& q2 = at(alibaba.quarters, Quarter{2025, 2});
  CHECK(*q2.revenue == 33398 / 7.1636);
  CHECK(*q2.operating_margin == *at(alibaba_cny.quarters, Quarter{2025, 2}).operating_margin);
  // Projected quarters: the scenario's FX path, which starts at the last data rate.
  const auto path = model::fx_path(data, scenario.fx, Quarter{2025, 4}, 8);
  const auto& first_projected = at(alibaba.quarters, Quarter{2026, 1});
  CHECK(*first_projected.capex == *at(alibaba_cny.quarters, Quarter{2026, 1}).capex / path[0]);
  // A company in the target currency passes through bit for bit.
  for (std::size_t i = 0; i < usd.companies[2].quarters.size(); ++i)
    CHECK(usd.companies[2].quarters[i].revenue == projection.companies[2].quarters[i].revenue);
  CHECK(usd.carried_rates.empty());
}

TEST_CASE("compare_companies: the summary from the last reported quarter to the end", "[company_comparison]") {
  const auto data = fixtures::reference_dataset();
  const auto scenario = model::load_scenario("base", data);
  const auto projection = model::project(data, scenario, {.horizon = 8});
  const auto usd = model::compare_companies(projection, scenario, data, "USD");
  // Amazon reports in USD: every figure can be checked against the projection directly.
  const auto& amazon = usd.companies[2];
  const auto& source = projection.companies[2];
  REQUIRE(amazon.summary);
  const model::CompanySummary& s = *amazon.summary;
  CHECK(amazon.quarters[s.now].period == Quarter{2025, 4});
  CHECK(amazon.quarters[s.now].actual);
  CHECK(s.revenue_now == 35579);
  CHECK(s.revenue_end == *source.quarters.back().revenue);
  CHECK(*s.growth == Approx(std::pow(s.revenue_end / 35579, 4.0 / 8) - 1).epsilon(1e-15));
  double capex = 0;
  for (const auto& q : source.quarters)
    if (!q.actual) capex += *q.capex;
  CHECK(s.horizon_capex == capex);
  CHECK(*s.ai_share_end == *source.quarters.back().ai_revenue / *source.quarters.back().revenue);
  CHECK(amazon.payback == source.payback);
}

TEST_CASE("compare_companies: a reported quarter without a rate takes the latest earlier one, said once",
          "[company_comparison]") {
  auto data = fixtures::reference_dataset();
  std::erase_if(data.fx, [](const dataset::FxRate& r) { return r.period == Quarter{2025, 3}; });
  const auto scenario = model::load_scenario("base", data);
  const auto projection = model::project(data, scenario, {.horizon = 4});
  const auto usd = model::compare_companies(projection, scenario, data, "USD");
  REQUIRE(usd.carried_rates.size() == 1);
  CHECK(usd.carried_rates[0] == "2025Q3 (rate of 2025Q2)");
  CHECK(*at(usd.companies[0].quarters, Quarter{2025, 3}).revenue == 39824 / 7.1636);
}

TEST_CASE("compare_companies: bad currencies", "[company_comparison]") {
  const auto data = fixtures::reference_dataset();
  const auto scenario = model::load_scenario("base", data);
  const auto projection = model::project(data, scenario, {.horizon = 4});
  CHECK_THROWS_AS(model::compare_companies(projection, scenario, data, "EUR"), UsageError);
  CHECK_THROWS_WITH(model::compare_companies(projection, scenario, data, "usd"),
                    Catch::Matchers::Contains("--currency"));
  // CNY needs a rate for the USD companies; a dataset without any is a data error.
  dataset::Dataset no_fx = fixtures::dataset({data.companies[2]}, {});
  const auto amazon_projection = model::project(no_fx, scenario, {.horizon = 4});
  CHECK_THROWS_AS(model::compare_companies(amazon_projection, scenario, no_fx, "CNY"), DataError);
}

}  // namespace model_company_comparison_test
