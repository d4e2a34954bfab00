#include "model/calibration.hpp"

#include <catch2/catch.hpp>

#include <vector>

#include "model/depreciation.hpp"

namespace model_calibration_test {

using namespace cloudcast;

namespace {

struct Synthetic {
  std::vector<double> r{30000, 33000, 39800, 43300};
  std::vector<double> vg{20000, 45000, 70000, 95000};
  std::vector<double> vd{300, 900, 1700, 2700};
  std::vector<double> eg, ed, oi;
  Synthetic(double vc, double cc, double g, double life) {
    for (int k = 0; k < 4; ++k) {
      eg.push_back(model::existing_gross(life, k));
      ed.push_back(model::existing_depreciation(life, k));
      oi.push_back(r[k] * (1 - vc) - cc * (g * eg[k] + vg[k]) - (g * ed[k] + vd[k]));
    }
  }
  model::CalibrationInput input(double g0, double cc0) const { return {r, oi, vg, vd, eg, ed, g0, cc0}; }
};

}  // namespace

TEST_CASE("fit_costs: recovers the parameters that generated the operating income", "[calibration]") {
  // With the truth at the priors the penalty vanishes there, so the fit is exact.
  const Synthetic s(0.55, 0.01, 150000, 20);
  const auto fit = model::fit_costs(s.input(150000, 0.01));
  CHECK(fit.variable_cost_ratio == Approx(0.55).epsilon(1e-6));  // tolerance: golden-section search on G
  CHECK(fit.capacity_cost_ratio == Approx(0.01).epsilon(1e-4));
  CHECK(fit.existing_gross == Approx(150000).epsilon(1e-4));
  CHECK(fit.max_rel_error < 1e-6);
}

TEST_CASE("fit_costs: away from the priors the fit still reproduces operating income closely", "[calibration]") {
  const Synthetic s(0.62, 0.015, 240000, 24);
  const auto fit = model::fit_costs(s.input(150000, 0.01));
  CHECK(fit.max_rel_error < 0.05);  // the weak priors cost under 5 % of a quarter's operating income here
  CHECK(fit.max_margin_error < 0.01);
  CHECK(fit.variable_cost_ratio >= 0);
  CHECK(fit.variable_cost_ratio <= 1);
  CHECK(fit.capacity_cost_ratio >= 0);
  CHECK(fit.existing_gross >= 0);
}

TEST_CASE("fit_costs: a ratio set by the scenario is held", "[calibration]") {
  const Synthetic s(0.55, 0.01, 150000, 20);
  auto in = s.input(150000, 0.01);
  in.fixed_variable_ratio = 0.5;
  const auto fit = model::fit_costs(in);
  CHECK(fit.variable_cost_ratio == 0.5);
}

}  // namespace model_calibration_test
