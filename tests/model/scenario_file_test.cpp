// scenario_file.cpp: one scenario file's content, its values and their messages.
#include "cloudcast/model/scenario.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"
#include "support/fixtures.hpp"

namespace model_scenario_file_test {

using namespace cloudcast;
using Catch::Matchers::Contains;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

std::string error_of(std::string_view text) {
  try {
    model::parse_scenario(text, "s.json", data());
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("scenario: ai_share_quarter null puts the share back on each last reported quarter", "[scenario]") {
  const model::Scenario overlay =
      model::parse_scenario(R"({"base": "base", "ai_share_quarter": null})", "overlay.json", data());
  for (const char* id : {"alibaba", "microsoft", "amazon", "google"}) CHECK_FALSE(overlay.company(id).ai_share_quarter);
  CHECK_THROWS_MATCHES(
      model::parse_scenario(R"({"base": "base", "ai_share_quarter": 2025})", "bad.json", data()), DataError,
      Catch::Matchers::Message("bad.json:/ai_share_quarter: expected a calendar quarter such as "
                               "\"2025Q4\" or null (each company's last reported quarter), got number"));
}

TEST_CASE("scenario: bad values name the place and the expectation", "[scenario]") {
  {  // A 5,000-byte key is quoted as a 40-byte excerpt, in the pointer and the message.
    const std::string cut = std::string(40, 'c') + "...";
    CHECK(error_of(R"({"companies": {")" + std::string(5000, 'c') + R"(": {}}})") ==
          "s.json:/companies/" + cut + ": unknown company '" + cut +
              "'; expected one of alibaba, microsoft, amazon, google");
  }
  SECTION("useful life 0") {
    CHECK_THAT(error_of(R"({"defaults": {"useful_life": 0}})"),
               Contains("s.json:/defaults/useful_life") && Contains("expected a number in [0.25, 30]"));
  }
  SECTION("negative ratio") {
    CHECK_THAT(error_of(R"({"companies": {"amazon": {"variable_cost_ratio": -0.1}}})"),
               Contains("s.json:/companies/amazon/variable_cost_ratio") && Contains("out of range"));
  }
  SECTION("utilisation above 1") {
    CHECK_THAT(error_of(R"({"defaults": {"max_utilization": 1.2}})"), Contains("/defaults/max_utilization"));
  }
  SECTION("unknown driver") {
    CHECK_THAT(error_of(R"({"defaults": {"usefull_life": 3}})"),
               Contains("s.json:/defaults/usefull_life") && Contains("did you mean 'useful_life'?"));
  }
  SECTION("unknown company") {
    CHECK_THAT(error_of(R"({"companies": {"alibab": {"ai_share": 0.1}}})"),
               Contains("s.json:/companies/alibab") && Contains("did you mean 'alibaba'?"));
  }
  SECTION("wrong type") {
    CHECK_THAT(error_of(R"({"defaults": {"ai_share": "high"}})"), Contains("ai_share must be a number"));
  }
  SECTION("broken JSON gives line and column") {
    CHECK_THAT(error_of("{\n  \"defaults\": {\"ai_share\": 0.1,}\n}"),
               Contains("s.json:2:") && Contains("invalid JSON"));
  }
  SECTION("empty file") { CHECK(error_of("  \n") == "s.json:1:1: empty file; expected a JSON scenario object"); }
  SECTION("a key given twice") {  // nlohmann alone would keep 0.9 (issue 11, G)
    CHECK(error_of(R"({"defaults": {"ai_share": 0.2, "ai_share": 0.9}})") ==
          "s.json:1:32: duplicate key \"ai_share\" at /defaults/ai_share (first at 1:15); expected each key once per "
          "object");
  }
  SECTION("a number beyond the double range") {
    CHECK(error_of(R"({"defaults": {"ai_share": 1e999}})") ==
          "s.json:1:27: number 1e999 is out of range; expected a finite number");
  }
  SECTION("a description that is not text") {
    CHECK(error_of(R"({"description": ["a"]})") == "s.json:/description: expected a string; got an array");
  }
  SECTION("explicit phasing needs one weight per quarter") {
    CHECK_THAT(error_of(R"({"companies": {"alibaba": {"capex": {"phasing": "explicit", "weights": [1, 2]}}}})"),
               Contains("expected 12 weights, got 2"));
  }
  SECTION("a lag must be a whole number of quarters") {
    CHECK_THAT(error_of(R"({"defaults": {"in_service_lag": 1.5}})"), Contains("must be an integer in [0, 8]"));
  }
}

TEST_CASE("scenario: the capex object and the fx section are read", "[scenario]") {
  const model::Scenario s = model::parse_scenario(R"({
    "fx": {"cny_per_usd": 7.2, "annual_change": 0.01, "path": [7.2, 7.25]},
    "companies": {"alibaba": {"capex": {"commitment": 100000, "start": "2026Q1", "window": 4,
                                        "phasing": "explicit", "weights": [4, 3, 2, 1],
                                        "cloud_share": 0.9, "growth": 0.1, "run_rate": 5}}}})",
                                                  "s.json", data());
  const auto& a = s.company("alibaba");
  CHECK(a.capex_commitment == 100000);
  CHECK(a.capex_start == Quarter{2026, 1});
  CHECK(a.capex_window == 4);
  CHECK(a.capex_phasing == model::Phasing::explicit_list);
  CHECK(a.capex_weights == std::vector<double>{4, 3, 2, 1});
  CHECK(a.capex_cloud_share == 0.9);
  CHECK(a.capex_growth == 0.1);
  CHECK(a.capex_run_rate == 5);
  CHECK(s.fx.cny_per_usd == 7.2);
  CHECK(s.fx.annual_change == 0.01);
  CHECK(s.fx.path == std::vector<double>{7.2, 7.25});
  CHECK_THAT(error_of(R"({"companies": {"alibaba": {"capex": {"start": "2026-01"}}}})"),
             Contains("/companies/alibaba/capex/start: expected a calendar quarter"));
  CHECK_THAT(error_of(R"({"fx": {"cny_per_usd": -7}})"), Contains("s.json:/fx/cny_per_usd"));
}

}  // namespace model_scenario_file_test
