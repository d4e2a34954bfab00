// Tests for src/forecast/nelder_mead.hpp: the simplex must retrace R's optim()
// Nelder-Mead exactly (same points, same count, same failure code), since the ETS,
// ses() and holt() fits depend on its path.
//
// Reference values from R 4.2.2: optim(par, fn, control = list(maxit = ...)) with the
// default method "Nelder-Mead", printed with digits = 17 (par, value, counts["function"],
// convergence).

#include "forecast/nelder_mead.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace forecast_nelder_mead_test {

using cloudcast::forecast::detail::nelder_mead;

namespace {

double rosenbrock(const double* p) {
  return 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]);
}

}  // namespace

TEST_CASE("nelder_mead: Rosenbrock from (-1.2, 1) as R's optim() (R 4.2.2 ?optim example)", "[nelder_mead]") {
  // R: par 1.0002601387256695 1.0005059993037650, value 8.8252410967227472e-08,
  // counts 195, convergence 0.
  double x[2] = {-1.2, 1};
  const auto r = nelder_mead(rosenbrock, x, 2, 500);
  CHECK(r.converged());
  CHECK(r.fail == 0);
  CHECK(r.evaluations == 195);                               // same path, step for step
  CHECK(x[0] == Approx(1.0002601387256695).epsilon(1e-13));  // same arithmetic as R
  CHECK(x[1] == Approx(1.0005059993037650).epsilon(1e-13));
  CHECK(r.value == Approx(8.8252410967227472e-08).epsilon(1e-10));
}

TEST_CASE("nelder_mead: quadratic from the origin as R's optim()", "[nelder_mead]") {
  // R: optim(c(0, 0, 0), function(x) sum((x - c(1, 2, 3))^2) + 0.5 * x[1] * x[2])
  // -> par 0.53335962047075436 1.86649424268203612 3.00021138311425917,
  // value 0.7333334061709319, counts 136 (zero start: step 0.1).
  double x[3] = {0, 0, 0};
  const auto q = [](const double* p) {
    return (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2) + (p[2] - 3) * (p[2] - 3) + 0.5 * p[0] * p[1];
  };
  const auto r = nelder_mead(q, x, 3, 500);
  CHECK(r.evaluations == 136);
  CHECK(x[0] == Approx(0.53335962047075436).epsilon(1e-13));  // same arithmetic as R
  CHECK(x[1] == Approx(1.86649424268203612).epsilon(1e-13));
  CHECK(x[2] == Approx(3.00021138311425917).epsilon(1e-13));
  CHECK(r.value == Approx(0.7333334061709319).epsilon(1e-13));
}

TEST_CASE("nelder_mead: a non-smooth function from the origin as R's optim()", "[nelder_mead]") {
  // R: optim(c(0, 0, 0), function(x) sum((x - c(1, 2, 3))^2) + abs(x[1] * x[2]))
  // -> par 0.00017654389385136202 2.00012560746080403362 2.99976984147876990505,
  // value 1.0000001220931558, counts 180.
  double x[3] = {0, 0, 0};
  const auto g = [](const double* p) {
    return (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2) + (p[2] - 3) * (p[2] - 3) + std::abs(p[0] * p[1]);
  };
  const auto r = nelder_mead(g, x, 3, 500);
  CHECK(r.evaluations == 180);
  CHECK(x[0] == Approx(0.00017654389385136202).margin(1e-12));
  CHECK(x[1] == Approx(2.00012560746080403362).epsilon(1e-12));
  CHECK(x[2] == Approx(2.99976984147876990505).epsilon(1e-12));
  CHECK(r.value == Approx(1.0000001220931558).epsilon(1e-12));
}

TEST_CASE("nelder_mead: stops at maxit with R's failure code 1 and R's iterate", "[nelder_mead]") {
  // R: optim(c(-1.2, 1), fr, control = list(maxit = 50)) -> par -0.71460362434386515
  // 0.47018069267272222, value 3.1037095813242419, counts 51, convergence 1.
  double x[2] = {-1.2, 1};
  const auto r = nelder_mead(rosenbrock, x, 2, 50);
  CHECK_FALSE(r.converged());
  CHECK(r.fail == 1);
  CHECK(r.evaluations == 51);
  CHECK(x[0] == Approx(-0.71460362434386515).epsilon(1e-12));
  CHECK(x[1] == Approx(0.47018069267272222).epsilon(1e-12));
  CHECK(r.value == Approx(3.1037095813242419).epsilon(1e-12));
}

TEST_CASE("nelder_mead: infinite values are walls that keep the search inside a box", "[nelder_mead]") {
  // (x - 2)^2 on x <= 1 (infinite beyond): the minimum is at the wall. R: optim(0, ...)
  // -> par 1, value 1, counts 60.
  double x[1] = {0};
  const auto walled = [](const double* p) {
    return p[0] > 1 ? std::numeric_limits<double>::infinity() : (p[0] - 2) * (p[0] - 2);
  };
  const auto r = nelder_mead(walled, x, 1, 2000);
  CHECK(r.converged());
  CHECK(r.evaluations == 60);
  CHECK(x[0] <= 1);
  CHECK(x[0] == Approx(1).margin(1e-6));  // reltol-limited convergence onto the wall
}

TEST_CASE("nelder_mead: a start where the objective is not finite is reported, x untouched", "[nelder_mead]") {
  double x[1] = {5};
  const auto r = nelder_mead([](const double* p) { return p[0] > 1 ? NAN : 0.0; }, x, 1, 2000);
  CHECK(r.failed_start);
  CHECK_FALSE(r.converged());
  CHECK(x[0] == 5);
  double y[1] = {0};
  CHECK_THROWS_AS(nelder_mead([](const double*) { return 0.0; }, y, 0, 2000), std::invalid_argument);
}

}  // namespace forecast_nelder_mead_test
