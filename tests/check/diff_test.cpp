#include "cloudcast/check/diff.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace check_diff_test {

using namespace cloudcast::check;
using Json = nlohmann::ordered_json;

namespace {

// A forecast-shaped document (issue 2's JSON contract), small enough to check by hand.
Json forecast() {
  return Json::parse(R"({
    "schema_version": 1, "tool_version": "0.1.0", "inputs_digest": "abc", "scenario": "base",
    "companies": [
      {"id": "alibaba", "currency": "CNY", "quarters": [
        {"period": "2027Q1", "fiscal_period": "FY2027Q4", "actual": false, "revenue": 50000.0, "operating_margin": 0.10, "capex": null},
        {"period": "2027Q2", "fiscal_period": "FY2028Q1", "actual": false, "revenue": 52000.0, "operating_margin": 0.12, "capex": 30000.0}]},
      {"id": "amazon", "currency": "USD", "quarters": [
        {"period": "2027Q1", "fiscal_period": "FY2027Q1", "actual": false, "revenue": 40000.0, "operating_margin": 0.35, "capex": 20000.0},
        {"period": "2027Q2", "fiscal_period": "FY2027Q2", "actual": false, "revenue": 41000.0, "operating_margin": 0.36, "capex": 21000.0}]}]
  })");
}

Json& quarter(Json& doc, std::size_t company, std::size_t q) { return doc["companies"][company]["quarters"][q]; }

void write(const std::filesystem::path& path, const Json& json) { std::ofstream(path) << json.dump(2); }

}  // namespace

TEST_CASE("compare_json: identical documents -> nothing moved", "[diff]") {
  const Comparison c = compare_json(forecast(), forecast(), {});
  CHECK(c.comparable());
  CHECK(c.figures == 11);  // 2 companies x 2 quarters x (revenue, margin, capex) = 12, minus the null/null capex
  CHECK(c.moved() == 0);
  CHECK(c.past_tolerance() == 0);
  CHECK(c.rows.empty());
}

TEST_CASE("compare_json: one number changed -> exactly that readable path, with its change", "[diff]") {
  Json current = forecast();
  quarter(current, 0, 1)["operating_margin"] = 0.09;
  const Comparison c = compare_json(forecast(), current, {});
  REQUIRE(c.rows.size() == 1);
  const Change& row = c.rows[0];
  CHECK(row.path == "alibaba/2027Q2/operating_margin");
  CHECK(*row.baseline == 0.12);
  CHECK(*row.current == 0.09);
  CHECK(*row.change() == Approx(-0.03).epsilon(1e-12));           // 0.09 - 0.12
  CHECK(*row.relative_change() == Approx(-0.25).epsilon(1e-12));  // -0.03 / 0.12
  // The registry measures operating_margin as a fraction: its move reads in points.
  CHECK(row.ratio);
  CHECK(*row.change_points() == Approx(-3.0).epsilon(1e-12));  // 100 x (0.09 - 0.12)
  CHECK(row.past_tolerance);
  CHECK(c.moved() == 1);
  CHECK(c.figures == 11);
}

TEST_CASE("compare_json: rows sorted by size of the relative change", "[diff]") {
  Json current = forecast();
  quarter(current, 0, 0)["revenue"] = 50500.0;         // +1 %
  quarter(current, 1, 1)["capex"] = 10500.0;           // -50 %
  quarter(current, 1, 0)["operating_margin"] = 0.385;  // +10 %
  const Comparison c = compare_json(forecast(), current, {});
  REQUIRE(c.rows.size() == 3);
  CHECK(c.rows[0].path == "amazon/2027Q2/capex");
  CHECK(c.rows[1].path == "amazon/2027Q1/operating_margin");
  CHECK(c.rows[2].path == "alibaba/2027Q1/revenue");
}

