#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/engine.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/scenario.hpp"

namespace model_metrics_test {

using namespace cloudcast;
using namespace cloudcast::model;
using Catch::Matchers::Contains;

namespace {

QuarterFigures quarter(double revenue, double oi, double capex, double utilization, double cumulative) {
  QuarterFigures q;
  q.revenue = revenue;
  q.operating_income = oi;
  q.capex = capex;
  q.utilization = utilization;
  q.cumulative_capex = cumulative;
  return q;
}

}  // namespace

TEST_CASE("metrics: ids and labels are unique, ratios divide money metrics", "[model][metrics]") {
  std::set<std::string_view> ids, labels;
  for (const Metric& m : metrics()) {
    CHECK(ids.insert(m.id).second);
    CHECK(labels.insert(m.label).second);
    CHECK(m.figure != nullptr);
    if (m.rollup == Rollup::ratio) {
      const Metric* num = find_metric(m.numerator);
      const Metric* den = find_metric(m.denominator);
      REQUIRE(num);
      REQUIRE(den);
      CHECK(num->unit == MetricUnit::money);
      CHECK(den->unit == MetricUnit::money);
      CHECK(m.unit == MetricUnit::fraction);
    }
    // A headline metric is written without the breakdown, so it must be a path metric.
    if (m.direct) CHECK(m.path);
  }
  CHECK(metrics().size() == 14);
}

TEST_CASE("metrics: the path metrics are the workspace's 13 arrays, capex_company is not one", "[model][metrics]") {
  const auto& ids = path_metric_ids();
  REQUIRE(ids.size() == 13);
  CHECK(ids.front() == "revenue");
  CHECK(ids[3] == "capex");
  CHECK(ids[4] == "depreciation");
  CHECK(ids.back() == "capex_intensity");
  CHECK(std::find(ids.begin(), ids.end(), "capex_company") == ids.end());
  CHECK(find_metric("capex_company")->rollup == Rollup::sum);
  CHECK(find_metric("capex_company")->in_forecast_json);  // issue 9: company-wide capex beside the cloud share
  CHECK_FALSE(find_metric("capex_intensity")->in_forecast_json);
  CHECK(find_metric("operating_margin")->column_header() == "Margin");
  CHECK(find_metric("revenue")->column_header() == "Revenue");
}

TEST_CASE("metrics: an unknown id names the option and the nearest id", "[model][metrics]") {
  CHECK_THROWS_MATCHES(metric_or_throw("revnue", "--metric"), UsageError,
                       Catch::Matchers::Message("--metric: unknown metric 'revnue'; expected one of revenue, "
                                                "core_revenue, ai_revenue, capex, capex_company, depreciation, "
                                                "variable_cost, capacity_cost, operating_income, operating_margin, "
                                                "free_cash_flow, utilization, cumulative_capex, capex_intensity (did "
                                                "you mean 'revenue'?)"));
  CHECK(find_metric("revnue") == nullptr);
}

TEST_CASE("roll_up: flows add, ratios divide the sums, stocks take the last value", "[model][metrics]") {
  // Two quarters by hand: revenue 100 + 300, operating income 10 + 90, capex 50 + 30,
  // utilisation 0.5 and 0.9, cumulative capex 50 then 80.
  const std::vector<QuarterFigures> year{quarter(100, 10, 50, 0.5, 50), quarter(300, 90, 30, 0.9, 80)};
  CHECK(roll_up(*find_metric("revenue"), year) == 400.0);
  CHECK(roll_up(*find_metric("capex"), year) == 80.0);
  // (10 + 90) / (100 + 300) = 0.25, not the mean of 0.10 and 0.30 (0.20).
  CHECK(roll_up(*find_metric("operating_margin"), year) == 0.25);
  CHECK(roll_up(*find_metric("capex_intensity"), year) == 0.2);                     // 80 / 400
  CHECK(roll_up(*find_metric("utilization"), year) == Approx(0.7).epsilon(1e-15));  // (0.5 + 0.9) / 2, one rounding
  CHECK(roll_up(*find_metric("cumulative_capex"), year) == 80.0);
}

TEST_CASE("roll_up: a missing quarter or a zero denominator gives no figure", "[model][metrics]") {
  std::vector<QuarterFigures> year{quarter(100, 10, 50, 0.5, 50), quarter(300, 90, 30, 0.9, 80)};
  year[1].capex.reset();
  CHECK_FALSE(roll_up(*find_metric("capex"), year));
  CHECK_FALSE(roll_up(*find_metric("capex_intensity"), year));
  CHECK(roll_up(*find_metric("operating_margin"), year) == 0.25);  // needs no capex
  year[0].revenue = 0;
  year[1].revenue = 0;
  CHECK_FALSE(roll_up(*find_metric("operating_margin"), year));
  CHECK_FALSE(roll_up(*find_metric("revenue"), std::span<const QuarterFigures>{}));
}

TEST_CASE("metrics: project() fills every registered figure of a projected quarter", "[model][metrics]") {
  const dataset::Dataset data = dataset::load_builtin_dataset();
  const Scenario scenario = load_scenario("base", data);
  const Projection p = project(data, scenario, {.horizon = 2, .companies = {"amazon"}});
  const QuarterFigures& q = p.companies.at(0).quarters.back();
  REQUIRE_FALSE(q.actual);
  for (const Metric& m : metrics()) {
    INFO(m.id);
    CHECK((q.*m.figure).has_value());
  }
  // The figures are where the registry says: margin = income / revenue, intensity = capex / revenue.
  CHECK(*q.operating_margin == Approx(*q.operating_income / *q.revenue).epsilon(1e-15));  // same division
  CHECK(*q.capex_intensity == Approx(*q.capex / *q.revenue).epsilon(1e-15));              // same division
  CHECK(*q.revenue == Approx(*q.core_revenue + *q.ai_revenue).epsilon(1e-14));            // one addition
}

TEST_CASE("company_label: a company's profit measure qualifies operating income and margin only", "[model][metrics]") {
  CHECK(company_label(*find_metric("operating_income"), "adjusted EBITA") == "Operating income (adjusted EBITA)");
  CHECK(company_label(*find_metric("operating_margin"), "adjusted EBITA", true) == "Margin (adjusted EBITA)");
  CHECK(company_label(*find_metric("revenue"), "adjusted EBITA") == "Revenue");
  CHECK(company_label(*find_metric("operating_income"), "", true) == "Op. income");
}

TEST_CASE("figure_basis: recalled before the capex basis, reported or projected otherwise", "[model][metrics]") {
  QuarterFigures q = quarter(100, 10, 50, 0.5, 50);
  q.actual = true;
  q.capex_basis = "derived";
  q.recalled = {"capex", "capex_company"};
  CHECK(figure_basis(q, *find_metric("capex")) == "recalled");
  CHECK(figure_basis(q, *find_metric("revenue")) == "reported");
  q.recalled.clear();
  CHECK(figure_basis(q, *find_metric("capex")) == "derived");
  CHECK(figure_basis(q, *find_metric("capex_company")) == "reported");  // the company figure itself
  q.capex_basis = "estimate";
  CHECK(figure_basis(q, *find_metric("cumulative_capex")) == "estimate");
  q.actual = false;
  q.capex_basis = "guidance";
  CHECK(figure_basis(q, *find_metric("capex")) == "guidance");
  CHECK(figure_basis(q, *find_metric("operating_margin")) == "projected");
  CHECK(marked_basis("estimate"));
  CHECK(marked_basis("recalled"));
  CHECK(marked_basis("guidance"));
  CHECK(!marked_basis("derived"));
  CHECK(!marked_basis("plan"));
}

}  // namespace model_metrics_test
