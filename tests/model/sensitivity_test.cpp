#include "cloudcast/model/sensitivity.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/valuation.hpp"
#include "support/fixtures.hpp"

namespace model_sensitivity_test {

using namespace cloudcast;
using namespace cloudcast::model;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

}  // namespace

TEST_CASE("sensitivity: useful life tops the tornado of Alibaba's 2027 margin under obsolescence", "[sensitivity]") {
  // Under obsolescence every driver is a number, so each moves +-20 %, the lives by their
  // step of one year: a 3-year life becomes 2 or 4 years, which reprices the depreciation
  // of the whole RMB 380 bn build-out; nothing else moves the margin as much
  // (docs/model.md, Uncertainty).
  const Scenario s = load_scenario("obsolescence", data());
  const Sensitivity r = analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4"});
  REQUIRE(!r.tornado.empty());
  CHECK(r.tornado[0].driver.name == "alibaba.useful_life");
  CHECK(r.tornado[0].output_low < r.base_output);  // a shorter life, a lower margin
  CHECK(r.tornado[0].output_high > r.base_output);
  for (std::size_t i = 1; i < r.tornado.size(); ++i) CHECK(r.tornado[i - 1].swing >= r.tornado[i].swing);
  CHECK(!r.two_way);
}

TEST_CASE("sensitivity: distributions move to P10/P90, and two drivers give a grid", "[sensitivity]") {
  const Scenario s = load_scenario("base-uncertain", data());
  const Sensitivity r = analyse_sensitivity(
      data(), s,
      {.metric = "alibaba.operating_margin@2027Q4", .vary = {"useful_life", "alibaba.ai_price_change"}, .grid = 3});
  REQUIRE(r.tornado.size() == 2);
  const auto& life = r.tornado[0].driver.name == "alibaba.useful_life" ? r.tornado[0] : r.tornado[1];
  // triangular(3, 5, 6): P10 = 3 + sqrt(0.1 * 3 * 2), P90 = 6 - sqrt(0.1 * 3 * 1).
  CHECK(life.driver.low == Approx(3 + std::sqrt(0.6)).epsilon(1e-12));
  CHECK(life.driver.high == Approx(6 - std::sqrt(0.3)).epsilon(1e-12));
  REQUIRE(r.two_way);
  CHECK(r.two_way->outputs.size() == 9);
  // The grid spans each driver's low..high; its middle point is both drivers at the
  // midpoint of their range.
  CHECK(r.two_way->row_values.front() == life.driver.low);
  CHECK(r.two_way->row_values.back() == life.driver.high);
}

TEST_CASE("sensitivity: bad requests are usage errors", "[sensitivity]") {
  const Scenario s = load_scenario("base", data());
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin"}),
                    Catch::Contains("expected company.metric@quarter"));
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margn@2027Q4"}),
                    Catch::Contains("did you mean 'operating_margin'"));
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2040Q4"}),
                    Catch::Contains("outside alibaba's projection"));
  CHECK_THROWS_WITH(
      analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4", .vary = {"usefull_life"}}),
      Catch::Contains("did you mean 'useful_life'"));
  CHECK_THROWS_WITH(parse_swing("P5P95"), Catch::Contains("--swing: expected P10P90 or pct:X"));
  CHECK(parse_swing("pct:10").percent == 10);
}

namespace {

// Alibaba's figures in `quarter` from one deterministic forecast run of `s`.
const QuarterFigures& alibaba_at(const Projection& p, Quarter quarter) {
  const auto& c =
      *std::find_if(p.companies.begin(), p.companies.end(), [](const auto& x) { return x.id == "alibaba"; });
  return *std::find_if(c.quarters.begin(), c.quarters.end(), [&](const auto& q) { return q.period == quarter; });
}

const TornadoBar& bar_of(const Sensitivity& r, std::string_view name) {
  const auto it =
      std::find_if(r.tornado.begin(), r.tornado.end(), [&](const auto& b) { return b.driver.name == name; });
  REQUIRE(it != r.tornado.end());
  return *it;
}

}  // namespace

