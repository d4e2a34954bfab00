#include "cloudcast/model/track.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <numbers>

#include "cloudcast/error.hpp"
#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/report/simulation_report.hpp"
#include "support/fixtures.hpp"

namespace model_track_test {

using namespace cloudcast;
using Catch::Matchers::Contains;
using json = nlohmann::ordered_json;

namespace {

// A forecast file for Amazon made at 2025Q2 (last actual 2025Q2), by hand: 2025Q3
// revenue 34,006 against the reported 33,006 (error +1,000) with a baseline 95 %
// interval of +-1.96 x 1,000 (sd 1,000: the percentile is 100 Phi(-1) = 15.8655), and
// company capex 36,095 against the reported 35,095 (error +1,000, no distribution).
json amazon_forecast() {
  const double half = forecast::kZ95 * 1000;
  return {{"schema_version", 1},
          {"scenario", "base"},
          {"horizon", 2},
          {"companies",
           {{{"id", "amazon"},
             {"currency", "USD"},
             {"baseline", {{"lower95", {34006 - half, 0.0}}, {"upper95", {34006 + half, 0.0}}}},
             {"quarters",
              {{{"period", "2025Q2"}, {"actual", true}, {"revenue", 30873}},
               {{"period", "2025Q3"}, {"actual", false}, {"revenue", 34006}, {"capex_company", 36095}},
               {{"period", "2025Q4"}, {"actual", false}, {"revenue", nullptr}}}}}}}};
}

}  // namespace

TEST_CASE("track reads only the schema versions of the forecast and simulate outputs") {
  CHECK(model::kTrackedSchemaVersion == report::kForecastSchemaVersion);
  CHECK(model::kTrackedSchemaVersion == report::kSimulationSchemaVersion);
}

TEST_CASE("percentile_of interpolates between the quantile points") {
  const std::vector<std::pair<double, double>> q{{0, 0}, {0.25, 10}, {0.5, 20}, {0.75, 20}, {1, 100}};
  CHECK(model::percentile_of(q, 5) == Approx(12.5));   // halfway from (0, 0) to (0.25, 10)
  CHECK(model::percentile_of(q, 15) == Approx(37.5));  // halfway from 0.25 to 0.5
  CHECK(model::percentile_of(q, 20) == Approx(62.5));  // the flat run 0.5..0.75: its middle
  CHECK(model::percentile_of(q, 60) == Approx(87.5));  // halfway from (0.75, 20) to (1, 100)
  CHECK(model::percentile_of(q, -1) == 0);
  CHECK(model::percentile_of(q, 101) == 100);
  CHECK(model::percentile_of(q, 100) == 100);
}

TEST_CASE("normal_log_density is the log of the normal density") {
  // At the mean with sd 1: -log(sqrt(2 pi)) = -0.918938533...; one sd away with sd 2:
  // -0.5 - log 2 - 0.918938533 = -2.112085713...
  CHECK(model::normal_log_density(3, 3, 1) == Approx(-0.9189385332046727).epsilon(1e-14));
  CHECK(model::normal_log_density(5, 3, 2) == Approx(-2.1120857137646180).epsilon(1e-14));
}

TEST_CASE("read_tracked_output names the place of what is wrong") {
  json j = amazon_forecast();
  j["schema_version"] = 2;
  CHECK_THROWS_WITH(model::read_tracked_output(j, "f.json"),
                    "f.json:/schema_version: expected schema version 1 (the forecast and simulate schema this "
                    "cloudcast reads), got 2");
  CHECK_THROWS_WITH(model::read_tracked_output(json{{"schema_version", 1}, {"rates", json::array()}}, "fx.json"),
                    Contains("fx.json: not a cloudcast forecast or simulate output"));
  j = amazon_forecast();
  j["companies"][0]["quarters"][1]["revenue"] = "many";
  CHECK_THROWS_WITH(model::read_tracked_output(j, "f.json"),
                    "f.json:/companies/0/quarters/1/revenue: expected a number, got \"many\"");
  j = amazon_forecast();
  j["companies"][0].erase("currency");
  CHECK_THROWS_AS(model::read_tracked_output(j, "f.json"), DataError);
}

TEST_CASE("track lines a forecast up with the quarters reported since") {
  const model::TrackedOutput output = model::read_tracked_output(amazon_forecast(), "f.json");
  REQUIRE(output.kind == model::TrackedKind::forecast);
  REQUIRE(output.companies.at(0).last_reported == Quarter{2025, 2});
  const auto r = model::track(output, fixtures::shared_reference_dataset(),
                              {.band = 50, .paths = 200, .scenarios = {"base", "bear"}});
  CHECK(r.cut == Quarter{2025, 2});
  REQUIRE(r.rows.size() == 2);  // 2025Q3 revenue and capex; 2025Q4 revenue is null in the file
  CHECK(r.rows[0].metric == model::BacktestMetric::revenue);
  CHECK(r.rows[0].reported == 33006);
  CHECK(r.rows[0].error == 1000);
  CHECK(*r.rows[0].percentile == Approx(15.865525393145708).epsilon(1e-12));
  CHECK_FALSE(*r.rows[0].inside);  // outside the central 50 %: [25, 75]
  CHECK(r.rows[1].metric == model::BacktestMetric::capex);
  CHECK(r.rows[1].reported == 35095);
  CHECK(r.rows[1].error == 1000);
  CHECK_FALSE(r.rows[1].percentile);
  CHECK(r.outside == 1);
  CHECK(r.latest == Quarter{2025, 3});
  // Ranked on Amazon's 2025Q3 and 2025Q4 revenue and margin (the reference data report
  // both quarters): 4 cells each, best first, weights summing to 1.
  REQUIRE(r.ranking.size() == 2);
  for (const auto& s : r.ranking) {
    CHECK(s.cells == 4);
    CHECK(std::isfinite(s.log_likelihood));
  }
  CHECK(r.ranking[0].log_likelihood >= r.ranking[1].log_likelihood);
  CHECK(r.ranking[0].weight + r.ranking[1].weight == Approx(1));
  CHECK(r.ranking[1].weight / r.ranking[0].weight ==
        Approx(std::exp(r.ranking[1].log_likelihood - r.ranking[0].log_likelihood)));
}

TEST_CASE("track reads a simulate file's percentiles") {
  // One cell: min 30,000, P50 33,000, max 34,000; the reported 33,006 lands 6/1000 of
  // the way from P50 to the maximum: percentile 50 + 50 x 0.006 = 50.3.
  const json j = {{"schema_version", 1},
                  {"scenario", "base-uncertain"},
                  {"paths", 1000},
                  {"percentiles", {0.5}},
                  {"companies",
                   {{{"id", "amazon"},
                     {"currency", "USD"},
                     {"metrics",
                      {{{"metric", "revenue"},
                        {"quarters",
                         {{{"period", "2025Q3"},
                           {"mean", 32900},
                           {"min", 30000},
                           {"max", 34000},
                           {"percentiles", {{"P50", 33000}}}}}}}}}}}}};
  const model::TrackedOutput output = model::read_tracked_output(j, "s.json");
  REQUIRE(output.kind == model::TrackedKind::simulate);
  const auto r = model::track(output, fixtures::shared_reference_dataset(), {.paths = 100, .scenarios = {"base"}});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].error == -106);
  CHECK(*r.rows[0].percentile == Approx(50.3));
  CHECK(*r.rows[0].inside);
}

TEST_CASE("track rejects a band outside (0, 100)") {
  const model::TrackedOutput output = model::read_tracked_output(amazon_forecast(), "f.json");
  CHECK_THROWS_AS(model::track(output, fixtures::shared_reference_dataset(), {.band = 100}), UsageError);
}

}  // namespace model_track_test
