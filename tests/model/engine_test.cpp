#include "cloudcast/model/engine.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <cmath>
#include <cstdlib>
#include <new>

#include <fmt/format.h>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/baseline.hpp"
#include "dataset/vintage.hpp"
#include "model/core_baseline.hpp"
#include "model/margin_trend.hpp"
#include "model/path_engine.hpp"
#include "support/fixtures.hpp"

// Counts heap allocations so a test can show project_path makes none (the Monte Carlo
// performance contract). Replacing the global operator new is legal and affects nothing
// else: it forwards to malloc. The whole non-aligned family is replaced (plain, array,
// nothrow; every delete), not only operator new(size_t): under AddressSanitizer the
// runtime's own nothrow/array forms would otherwise allocate what our delete frees
// (Catch allocates its test cases with new (std::nothrow)).
static std::atomic<long> g_allocations{0};
static void* counted_malloc(std::size_t size) noexcept {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  return std::malloc(size == 0 ? 1 : size);
}
void* operator new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
// GCC flags free() inside a replaced operator delete as a mismatch; here it is the match.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace model_engine_test {

using namespace cloudcast;
using Catch::Matchers::Contains;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

model::Projection run(std::string_view scenario, int horizon = 12) {
  return model::project(data(), model::load_scenario(scenario, data()), {.horizon = horizon});
}

