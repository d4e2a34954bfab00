#include "cloudcast/model/engine_backtest.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "dataset/vintage.hpp"
#include "support/fixtures.hpp"

namespace model_engine_backtest_test {

using namespace cloudcast;
using model::BacktestMetric;
using model::Rule;

namespace {

// Quarterly values b_q x 1.2^year from 2022Q1 for `years` years: a seasonal series
// growing 20 % a year, on which the YoY rule is exact and seasonal naive misses by
// 1 - 1/1.2 (one year back) or 1 - 1/1.44 (two).
std::vector<double> seasonal(std::array<double, 4> b, int years) {
  std::vector<double> v;
  for (int y = 0; y < years; ++y)
    for (double x : b) v.push_back(x * std::pow(1.2, y));
  return v;
}

// Margins 10, 12, 14, 16 % in Q1..Q4: seasonal naive margin is exact.
std::vector<double> income(const std::vector<double>& revenue) {
  std::vector<double> v;
  for (std::size_t i = 0; i < revenue.size(); ++i) v.push_back(revenue[i] * (0.10 + 0.02 * static_cast<double>(i % 4)));
  return v;
}

dataset::Dataset acme_data(double last_revenue_factor = 1) {
  std::vector<double> revenue = seasonal({100, 110, 120, 130}, 3);  // 2022Q1..2024Q4
  const std::vector<double> oi = income(revenue);
  revenue.back() *= last_revenue_factor;
  return fixtures::dataset({fixtures::company("acme", "USD", 12, {2022, 1})
                                .metric("revenue", revenue)
                                .metric("operating_income", oi)
                                .metric("capex", seasonal({50, 60, 70, 80}, 3), "company")});
}

const model::BacktestCell& cell(const model::EngineBacktestResult& r, BacktestMetric metric, Quarter origin, int h) {
  for (const auto& c : r.cells)
    if (c.metric == metric && c.origin == origin && c.h == h) return c;
  FAIL("no cell " << model::metric_name(metric) << " " << origin.to_string() << " h=" << h);
  throw;
}

const model::SummaryScore& summary(const model::EngineBacktestResult& r, BacktestMetric metric, int h_last) {
  for (const auto& s : r.summary)
    if (s.metric == metric && s.h_last == h_last) return s;
  FAIL("no summary row");
  throw;
}

std::optional<double> rule(const model::Score& s, Rule r) { return s.rules[static_cast<std::size_t>(r)]; }

}  // namespace

TEST_CASE("rule_forecast: naive, seasonal naive and the YoY rule by hand", "[engine_backtest]") {
  // y = 1, 2, ..., 12 for 2022Q1..2024Q4; origin 2023Q4 (y_O = 8, y_{O-4} = 4).
  const model::QuarterValue value = [](Quarter q) -> std::optional<double> {
    const int i = q - Quarter{2022, 1};
    if (i < 0 || i > 7) return std::nullopt;  // only what is known at the origin
    return i + 1.0;
  };
  const Quarter o{2023, 4};
  CHECK(model::rule_forecast(Rule::naive, value, o, 1) == 8);
  CHECK(model::rule_forecast(Rule::naive, value, o, 7) == 8);
  CHECK(model::rule_forecast(Rule::seasonal_naive, value, o, 1) == 5);  // 2024Q1 <- 2023Q1
  CHECK(model::rule_forecast(Rule::seasonal_naive, value, o, 4) == 8);  // 2024Q4 <- 2023Q4
  CHECK(model::rule_forecast(Rule::seasonal_naive, value, o, 5) == 5);  // 2025Q1 <- 2023Q1
  CHECK(model::rule_forecast(Rule::seasonal_naive, value, o, 8) == 8);
  CHECK(model::rule_forecast(Rule::yoy, value, o, 1) == 5.0 * 8 / 4);  // y_{O-3} x y_O / y_{O-4}
  CHECK(model::rule_forecast(Rule::yoy, value, o, 4) == 8.0 * 8 / 4);  // y_O x y_O / y_{O-4}
  CHECK(model::rule_forecast(Rule::yoy, value, o, 5) == 5.0 * 2 * 2);  // ratio applied twice
  CHECK(model::rule_forecast(Rule::yoy, value, o, 8) == 8.0 * 2 * 2);
  // Origin 2023Q1: y_{O-4} = 2022Q1 exists, y_{O+h-8} for h = 5 is 2022Q2.
  CHECK(model::rule_forecast(Rule::yoy, value, Quarter{2023, 1}, 5) == 2.0 * 5 * 5);
  // Missing values: nothing a year before 2022Q4.
  CHECK_FALSE(model::rule_forecast(Rule::yoy, value, Quarter{2022, 4}, 1));
  CHECK_FALSE(model::rule_forecast(Rule::seasonal_naive, value, Quarter{2022, 2}, 1));
  const model::QuarterValue zero = [](Quarter) -> std::optional<double> { return 0.0; };
  CHECK_FALSE(model::rule_forecast(Rule::yoy, zero, o, 1));  // no ratio to a zero base
}

TEST_CASE("scores: absolute % error and margin points by hand", "[engine_backtest]") {
  CHECK(model::absolute_percentage_error(110, 100) == Approx(10).epsilon(1e-14));
  CHECK(model::absolute_percentage_error(90, 120) == Approx(25).epsilon(1e-14));
  CHECK(model::margin_points_error(0.31, 0.35) == Approx(4).epsilon(1e-12));
  CHECK(model::margin_points_error(0.35, 0.31) == Approx(4).epsilon(1e-12));
  CHECK(model::rule_applies(BacktestMetric::operating_margin, Rule::naive));
  CHECK_FALSE(model::rule_applies(BacktestMetric::operating_margin, Rule::yoy));
  CHECK(model::rule_applies(BacktestMetric::capex, Rule::yoy));
}

TEST_CASE("engine_backtest: origins, cells and the rules' scores on a seasonal fixture", "[engine_backtest]") {
  const dataset::Dataset data = acme_data();
  const model::Scenario scenario = model::parse_scenario("{}", "empty.json", data);
  const model::EngineBacktestResult r = model::engine_backtest(data, scenario, {});

  // Origins 2023Q4 (8 quarters) .. 2024Q3; 2024Q4 has nothing after it.
  REQUIRE(r.origins.size() == 4);
  CHECK(r.origins.front().origin == Quarter{2023, 4});
  CHECK(r.origins.front().history == 8);
  CHECK(r.origins.back().origin == Quarter{2024, 3});
  CHECK(r.origins.back().history == 11);
  for (const auto& o : r.origins) {
    CHECK(o.skipped.empty());
    CHECK(o.revenue_basis == "basis-1");
  }
  CHECK(r.origins[0].cells == 12);  // 4 horizons x 3 metrics
  CHECK(r.origins[3].cells == 3);
  CHECK(r.cells.size() == 30);  // (4 + 3 + 2 + 1) cells x 3 metrics

  const auto& rev = summary(r, BacktestMetric::revenue, 4).score;
  CHECK(rev.cells == 10);
  CHECK(*rule(rev, Rule::yoy) == Approx(0).margin(1e-9));
  CHECK(*rule(rev, Rule::seasonal_naive) == Approx(100 * (1 - 1 / 1.2)).epsilon(1e-12));
  // naive: |y_O - y| / y over the ten cells (2023: 120 132 144 156; 2024: 144 158.4 172.8 187.2).
  const double naive4 = 100 *
                        (12 / 144.0 + 2.4 / 158.4 + 16.8 / 172.8 + 31.2 / 187.2 + 14.4 / 158.4 + 28.8 / 172.8 +
                         43.2 / 187.2 + 14.4 / 172.8 + 28.8 / 187.2 + 14.4 / 187.2) /
                        10;
  CHECK(*rule(rev, Rule::naive) == Approx(naive4).epsilon(1e-9));
  CHECK(*rev.ours_over_naive == Approx(rev.ours / naive4).epsilon(1e-9));
  const auto& rev1 = summary(r, BacktestMetric::revenue, 1).score;
  CHECK(rev1.cells == 4);
  CHECK(*rule(rev1, Rule::naive) ==
        Approx(100 * (12 / 144.0 + 14.4 / 158.4 + 14.4 / 172.8 + 14.4 / 187.2) / 4).epsilon(1e-9));

  // Margin: naive misses by |16 - 10| = 6 points from 2023Q4 to 2024Q1, and so on; no YoY rule.
  const auto& margin = summary(r, BacktestMetric::operating_margin, 4).score;
  CHECK(margin.cells == 10);
  CHECK(*rule(margin, Rule::naive) == Approx((6 + 4 + 2 + 0 + 2 + 4 + 6 + 2 + 4 + 2) / 10.0).epsilon(1e-9));
  CHECK(*rule(margin, Rule::seasonal_naive) == Approx(0).margin(1e-9));
  CHECK_FALSE(rule(margin, Rule::yoy));
  CHECK_FALSE(margin.ours_over_yoy);
  CHECK(*rule(summary(r, BacktestMetric::operating_margin, 1).score, Rule::naive) == Approx(3).epsilon(1e-9));

  // Capex: the same seasonal shape (50 60 70 80, +20 % a year).
  const auto& capex = summary(r, BacktestMetric::capex, 4).score;
  CHECK(capex.cells == 10);
  CHECK(*rule(capex, Rule::yoy) == Approx(0).margin(1e-9));
  CHECK(*rule(capex, Rule::seasonal_naive) == Approx(100 * (1 - 1 / 1.2)).epsilon(1e-12));

  // One cell in full: 2024Q1 from 2023Q4.
  const auto& c = cell(r, BacktestMetric::revenue, Quarter{2023, 4}, 1);
  CHECK(c.actual == Approx(144));
  CHECK(*c.rules[0] == Approx(156));
  CHECK(*c.rules[1] == Approx(120));
  CHECK(*c.rules[2] == Approx(144));
  const auto& m = cell(r, BacktestMetric::operating_margin, Quarter{2023, 4}, 2);
  CHECK(m.actual == Approx(0.12));
  CHECK(*m.rules[0] == Approx(0.16));

  // Per company and horizon: acme and the pool, 8 horizons each, per metric; past h = 4
  // nothing is reported yet.
  CHECK(r.by_company.size() == 3 * 2 * 8);
  CHECK(r.by_company[0].company == "acme");
  CHECK(r.by_company[0].score.cells == 4);
  CHECK(r.by_company[3].score.cells == 1);
  CHECK(r.by_company[4].score.cells == 0);
  CHECK(r.by_company[8].company == "all");
  CHECK(r.by_company[8].score.cells == 4);

  // Bias is the signed mean over the same ten cells: (f - y) / y in %, margin in points.
  double signed_revenue = 0, signed_margin = 0;
  int ours_beats_naive_margin = 0;
  for (const auto& cell : r.cells) {
    if (cell.h > 4) continue;
    if (cell.metric == BacktestMetric::revenue) signed_revenue += 100 * (cell.ours - cell.actual) / cell.actual;
    if (cell.metric == BacktestMetric::operating_margin) {
      signed_margin += 100 * (cell.ours - cell.actual);
      if (std::abs(cell.ours - cell.actual) < std::abs(*cell.rules[0] - cell.actual)) ++ours_beats_naive_margin;
    }
  }
  CHECK(rev.ours_bias == Approx(signed_revenue / 10).margin(1e-9));
  CHECK(std::abs(rev.ours_bias) <= rev.ours + 1e-12);
  // The YoY rule is exact on this fixture, so ours is never strictly closer on revenue.
  CHECK(rev.ours_closer == 0);
  CHECK(margin.ours_bias == Approx(signed_margin / 10).margin(1e-9));
  CHECK(margin.ours_closer == ours_beats_naive_margin);  // against naive: margin has no YoY rule
}

TEST_CASE("engine_backtest: the engine sees only the data as of the origin", "[engine_backtest]") {
  const dataset::Dataset data = acme_data(), changed = acme_data(3);  // 2024Q4 revenue x 3
  const model::Scenario scenario = model::parse_scenario("{}", "empty.json", data);
  const auto a = model::engine_backtest(data, scenario, {}), b = model::engine_backtest(changed, scenario, {});
  REQUIRE(a.cells.size() == b.cells.size());
  for (std::size_t i = 0; i < a.cells.size(); ++i) {
    INFO(model::metric_name(a.cells[i].metric) << " " << a.cells[i].origin.to_string() << " h=" << a.cells[i].h);
    CHECK(a.cells[i].ours == b.cells[i].ours);
    if (a.cells[i].metric == BacktestMetric::revenue && a.cells[i].origin + a.cells[i].h == Quarter{2024, 4})
      CHECK(b.cells[i].actual == Approx(3 * a.cells[i].actual));
  }
  // And what it projects is the engine's projection of that information set.
  const model::Projection p = model::project(dataset::as_of(data, Quarter{2023, 4}), scenario, {.horizon = 8});
  const auto& projected = p.companies.front().quarters;
  const auto first = std::find_if(projected.begin(), projected.end(), [](const auto& q) { return !q.actual; });
  REQUIRE(first->period == Quarter{2024, 1});
  CHECK(cell(a, BacktestMetric::revenue, Quarter{2023, 4}, 1).ours == *first->revenue);
  CHECK(cell(a, BacktestMetric::capex, Quarter{2023, 4}, 2).ours == *(first + 1)->capex_company);
}

TEST_CASE("engine_backtest: skipped origins and cells a rule cannot score", "[engine_backtest]") {
  const std::vector<double> revenue = seasonal({100, 110, 120, 130}, 3);
  std::vector<double> oi = income(revenue), capex = seasonal({50, 60, 70, 80}, 3);
  oi[9] = fixtures::kMissing;     // 2024Q2: no operating income
  capex[3] = fixtures::kMissing;  // 2022Q4: no YoY ratio for capex from 2023Q4
  const dataset::Dataset data = fixtures::dataset({fixtures::company("gappy", "USD", 12, {2022, 1})
                                                       .metric("revenue", revenue)
                                                       .metric("operating_income", oi)
                                                       .metric("capex", capex, "company")});
  const model::Scenario scenario = model::parse_scenario("{}", "empty.json", data);
  const auto r = model::engine_backtest(data, scenario, {});
  REQUIRE(r.origins.size() == 4);
  CHECK(r.origins[2].origin == Quarter{2024, 2});
  CHECK(r.origins[2].skipped ==
        "the engine starts after 2024Q1, not after 2024Q2: no operating income on its basis for 2024Q2");
  CHECK(r.origins[2].cells == 0);
  // Revenue: 4 + 3 + 1 (2024Q2 skipped). Margin: 2024Q2 has no actual margin either.
  CHECK(summary(r, BacktestMetric::revenue, 4).score.cells == 8);
  CHECK(summary(r, BacktestMetric::operating_margin, 4).score.cells == 3 + 2 + 1);
  // Capex from 2023Q4 needs 2022Q4 for the YoY rule: those cells are left out for every rule.
  CHECK(summary(r, BacktestMetric::capex, 4).score.cells == 3 + 1);
  for (const auto& c : r.cells) CHECK_FALSE((c.metric == BacktestMetric::capex && c.origin == Quarter{2023, 4}));
}

TEST_CASE("engine_backtest: --from, --horizon and --company", "[engine_backtest]") {
  const dataset::Dataset data = acme_data();
  const model::Scenario scenario = model::parse_scenario("{}", "empty.json", data);
  const auto r = model::engine_backtest(data, scenario, {.horizon = 2, .from = Quarter{2024, 2}});
  REQUIRE(r.origins.size() == 2);
  CHECK(r.origins[0].origin == Quarter{2024, 2});
  CHECK(summary(r, BacktestMetric::revenue, 2).score.cells == 2 + 1);
  CHECK(r.summary.size() == 3 * 2);  // h 1-2 and h 1 per metric
  CHECK(r.by_company.size() == 3 * 2 * 2);

  auto message = [&](model::EngineBacktestOptions o) {
    try {
      model::engine_backtest(data, scenario, o);
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(message({.horizon = 9}) == "--horizon: expected an integer in [1, 8], got 9");
  CHECK(message({.horizon = 0}) == "--horizon: expected an integer in [1, 8], got 0");
  CHECK(message({.from = Quarter{2024, 4}}) ==
        "--from: no origin from 2024Q4 on has a later reported quarter to score; expected an earlier quarter");
  CHECK(message({.companies = {"acm"}}).find("--company: ") == 0);
}

}  // namespace model_engine_backtest_test
