#include "cloudcast/model/distribution.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

namespace model_distribution_test {

using namespace cloudcast;
using namespace cloudcast::model;

TEST_CASE("distribution: quantiles match known values", "[distribution]") {
  // Reference values: standard tables / closed forms, computed by hand.
  CHECK(Distribution::normal(0, 1).quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(Distribution::normal(10, 2).quantile(0.05) == Approx(10 - 2 * 1.6448536269514722).epsilon(1e-14));
  // lognormal(0, 1) P95 = exp(z_0.95).
  CHECK(Distribution::lognormal(0, 1).quantile(0.95) == Approx(5.180251602233013).epsilon(1e-13));
  // triangular(3, 5, 6): F(mode) = 2/3; P50 = 3 + sqrt(0.5 * 3 * 2), P90 = 6 - sqrt(0.1 * 3 * 1).
  const auto tri = Distribution::triangular(3, 5, 6);
  CHECK(tri.quantile(0.5) == Approx(3 + std::sqrt(3.0)).epsilon(1e-14));
  CHECK(tri.quantile(0.9) == Approx(6 - std::sqrt(0.3)).epsilon(1e-14));
  CHECK(tri.cdf(5) == Approx(2.0 / 3).epsilon(1e-14));
  CHECK(Distribution::uniform(2, 4).quantile(0.25) == Approx(2.5).epsilon(1e-15));
  // Standard normal truncated to [0, inf): P50 = Phi^-1(0.75).
  const auto half = Distribution::normal(0, 1).truncated(0.0, std::nullopt);
  CHECK(half.quantile(0.5) == Approx(0.6744897501960817).epsilon(1e-13));
  CHECK(half.cdf(-1) == 0);
  CHECK(half.mean() == Approx(std::sqrt(2 / M_PI)).epsilon(1e-14));  // half-normal mean, closed form
  CHECK(Distribution::uniform(0, 4).truncated(1.0, std::nullopt).mean() == Approx(2.5).epsilon(1e-9));  // midpoint rule
  CHECK(Distribution::lognormal(0.1, 0.2).mean() == Approx(std::exp(0.1 + 0.02)).epsilon(1e-15));
}

TEST_CASE("distribution: point value is base, else triangular mode, else median", "[distribution]") {
  CHECK(Distribution::triangular(3, 5, 6).point_value() == 5);
  CHECK(Distribution::lognormal(std::log(2.0), 0.5).point_value() == Approx(2).epsilon(1e-14));
  auto d = Distribution::normal(1, 1);
  d.base = 0.5;
  CHECK(d.point_value() == 0.5);
  CHECK(Distribution::normal(3, 0).is_degenerate());
  CHECK(Distribution::normal(3, 0).quantile(0.01) == 3);
}

}  // namespace model_distribution_test
