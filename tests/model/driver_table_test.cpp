// driver_table.cpp: the driver table and lookups by name.
#include "cloudcast/model/scenario.hpp"

#include <catch2/catch.hpp>

#include <utility>

#include "cloudcast/error.hpp"

namespace model_driver_table_test {

using namespace cloudcast;
using Catch::Matchers::Contains;

TEST_CASE("driver table: every row has a range and a description", "[scenario]") {
  for (const auto& d : model::drivers()) {
    CHECK(d.min <= d.max);
    CHECK(!d.doc.empty());
  }
}

TEST_CASE("driver table: find_driver reads a row by name, and suggests on a typo", "[scenario]") {
  const model::DriverInfo& life = model::find_driver("useful_life");
  CHECK(life.min == 0.25);
  CHECK(life.max == 30);
  CHECK(life.unit == "years");
  model::CompanyDrivers d;
  model::driver(d, "useful_life") = 4;
  CHECK(d.useful_life == 4);
  CHECK(model::driver(std::as_const(d), "capex_window") == 12);  // the default window
  CHECK_THROWS_AS(model::find_driver("usefull_life"), UsageError);
  CHECK_THROWS_WITH(model::find_driver("usefull_life"), Contains("did you mean 'useful_life'?"));
}

}  // namespace model_driver_table_test
