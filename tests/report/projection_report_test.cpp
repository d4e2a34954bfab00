#include "cloudcast/report/projection_report.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/report/render.hpp"
#include "dataset/vintage.hpp"
#include "support/fixtures.hpp"

namespace report_projection_report_test {

using namespace cloudcast;
using Catch::Matchers::Contains;

namespace {

struct Run {
  dataset::Dataset data = fixtures::reference_dataset();
  model::Scenario scenario = model::load_scenario("base", data);
  model::Projection projection = model::project(data, scenario, {.horizon = 8});
};

std::string render_json(const report::Document& doc) {
  std::ostringstream out;
  report::render(doc, report::Format::json, out);
  return out.str();
}

}  // namespace

TEST_CASE("forecast_document: the JSON contract", "[projection_report]") {
  const Run run;
  const auto doc = report::forecast_document(run.projection, run.scenario, run.data);
  const auto j = nlohmann::json::parse(render_json(doc));
  CHECK(j["schema_version"] == report::kForecastSchemaVersion);
  CHECK(j["tool_version"] == CLOUDCAST_VERSION);
  CHECK(j["inputs_digest"] == report::inputs_digest(run.data, run.scenario));
  CHECK(j["scenario"] == "base");
  REQUIRE(j["companies"].size() == 4);
  const auto& alibaba = j["companies"][0];
  CHECK(alibaba["id"] == "alibaba");
  CHECK(alibaba["currency"] == "CNY");
  const auto& quarters = alibaba["quarters"];
  REQUIRE(quarters.size() == 12);
  const std::vector<std::string> keys{"period",           "fiscal_period",    "actual",         "revenue",
                                      "core_revenue",     "ai_revenue",       "capex",          "capex_basis",
                                      "capex_company",    "depreciation",     "variable_cost",  "capacity_cost",
                                      "operating_income", "operating_margin", "free_cash_flow", "utilization",
                                      "cumulative_capex", "recalled"};
  std::vector<std::string> order;
  const auto ordered = nlohmann::ordered_json::parse(render_json(doc));
  for (const auto& [key, value] : ordered["companies"][0]["quarters"][0].items()) order.push_back(key);
  CHECK(order == keys);
  CHECK(quarters[1]["period"] == "2025Q2");
  CHECK(quarters[1]["fiscal_period"] == "FY2026Q1");
  CHECK(quarters[1]["actual"] == true);
  CHECK(quarters[1]["revenue"] == 33398.0);
  CHECK(quarters[1]["capex"] == 38676.0);
  CHECK(quarters[1]["capex_company"] == 38676.0);  // Alibaba's cloud share is 1
  CHECK(quarters[1]["depreciation"].is_null());    // not reported
  CHECK(quarters[3]["capex_basis"] == "estimate");
  CHECK(quarters[4]["actual"] == false);
  CHECK(quarters[4]["depreciation"].is_number());
}

TEST_CASE("forecast_document: same input, same bytes, another scenario, another digest", "[projection_report]") {
  const Run a, b;
  const auto doc_a = report::forecast_document(a.projection, a.scenario, a.data);
  const auto doc_b = report::forecast_document(b.projection, b.scenario, b.data);
  CHECK(render_json(doc_a) == render_json(doc_b));
  const auto war = model::load_scenario("price-war", a.data);
  CHECK(report::inputs_digest(a.data, war) != report::inputs_digest(a.data, a.scenario));
}

TEST_CASE("forecast_document: text tables mark actual and projected quarters with units", "[projection_report]") {
  const Run run;
  std::ostringstream out;
  report::render(report::forecast_document(run.projection, run.scenario, run.data), report::Format::table, out);
  CHECK_THAT(out.str(), Contains("RMB m") && Contains("USD m") && Contains("actual") && Contains("projected") &&
                            Contains("calibration:"));
}

TEST_CASE("compare_document: money converted with the FX rates, ratios untouched", "[projection_report]") {
  const Run run;
  const auto usd =
      report::compare_document(run.projection, run.scenario, run.data, "USD", {"revenue", "operating_margin"});
  REQUIRE(usd.tables.size() == 3);  // summary + one per metric
  const auto& revenue = usd.tables[1];
  CHECK(revenue.columns[2].header == "alibaba");
  CHECK(revenue.columns[2].unit == "USD m");
  // 2025Q2: RMB 33,398 m at the fixture's 7.1636 CNY per USD.
  bool found = false;
  for (const auto& row : revenue.rows) {
    if (std::get<std::string>(row[0]) != "2025Q2") continue;
    CHECK(std::get<double>(row[2]) == Approx(33398 / 7.1636).epsilon(1e-12));
    CHECK(std::get<double>(row[4]) == 30873);  // amazon, USD already
    found = true;
  }
  CHECK(found);
  const auto cny = report::compare_document(run.projection, run.scenario, run.data, "CNY", {"operating_margin"});
  CHECK(cny.tables[1].columns[2].unit == "%");
  CHECK_THROWS_AS(report::compare_document(run.projection, run.scenario, run.data, "EUR", {"revenue"}), UsageError);
  CHECK_THROWS_WITH(report::compare_document(run.projection, run.scenario, run.data, "USD", {"revenu"}),
                    Contains("did you mean 'revenue'?"));
}

TEST_CASE("compare_document: companies already in the target currency need no FX data", "[projection_report]") {
  const auto full = fixtures::reference_dataset();
  dataset::Dataset usd_only = fixtures::dataset({full.companies[2]}, {});  // amazon, no fx.json
  const auto scenario = model::load_scenario("base", usd_only);
  const auto projection = model::project(usd_only, scenario, {.horizon = 4});
  const auto doc = report::compare_document(projection, scenario, usd_only, "USD", {"revenue"});
  CHECK(std::get<double>(doc.tables[1].rows[0][2]) == 29267);  // 2025Q1, as reported
  CHECK_THROWS_AS(report::compare_document(projection, scenario, usd_only, "CNY", {"revenue"}), DataError);
}

TEST_CASE("forecast and compare documents label recalled, estimated and adjusted-EBITA cells", "[projection_report]") {
  // The shipped data as of 2025Q4 (2025Q1 is then the first quarter shown): Alibaba's 2025Q1
  // capex is recalled, its 2025Q4 capex not disclosed (placed by the plan from its RMB 380 bn
  // guide), and its operating income is adjusted EBITA.
  const dataset::Dataset data = dataset::as_of(dataset::load_builtin_dataset(), Quarter{2025, 4});
  const model::Scenario scenario = model::load_scenario("base", data);
  const model::Projection projection = model::project(data, scenario, {.horizon = 4});

  const auto forecast = report::forecast_document(projection, scenario, data);
  const auto j = nlohmann::json::parse(render_json(forecast));
  const auto& alibaba = j["companies"][0];
  CHECK(alibaba["profit_measure"] == "adjusted EBITA");
  CHECK(!j["companies"][1].contains("profit_measure"));
  CHECK(alibaba["quarters"][0]["recalled"] == nlohmann::json::array({"capex", "capex_company"}));
  CHECK(alibaba["quarters"][1]["recalled"] == nlohmann::json::array());
  const report::Table& table = forecast.tables[0];
  auto column = [&](const report::Table& t, std::string_view header) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      if (t.columns[i].header == header) return i;
    FAIL("no column " << header);
    return std::size_t{0};
  };
  column(table, "Op. income (adjusted EBITA)");
  column(table, "Margin (adjusted EBITA)");
  CHECK(std::get<std::string>(table.rows[0][column(table, "Status")]) == "actual (recalled: capex, capex_company)");
  CHECK(std::get<std::string>(table.rows[0][column(table, "Capex basis")]) == "recalled");
  CHECK(std::get<std::string>(table.rows[1][column(table, "Status")]) == "actual");
  for (const auto& t : forecast.tables)
    if (t.title.ends_with("(microsoft)")) column(t, "Op. income");  // operating income as reported
  // The note names the profit measures from the data, only for the companies shown.
  const auto mentions = [](const report::Document& doc, const std::string& text) {
    return std::count_if(doc.notes.begin(), doc.notes.end(),
                         [&](const std::string& n) { return n.find(text) != std::string::npos; });
  };
  CHECK(mentions(forecast, "where it is not operating income (alibaba: adjusted EBITA). Blank cells") == 1);
  const model::Projection amazon_only = model::project(data, scenario, {.horizon = 4, .companies = {"amazon"}});
  const auto amazon_forecast = report::forecast_document(amazon_only, scenario, data);
  CHECK(mentions(amazon_forecast, "profit measure") == 0);
  CHECK(mentions(amazon_forecast, "(read in no source). Blank cells: not reported.") == 1);

