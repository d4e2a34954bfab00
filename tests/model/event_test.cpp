#include "cloudcast/model/event.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"

namespace model_event_test {

using namespace cloudcast;
using namespace cloudcast::model;

TEST_CASE("event: parses company.metric@quarter OP threshold", "[event]") {
  const auto e = parse_event("alibaba.operating_margin@2027Q2 < 0.05", "--prob");
  CHECK(e.company == "alibaba");
  CHECK(e.metric == "operating_margin");
  CHECK(e.quarter == Quarter{2027, 2});
  CHECK(e.op == Comparison::less);
  CHECK(e.threshold == 0.05);
  CHECK(e.holds(0.04));
  CHECK_FALSE(e.holds(0.05));
  const auto ge = parse_event("amazon.revenue@2026q4>=-1e3", "--prob");
  CHECK(ge.op == Comparison::greater_equal);
  CHECK(ge.threshold == -1000);
  CHECK(ge.holds(-1000));
  CHECK(parse_event("a.b@2026Q1 <= 1", "--prob").op == Comparison::less_equal);
  CHECK(parse_event("a.b@2026Q1 > 1", "--prob").op == Comparison::greater);
}

TEST_CASE("event: bad expressions say what is wrong", "[event]") {
  auto error_of = [](const char* text) {
    try {
      parse_event(text, "--prob");
    } catch (const UsageError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of("alibaba.operating_margin@2027Q2"), Catch::Contains("no comparison"));
  CHECK_THAT(error_of("alibaba.operating_margin@2027Q2 <"), Catch::Contains("missing threshold"));
  CHECK_THAT(error_of("alibaba.operating_margin@2027Q2 < abc"), Catch::Contains("threshold 'abc' is not a number"));
  CHECK_THAT(error_of("alibaba.operating_margin < 0.1"), Catch::Contains("missing @quarter"));
  CHECK_THAT(error_of("operating_margin@2027Q2 < 0.1"), Catch::Contains("missing company."));
  CHECK_THAT(error_of("alibaba.operating_margin@2027Q5 < 0.1"), Catch::Contains("quarter '2027Q5'"));
  CHECK_THAT(error_of("a.b@2027Q1 < 1 < 2"), Catch::Contains("more than one comparison"));
  CHECK_THROWS_AS(parse_event("x", "f.json:/events/0", true), DataError);
}

}  // namespace model_event_test
