#include <catch2/catch.hpp>

#include "cli/commands.hpp"

using cloudcast::cli::GlobalOptions;
using cloudcast::cli::run_simulate;

TEST_CASE("simulate: an event asked on the command line and in the scenario is reported once", "[cmd_simulate]") {
  // base-uncertain.json lists "alibaba.operating_margin@2027Q2 < 0.05" among its events.
  const auto result = run_simulate(GlobalOptions{}, {"--scenario", "base-uncertain", "--paths", "1000", "--seed", "3",
                                                     "--company", "alibaba", "--prob",
                                                     "alibaba.operating_margin@2027Q2 < 0.05", "--prob",
                                                     "alibaba.operating_margin@2027Q2 < 0.08"});
  const auto& events = result.doc.json.at("events");
  REQUIRE(events.size() == 2);
  CHECK(events[0].at("event") == "alibaba.operating_margin@2027Q2 < 0.05");
  CHECK(events[1].at("event") == "alibaba.operating_margin@2027Q2 < 0.08");
}