TEST_CASE("compare_json: tolerances decide what is past, per metric", "[diff]") {
  Json current = forecast();
  quarter(current, 0, 0)["revenue"] = 50000.4;           // |d| 0.4
  quarter(current, 0, 0)["operating_margin"] = 0.10005;  // |d| 5e-5
  DiffOptions options;
  options.tolerances.fallback = {.rtol = 1e-6, .atol = 0.0};  // revenue band: 1e-6 * 50000 = 0.05
  options.tolerances.metrics.push_back({.key = "operating_margin", .rtol = std::nullopt, .atol = 1e-4});
  const Comparison c = compare_json(forecast(), current, options);
  REQUIRE(c.rows.size() == 2);
  CHECK(c.moved() == 2);
  CHECK(c.past_tolerance() == 1);
  for (const Change& row : c.rows) {
    if (row.path == "alibaba/2027Q1/revenue") CHECK(row.past_tolerance);            // 0.4 > 0.05
    if (row.path == "alibaba/2027Q1/operating_margin") CHECK(!row.past_tolerance);  // 5e-5 <= 1e-4 + 1e-6 * 0.1
  }
  SECTION("loosening rtol to 1e-5 lets revenue pass: 0.4 <= 1e-5 * 50000 = 0.5") {
    options.tolerances.fallback.rtol = 1e-5;
    CHECK(compare_json(forecast(), current, options).past_tolerance() == 0);
  }
}

TEST_CASE("compare_json: a null that becomes a number is a moved figure past any tolerance", "[diff]") {
  Json current = forecast();
  quarter(current, 0, 0)["capex"] = 28000.0;
  DiffOptions options;
  options.tolerances.fallback = {.rtol = 1.0, .atol = 1e9};
  const Comparison c = compare_json(forecast(), current, options);
  REQUIRE(c.rows.size() == 1);
  CHECK(c.rows[0].path == "alibaba/2027Q1/capex");
  CHECK_FALSE(c.rows[0].baseline.has_value());
  CHECK(c.rows[0].past_tolerance);
  CHECK(c.figures == 12);  // the null/null pair became a figure
}

TEST_CASE("compare_json: labels must match exactly, metadata is ignored, digests noted", "[diff]") {
  Json current = forecast();
  current["tool_version"] = "9.9.9";
  current["inputs_digest"] = "def";
  quarter(current, 1, 0)["actual"] = true;
  const Comparison c = compare_json(forecast(), current, {});
  REQUIRE(c.rows.size() == 1);
  CHECK(c.rows[0].path == "amazon/2027Q1/actual");
  CHECK_FALSE(c.rows[0].numeric);
  CHECK(c.labels_changed() == 1);
  CHECK(c.moved() == 0);
  REQUIRE(c.notes.size() == 1);
  CHECK(c.notes[0] == "inputs_digest differs (abc -> def): expected when the data or scenario changed");
}

TEST_CASE("compare_json: elements are matched by id/period, not by position", "[diff]") {
  Json current = forecast();
  std::swap(current["companies"][0], current["companies"][1]);
  CHECK(compare_json(forecast(), current, {}).rows.empty());
}

TEST_CASE("compare_json: not comparable when companies, quarters, keys or schema differ", "[diff]") {
  SECTION("missing company") {
    Json current = forecast();
    current["companies"].erase(1);
    const Comparison c = compare_json(forecast(), current, {});
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0] == "(root): 'amazon' only in baseline");
  }
  SECTION("extra quarter") {
    Json current = forecast();
    Json extra = quarter(current, 0, 1);
    extra["period"] = "2027Q3";
    current["companies"][0]["quarters"].push_back(extra);
    const Comparison c = compare_json(forecast(), current, {});
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0] == "alibaba: '2027Q3' only in current");
  }
  SECTION("schema_version") {
    Json current = forecast();
    current["schema_version"] = 2;
    const Comparison c = compare_json(forecast(), current, {});
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0] == "(root): schema_version is 1 in baseline, 2 in current");
  }
  SECTION("a different shape (another command's output)") {
    const Json other = Json::parse(R"({"schema_version": 1, "tables": []})");
    const Comparison c = compare_json(forecast(), other, {});
    CHECK_FALSE(c.comparable());
    CHECK(std::find(c.problems.begin(), c.problems.end(), "(root): key 'tables' only in current") != c.problems.end());
    CHECK(std::find(c.problems.begin(), c.problems.end(), "(root): key 'companies' only in baseline") !=
          c.problems.end());
  }
  SECTION("type change") {
    Json current = forecast();
    quarter(current, 0, 0)["revenue"] = "50000";
    const Comparison c = compare_json(forecast(), current, {});
    REQUIRE(c.problems.size() == 1);
    CHECK(c.problems[0] == "alibaba/2027Q1/revenue: a number in baseline, a string in current");
  }
}

