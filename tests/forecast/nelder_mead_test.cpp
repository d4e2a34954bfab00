#include "cloudcast/forecast/nelder_mead.hpp"

#include <catch2/catch.hpp>

#include <cmath>

#include "cloudcast/error.hpp"

using namespace cloudcast::forecast;

// Reference values from R 4.2.2: optim(par, fn, control = list(maxit = ...)) with the
// default method "Nelder-Mead" (printed with digits = 17).

TEST_CASE("nelder_mead: reproduces R optim() on Rosenbrock from (-1.2, 1)", "[nelder_mead]") {
  auto rosenbrock = [](std::span<const double> x) {
    return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
  };
  const NelderMeadResult r = nelder_mead(rosenbrock, {-1.2, 1});
  // Same arithmetic in the same order: agreement to rounding.
  CHECK(r.x[0] == Approx(1.0002601387256695).epsilon(1e-12));
  CHECK(r.x[1] == Approx(1.0005059993037650).epsilon(1e-12));
  CHECK(r.value == Approx(8.8252410967227472e-08).epsilon(1e-9));
  CHECK(r.evaluations == 195);  // R: counts["function"]
  CHECK(r.fail == 0);
}

TEST_CASE("nelder_mead: reproduces R optim() on a non-smooth function from the origin", "[nelder_mead]") {
  auto g = [](std::span<const double> x) {
    return (x[0] - 1) * (x[0] - 1) + (x[1] - 2) * (x[1] - 2) + (x[2] - 3) * (x[2] - 3) + std::abs(x[0] * x[1]);
  };
  const NelderMeadResult r = nelder_mead(g, {0, 0, 0});  // zero start: R's step of 0.1
  CHECK(r.x[0] == Approx(0.00017654389385136202).margin(1e-12));
  CHECK(r.x[1] == Approx(2.00012560746080403362).epsilon(1e-12));
  CHECK(r.x[2] == Approx(2.99976984147876990505).epsilon(1e-12));
  CHECK(r.value == Approx(1.0000001220931558).epsilon(1e-12));
  CHECK(r.evaluations == 180);
}

TEST_CASE("nelder_mead: stops at maxit with R's failure code 1 and R's iterate", "[nelder_mead]") {
  auto rosenbrock = [](std::span<const double> x) {
    return 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]) + (1 - x[0]) * (1 - x[0]);
  };
  const NelderMeadResult r = nelder_mead(rosenbrock, {-1.2, 1}, {.maxit = 50});
  CHECK(r.fail == 1);
  CHECK(r.x[0] == Approx(-0.71460362434386515).epsilon(1e-12));
  CHECK(r.x[1] == Approx(0.47018069267272222).epsilon(1e-12));
}

TEST_CASE("nelder_mead: infinite values outside a box keep the search inside it", "[nelder_mead]") {
  // Minimum of (x - 2)^2 constrained to x <= 1: the boundary.
  auto f = [](std::span<const double> x) { return x[0] > 1 ? HUGE_VAL : (x[0] - 2) * (x[0] - 2); };
  const NelderMeadResult r = nelder_mead(f, {0.5});
  CHECK(r.x[0] <= 1.0);
  CHECK(r.x[0] == Approx(1.0).margin(1e-6));  // reltol-limited convergence to the bound
}

TEST_CASE("nelder_mead: a start where the objective is not finite is an error", "[nelder_mead]") {
  auto f = [](std::span<const double>) { return NAN; };
  CHECK_THROWS_AS(nelder_mead(f, {1.0}), cloudcast::DataError);
}
