#include "cloudcast/model/distribution.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "cloudcast/error.hpp"

namespace model_distribution_json_test {

using namespace cloudcast;
using namespace cloudcast::model;

TEST_CASE("distribution: parse_distribution reads every kind and rejects bad ones", "[distribution]") {
  using nlohmann::json;
  const auto tri = parse_distribution(json::parse(R"({"dist": "triangular", "min": 3, "mode": 5, "max": 6})"), "f:/x");
  CHECK(tri.kind == DistKind::triangular);
  CHECK(tri.c == 6);
  const auto ln = parse_distribution(json::parse(R"({"dist": "lognormal", "median": 2, "sigma": 0.1})"), "f:/x");
  CHECK(ln.a == Approx(std::log(2.0)).epsilon(1e-15));
  const auto tn =
      parse_distribution(json::parse(R"({"dist": "normal", "mean": 0, "sd": 1, "lo": 0, "base": 0.2})"), "f:/x");
  CHECK(tn.is_truncated());
  CHECK(tn.cdf_lo == Approx(0.5).epsilon(1e-15));
  CHECK(tn.point_value() == 0.2);

  auto error_of = [](const char* text) {
    try {
      parse_distribution(json::parse(text), "s.json:/companies/alibaba/useful_life");
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK_THAT(error_of(R"({"dist": "gamma", "k": 1})"),
             Catch::Contains("s.json:/companies/alibaba/useful_life/dist: unknown distribution 'gamma'"));
  CHECK_THAT(error_of(R"({"dist": "normal", "mean": 1})"), Catch::Contains("/useful_life/sd: missing"));
  CHECK_THAT(error_of(R"({"dist": "normal", "mean": 1, "sd": -1})"), Catch::Contains("/sd: expected a number >= 0"));
  CHECK_THAT(error_of(R"({"dist": "triangular", "min": 3, "mode": 7, "max": 6})"),
             Catch::Contains("expected min <= mode <= max"));
  CHECK_THAT(error_of(R"({"dist": "uniform", "min": 1, "max": 2, "maxx": 3})"), Catch::Contains("/maxx: unknown key"));
  CHECK_THAT(error_of(R"({"dist": "uniform", "min": 1, "max": 2, "lo": 5})"), Catch::Contains("holds no probability"));
  CHECK_THAT(error_of(R"({"dist": "normal", "mean": "a", "sd": 1})"),
             Catch::Contains("/mean: expected a finite number"));
  CHECK_THAT(error_of(R"({"dist": "lognormal", "mu": 0, "median": 1, "sigma": 1})"),
             Catch::Contains("exactly one of mu"));
  CHECK_THAT(error_of(R"({"min": 1})"), Catch::Contains("/dist: missing"));
}

}  // namespace model_distribution_json_test
