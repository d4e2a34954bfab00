#include "model/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "model/eigen_types.hpp"

namespace cloudcast::model {

namespace {

struct Inner {
  double vc = 0, cc = 0, cost = std::numeric_limits<double>::infinity();
};

// For a given existing base G the model is linear in (vc, cc): r = y - vc a - cc b with
// y_k = R_k - OI_k - G e_d(k) - DV_k, a_k = R_k, b_k = G e_g(k) + V_k. Minimises
// |r|^2 + lambda_c (cc - cc0)^2 over the box, trying the interior optimum, then each edge
// and corner (a 2-variable bounded least squares has no other candidates).
Inner solve_inner(const CalibrationInput& in, double g, double lambda_c) {
  const Eigen::Index m = static_cast<Eigen::Index>(in.revenue.size());
  Vector y(m), a(m), b(m);
  for (Eigen::Index k = 0; k < m; ++k) {
    y[k] = in.revenue[k] - in.operating_income[k] - g * in.existing_depreciation_unit[k] - in.vintage_depreciation[k];
    a[k] = in.revenue[k];
    b[k] = g * in.existing_gross_unit[k] + in.vintage_gross[k];
  }
  const double cc0 = in.capacity_ratio_prior;
  auto cost = [&](double vc, double cc) {
    return (y - vc * a - cc * b).squaredNorm() + lambda_c * (cc - cc0) * (cc - cc0);
  };
  // 1-D optima with the other variable held.
  auto best_vc = [&](double cc) { return std::clamp(a.dot(y - cc * b) / a.squaredNorm(), 0.0, 1.0); };
  auto best_cc = [&](double vc) {
    return std::clamp((b.dot(y - vc * a) + lambda_c * cc0) / (b.squaredNorm() + lambda_c), 0.0, kMaxCapacityRatio);
  };
  Inner best;
  auto consider = [&](double vc, double cc) {
    if (in.fixed_variable_ratio) vc = *in.fixed_variable_ratio;
    if (in.fixed_capacity_ratio) cc = *in.fixed_capacity_ratio;
    const double c = cost(vc, cc);
    if (c < best.cost) best = {vc, cc, c};
  };
  // Interior: the 2x2 normal equations.
  Eigen::Matrix2d n;
  n << a.squaredNorm(), a.dot(b), a.dot(b), b.squaredNorm() + lambda_c;
  const Eigen::Vector2d rhs(a.dot(y), b.dot(y) + lambda_c * cc0);
  const double det = n(0, 0) * n(1, 1) - n(0, 1) * n(1, 0);
  if (std::abs(det) > 1e-12 * n.squaredNorm()) {
    // Cramer's rule: exact enough for a 2x2 system and needs no decomposition module.
    const Eigen::Vector2d x((rhs[0] * n(1, 1) - n(0, 1) * rhs[1]) / det, (n(0, 0) * rhs[1] - n(1, 0) * rhs[0]) / det);
    if (x[0] >= 0 && x[0] <= 1 && x[1] >= 0 && x[1] <= kMaxCapacityRatio) consider(x[0], x[1]);
  }
  for (double vc : {0.0, 1.0}) consider(vc, best_cc(vc));
  for (double cc : {0.0, kMaxCapacityRatio}) consider(best_vc(cc), cc);
  if (in.fixed_variable_ratio) consider(*in.fixed_variable_ratio, best_cc(*in.fixed_variable_ratio));
  if (in.fixed_capacity_ratio) consider(best_vc(*in.fixed_capacity_ratio), *in.fixed_capacity_ratio);
  return best;
}

}  // namespace

CalibrationFit fit_costs(const CalibrationInput& in) {
  const std::size_t m = in.revenue.size();
  double scale = 0;
  for (double oi : in.operating_income) scale += std::abs(oi);
  scale = std::max(scale / static_cast<double>(m), 1e-9);
  // Priors enter in units of the fit: a relative miss of the prior costs kPriorWeight
  // times an average quarter's operating income squared.
  const double g0 = std::max(in.gross_prior, 1e-9);
  const double cc0 = std::max(in.capacity_ratio_prior, 1e-9);
  const double lambda_c = kPriorWeight * scale * scale / (cc0 * cc0);
  const double lambda_g = kPriorWeight * scale * scale / (g0 * g0);
  auto total = [&](double g, Inner& inner) {
    inner = solve_inner(in, g, lambda_c);
    return inner.cost + lambda_g * (g - g0) * (g - g0);
  };
  // G enters non-linearly (through cc * G): a grid over [0, 10 G0], then golden-section
  // refinement around the best grid point.
  constexpr int kGrid = 400;
  double best_g = 0, best_cost = std::numeric_limits<double>::infinity();
  Inner inner;
  for (int i = 0; i <= kGrid; ++i) {
    const double g = 10 * g0 * i / kGrid;
    const double c = total(g, inner);
    if (c < best_cost) best_cost = c, best_g = g;
  }
  double lo = std::max(0.0, best_g - 10 * g0 / kGrid), hi = best_g + 10 * g0 / kGrid;
  const double phi = (std::sqrt(5.0) - 1) / 2;
  for (int it = 0; it < 60; ++it) {
    const double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
    if (total(x1, inner) < total(x2, inner))
      hi = x2;
    else
      lo = x1;
  }
  const double g = (lo + hi) / 2;
  const double c = total(g, inner);
  if (c > best_cost) total(best_g, inner);
  CalibrationFit fit;
  fit.existing_gross = c > best_cost ? best_g : g;
  fit.variable_cost_ratio = inner.vc;
  fit.capacity_cost_ratio = inner.cc;
  for (std::size_t k = 0; k < m; ++k) {
    const double model =
        in.revenue[k] * (1 - fit.variable_cost_ratio) -
        fit.capacity_cost_ratio * (fit.existing_gross * in.existing_gross_unit[k] + in.vintage_gross[k]) -
        (fit.existing_gross * in.existing_depreciation_unit[k] + in.vintage_depreciation[k]);
    const double err = std::abs(model - in.operating_income[k]);
    fit.max_abs_error = std::max(fit.max_abs_error, err);
    fit.max_rel_error = std::max(fit.max_rel_error, err / std::max(std::abs(in.operating_income[k]), 1e-9));
    fit.max_margin_error = std::max(fit.max_margin_error, err / std::max(std::abs(in.revenue[k]), 1e-9));
    if (k + 1 == m) fit.last_residual_margin = (in.operating_income[k] - model) / std::max(std::abs(in.revenue[k]), 1e-9);
  }
  return fit;
}

}  // namespace cloudcast::model
