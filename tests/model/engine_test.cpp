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
#include "support/fixtures.hpp"

using namespace cloudcast;
using Catch::Matchers::Contains;

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
  const auto& a = company(model::project(d, off, {.horizon = 12}), "alibaba");
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