TEST_CASE("compare_json: keep_unchanged lists every figure, moved ones first", "[diff]") {
  Json current = forecast();
  quarter(current, 1, 1)["revenue"] = 41001.0;
  DiffOptions options;
  options.keep_unchanged = true;
  const Comparison c = compare_json(forecast(), current, options);
  CHECK(c.rows.size() == 11);
  CHECK(c.rows[0].path == "amazon/2027Q2/revenue");
  CHECK(c.moved() == 1);
}

TEST_CASE("compare_json: arrays without naming fields are compared by index, percentiles by key", "[diff]") {
  const Json a = Json::parse(R"({"bands": {"p5": 1.0, "p95": 2.0}, "values": [1, 2, 3]})");
  Json b = a;
  b["bands"]["p95"] = 2.5;
  b["values"][2] = 4;
  const Comparison c = compare_json(a, b, {});
  REQUIRE(c.rows.size() == 2);
  CHECK(c.rows[0].path == "values[2]");  // 3 -> 4: +33 %
  CHECK(c.rows[1].path == "bands/p95");  // 2 -> 2.5: +25 %
}

TEST_CASE("compare_paths: folders file by file, files only on one side are not comparable", "[diff]") {
  cloudcast::testing::TempDir dir;
  const auto a = dir.path() / "a", b = dir.path() / "b";
  std::filesystem::create_directories(a);
  std::filesystem::create_directories(b);
  write(a / "f.json", forecast());
  Json moved = forecast();
  quarter(moved, 0, 0)["revenue"] = 51000.0;
  write(b / "f.json", moved);
  std::ofstream(a / "f.csv") << "x\n1\n";
  std::ofstream(b / "f.csv") << "x\n2\n";
  std::ofstream(a / "index.json") << R"({"runs": [], "duration_seconds": 1})";
  std::ofstream(b / "index.json") << R"({"runs": [], "duration_seconds": 2})";
  Comparison c = compare_paths(a, b, {});
  REQUIRE(c.comparable());
  REQUIRE(c.rows.size() == 1);
  CHECK(c.rows[0].path == "f.json#alibaba/2027Q1/revenue");
  CHECK(c.notes.size() == 2);  // index.json and the CSV file not compared

  write(b / "g.json", forecast());
  c = compare_paths(a, b, {});
  REQUIRE(c.problems.size() == 1);
  CHECK(c.problems[0] == "g.json: only in current");

  CHECK_THROWS_AS(compare_paths(a / "f.json", b, {}), cloudcast::UsageError);
  std::ofstream(a / "bad.json") << "{";
  std::ofstream(b / "bad.json") << "{";
  CHECK_THROWS_AS(compare_paths(a / "bad.json", b / "bad.json", {}), cloudcast::DataError);
  CHECK_THROWS_AS(compare_paths(a / "none.json", b / "none.json", {}), cloudcast::IoError);
}

TEST_CASE("compare_json: a list of notes that grows is a changed label, not a change of shape", "[diff]") {
  const Json a = Json::parse(R"({"notes": ["one"], "values": [1, 2]})");
  const Json b = Json::parse(R"({"notes": ["one", "two"], "values": [1, 2]})");
  const Comparison c = compare_json(a, b, {});
  REQUIRE(c.comparable());
  REQUIRE(c.rows.size() == 1);
  CHECK(c.rows[0].path == "notes[1]");
  CHECK(c.rows[0].baseline_text == "(absent)");
  CHECK(c.rows[0].current_text == "two");
  CHECK(c.labels_changed() == 1);
  const Json d = Json::parse(R"({"notes": ["one"], "values": [1, 2, 3]})");
  CHECK(compare_json(a, d, {}).problems == std::vector<std::string>{"values: 2 elements in baseline, 3 in current"});
}

TEST_CASE("compare_json: a 100,000-deep document is walked without recursion", "[diff]") {
  // Built in memory (the reader would refuse it): only the walker's own stack can carry it.
  const auto nested = [](double leaf) {
    Json value = leaf;
    for (int i = 0; i < 100000; ++i) {
      Json outer = Json::array();
      outer.push_back(std::move(value));
      value = std::move(outer);
    }
    return value;
  };
  const Json baseline = nested(1.0), current = nested(2.0);
  const Comparison same = compare_json(baseline, baseline, {});
  CHECK(same.figures == 1);
  CHECK(same.rows.empty());
  const Comparison moved = compare_json(baseline, current, {});
  REQUIRE(moved.rows.size() == 1);
  CHECK(moved.rows[0].path.size() == 3 * 100000);  // "[0]" per level
  CHECK(*moved.rows[0].baseline == 1.0);
  CHECK(*moved.rows[0].current == 2.0);
}

