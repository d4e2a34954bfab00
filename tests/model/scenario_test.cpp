#include "cloudcast/model/scenario.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>

#include "cloudcast/error.hpp"
#include "support/fixtures.hpp"
#include "support/temp_dir.hpp"

using namespace cloudcast;
using Catch::Matchers::Contains;

namespace {

const dataset::Dataset& data() { return fixtures::shared_reference_dataset(); }

void write(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

std::string error_of(std::string_view text) {
  try {
    model::parse_scenario(text, "s.json", data());
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("scenario: the shipped scenarios are built in and load", "[scenario]") {
  const auto names = model::builtin_scenario_names();
  for (const char* name : {"base", "bull", "bear", "obsolescence", "price-war"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
    const model::Scenario s = model::load_scenario(name, data());
    CHECK(s.name == name);
    CHECK(s.companies.size() == 4);
    CHECK(s.digest.size() == 16);
  }
}

TEST_CASE("scenario: base takes capex plans from guidance, not from a commitment of its own", "[scenario]") {
  const model::Scenario s = model::load_scenario("base", data());
  const auto& a = s.company("alibaba");
  CHECK(a.capex_commitment == 0);  // the RMB 380 bn is guidance in data/companies/alibaba.json
  CHECK(a.use_guidance == 1);
  CHECK(a.ai_share_quarter == Quarter{2025, 4});
  CHECK(a.cost_discipline == 0.9);
  CHECK(a.core_from_baseline);
  CHECK(std::isnan(a.variable_cost_ratio));  // calibrated
}

TEST_CASE("scenario: a variant overrides its base and keeps the rest", "[scenario]") {
  const model::Scenario base = model::load_scenario("base", data());
  const model::Scenario obs = model::load_scenario("obsolescence", data());
  const model::Scenario war = model::load_scenario("price-war", data());
  for (const char* id : {"alibaba", "microsoft", "amazon", "google"}) {
    CHECK(obs.company(id).useful_life == 3);
    CHECK(obs.company(id).reported_useful_life == base.company(id).reported_useful_life);
    CHECK(obs.company(id).ai_share == base.company(id).ai_share);
    CHECK(war.company(id).ai_price_change <= -0.3);
  }
  CHECK(obs.chain == std::vector<std::string>{"base", "obsolescence"});
  CHECK(obs.digest != base.digest);
}

TEST_CASE("scenario: ai_share_quarter null puts the share back on each last reported quarter", "[scenario]") {
  const model::Scenario overlay =
      model::parse_scenario(R"({"base": "base", "ai_share_quarter": null})", "overlay.json", data());
  for (const char* id : {"alibaba", "microsoft", "amazon", "google"}) CHECK_FALSE(overlay.company(id).ai_share_quarter);
  CHECK_THROWS_MATCHES(
      model::parse_scenario(R"({"base": "base", "ai_share_quarter": 2025})", "bad.json", data()), DataError,
      Catch::Matchers::Message("bad.json:/ai_share_quarter: expected a calendar quarter such as "
                               "\"2025Q4\" or null (each company's last reported quarter), got number"));
}

TEST_CASE("scenario: drivers are reachable by name through the table", "[scenario]") {
  model::Scenario s = model::load_scenario("base", data());
  CHECK(model::driver(s, "alibaba.useful_life") == 5);
  model::driver(s, "alibaba.useful_life") = 3;
  CHECK(s.company("alibaba").useful_life == 3);
  model::driver(s, "fx.annual_change") = 0.02;
  CHECK(s.fx.annual_change == 0.02);
  CHECK_THROWS_WITH(model::driver(s, "alibaba.usefull_life"), Contains("did you mean 'useful_life'?"));
  CHECK_THROWS_WITH(model::driver(s, "alibba.useful_life"), Contains("did you mean 'alibaba'?"));
  for (const auto& d : model::drivers()) {
    CHECK(d.min <= d.max);
    CHECK(!d.doc.empty());
  }
}

TEST_CASE("scenario: annual rates convert to quarterly by (1+a)^(1/4)-1", "[scenario]") {
  CHECK(model::quarterly_rate(0.0) == 0.0);
  CHECK(model::quarterly_rate(1.0) == Approx(std::pow(2.0, 0.25) - 1).epsilon(1e-15));  // identity
  CHECK(std::pow(1 + model::quarterly_rate(-0.3), 4) == Approx(0.7).epsilon(1e-14));
}

TEST_CASE("scenario: bad values name the place and the expectation", "[scenario]") {
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

TEST_CASE("scenario: files resolve their base, missing and cyclic bases are errors", "[scenario]") {
  testing::TempDir dir;
  write(dir.path() / "mine.json", R"({"base": "base", "defaults": {"useful_life": 4}})");
  write(dir.path() / "child.json", R"({"base": "mine.json", "companies": {"alibaba": {"useful_life": 2}}})");
  write(dir.path() / "a.json", R"({"base": "b.json"})");
  write(dir.path() / "b.json", R"({"base": "a.json"})");
  write(dir.path() / "orphan.json", R"({"base": "nowhere.json"})");

  const model::Scenario child = model::load_scenario((dir.path() / "child.json").string(), data());
  CHECK(child.name == "child");
  CHECK(child.company("alibaba").useful_life == 2);
  CHECK(child.company("amazon").useful_life == 4);
  CHECK(child.company("alibaba").reported_useful_life == 5);  // from base (mine.json sets only useful_life)

  CHECK_THROWS_WITH(model::load_scenario((dir.path() / "a.json").string(), data()), Contains("cyclic"));
  CHECK_THROWS_AS(model::load_scenario((dir.path() / "a.json").string(), data()), DataError);
  CHECK_THROWS_WITH(model::load_scenario((dir.path() / "orphan.json").string(), data()),
                    Contains("orphan.json:/base: cannot load base scenario 'nowhere.json'"));
  CHECK_THROWS_AS(model::load_scenario("bse", data()), UsageError);
  CHECK_THROWS_WITH(model::load_scenario("bse", data()), Contains("did you mean 'base'?"));
  CHECK_THROWS_AS(model::load_scenario((dir.path() / "absent.json").string(), data()), IoError);
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

namespace {

// The reference fixture with the shipped aliases (data/companies/*.json "aliases").
const dataset::Dataset& aliased_data() {
  static const dataset::Dataset d = [] {
    dataset::Dataset copy = fixtures::reference_dataset();
    for (auto& c : copy.companies) {
      if (c.id == "amazon") c.aliases = {"aws"};
      if (c.id == "microsoft") c.aliases = {"azure"};
    }
    return copy;
  }();
  return d;
}

model::Scenario base_with(const std::vector<std::string>& sets) {
  model::Scenario s = model::load_scenario("base", aliased_data());
  std::vector<model::DriverOverride> overrides;
  for (const auto& text : sets) overrides.push_back(model::parse_override(text, aliased_data()));
  model::apply_overrides(s, overrides);
  return s;
}

std::string override_error(const std::vector<std::string>& sets) {
  try {
    base_with(sets);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "no UsageError";
}

}  // namespace

TEST_CASE("scenario: --set forms name a company (or its alias), every company or fx", "[scenario][set]") {
  const auto one = model::parse_override("alibaba.useful_life=3", aliased_data());
  CHECK(one.target == "alibaba");
  CHECK(one.driver == "useful_life");
  CHECK(one.value == "3");
  CHECK(one.text() == "alibaba.useful_life=3");
  const auto alias = model::parse_override("aws.ai_volume_growth=2.0", aliased_data());
  CHECK(alias.target == "amazon");
  CHECK(alias.text() == "amazon.ai_volume_growth=2.0");  // the value as written, the id not the alias
  CHECK(model::parse_override("defaults.useful_life=4", aliased_data()).text() == "useful_life=4");
  CHECK(model::parse_override("useful_life=4", aliased_data()).target == model::kAllCompanies);
  CHECK(model::parse_override("fx.annual_change=0.02", aliased_data()).target == "fx");
}

TEST_CASE("scenario: --set applies on top of the scenario, in order, and changes its digest", "[scenario][set]") {
  const model::Scenario base = model::load_scenario("base", aliased_data());
  const model::Scenario s = base_with({"alibaba.useful_life=3", "azure.ai_volume_growth=2.0"});
  CHECK(s.company("alibaba").useful_life == 3);
  CHECK(s.company("amazon").useful_life == base.company("amazon").useful_life);
  CHECK(s.company("microsoft").ai_volume_growth == 2.0);
  CHECK(s.overrides == std::vector<std::string>{"alibaba.useful_life=3", "microsoft.ai_volume_growth=2.0"});
  CHECK(s.digest != base.digest);
  CHECK(s.digest.size() == 16);
  CHECK(base_with({"alibaba.useful_life=3"}).digest != base_with({"alibaba.useful_life=4"}).digest);
  // Every company, then one company: the later one wins.
  const model::Scenario all = base_with({"useful_life=4", "google.useful_life=7"});
  for (const char* id : {"alibaba", "microsoft", "amazon"}) CHECK(all.company(id).useful_life == 4);
  CHECK(all.company("google").useful_life == 7);
  // Values as in a file: null = calibrated, a bare word, a distribution, fx.
  CHECK(std::isnan(base_with({"alibaba.variable_cost_ratio=0.5", "alibaba.variable_cost_ratio=null"})
                       .company("alibaba")
                       .variable_cost_ratio));
  CHECK_FALSE(base_with({"core_growth=0.1"}).company("google").core_from_baseline);
  CHECK(base_with({"core_growth=0.1", "core_growth=baseline"}).company("google").core_from_baseline);
  const model::Scenario dist = base_with({R"(alibaba.useful_life={"dist": "uniform", "min": 3, "max": 5})"});
  CHECK(dist.company("alibaba").useful_life == 4);
  REQUIRE(dist.company("alibaba").distributions.size() == 1);
  CHECK(dist.company("alibaba").distributions[0].driver == "useful_life");
  CHECK(base_with({"fx.annual_change=0.03"}).fx.annual_change == 0.03);
}

TEST_CASE("scenario: a bad --set is a usage error with the scenario file's message", "[scenario][set]") {
  CHECK(override_error({"alibaba.useful_life"}) ==
        "--set alibaba.useful_life: expected COMPANY.DRIVER=VALUE such as alibaba.useful_life=3 (or "
        "defaults.DRIVER=VALUE, DRIVER=VALUE for every company, fx.annual_change=VALUE)");
  CHECK(override_error({"alibba.useful_life=3"}) ==
        "--set alibba.useful_life=3: unknown company 'alibba'; expected one of alibaba, microsoft, amazon, google "
        "(did you mean 'alibaba'?)");
  CHECK_THAT(override_error({"alibaba.usefull_life=3"}),
             Catch::StartsWith("--set alibaba.usefull_life=3: unknown driver 'usefull_life'; expected one of "
                               "core_growth, ") &&
                 Catch::EndsWith(" (did you mean 'useful_life'?)"));
  CHECK(override_error({"alibaba.useful_life=0"}) ==
        "--set alibaba.useful_life: useful_life = 0 is out of range; expected a number in [0.25, 30] (years)");
  CHECK(override_error({"aws.useful_life=abc"}) ==
        "--set amazon.useful_life: useful_life must be a number in [0.25, 30] (years); got \"abc\"");
  CHECK(override_error({"alibaba.in_service_lag=1.5"}) ==
        "--set alibaba.in_service_lag: in_service_lag must be an integer in [0, 8]; got 1.5");
  CHECK(override_error({"capex_window=2.5"}) ==
        "--set capex_window: capex_window must be an integer in [1, 40]; got 2.5");
  CHECK(override_error({"fx.rate=7"}) ==
        "--set fx.rate=7: unknown fx driver 'rate'; expected one of annual_change, cny_per_usd");
  CHECK(override_error({"fx.annual_change=9"}) ==
        "--set fx/annual_change: expected an annual rate in [-0.5, 0.5]; got 9");
  // Checks across drivers run after every override, as after every file.
  CHECK(override_error({"microsoft.ai_initial_utilization=0.95"}) ==
        "--set:/companies/microsoft/ai_initial_utilization: 0.95 exceeds max_utilization 0.9; expected at most the "
        "maximum");
  CHECK(override_error({"microsoft.max_utilization=0.97", "microsoft.ai_initial_utilization=0.95"}) == "no UsageError");
}

TEST_CASE("scenario: titles name the scenario and its overrides", "[scenario][set]") {
  CHECK(model::scenario_title("base", {}) == "'base'");
  const std::vector<std::string> sets{"alibaba.useful_life=3", "microsoft.ai_volume_growth=2.0"};
  CHECK(model::scenario_title("base", sets) == "'base' with alibaba.useful_life=3, microsoft.ai_volume_growth=2.0");
}

TEST_CASE("scenario: an unnamed overlay from stdin or a pipe is named after its base and source", "[scenario][set]") {
  CHECK(model::parse_scenario(R"({"base": "base", "defaults": {"useful_life": 3}})", "stdin", data()).name ==
        "base + overlay (stdin)");
  CHECK(model::parse_scenario(R"({"defaults": {"useful_life": 3}})", "stdin", data()).name == "stdin");
  CHECK(model::parse_scenario(R"({"name": "mine", "base": "base"})", "stdin", data()).name == "mine");
  // --scenario <(echo ...): the shell passes /dev/fd/N, whose stem is only a number.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  const std::string text = R"({"base": "bull", "companies": {"alibaba": {"useful_life": 3}}})";
  REQUIRE(::write(fds[1], text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  ::close(fds[1]);
  const std::string path = fmt::format("/dev/fd/{}", fds[0]);
  const model::Scenario s = model::load_scenario(path, data());
  ::close(fds[0]);
  CHECK(s.name == "bull + overlay (" + path + ")");
  CHECK(s.company("alibaba").useful_life == 3);
  // A regular file keeps its stem.
  const testing::TempDir dir;
  write(dir.path() / "alibaba-3y.json", R"({"base": "base"})");
  CHECK(model::load_scenario((dir.path() / "alibaba-3y.json").string(), data()).name == "alibaba-3y");
}