TEST_CASE("sensitivity: the baseline's level and slope move Alibaba's 2027 revenue and margin under base",
          "[sensitivity]") {
  const Scenario base = load_scenario("base", data());
  const Quarter q2027{2027, 4};
  const Sensitivity revenue = analyse_sensitivity(data(), base, {.metric = "alibaba.revenue@2027Q4"});
  const Sensitivity margin = analyse_sensitivity(data(), base, {.metric = "alibaba.operating_margin@2027Q4"});
  const Projection at_base = project(data(), base, {});
  const QuarterFigures& b = alibaba_at(at_base, q2027);
  CHECK(revenue.base_output == Approx(*b.revenue).epsilon(1e-12));
  // core_growth is unused while core follows the baseline: not in the default tornado.
  for (const auto& bar : revenue.tornado) CHECK(bar.driver.name != "alibaba.core_growth");
  for (const auto& bar : revenue.tornado) CHECK(bar.driver.name != "alibaba.use_guidance");

  // Level: +-0.05 of the core level. AI revenue does not depend on the core, so revenue
  // moves by exactly +-5 % of base core revenue.
  const TornadoBar& level = bar_of(revenue, "alibaba.core_level_shift");
  CHECK(level.driver.base == 0);
  CHECK(level.driver.low == -0.05);
  CHECK(level.driver.high == 0.05);
  CHECK(level.driver.how == "base is 0: -0.05 / +0.05 (absolute step)");
  CHECK(level.output_high - revenue.base_output == Approx(0.05 * *b.core_revenue).epsilon(1e-9));
  CHECK(revenue.base_output - level.output_low == Approx(0.05 * *b.core_revenue).epsilon(1e-9));
  CHECK(level.swing == Approx(0.10 * *b.core_revenue).epsilon(1e-9));
  CHECK(level.swing > 0.05 * *b.revenue);  // core is most of Alibaba's revenue

  // Slope: +-5 % a year on the core path, compounded quarterly from T to 2027Q4.
  Quarter last{};
  for (const auto& c : at_base.companies)
    if (c.id == "alibaba")
      for (const auto& q : c.quarters)
        if (q.actual) last = q.period;
  const int h = q2027 - last;
  const TornadoBar& slope = bar_of(revenue, "alibaba.core_growth_shift");
  CHECK(slope.output_high == Approx(*b.ai_revenue + *b.core_revenue * std::pow(1.05, h / 4.0)).epsilon(1e-9));
  CHECK(slope.output_low == Approx(*b.ai_revenue + *b.core_revenue * std::pow(0.95, h / 4.0)).epsilon(1e-9));

  // The same bars on the margin, against two forecast runs with the driver moved by hand.
  for (const char* name : {"core_level_shift", "core_growth_shift"}) {
    Scenario up = base, down = base;
    driver(up, std::string("alibaba.") + name) = 0.05;
    driver(down, std::string("alibaba.") + name) = -0.05;
    const TornadoBar& bar = bar_of(margin, std::string("alibaba.") + name);
    CHECK(bar.output_high == Approx(*alibaba_at(project(data(), up, {}), q2027).operating_margin).epsilon(1e-12));
    CHECK(bar.output_low == Approx(*alibaba_at(project(data(), down, {}), q2027).operating_margin).epsilon(1e-12));
    CHECK(bar.swing > 0.001);  // more than a tenth of a margin point
  }
}

TEST_CASE("sensitivity: whole-number drivers move by whole steps, a switch does not move", "[sensitivity]") {
  const Scenario s = load_scenario("base", data());
  const Sensitivity r = analyse_sensitivity(
      data(), s, {.metric = "alibaba.operating_margin@2027Q4", .vary = {"capex_window", "in_service_lag"}, .grid = 4});
  const TornadoBar& window = bar_of(r, "alibaba.capex_window");
  const TornadoBar& lag = bar_of(r, "alibaba.in_service_lag");
  // +-20 % of a 12-quarter window is 9.6 / 14.4: rounded to 10 / 14.
  CHECK(window.driver.base == 12);
  CHECK(window.driver.low == 10);
  CHECK(window.driver.high == 14);
  CHECK(window.driver.how == "base -20% / +20% (whole steps)");
  // +-20 % of a 2-quarter lag rounds back to 2: at least one whole step each way.
  CHECK(lag.driver.low == lag.driver.base - 1);
  CHECK(lag.driver.high == lag.driver.base + 1);
  REQUIRE(r.two_way);
  for (double v : r.two_way->row_values) CHECK(v == std::round(v));
  for (double v : r.two_way->column_values) CHECK(v == std::round(v));
  CHECK_THROWS_WITH(
      analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4", .vary = {"use_guidance"}}),
      "--vary 'use_guidance': use_guidance is a switch (0 or 1), not moved by sensitivity; compare two scenarios "
      "instead (cloudcast diff)");
  const Sensitivity all = analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4"});
  for (const auto& bar : all.tornado)
    if (find_driver(bar.driver.name.substr(bar.driver.name.find('.') + 1)).scale == DriverInfo::Scale::integer) {
      CHECK(bar.driver.low == std::round(bar.driver.low));
      CHECK(bar.driver.high == std::round(bar.driver.high));
    }
}