TEST_CASE("compare_json: problems, notes and rows keep depth-first order", "[diff]") {
  // The walker replays a recursion's order: a's subtree before b's key problem, b's before c's.
  const Json baseline = Json::parse(R"({"a": {"x": 1, "y": 1, "inputs_digest": "1"}, "b": 1, "c": {"z": [1, 2]},
                                        "d": {"inputs_digest": "3"}})");
  const Json current = Json::parse(R"({"a": {"x": "1", "inputs_digest": "2"}, "c": {"z": [1]},
                                       "d": {"inputs_digest": "4"}})");
  const Comparison c = compare_json(baseline, current, {});
  CHECK(c.problems == std::vector<std::string>{"a/x: a number in baseline, a string in current",
                                               "a: key 'y' only in baseline", "(root): key 'b' only in baseline",
                                               "c/z: 2 elements in baseline, 1 in current"});
  CHECK(c.notes ==
        std::vector<std::string>{"a/inputs_digest differs (1 -> 2): expected when the data or scenario changed",
                                 "d/inputs_digest differs (3 -> 4): expected when the data or scenario changed"});
}

TEST_CASE("compare_json: data_origin is provenance, a note and never a failure", "[diff]") {
  // The same figures read from a copy of the data (--data DIR) pass the gate (issue 10).
  Json baseline = forecast(), current = forecast();
  baseline["data_origin"] = "built-in";
  current["data_origin"] = "my-data";
  const Comparison c = compare_json(baseline, current, {});
  CHECK(c.comparable());
  CHECK(c.rows.empty());
  CHECK(c.past_tolerance() == 0);
  CHECK(c.notes == std::vector<std::string>{"data_origin differs (built-in -> my-data): where the inputs came from, "
                                            "not a figure; not part of the check"});
  // data show's JSON calls it origin.
  Json shown = Json::parse(R"({"schema_version": 1, "origin": "built-in", "company": {"id": "amazon"}})");
  Json shown_copy = shown;
  shown_copy["origin"] = "/tmp/data";
  const Comparison d = compare_json(shown, shown_copy, {});
  CHECK(d.rows.empty());
  CHECK(d.notes.size() == 1);
  // A figure that moved still fails beside it.
  quarter(current, 0, 0)["revenue"] = 50001.0;
  CHECK(compare_json(baseline, current, {}).past_tolerance() == 1);
}

TEST_CASE("compare_json: only the registry's fraction metrics are ratios", "[diff]") {
  const Json baseline = Json::parse(R"({"alibaba": {"revenue": 100, "utilization": 0.5, "capex_intensity": 0.2,
                                        "revenue_growth": 0.1}})");
  const Json current = Json::parse(R"({"alibaba": {"revenue": 110, "utilization": 0.6, "capex_intensity": 0.1,
                                       "revenue_growth": 0.2}})");
  const Comparison c = compare_json(baseline, current, {});
  REQUIRE(c.rows.size() == 4);
  std::map<std::string, const Change*> by_path;
  for (const Change& row : c.rows) by_path[row.path] = &row;
  CHECK_FALSE(by_path.at("alibaba/revenue")->ratio);
  CHECK_FALSE(by_path.at("alibaba/revenue")->change_points());
  CHECK(by_path.at("alibaba/utilization")->ratio);
  CHECK(*by_path.at("alibaba/utilization")->change_points() == Approx(10.0).epsilon(1e-12));       // 100 x 0.1
  CHECK(*by_path.at("alibaba/capex_intensity")->change_points() == Approx(-10.0).epsilon(1e-12));  // 100 x -0.1
  CHECK_FALSE(by_path.at("alibaba/revenue_growth")->ratio);  // not a registry metric
  // Sorted by |relative change| (revenue_growth +100 %, revenue +10 %), a ratio by |change|
  // (0.1 each): revenue_growth first.
  CHECK(c.rows[0].path == "alibaba/revenue_growth");
}

}  // namespace check_diff_test
