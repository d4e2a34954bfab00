// Tests for src/forecast/ets_nelder_mead.hpp: the simplex must retrace R's optim()
// Nelder-Mead exactly (same points, same count), since ETS fits depend on its path.

#include "forecast/ets_nelder_mead.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using cloudcast::forecast::ets_detail::nelder_mead;

TEST_CASE("ets nelder_mead: Rosenbrock as R's optim() (R 4.2.2 ?optim example)", "[ets]") {
  // R: optim(c(-1.2, 1), fr) -> par 1.0002601387256695 1.0005059993037650,
  // value 8.8252410967227472e-08, counts 195.
  double x[2] = {-1.2, 1};
  const auto fr = [](const double* p) {
    return 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]);
  };
  const auto r = nelder_mead(fr, x, 2, 500);
  CHECK(r.converged);
  CHECK(r.evaluations == 195);                               // same path, step for step
  CHECK(x[0] == Approx(1.0002601387256695).epsilon(1e-13));  // same arithmetic as R
  CHECK(x[1] == Approx(1.0005059993037650).epsilon(1e-13));
  CHECK(r.value == Approx(8.8252410967227472e-08).epsilon(1e-10));
}

TEST_CASE("ets nelder_mead: quadratic from the origin as R's optim()", "[ets]") {
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

TEST_CASE("ets nelder_mead: infinite values are walls, a bad start is reported", "[ets]") {
  // Minimise (x - 2)^2 on x <= 1 (infinite beyond): the minimum is at the wall, x = 1.
  double x[1] = {0};
  const auto walled = [](const double* p) {
    return p[0] > 1 ? std::numeric_limits<double>::infinity() : (p[0] - 2) * (p[0] - 2);
  };
  const auto r = nelder_mead(walled, x, 1, 2000);
  CHECK(r.converged);
  CHECK(x[0] <= 1);
  CHECK(x[0] == Approx(1).margin(1e-6));  // converges onto the wall
  double y[1] = {5};
  const auto s = nelder_mead(walled, y, 1, 2000);
  CHECK(s.failed_start);
  CHECK(y[0] == 5);  // untouched
  // The budget is honoured: R stops at the first check after 'maxit' evaluations.
  double z[2] = {-1.2, 1};
  const auto fr = [](const double* p) {
    return 100 * (p[1] - p[0] * p[0]) * (p[1] - p[0] * p[0]) + (1 - p[0]) * (1 - p[0]);
  };
  const auto t = nelder_mead(fr, z, 2, 50);
  CHECK_FALSE(t.converged);
  CHECK(t.evaluations <= 53);  // at most one iteration (<= 3 evaluations) past the budget
}
