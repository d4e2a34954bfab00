#include "dataset/magnitude.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "dataset/calendar.hpp"

namespace dataset_magnitude_test {

using namespace cloudcast;
using namespace cloudcast::dataset;

namespace {

// A made-up company: observations numbered in the order given, so each place is known.
struct Row {
  std::string metric;
  Quarter period;
  double value;
};

Company company(const std::vector<Row>& rows) {
  Company c{.id = "x", .name = "X", .segment = "S", .currency = "USD", .fiscal_year_end_month = 12};
  c.origin = "t.json";
  for (std::size_t i = 0; i < rows.size(); ++i)
    c.observations.push_back(Observation{.period = rows[i].period,
                                         .fiscal_period = fiscal_label(rows[i].period, 12),
                                         .metric = rows[i].metric,
                                         .value = rows[i].value,
                                         .unit = "USD m",
                                         .segment_basis = "b",
                                         .origin = "t.json:/observations/" + std::to_string(i)});
  return c;
}

std::vector<std::string> messages(const Company& c) {
  std::vector<std::string> out;
  for (const ImplausibleFigure& f : implausible_figures(c)) out.push_back(f.message);
  return out;
}

}  // namespace

TEST_CASE("magnitude: a quarter 1000 times its neighbours is named with the median it was held against",
          "[magnitude]") {
  // Window of 2024Q3: 100 110 120000 130 140, lower median 130; 120000 / 130 = 923.08.
  // Every other quarter's window holds the slip too, but its median stays 110..140.
  const Company c = company({{"revenue", {2024, 1}, 100},
                             {"revenue", {2024, 2}, 110},
                             {"revenue", {2024, 3}, 120000},
                             {"revenue", {2024, 4}, 130},
                             {"revenue", {2025, 1}, 140}});
  CHECK(messages(c) == std::vector<std::string>{
                           "t.json:/observations/2/value: revenue 2024Q3 = 120000 USD m is 923.1 times the median 130 "
                           "of 2024Q1..2025Q1 (b); expected within 10 times its neighbours (a unit slip, billions "
                           "for millions?)"});
}

TEST_CASE("magnitude: a revenue of 0 between positive quarters is a slip", "[magnitude]") {
  const Company c = company({{"revenue", {2024, 1}, 30000},
                             {"revenue", {2024, 2}, 31000},
                             {"revenue", {2024, 3}, 0},
                             {"revenue", {2024, 4}, 32000},
                             {"revenue", {2025, 1}, 33000}});
  CHECK(messages(c) == std::vector<std::string>{
                           "t.json:/observations/2/value: revenue 2024Q3 = 0 USD m is 0 times the median 31000 of "
                           "2024Q1..2025Q1 (b); expected within 10 times its neighbours (a unit slip, billions for "
                           "millions?)"});
}

TEST_CASE("magnitude: a figure beyond 1e9 m is refused whatever its neighbours", "[magnitude]") {
  const Company c = company({{"capex", {2024, 1}, 1e308}, {"operating_income", {2024, 2}, -2e9}});
  CHECK(messages(c) == std::vector<std::string>{
                           "t.json:/observations/0/value: capex 2024Q1 = 1e+308 USD m is beyond 1e+09 USD m; expected "
                           "a figure in millions (more than world output in a quarter is a slip)",
                           "t.json:/observations/1/value: operating_income 2024Q2 = -2e+09 USD m is beyond 1e+09 USD "
                           "m; expected a figure in millions (more than world output in a quarter is a slip)"});
}

TEST_CASE("magnitude: operating income above revenue or below -10 times it", "[magnitude]") {
  const Company c = company({{"revenue", {2024, 1}, 100},
                             {"revenue", {2024, 2}, 100},
                             {"revenue", {2024, 3}, 100},
                             {"operating_income", {2024, 1}, 150},
                             {"operating_income", {2024, 2}, -1001},
                             {"operating_income", {2024, 3}, -1000},   // -1,000 %: the bound itself passes
                             {"operating_income", {2024, 4}, 5000}});  // no revenue that quarter: not compared
  CHECK(messages(c) == std::vector<std::string>{
                           "t.json:/observations/3/value: operating_income 2024Q1 = 150 USD m is 1.5 times revenue "
                           "100 (t.json:/observations/0); expected an operating margin between -1000 % and 100 %",
                           "t.json:/observations/4/value: operating_income 2024Q2 = -1001 USD m is -10.01 times "
                           "revenue 100 (t.json:/observations/1); expected an operating margin between -1000 % and "
                           "100 %"});
}

TEST_CASE("magnitude: growth of 5x between two quarters passes, 10x is the bound", "[magnitude]") {
  // Two quarters: the lower median is the smaller, so only the larger could be named.
  CHECK(messages(company({{"revenue", {2024, 1}, 100}, {"revenue", {2024, 2}, 500}})).empty());
  CHECK(messages(company({{"revenue", {2024, 1}, 100}, {"revenue", {2024, 2}, 1000}})).empty());
  CHECK(messages(company({{"revenue", {2024, 1}, 100}, {"revenue", {2024, 2}, 1001}})).size() == 1);
}

TEST_CASE("magnitude: the shipped data hold no implausible figure", "[magnitude]") {
  const Dataset data = load_dataset_unchecked(std::nullopt);
  for (const Company& c : data.companies) CHECK(messages(c).empty());
}

TEST_CASE("magnitude: validate lists the slips as errors", "[magnitude]") {
  Dataset data;
  data.companies.push_back(company({{"revenue", {2024, 1}, 100}, {"revenue", {2024, 2}, 1e6}}));
  const auto issues = validate(data);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].severity == Severity::error);
  CHECK(issues[0].message ==
        "t.json:/observations/1/value: revenue 2024Q2 = 1e+06 USD m is 1e+04 times the median 100 of 2024Q1..2024Q2 "
        "(b); expected within 10 times its neighbours (a unit slip, billions for millions?)");
}

}  // namespace dataset_magnitude_test
