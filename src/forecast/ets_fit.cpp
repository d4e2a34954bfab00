#include "forecast/ets_fit.hpp"

#include <fmt/format.h>

#include <cmath>
#include <utility>
#include <vector>

// etsmodel(): one ETS form fitted, from the start (ets_start.cpp) through the optimiser
// (ets_optimize.cpp) to the fitted model and its information criteria.

namespace cloudcast::forecast::ets_detail {

void finish(std::span<const double> y, const Model& md, const std::vector<double>& x0, int n_params, EtsFit& out) {
  const int n = static_cast<int>(y.size());
  const int p = state_count(md);
  out.period = md.m;
  out.alpha = md.alpha;
  out.beta = md.beta;
  out.gamma = md.gamma;
  out.phi = md.phi;
  out.initial_states = x0;
  out.residuals.assign(y.size(), 0.0);
  out.fitted.assign(y.size(), 0.0);
  std::vector<double> states(static_cast<std::size_t>(p) * (n + 1));
  const FilterResult r = run_filter(y, md, x0.data(), out.residuals, out.fitted, states);
  out.final_states.assign(states.end() - p, states.end());
  out.loglik = -0.5 * r.lik;
  out.mse = r.mse;
  out.n_params = n_params;
  const double np = n_params + 1;  // + sigma
  out.aic = r.lik + 2 * np;
  out.bic = r.lik + std::log(static_cast<double>(n)) * np;
  out.aicc = out.aic + 2 * np * (np + 1) / (n - np - 1);
  double sse = 0;
  for (double e : out.residuals) sse += e * e;
  out.sigma2 = sse / (n - n_params);
}

Attempt fit_form(std::span<const double> y, const EtsSpec& spec, int period, const EtsFitOptions& opt) {
  const int n = static_cast<int>(y.size());
  Model md = model_of(spec, period);
  md.phi = 1;
  const FixedParameters fixed = fixed_parameters(md, spec, opt);
  const ParameterSpace sp = parameter_space(md, spec, fixed, opt);
  std::vector<double> par = start_values(md, spec, sp, fixed, opt);
  if (!start_ok(md, spec, sp)) {
    return {std::nullopt, "the starting or fixed smoothing parameters are out of range"};
  }
  const std::vector<double> states = initial_states(y, md);
  par.insert(par.end(), states.begin(), states.end());
  const int np = static_cast<int>(par.size());
  if (np >= n - 1) {
    return {std::nullopt, fmt::format("{} free parameters need more than {} observations", np, np + 1)};
  }

  Objective objective(y, md, sp, opt.criterion);
  const Optimum optimum = minimise(objective, sp, par, static_cast<int>(states.size()), opt);
  if (optimum.failed_start) {
    return {std::nullopt, "the likelihood cannot be evaluated at the starting values"};
  }

  Model fitted;
  std::vector<double> x0;
  objective.unpack(par.data(), fitted, x0);
  EtsFit out;
  out.spec = spec;
  finish(y, fitted, x0, np + fixed.count(), out);
  // The AIC family counts estimated parameters only (R: np = length(par) + 1).
  {
    const double k = np + 1;
    const double lik = -2 * out.loglik;
    out.aic = lik + 2 * k;
    out.bic = lik + std::log(static_cast<double>(n)) * k;
    out.aicc = out.aic + 2 * k * (k + 1) / (n - k - 1);
  }
  out.evaluations = optimum.evaluations;
  out.converged = optimum.converged;
  return {std::move(out), {}};
}

}  // namespace cloudcast::forecast::ets_detail
