#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <vector>

#include "forecast/ets_fit.hpp"
#include "forecast/nelder_mead.hpp"

// The optimisers on an ETS form's likelihood: R's Nelder-Mead (optim(), the default) or
// NLopt's BOBYQA / Nelder-Mead inside the parameter box.

namespace cloudcast::forecast::ets_detail {

namespace {

Optimum minimise_nelder_mead(Objective& objective, std::vector<double>& par, const EtsFitOptions& opt) {
  const int np = static_cast<int>(par.size());
  const detail::NelderMeadResult r =
      detail::nelder_mead([&](const double* x) { return objective(x); }, par.data(), np, opt.max_evaluations);
  if (r.failed_start) return {true, 0, false};
  return {false, r.evaluations, r.converged()};
}

Optimum minimise_nlopt(Objective& objective, const ParameterSpace& sp, std::vector<double>& par, int n_states,
                       const EtsFitOptions& opt) {
  if (!std::isfinite(objective(par.data()))) return {true, 0, false};
  const int np = static_cast<int>(par.size());
  nlopt::opt solver(opt.optimizer == EtsOptimizer::nlopt_bobyqa ? nlopt::LN_BOBYQA : nlopt::LN_NELDERMEAD,
                    static_cast<unsigned>(np));
  const int n_smooth = np - n_states;
  std::vector<double> lb(static_cast<std::size_t>(np), -HUGE_VAL), ub(static_cast<std::size_t>(np), HUGE_VAL),
      dx(static_cast<std::size_t>(np));
  {
    int j = 0;
    const auto box = [&](bool on, int k) {
      if (!on) return;
      lb[j] = opt.bounds == EtsBounds::admissible ? (k == 3 ? 0.0 : -1.0) : sp.lower[k];
      ub[j] = opt.bounds == EtsBounds::admissible ? (k == 3 ? 1.0 : 2.0) : sp.upper[k];
      dx[j] = 0.1 * (ub[j] - lb[j]);
      ++j;
    };
    box(sp.opt_alpha, 0);
    box(sp.opt_beta, 1);
    box(sp.opt_gamma, 2);
    box(sp.opt_phi, 3);
    for (int i = n_smooth; i < np; ++i) {
      dx[i] = std::max(0.1 * std::fabs(par[i]), 1e-3);
    }
    for (int i = 0; i < n_smooth; ++i) {
      par[i] = std::clamp(par[i], lb[i], ub[i]);
    }
  }
  solver.set_lower_bounds(lb);
  solver.set_upper_bounds(ub);
  solver.set_initial_step(dx);
  solver.set_maxeval(opt.max_evaluations);
  solver.set_ftol_rel(1.490116119384765625e-8);
  struct Ctx {
    Objective* f;
    int count;
  } ctx{&objective, 0};
  solver.set_min_objective(
      [](unsigned, const double* x, double*, void* data) {
        auto* c = static_cast<Ctx*>(data);
        ++c->count;
        const double v = (*c->f)(x);
        return std::isfinite(v) ? v : 1e35;
      },
      &ctx);
  double value = 0;
  nlopt::result res = nlopt::result::FAILURE;
  try {
    res = solver.optimize(par, value);
  } catch (const std::exception&) {
    // NLopt signals round-off limits with exceptions; the best point so far is in par.
    res = nlopt::result::ROUNDOFF_LIMITED;
  }
  return {false, ctx.count, res != nlopt::result::MAXEVAL_REACHED};
}

}  // namespace

Optimum minimise(Objective& objective, const ParameterSpace& space, std::vector<double>& par, int n_states,
                 const EtsFitOptions& options) {
  if (options.optimizer == EtsOptimizer::nelder_mead) return minimise_nelder_mead(objective, par, options);
  return minimise_nlopt(objective, space, par, n_states, options);
}

}  // namespace cloudcast::forecast::ets_detail
