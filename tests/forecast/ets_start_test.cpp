// Tests for src/forecast/ets_start.cpp: R's etsmodel() box and initparam() start,
// computed by hand from R's formulas and the default bounds
// lower = (1e-4, 1e-4, 1e-4, 0.8), upper = (0.9999, 0.9999, 0.9999, 0.98).

#include <catch2/catch.hpp>

#include <vector>

#include "forecast/ets_fit.hpp"

namespace forecast_ets_start_test {

using namespace cloudcast::forecast;
using namespace cloudcast::forecast::ets_detail;

TEST_CASE("ets start: R's initparam() values for ETS(A,Ad,A), period 4", "[ets]") {
  const EtsSpec spec{'A', 'A', true, 'A'};
  const EtsFitOptions options;
  Model md = model_of(spec, 4);
  const FixedParameters fixed = fixed_parameters(md, spec, options);
  CHECK(fixed.count() == 0);
  const ParameterSpace space = parameter_space(md, spec, fixed, options);
  CHECK((space.opt_alpha && space.opt_beta && space.opt_gamma && space.opt_phi));
  const std::vector<double> par = start_values(md, spec, space, fixed, options);
  // alpha = 1e-4 + 0.2 (0.9999 - 1e-4) / 4 = 0.05009
  // beta  = 1e-4 + 0.1 (alpha - 1e-4)       = 0.005099
  // gamma = 1e-4 + 0.05 (1 - alpha - 1e-4)  = 0.0475905
  // phi   = 0.8 + 0.99 (0.98 - 0.8)         = 0.9782
  REQUIRE(par.size() == 4);
  CHECK(par[0] == Approx(0.05009).epsilon(1e-12));
  CHECK(par[1] == Approx(0.005099).epsilon(1e-12));
  CHECK(par[2] == Approx(0.0475905).epsilon(1e-12));
  CHECK(par[3] == Approx(0.9782).epsilon(1e-12));
  CHECK(md.alpha == par[0]);
  CHECK(md.phi == par[3]);
  CHECK(start_ok(md, spec, space));
}

TEST_CASE("ets start: a fixed alpha narrows beta's box and leaves the optimiser beta only", "[ets]") {
  const EtsSpec spec{'A', 'A', false, 'N'};
  EtsFitOptions options;
  options.alpha = 0.3;
  Model md = model_of(spec, 4);
  const FixedParameters fixed = fixed_parameters(md, spec, options);
  CHECK(fixed.alpha);
  CHECK(fixed.count() == 1);
  const ParameterSpace space = parameter_space(md, spec, fixed, options);
  CHECK_FALSE(space.opt_alpha);
  CHECK(space.opt_beta);
  CHECK(space.upper[1] == 0.3);          // beta <= alpha
  CHECK(space.upper[2] == Approx(0.7));  // gamma < 1 - alpha
  const std::vector<double> par = start_values(md, spec, space, fixed, options);
  REQUIRE(par.size() == 1);  // beta = 1e-4 + 0.1 (0.3 - 1e-4) = 0.03009
  CHECK(par[0] == Approx(0.03009).epsilon(1e-12));
  CHECK(md.alpha == 0.3);
}

TEST_CASE("ets start: a fixed beta above alpha's start moves alpha's box", "[ets]") {
  // etsmodel(): a fixed beta raises alpha's lower bound to it, and initparam() starts
  // alpha inside the raised box: 0.5 + 0.2 (0.9999 - 0.5) = 0.59998 (period 1).
  const EtsSpec spec{'A', 'A', false, 'N'};
  EtsFitOptions options;
  options.beta = 0.5;
  Model md = model_of(spec, 1);
  const FixedParameters fixed = fixed_parameters(md, spec, options);
  const ParameterSpace space = parameter_space(md, spec, fixed, options);
  CHECK(space.lower[0] == 0.5);
  const std::vector<double> par = start_values(md, spec, space, fixed, options);
  CHECK(par == std::vector<double>{md.alpha});  // beta is fixed: alpha alone is free
  CHECK(md.alpha == Approx(0.59998).epsilon(1e-12));
  CHECK(md.beta == 0.5);
  CHECK(start_ok(md, spec, space));
}

TEST_CASE("ets start: a fixed beta above a fixed alpha fails R's check.param()", "[ets]") {
  const EtsSpec spec{'A', 'A', false, 'N'};
  EtsFitOptions options;
  options.alpha = 0.3;
  options.beta = 0.5;
  Model md = model_of(spec, 1);
  const FixedParameters fixed = fixed_parameters(md, spec, options);
  const ParameterSpace space = parameter_space(md, spec, fixed, options);
  CHECK(start_values(md, spec, space, fixed, options).empty());
  CHECK_FALSE(start_ok(md, spec, space));
  // The public entry point says so in words.
  CHECK_THROWS_WITH(fit_ets(std::vector<double>(12, 1.0), spec, 1, options),
                    "ETS(A,A,N): cannot be fitted: the starting or fixed smoothing parameters are out of range");
}

}  // namespace forecast_ets_start_test
