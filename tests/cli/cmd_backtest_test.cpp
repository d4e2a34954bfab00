// `cloudcast backtest --engine` through the whole CLI: option errors (exit 2, exact
// messages) and the built-in data's cells and rule-of-thumb scores. The engine's own
// figures are not pinned: they change with every economics change; the rules' depend
// only on the data.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_cli.hpp"
#include "support/temp_dir.hpp"

namespace cli_cmd_backtest_test {

using cloudcast::testing::run_cli;

namespace {

nlohmann::json summary_row(const nlohmann::json& doc, const std::string& metric, const std::string& horizons) {
  for (const auto& row : doc["tables"][0]["rows"])
    if (row["metric"] == metric && row["horizons"] == horizons) return row;
  FAIL("no summary row " << metric << " " << horizons);
  return {};
}

}  // namespace

TEST_CASE("backtest --engine: option errors exit 2 with the exact message", "[cli][backtest_engine]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"--engine", "--series", "x.csv"}, "--series and --engine: expected one of the two, got both"},
      {{"--engine", "--horizon", "9"}, "--horizon: expected an integer in [1, 8], got '9'"},
      {{"--engine", "--from", "2024X2"}, "--from: expected a quarter such as 2024Q2, got '2024X2'"},
      {{"--engine", "--from", "2026Q1"},
       "--from: no origin from 2026Q1 on has a later reported quarter to score; expected an earlier quarter"},
      {{"--engine", "--models", "naive"},
       "--models: not an option of backtest --engine; expected one of --scenario, --model, --company, --horizon, "
       "--from, --cells-out"},
      {{"--engine", "--company", "amazn"},
       "--company: unknown company 'amazn'; expected one of alibaba, amazon, google, microsoft (did you mean "
       "'amazon'?)"},
      {{"--from", "2024Q2"}, "--from: an option of backtest --engine only; expected --engine with it"},
      {{"--model", "trend"}, "--model: an option of backtest --engine only; expected --engine with it"},
  };
  for (const auto& [args, message] : cases) {
    std::vector<std::string> argv{"backtest"};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_cli(argv);
    INFO(message);
    CHECK(r.code == 2);
    CHECK(r.err == "cloudcast: error: " + message + "\n");
    CHECK(r.out.empty());
  }
  const auto model = run_cli({"backtest", "--engine", "--model", "thetta"});
  CHECK(model.code == 2);
  CHECK(model.err.find("cloudcast: error: --model: unknown model 'thetta'") == 0);
}

TEST_CASE("backtest --engine --from 2024Q2 on the built-in data: cells and the rules' scores",
          "[cli][backtest_engine]") {
  const auto r = run_cli({"backtest", "--engine", "--from", "2024Q2", "--format", "json"});
  REQUIRE(r.code == 0);
  const auto doc = nlohmann::json::parse(r.out);
  CHECK(doc["command"] == "backtest --engine");
  CHECK(doc["scenario"] == "base");
  CHECK(doc["from"] == "2024Q2");
  // 7 origins (2024Q2..2025Q4) for Alibaba, Amazon and Google, whose 2026Q1 is reported;
  // Microsoft's revenue basis changed in FY2025: 2024Q2 on the old basis, 2025Q2..2025Q4
  // once the new one has 8 quarters.
  CHECK(doc["tables"].back()["title"] == "Origins");
  CHECK(doc["tables"].back()["rows"].size() == 25);

  const auto rev4 = summary_row(doc, "revenue MAPE (%)", "1-4"), rev1 = summary_row(doc, "revenue MAPE (%)", "1");
  CHECK(rev4["cells"] == 72);
  CHECK(rev1["cells"] == 24);
  CHECK(rev4["naive"].get<double>() == Approx(14.0473).margin(5e-4));
  CHECK(rev4["seasonal_naive"].get<double>() == Approx(22.4149).margin(5e-4));
  CHECK(rev4["yoy_rule"].get<double>() == Approx(5.9087).margin(5e-4));
  CHECK(rev1["yoy_rule"].get<double>() == Approx(3.0561).margin(5e-4));
  CHECK(rev4["ours"].is_number());

  const auto m4 = summary_row(doc, "operating margin MAE (points)", "1-4");
  CHECK(m4["cells"] == 72);
  CHECK(m4["naive"].get<double>() == Approx(3.2155).margin(5e-4));
  CHECK(m4["seasonal_naive"].get<double>() == Approx(4.5169).margin(5e-4));
  CHECK(m4["yoy_rule"].is_null());
  CHECK(summary_row(doc, "operating margin MAE (points)", "1")["naive"].get<double>() == Approx(2.0695).margin(5e-4));

  // Company-wide capex is reported by Amazon and Microsoft over the whole window.
  const auto c = run_cli({"backtest", "--engine", "--from", "2024Q2", "--company", "amazon", "--company", "microsoft",
                          "--format", "json"});
  REQUIRE(c.code == 0);
  const auto capex = summary_row(nlohmann::json::parse(c.out), "company capex MAPE (%)", "1-4");
  CHECK(capex["cells"] == 32);
  CHECK(capex["naive"].get<double>() == Approx(23.7469).margin(5e-4));
  CHECK(capex["yoy_rule"].get<double>() == Approx(14.5890).margin(5e-4));

  // Every origin: 95 revenue cells at horizons 1-4.
  const auto all = run_cli({"backtest", "--engine", "--horizon", "4", "--format", "csv"});
  REQUIRE(all.code == 0);
  CHECK(all.out.find("\nsummary,,,,,revenue MAPE (%)/1-4,cells,95,,\n") != std::string::npos);
}

TEST_CASE("backtest --engine --cells-out: every scored cell with each rule's forecast", "[cli][backtest_engine]") {
  const cloudcast::testing::TempDir dir;
  const std::string path = (dir.path() / "cells.csv").string();
  const auto r = run_cli({"backtest", "--engine", "--from", "2024Q2", "--company", "amazon", "--horizon", "1",
                          "--cells-out", path, "--quiet"});
  REQUIRE(r.code == 0);
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // Header, then origins 2024Q2..2025Q4 x (revenue, margin, capex) at h = 1.
  REQUIRE(lines.size() == 1 + 7 * 3);
  CHECK(lines[0] == "company,origin,h,period,metric,actual,ours,naive,seasonal naive,YoY rule");
  // AWS 2024Q3 from 2024Q2: naive 26,281; seasonal naive 2023Q3's 23,059; YoY rule
  // 23,059 x 26,281 / 22,140 (2023Q2).
  std::istringstream row(lines[1]);
  std::vector<std::string> f;
  for (std::string field; std::getline(row, field, ',');) f.push_back(field);
  REQUIRE(f.size() == 10);
  CHECK(f[0] + "," + f[1] + "," + f[2] + "," + f[3] + "," + f[4] == "amazon,2024Q2,1,2024Q3,revenue");
  CHECK(std::stod(f[5]) == 27452);
  CHECK(std::stod(f[7]) == 26281);
  CHECK(std::stod(f[8]) == 23059);
  CHECK(std::stod(f[9]) == Approx(23059.0 * 26281 / 22140).epsilon(1e-12));
  // Margin has no YoY rule: the field is empty.
  CHECK(lines[2].find("amazon,2024Q2,1,2024Q3,operating_margin,") == 0);
  CHECK(lines[2].back() == ',');
}

}  // namespace cli_cmd_backtest_test