const model::CompanyProjection& company(const model::Projection& p, std::string_view id) {
  for (const auto& c : p.companies)
    if (c.id == id) return c;
  FAIL("no company " << id);
  throw;
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

TEST_CASE("project: the accounting identities hold in every projected quarter", "[engine]") {
  for (const char* scenario : {"base", "bull", "bear", "obsolescence", "price-war"}) {
    // Kept alive for the loop: d below refers into it.
    const model::Scenario loaded = model::load_scenario(scenario, data());
    for (int horizon : {12, 40}) {
      const model::Projection p = run(scenario, horizon);
      for (const auto& c : p.companies) {
        const model::CompanyDrivers& d = loaded.company(c.id);
        for (const auto& q : c.quarters) {
          if (q.actual) continue;
          INFO(scenario << " " << c.id << " " << q.period.to_string());
          // 1e-9 relative: the identities are exact up to floating-point rounding.
          CHECK(close(*q.operating_income, *q.revenue - *q.variable_cost - *q.capacity_cost - *q.depreciation));
          CHECK(close(*q.free_cash_flow, *q.operating_income + *q.depreciation - *q.capex));
          CHECK(close(*q.operating_margin, *q.operating_income / *q.revenue));
          CHECK(close(*q.revenue, *q.core_revenue + *q.ai_revenue));
          CHECK(close(*q.capex_intensity, *q.capex / *q.revenue));
          CHECK(*q.utilization <= d.max_utilization * (1 + 1e-9));
          CHECK(*q.ai_revenue >= 0);
        }
      }
    }
  }
}

TEST_CASE("project: the list starts with the last four reported quarters", "[engine]") {
  const model::Projection p = run("base");
  for (const auto& c : p.companies) {
    REQUIRE(c.quarters.size() == 16);
    for (int i = 0; i < 4; ++i) CHECK(c.quarters[i].actual);
    CHECK(!c.quarters[4].actual);
    CHECK(c.quarters[3].period == Quarter{2025, 4});
    CHECK(c.quarters[4].period == Quarter{2026, 1});
    for (std::size_t i = 1; i < c.quarters.size(); ++i) CHECK(c.quarters[i].period == c.quarters[i - 1].period + 1);
  }
  const auto& alibaba = company(p, "alibaba");
  CHECK(alibaba.quarters[1].fiscal_period == "FY2026Q1");
  CHECK(*alibaba.quarters[1].revenue == 33398);
  CHECK(*alibaba.quarters[1].capex == 38676);
  CHECK(alibaba.quarters[1].capex_basis == "reported");
  CHECK(!alibaba.quarters[1].depreciation);  // not reported: null, never invented
}

// The reference fixture with Alibaba's RMB 380 bn FY2026-FY2028 plan as guidance given
// with the 2024Q4 results (as in data/companies/alibaba.json).
dataset::Dataset with_alibaba_guide(Quarter as_of = {2024, 4}) {
  dataset::Dataset d = data();
  dataset::Guidance g;
  g.id = "capex_fy2026_fy2028";
  g.metric = "capex";
  g.first = {2025, 2};
  g.last = {2028, 1};
  g.period_label = "FY2026-FY2028";
  g.low = g.high = 380000;
  g.unit = "RMB m";
  g.scope = "group";
  g.given = "2025-02-24";
  g.as_of = as_of;
  for (auto& c : d.companies)
    if (c.id == "alibaba") c.guidance.push_back(g);
  return d;
}

TEST_CASE("project: Alibaba's capex over FY2026-FY2028 sums to its RMB 380 bn guide", "[engine]") {
  const auto d = with_alibaba_guide();
  const model::Projection p = model::project(d, model::load_scenario("base", d), {.horizon = 12});
  const auto& a = company(p, "alibaba");
  double sum = 0;
  for (const auto& q : a.quarters)
    if (q.period >= Quarter{2025, 2} && q.period <= Quarter{2028, 1}) sum += *q.capex;
  CHECK(sum == Approx(380000).epsilon(1e-12));  // identity
  CHECK(a.quarters[3].period == Quarter{2025, 4});
  CHECK(a.quarters[3].actual);
  CHECK(a.quarters[3].capex_basis == "guidance");
  // What 2025Q2 and 2025Q3 did not spend, flat over the ten other quarters.
  CHECK(*a.quarters[3].capex == Approx((380000.0 - 38676 - 31501) / 10).epsilon(1e-12));
  REQUIRE(a.guidance.size() == 1);
  CHECK(a.guidance[0].honoured);
  CHECK(a.guidance[0].status == "inside");
  CHECK(*a.guidance[0].projected == Approx(380000).epsilon(1e-12));
}

TEST_CASE("project: guidance is honoured only when known and asked for", "[engine]") {
  // Given after the last reported quarter: not known in T, so neither used nor listed.
  const auto later = with_alibaba_guide({2026, 1});
  const auto p = model::project(later, model::load_scenario("base", later), {.horizon = 12});
  CHECK(company(p, "alibaba").guidance.empty());
  CHECK(company(p, "alibaba").quarters[3].capex_basis == "estimate");
  // use_guidance 0: listed beside the projection, not used by the plan.
  const auto d = with_alibaba_guide();
  model::Scenario off = model::load_scenario("base", d);
  model::driver(off, "alibaba.use_guidance") = 0;
  // The projection is kept: a reference into a temporary one dangles (ASan, issue 11).
  const auto projected = model::project(d, off, {.horizon = 12});
  const auto& a = company(projected, "alibaba");
  REQUIRE(a.guidance.size() == 1);
  CHECK(!a.guidance[0].honoured);
  CHECK(a.quarters[3].capex_basis == "estimate");
}

TEST_CASE("project: the first projected quarter follows on from the last reported one", "[engine]") {
  for (const char* scenario : {"base", "bull", "bear", "obsolescence", "price-war"}) {
    for (const auto& c : run(scenario).companies) {
      INFO(scenario << " " << c.id);
      const auto& last = c.quarters[3];
      const auto& first = c.quarters[4];
      // One quarter of growth: revenue within 15 %, margin within 6 points of the last report.
      CHECK(std::abs(*first.revenue / *last.revenue - 1) < 0.15);
      CHECK(std::abs(*first.operating_margin - *last.operating_margin) < 0.06);
    }
  }
}

TEST_CASE("project: the margin trend moves the margin by trend x (phi + ... + phi^h)", "[engine][margin_trend]") {
  const model::Scenario on = model::load_scenario("base", data());
  REQUIRE(on.company("google").margin_trend_damping == 0.8);
  model::Scenario off = on;
  for (auto& c : off.companies) c.drivers.margin_trend_damping = 0;
  const model::Projection with = model::project(data(), on, {.horizon = 8});
  const model::Projection without = model::project(data(), off, {.horizon = 8});
  // Google's margins 2024Q4..2025Q4: 2093/11955, 2177/12260, 2826/13624, 3594/15157,
  // 5313/17664 = 0.175073, 0.177569, 0.207428, 0.237118, 0.300781. Changes 0.002496,
  // 0.029859, 0.029690, 0.063663: mean 0.031427, standard error 0.012522, weight
  // 1 - 0.012522^2 / 0.031427^2 = 0.841237, trend 0.0264376 a quarter.
  const double trend = 0.0264376;
  CHECK(model::calibrate(data().companies[3], on.company("google"), {.horizon = 8}).margin_trend ==
        Approx(trend).epsilon(1e-5));
  const auto& g_on = company(with, "google");
  const auto& g_off = company(without, "google");
  for (int h = 1; h <= 8; ++h) {
    INFO("h = " << h);
    const auto i = static_cast<std::size_t>(3 + h);
    CHECK(*g_on.quarters[i].revenue == *g_off.quarters[i].revenue);
    CHECK(*g_on.quarters[i].depreciation == *g_off.quarters[i].depreciation);
    CHECK(*g_on.quarters[i].operating_margin - *g_off.quarters[i].operating_margin ==
          Approx(trend * model::damped_trend_factor(0.8, h)).epsilon(1e-5));
  }
  // h = 1: 0.8 x 0.0264376 = 2.1 points; the level it tends to: 4 x 0.0264376 = 10.6 points.
  CHECK(*g_on.quarters[4].operating_margin - *g_off.quarters[4].operating_margin == Approx(0.0211501).epsilon(1e-4));
  // The other three margins moved within their noise in the year to 2025Q4 (weight 0):
  // Amazon's changes were +0.025, -0.065, +0.017, +0.004 (mean -0.005, standard error 0.021).
  for (const char* id : {"alibaba", "amazon", "microsoft"})
    for (std::size_t i = 4; i < 12; ++i) {
      INFO(id << " " << i);
      CHECK(*company(with, id).quarters[i].operating_margin == *company(without, id).quarters[i].operating_margin);
    }
}

TEST_CASE("project: calibration reproduces the last four quarters within the stated tolerance", "[engine]") {
  for (const auto& c : run("base").companies) {
    INFO(c.id);
    CHECK(c.calibration.quarters_used == 4);
    CHECK(c.calibration.max_margin_error <= c.calibration.tolerance);
    CHECK(c.calibration.variable_cost_ratio >= 0);
    CHECK(c.calibration.variable_cost_ratio <= 1);
  }
}

TEST_CASE("project: obsolescence depreciates more and earns less than base after the lag", "[engine]") {
  const model::Projection base = run("base"), obs = run("obsolescence");
  const model::Scenario s = model::load_scenario("base", data());
  for (std::size_t i = 0; i < base.companies.size(); ++i) {
    const auto& b = base.companies[i];
    const auto& o = obs.companies[i];
    const int lag = static_cast<int>(s.company(b.id).in_service_lag);
    for (std::size_t k = 4 + static_cast<std::size_t>(lag); k < b.quarters.size(); ++k) {
      INFO(b.id << " " << b.quarters[k].period.to_string());
      CHECK(*o.quarters[k].depreciation > *b.quarters[k].depreciation);
      CHECK(*o.quarters[k].operating_margin < *b.quarters[k].operating_margin);
    }
  }
}

TEST_CASE("project: a price war lowers AI revenue in every projected quarter", "[engine]") {
  const model::Projection base = run("base"), war = run("price-war");
  for (std::size_t i = 0; i < base.companies.size(); ++i)
    for (std::size_t k = 4; k < base.companies[i].quarters.size(); ++k)
      CHECK(*war.companies[i].quarters[k].ai_revenue < *base.companies[i].quarters[k].ai_revenue);
}

// The accounting every projected quarter obeys, whatever the drivers: revenue is core plus
// AI, operating income is revenue less variable cost, capacity cost and depreciation, free
// cash flow adds depreciation back and takes capex off. Checked on the workspace's own
// arrays, so the test does not compare project_path with project(), which calls it.
namespace {
void check_identities(const model::PathWorkspace& ws) {
  for (int h = 0; h < ws.horizon; ++h) {
    INFO("quarter " << h + 1);
    const double scale = std::fabs(ws.revenue[h]);  // 1e-12 of the figures' size is rounding only
    CHECK(std::fabs(ws.revenue[h] - (ws.core_revenue[h] + ws.ai_revenue[h])) <= 1e-12 * scale);
    CHECK(std::fabs(ws.operating_income[h] -
                    (ws.revenue[h] - ws.variable_cost[h] - ws.capacity_cost[h] - ws.depreciation[h])) <= 1e-12 * scale);
    CHECK(std::fabs(ws.operating_margin[h] - ws.operating_income[h] / ws.revenue[h]) <= 1e-12);
    CHECK(std::fabs(ws.free_cash_flow[h] - (ws.operating_income[h] + ws.depreciation[h] - ws.capex[h])) <=
          1e-12 * scale);
    CHECK(std::fabs(ws.capex_intensity[h] - ws.capex[h] / ws.revenue[h]) <= 1e-12);
    // Cumulative capex starts from the window's reported quarters: only its steps are capex.
    if (h > 0)
      CHECK(std::fabs(ws.cumulative_capex[h] - ws.cumulative_capex[h - 1] - ws.capex[h]) <=
            1e-12 * std::fabs(ws.cumulative_capex[h]));
  }
}
}  // namespace

TEST_CASE("project_path: accounting identities on every path, one workspace, no allocation", "[engine]") {
  const model::Scenario s = model::load_scenario("base", data());
  model::PathWorkspace ws(12);
  for (const auto& company : data().companies) {
    INFO("company " << company.id);
    const auto c = model::calibrate(company, s.company(company.id), {.horizon = 12});
    model::project_path(c, s.company(company.id), ws);
    check_identities(ws);
    const std::vector<double> base_revenue = ws.revenue;
    // A path with other drivers reuses the workspace without touching the heap, and
    // rewrites it: AI prices falling 40 % a year instead of the scenario's rate.
    model::CompanyDrivers path = s.company(company.id);
    path.useful_life = 3.5;
    path.in_service_lag = 4;
    path.ai_price_change = -0.4;
    const long before = g_allocations.load();
    model::project_path(c, path, ws);
    const long after = g_allocations.load();
    CHECK(after == before);
    check_identities(ws);
    CHECK(ws.revenue != base_revenue);
    // Headline-only mode (Monte Carlo) writes the same four figures, bit for bit.
    model::PathWorkspace headline(12);
    headline.breakdown = false;
    model::project_path(c, path, headline);
    CHECK(headline.revenue == ws.revenue);
    CHECK(headline.operating_income == ws.operating_income);
    CHECK(headline.operating_margin == ws.operating_margin);
    CHECK(headline.free_cash_flow == ws.free_cash_flow);
    // A margin left to the caller (the Monte Carlo evaluator divides a batch at once):
    // untouched, the other three as before.
    model::PathWorkspace no_margin(12);
    no_margin.breakdown = false;
    no_margin.margin_by_caller = true;
    std::fill(no_margin.operating_margin.begin(), no_margin.operating_margin.end(), 42.0);
    model::project_path(c, path, no_margin);
    CHECK(no_margin.operating_margin == std::vector<double>(no_margin.operating_margin.size(), 42.0));
    CHECK(no_margin.revenue == ws.revenue);
    CHECK(no_margin.operating_income == ws.operating_income);
    CHECK(no_margin.free_cash_flow == ws.free_cash_flow);
  }
}

TEST_CASE("CoreRefit: a path's AI statement gives calibrate()'s baseline for it, without allocating", "[engine]") {
  // What the Monte Carlo evaluator does for a path whose AI share and growth are not the
  // calibrating ones: refit from the calibrated history. Against calibrate() with the
  // path's drivers, company by company (the trend refit's running products: 1e-12).
  const model::Scenario s = model::load_scenario("base", data());
  for (const auto& company : data().companies) {
    INFO("company " << company.id);
    const model::CompanyDrivers& point = s.company(company.id);
    const auto c = model::calibrate(company, point, {.horizon = 12});
    model::CompanyDrivers path = point;
    path.ai_share = 0.72 * point.ai_share;
    path.ai_volume_growth = point.ai_volume_growth - 0.3;
    path.ai_price_change = -0.3;
    const auto expected = model::calibrate(company, path, {.horizon = 12});
    model::CoreRefit refit(c.revenue_history, c.history_first, c.horizon, c.baseline_model, true);
    std::vector<double> level(12), sd(12);
    const long before = g_allocations.load();
    const model::AiStatement ai = model::ai_statement(path, c.last_reported, c.revenue_growth);
    REQUIRE(refit.fit(ai.share, ai.growth));
    model::revenue_equivalent(refit.core(), ai.share, level, sd);
    CHECK(g_allocations.load() == before);
    CHECK(ai.scale == Approx(expected.ai_share_scale).epsilon(1e-15));
    for (std::size_t h = 0; h < 12; ++h) {
      CHECK(level[h] == Approx(expected.baseline_revenue[h]).epsilon(1e-12));
      CHECK(sd[h] == Approx(expected.baseline_sd[h]).epsilon(1e-12));
      CHECK(refit.seasonal_ratio()[h] == Approx(expected.seasonal_ratio[h]).epsilon(1e-12));
    }
    // The statement moved the baseline: a check that can fail.
    CHECK(std::fabs(level[11] / c.baseline_revenue[11] - 1) > 1e-3);
  }
}

TEST_CASE("project: AI revenue is capped by capacity in service", "[engine]") {
  model::Scenario s = model::load_scenario("base", data());
  model::driver(s, "microsoft.ai_volume_growth") = 20;  // demand explodes, capacity cannot follow
  const model::Projection p = model::project(data(), s, {.horizon = 12});
  const auto& m = company(p, "microsoft");
  const auto& last = m.quarters.back();
  CHECK(*last.utilization == Approx(s.company("microsoft").max_utilization).epsilon(1e-12));
}

TEST_CASE("project: bad options are usage errors", "[engine]") {
  const model::Scenario s = model::load_scenario("base", data());
  CHECK_THROWS_WITH(model::project(data(), s, {.horizon = 10000000}),
                    Contains("--horizon: expected an integer in [1, 40]"));
  CHECK_THROWS_AS(model::project(data(), s, {.horizon = 0}), UsageError);
  CHECK_THROWS_WITH(model::project(data(), s, {.companies = {"alibab"}}), Contains("did you mean 'alibaba'?"));
}

TEST_CASE("project: a company without operating income cannot be calibrated", "[engine]") {
  const auto thin = fixtures::dataset({fixtures::company("thin", "USD", 12, {2025, 1}).metric("revenue", {1, 2, 3})});
  model::Scenario s = model::parse_scenario("{}", "empty.json", thin);
  CHECK_THROWS_WITH(model::project(thin, s, {}), Contains("company thin") && Contains("operating_income"));
}

TEST_CASE("fx_path: the last data rate, a drift, or an explicit path", "[engine]") {
  model::FxPath fx;
  auto p = model::fx_path(data(), fx, Quarter{2025, 4}, 3);
  CHECK(p == std::vector<double>{6.9931, 6.9931, 6.9931});  // the fixture's 2025Q4 rate held flat
  fx.cny_per_usd = 7.0;
  fx.annual_change = 0.0406;  // about 1 % a quarter
  p = model::fx_path(data(), fx, Quarter{2025, 4}, 5);
  CHECK(p[0] == 7.0);
  CHECK(p[4] == Approx(7.0 * 1.0406).epsilon(1e-12));  // four quarters of drift = one year
  fx.path = {7.1, 7.3};
  p = model::fx_path(data(), fx, Quarter{2025, 4}, 3);
  CHECK(p == std::vector<double>{7.1, 7.3, 7.3});  // the last rate repeats
}

namespace {

// A company whose revenue is core + AI exactly: core grows 5 % a quarter from `core_last`
// in T = 2025Q4, AI grows `ai_annual` a year from `ai_last`; operating income is 20 %.
dataset::Dataset split_company(double core_last, double ai_last, double ai_annual) {
  std::vector<double> revenue, oi;
  for (int i = 0; i < 12; ++i) {
    const int back = i - 11;  // quarters from T
    const double r = core_last * std::pow(1.05, back) + ai_last * std::pow(1 + ai_annual, back / 4.0);
    revenue.push_back(r);
    oi.push_back(0.2 * r);
  }
  return fixtures::dataset(
      {fixtures::company("x", "USD", 12, {2023, 1}).metric("revenue", revenue).metric("operating_income", oi)});
}

model::Projection project_split(const dataset::Dataset& data, double ai_share, double ai_annual) {
  // Demand never reaches capacity (it grows at most 8-fold over 12 quarters; capacity in T
  // is 20 times demand), so AI revenue is the demand path itself.
  const std::string scenario = fmt::format(
      R"({{"companies": {{"x": {{"ai_share": {}, "ai_volume_growth": {}, "ai_price_change": 0,
          "ai_initial_utilization": 0.05, "max_utilization": 1, "capex": {{"run_rate": 100}}}}}}}})",
      ai_share, ai_annual);
  return model::project(data, model::parse_scenario(scenario, "split.json", data), {.horizon = 12});
}

}  // namespace