TEST_CASE("sensitivity: WACC and asset life move the NPV by their steps", "[sensitivity][valuation]") {
  // company.npv: the valuation drivers join the default tornado; WACC moves one point and
  // the useful life one year (their declared steps), not +-20 %. Each bar's ends equal
  // forecast's valuation (project + value_company) at the moved driver.
  const Scenario s = load_scenario("base", data());
  const Sensitivity r = analyse_sensitivity(data(), s, {.metric = "alibaba.npv"});
  CHECK(r.whole_projection);
  auto bar = [&](const std::string& name) {
    const auto it = std::find_if(r.tornado.begin(), r.tornado.end(),
                                 [&](const TornadoBar& b) { return b.driver.name == "alibaba." + name; });
    REQUIRE(it != r.tornado.end());
    return *it;
  };
  auto npv_with = [&](double CompanyDrivers::*member, double value) {
    Scenario moved = s;
    for (auto& c : moved.companies)
      if (c.company == "alibaba") c.drivers.*member = value;
    const Projection p = project(data(), moved, {.companies = {"alibaba"}});
    return value_company(p.companies[0], moved.company("alibaba"))->npv;
  };
  const TornadoBar wacc = bar("wacc");
  CHECK(wacc.driver.low == Approx(0.08));
  CHECK(wacc.driver.high == Approx(0.10));
  CHECK(wacc.output_low == Approx(npv_with(&CompanyDrivers::wacc, 0.08)).epsilon(1e-9));
  CHECK(wacc.output_high == Approx(npv_with(&CompanyDrivers::wacc, 0.10)).epsilon(1e-9));
  CHECK(wacc.output_low > r.base_output);  // a lower WACC, a higher NPV
  CHECK(wacc.output_high < r.base_output);
  CHECK(r.base_output == Approx(npv_with(&CompanyDrivers::wacc, 0.09)).epsilon(1e-9));
  const TornadoBar life = bar("useful_life");
  const double base_life = s.company("alibaba").useful_life;
  CHECK(life.driver.low == Approx(base_life - 1));
  CHECK(life.driver.high == Approx(base_life + 1));
  CHECK(life.output_low == Approx(npv_with(&CompanyDrivers::useful_life, base_life - 1)).epsilon(1e-9));
  // Size by reasoning: the model has no tax, so depreciation is not a cash flow (FCF =
  // operating income + depreciation - capex), and cost_discipline absorbs the ramp at the
  // reported life only: the life of new assets leaves the NPV where it is. The reported
  // life does move it, through the cost ratios calibrated under it.
  CHECK(life.swing <= 1e-9 * std::fabs(r.base_output));
  CHECK(bar("reported_useful_life").swing > 0.1 * std::fabs(r.base_output));
  // The terminal value's other driver is in; exit_multiple (method growth) is not.
  CHECK(std::any_of(r.tornado.begin(), r.tornado.end(),
                    [](const TornadoBar& b) { return b.driver.name == "alibaba.terminal_growth"; }));
  CHECK(std::none_of(r.tornado.begin(), r.tornado.end(),
                     [](const TornadoBar& b) { return b.driver.name == "alibaba.exit_multiple"; }));
  // A quarterly output leaves the valuation drivers out.
  const Sensitivity margin = analyse_sensitivity(data(), s, {.metric = "alibaba.operating_margin@2027Q4"});
  CHECK(std::none_of(margin.tornado.begin(), margin.tornado.end(),
                     [](const TornadoBar& b) { return b.driver.name == "alibaba.wacc"; }));
  CHECK_THROWS_WITH(analyse_sensitivity(data(), s, {.metric = "alibaba.npv@2027Q4"}),
                    "--metric 'alibaba.npv@2027Q4': the NPV is a figure of the whole projection; expected "
                    "alibaba.npv without @quarter");
}

}  // namespace model_sensitivity_test
