#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "cli/commands.hpp"

namespace cli_cmd_simulate_test {

using cloudcast::cli::GlobalOptions;
using cloudcast::cli::run_simulate;

TEST_CASE("simulate: an event asked on the command line and in the scenario is reported once", "[cmd_simulate]") {
  // base-uncertain.json lists "alibaba.operating_margin@2027Q2 < 0.05" among its events.
  const auto result =
      run_simulate(GlobalOptions{},
                   {"--scenario", "base-uncertain", "--paths", "1000", "--seed", "3", "--company", "alibaba", "--prob",
                    "alibaba.operating_margin@2027Q2 < 0.05", "--prob", "alibaba.operating_margin@2027Q2 < 0.08"});
  const auto& events = result.doc.json.at("events");
  REQUIRE(events.size() == 2);
  CHECK(events[0].at("event") == "alibaba.operating_margin@2027Q2 < 0.05");
  CHECK(events[1].at("event") == "alibaba.operating_margin@2027Q2 < 0.08");
}

TEST_CASE("simulate: AI shares pinned by --set give forecast's revenue in the JSON, every company", "[cmd_simulate]") {
  // Each company's AI share a point mass away from base's (the "base" value keeps the
  // calibration at base's): every path refits its core at the pinned share (decision
  // 0750), so the median is forecast's revenue at that share. Before the refit amazon's
  // 2029Q1 read 71,124 against forecast's 72,455.
  const std::vector<std::pair<std::string, std::string>> pins = {
      {"alibaba", "0.14"}, {"microsoft", "0.26"}, {"amazon", "0.072"}, {"google", "0.11"}};
  const std::vector<std::string> base = {"0.2", "0.2", "0.1", "0.15"};
  std::vector<std::string> sim_args = {"--paths",       "300", "--no-baseline-error", "--metric", "revenue",
                                       "--percentiles", "50"};
  std::vector<std::string> forecast_args;
  for (std::size_t i = 0; i < pins.size(); ++i) {
    const auto& [company, share] = pins[i];
    sim_args.insert(sim_args.end(), {"--set", company + ".ai_share={\"dist\": \"normal\", \"mean\": " + share +
                                                  ", \"sd\": 0, \"base\": " + base[i] + "}"});
    forecast_args.insert(forecast_args.end(), {"--set", company + ".ai_share=" + share});
  }
  const auto sim = run_simulate(GlobalOptions{}, sim_args).doc.json;
  const auto forecast = cloudcast::cli::run_forecast(GlobalOptions{}, forecast_args).doc.json;
  int checked = 0;
  for (const auto& company : sim.at("companies")) {
    const auto f = std::find_if(forecast.at("companies").begin(), forecast.at("companies").end(),
                                [&](const auto& c) { return c.at("id") == company.at("id"); });
    REQUIRE(f != forecast.at("companies").end());
    for (const auto& q : company.at("metrics").at(0).at("quarters")) {
      const auto fq = std::find_if(f->at("quarters").begin(), f->at("quarters").end(),
                                   [&](const auto& x) { return x.at("period") == q.at("period"); });
      if (fq == f->at("quarters").end()) continue;
      INFO(company.at("id").get<std::string>() << " " << q.at("period").get<std::string>());
      CHECK(q.at("percentiles").at("P50").get<double>() == Approx(fq->at("revenue").get<double>()).epsilon(1e-9));
      ++checked;
    }
  }
  CHECK(checked == 48);
}

}  // namespace cli_cmd_simulate_test