  const auto compare = report::compare_document(projection, scenario, data, "USD", {"capex", "operating_margin"});
  const report::Table& capex = compare.tables[1];
  const report::Table& margin = compare.tables[2];
  CHECK(margin.columns[2].header == "alibaba (adjusted EBITA)");
  CHECK(margin.columns[3].header == "amazon");
  CHECK(capex.columns[2].header == "alibaba");
  std::map<std::string, std::string> status;
  for (const auto& row : capex.rows) status[std::get<std::string>(row[0])] = std::get<std::string>(row[1]);
  CHECK(status["2025Q1"].rfind("actual (", 0) == 0);
  CHECK(status["2025Q1"] == "actual (recalled: alibaba)");
  CHECK(status["2025Q4"] == "actual (guidance: alibaba)");
  CHECK_THAT(status["2025Q2"], !Contains("alibaba"));
  for (const auto& row : margin.rows) CHECK_THAT(std::get<std::string>(row[1]), !Contains("recalled"));
  bool noted = false;
  for (const auto& n : compare.notes)
    noted = noted || n == "alibaba: operating income and margin are its adjusted EBITA.";
  CHECK(noted);

  // Microsoft's capex excludes finance leases; both reports say so beside the figures.
  const std::string microsoft_capex =
      "microsoft: capex is cash paid for property and equipment, excluding finance leases (company-wide).";
  for (const auto* doc : {&forecast, &compare})
    CHECK(std::count(doc->notes.begin(), doc->notes.end(), microsoft_capex) == 1);
  CHECK(j["companies"][3]["capex_basis"] == "cash paid for property and equipment, excluding finance leases");
}

}  // namespace report_projection_report_test