TEST_CASE("project: AI drivers that keep history's AI share reproduce the baseline of total revenue", "[engine]") {
  // Core and AI both grow 5 % a quarter (AI 20 % of revenue throughout, annual growth
  // 1.05^4 - 1): the baseline of total revenue is the only growth there is, so total
  // projected revenue must equal the trend baseline's forecast of total revenue.
  const double annual = std::pow(1.05, 4) - 1;
  const auto data = split_company(800, 200, annual);
  const auto p = project_split(data, 0.2, annual);
  std::vector<double> total;
  for (const auto& o : data.companies[0].observations)
    if (o.metric == "revenue") total.push_back(o.value);
  const auto baseline = model::baseline_forecast(total, 12, "trend");
  const auto& x = p.companies[0];
  for (int h = 1; h <= 12; ++h) {
    INFO("h = " << h);
    // 1e-9 relative: the same exponential reached by two routes (core + AI, total trend).
    CHECK(*x.quarters[3 + h].revenue == Approx(baseline.mean[h - 1]).epsilon(1e-9));
  }
}

TEST_CASE("project: AI growth is counted once, on top of the core's own growth", "[engine]") {
  // Core grows 5 % a quarter; AI (200 of 1,000 in T) doubles every year. Backing AI out at
  // the same statement leaves an exact 5 % core, so by hand, h quarters ahead:
  //   revenue_h = 800 x 1.05^h + 200 x 2^(h/4)
  // (h = 4: 800 x 1.21550625 = 972.405, plus 400 = 1,372.405). Extrapolating total revenue's accelerating trend and
  // adding AI again would give more.
  const auto data = split_company(800, 200, 1.0);
  const auto p = project_split(data, 0.2, 1.0);
  const auto& x = p.companies[0];
  for (int h = 1; h <= 12; ++h) {
    INFO("h = " << h);
    const double expected = 800 * std::pow(1.05, h) + 200 * std::pow(2.0, h / 4.0);
    CHECK(*x.quarters[3 + h].revenue == Approx(expected).epsilon(1e-9));  // rounding only
    CHECK(*x.quarters[3 + h].ai_revenue == Approx(200 * std::pow(2.0, h / 4.0)).epsilon(1e-9));
  }
  CHECK(*x.quarters[7].revenue == Approx(1372.405).epsilon(1e-9));  // h = 4, by hand above
}

