#include "report/fan_report.hpp"

#include <catch2/catch.hpp>

#include <cmath>

namespace report_fan_report_test {

using namespace cloudcast::report;

TEST_CASE("fan: bands and median land on the axis positions", "[fan]") {
  // Axis 0..10 over 10 characters: value x sits in character floor(x).
  const std::string fan = draw_fan({1, 3, 5, 7, 9}, 0, 10, 10);
  CHECK(fan == " ░░▓▓┃▓▓░░");                          // P5 in cell 1, P25 in 3, median 5, P75 7, P95 9
  CHECK(draw_fan({0, 0, 0, 0, 0}, 0, 0, 5) == "  ┃");  // a degenerate axis puts everything mid-way
  CHECK(draw_fan({std::nan(""), 0, 0, 0, 0}, 0, 1, 4) == "    ");
}

}  // namespace report_fan_report_test