TEST_CASE("project: a reported figure the data marks recalled says so", "[engine]") {
  // data/companies/alibaba.json: 2025Q1 group capex (RMB 24.6 bn) is recalled (S127), the
  // quarters after it are sourced; no revenue or operating income in 2025 is recalled. The
  // data as of 2025Q4, so that 2025Q1 stays the first of the four reported quarters shown.
  const dataset::Dataset data = dataset::as_of(dataset::load_builtin_dataset(), Quarter{2025, 4});
  const model::Projection p = model::project(data, model::load_scenario("base", data), {.horizon = 4});
  const auto& alibaba = company(p, "alibaba");
  REQUIRE(alibaba.quarters[0].period == Quarter{2025, 1});
  CHECK(alibaba.quarters[0].recalled == std::vector<std::string>{"capex", "capex_company"});
  for (std::size_t i = 1; i < alibaba.quarters.size(); ++i) CHECK(alibaba.quarters[i].recalled.empty());
  for (const auto& c : p.companies)
    if (c.id != "alibaba")
      for (const auto& q : c.quarters) CHECK(q.recalled.empty());
}

// The engine against a hand computation, on "acme", a made-up company (tests/e2e/fixtures/
// good/data-acme: not data about anyone). Every figure below is worked by hand from the
// fixture and the scenario; nothing is taken from the engine's own output.
//
// Data, USD m, T = 2025Q4. Timeline index j = quarters since 2023Q1 (T at j = 11).
//   revenue           1,000 in each of the 12 quarters 2023Q1..2025Q4
//   capex             100 a quarter 2023Q1..2024Q4 (j 0..7), 200 in 2025Q1..Q4 (j 8..11)
//   operating income  140.25, 198.25, 256.25, 314.25 in 2025Q1..Q4 (worked out below)
// Scenario: no AI (ai_share 0); core growth 0.4641 a year = 1.1^4 - 1, so +10 % a quarter
// (flat history: the seasonal factors are all 1); vc 0.2 and cc 0.02 set, not fitted; lag
// 1 quarter; reported life 2 years (8 quarters) for vintages in service by T (j + 1 <= 11,
// so j <= 10), scenario life 1 year (4 quarters) for later ones; capex growth 0, so
// projected capex stays 200.
//
// Vintages. Straight line, vintage j depreciates c_j / L in each of its L quarters from
// j + 1. In quarter i the old group (j <= 10) charges (c_{i-8} + ... + c_{i-1}) / 8 and has
// that sum in gross; the new group (j >= 11) charges (c_{i-4} + ... + c_{i-1}) / 4.
//   i = 12 (2026Q1): old j 4..10: 4 x 100 + 3 x 200 = 1,000 -> 125;   new j 11:      200 -> 50
//   i = 13 (2026Q2): old j 5..10:               900 -> 112.5;         new j 11..12:  400 -> 100
//   i = 14 (2026Q3): old j 6..10:               800 -> 100;           new j 11..13:  600 -> 150
//   i = 15 (2026Q4): old j 7..10:               700 -> 87.5;          new j 11..14:  800 -> 200
// In the calibration window 2025Q1..Q4 (i = 8..11) only old vintages: sums 800, 900,
// 1,000, 1,100, depreciation 100, 112.5, 125, 137.5.
//
// Existing base (bought before 2023Q1), gross G, ages spread over L = 8: in quarter k
// after 2025Q1, depreciation G (F(k+1) - F(k)) / 8 with F(t) = t - t^2/16, gross
// G (1 - (k + 1/2) / 8). The fit's prior puts G at 4 x revenue in T = 4,000, and the
// operating income above was made from G = 4,000, so the fit is exact there:
//   k   0: dep 468.75 gross 3,750 | 1: 406.25, 3,250 | 2: 343.75, 2,750 | 3: 281.25, 2,250
//   k   4: dep 218.75 gross 1,750 | 5: 156.25, 1,250 | 6:  93.75,   750 | 7:  31.25,   250
// Calibration quarters: OI = 1,000 - 0.2 x 1,000 - 0.02 x gross - depreciation, e.g.
// 2025Q1: 800 - 0.02 x (3,750 + 800) - (468.75 + 100) = 800 - 91 - 568.75 = 140.25.
// Net assets in service at T: G (1/2 - sum of k 0..3 rates 0.375) = 500, plus tracked
// capex 1,600 less its depreciation to date (12.5 x (1 + ... + 8) + 112.5 + 125 + 137.5
// = 825) = 775: 1,275.
//
// Projection, h = 1..4 (2026Q1..Q4):
//   revenue        1,000 x 1.1^h          = 1,100      1,210      1,331      1,464.1
//   depreciation   old + new + existing   =   393.75     368.75     343.75     318.75
//   gross          old + new + existing   = 2,950      2,550      2,150      1,750
//   variable cost  0.2 x revenue          =   220        242        266.2      292.82
//   capacity cost  0.02 x gross           =    59         51         43         35
//   operating inc. revenue - costs        =   427.25     548.25     678.05     817.53
//   margin         OI / revenue           = 0.388409   0.453099   0.509429   0.558384
//   free cash flow OI + dep - capex 200   =   621        717        821.8      936.28
//   cumulative capex from 2025Q1 (800)    = 1,000      1,200      1,400      1,600
// Cumulative free cash flow never dips below 0: the build-out is "self-funding".
TEST_CASE("project: a made-up company's projection worked by hand", "[engine][hand]") {
  const dataset::Dataset acme =
      dataset::load_dataset_dir(std::string(CLOUDCAST_SOURCE_DIR) + "/tests/e2e/fixtures/good/data-acme");
  const model::Scenario s = model::parse_scenario(
      R"({"companies": {"acme": {"ai_share": 0, "core_growth": 0.4641, "variable_cost_ratio": 0.2,
          "capacity_cost_ratio": 0.02, "in_service_lag": 1, "reported_useful_life": 2, "useful_life": 1,
          "capex": {"growth": 0}}}})",
      "acme-hand.json", acme);
  const auto p = model::project(acme, s, {.horizon = 4});
  REQUIRE(p.companies.size() == 1);
  const auto& x = p.companies[0];
  REQUIRE(x.quarters.size() == 8);  // 2025Q1..Q4 reported, 2026Q1..Q4 projected

  // The fitted existing base settles to about sqrt(machine epsilon) (depreciation.hpp), so
  // figures that carry it are checked to 1e-7; the others to rounding.
  const double fit = 1e-7, exact = 1e-12;
  CHECK(x.calibration.existing_asset_base == Approx(1275).epsilon(fit));
  CHECK(x.calibration.max_margin_error < 1e-9);
  const double revenue[] = {1100, 1210, 1331, 1464.1};
  const double depreciation[] = {393.75, 368.75, 343.75, 318.75};
  const double variable[] = {220, 242, 266.2, 292.82};
  const double capacity[] = {59, 51, 43, 35};
  const double oi[] = {427.25, 548.25, 678.05, 817.53};
  const double fcf[] = {621, 717, 821.8, 936.28};
  const double cumulative_capex[] = {1000, 1200, 1400, 1600};
  for (int h = 1; h <= 4; ++h) {
    INFO("h = " << h);
    const auto& q = x.quarters[static_cast<std::size_t>(3 + h)];
    const auto u = static_cast<std::size_t>(h - 1);
    CHECK(q.period == Quarter{2025, 4} + h);
    CHECK(*q.revenue == Approx(revenue[u]).epsilon(exact));
    CHECK(*q.ai_revenue == 0);
    CHECK(*q.capex == 200);
    CHECK(*q.depreciation == Approx(depreciation[u]).epsilon(fit));
    CHECK(*q.variable_cost == Approx(variable[u]).epsilon(exact));
    CHECK(*q.capacity_cost == Approx(capacity[u]).epsilon(fit));
    CHECK(*q.operating_income == Approx(oi[u]).epsilon(fit));
    CHECK(*q.operating_margin == Approx(oi[u] / revenue[u]).epsilon(fit));
    CHECK(*q.free_cash_flow == Approx(fcf[u]).epsilon(fit));
    CHECK(*q.cumulative_capex == Approx(cumulative_capex[u]).epsilon(exact));
  }
  CHECK(*x.quarters[4].operating_margin == Approx(0.388409).epsilon(1e-6));  // 427.25 / 1,100, rounded above
  CHECK(x.payback == "self-funding");

  // Depreciation by vintage group, from the path's own buffers (T at timeline index 11).
  const model::CalibratedCompany c = model::calibrate(acme.companies[0], s.company("acme"), {.horizon = 4});
  CHECK(c.existing_gross == Approx(4000).epsilon(fit));
  model::PathWorkspace ws(4);
  model::project_path(c, s.company("acme"), ws);
  const int t = model::kMaxLag + model::kCalibrationQuarters - 1;
  const double tracked[] = {175, 212.5, 250, 287.5};  // old + new vintages
  const double new_gross[] = {200, 400, 600, 800};
  const double existing[] = {218.75, 156.25, 93.75, 31.25};
  for (int h = 1; h <= 4; ++h) {
    INFO("h = " << h);
    const auto i = static_cast<std::size_t>(t + h);
    const auto u = static_cast<std::size_t>(h - 1);
    CHECK(ws.depreciation_all[i] == Approx(tracked[u]).epsilon(exact));
    CHECK(ws.gross_new[i] == Approx(new_gross[u]).epsilon(exact));
    CHECK(ws.depreciation[u] - ws.depreciation_all[i] == Approx(existing[u]).epsilon(fit));
  }
}

TEST_CASE("project: backlog_conversion anchors the next four quarters to the backlog", "[engine][backlog]") {
  // Amazon with a test backlog of 200,000 a year before T and 250,000 at T (inputs, not
  // data): revenue of h = 1..4 = conversion x 250,000, whatever the AI path, since only
  // the core level moves. Measured (null): the conversion is revenue of T-3..T over
  // 200,000. Microsoft has no segment backlog: no anchor, and a note says so.
  dataset::Dataset d = data();
  auto& amazon = *std::find_if(d.companies.begin(), d.companies.end(), [](const auto& c) { return c.id == "amazon"; });
  const Quarter t = amazon.observations.back().period;
  for (const auto& [q, value] : {std::pair{t - 4, 200000.0}, std::pair{t, 250000.0}}) {
    dataset::Signal s;
    s.kind = dataset::SignalKind::backlog;
    s.period = q;
    s.value = value;
    s.unit = "USD m";
    s.scope = "segment";
    amazon.signals.push_back(s);
  }
  auto run = [&](const std::string& company, const std::string& conversion) {
    const model::Scenario s = model::parse_scenario(
        R"({"base": "base", "companies": {")" + company + R"(": {"backlog_conversion": )" + conversion + "}}}",
        "s.json", d);
    return model::project(d, s, {.companies = {company}}).companies[0];
  };
  auto first_year = [](const model::CompanyProjection& p) {
    double sum = 0;
    int n = 0;
    for (const auto& q : p.quarters)
      if (!q.actual && n < 4) {
        sum += *q.revenue;
        ++n;
      }
    return sum;
  };
  const model::CompanyProjection off = run("amazon", "0"), fixed = run("amazon", "0.4"),
                                 measured = run("amazon", "null");
  REQUIRE(std::find_if(off.quarters.begin(), off.quarters.end(), [](const auto& q) { return !q.actual; })->period ==
          t + 1);
  CHECK(first_year(fixed) == Approx(0.4 * 250000).epsilon(1e-12));
  double last_year = 0;
  for (const auto& q : off.quarters)
    if (q.actual && q.period > t - 4) last_year += *q.revenue;
  CHECK(first_year(measured) == Approx(last_year / 200000 * 250000).epsilon(1e-12));
  CHECK(first_year(off) != Approx(first_year(fixed)));  // the anchor moved something
  const auto microsoft = run("microsoft", "0.4");
  CHECK(std::any_of(microsoft.notes.begin(), microsoft.notes.end(), [](const std::string& n) {
    return n.find("backlog_conversion: no segment backlog") != std::string::npos;
  }));
}

}  // namespace model_engine_test
