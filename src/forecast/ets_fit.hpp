#pragma once
// One ETS form fitted (R's etsmodel()), in the steps R takes: the parameter box with the
// caller's fixed values (ets_start.cpp), R's starting values (initparam(), ets_start.cpp),
// the optimiser on the likelihood (ets_optimize.cpp), then the fitted model's states,
// residuals and information criteria (ets_fit.cpp). fit_ets() and select_ets() in
// ets.cpp call fit_form().

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "forecast/ets.hpp"
#include "forecast/ets_filter.hpp"

namespace cloudcast::forecast::ets_detail {

Model model_of(const EtsSpec& spec, int period);

// The smoothing parameters the caller fixed (a value in EtsFitOptions) that the form has.
struct FixedParameters {
  bool alpha = false, beta = false, gamma = false, phi = false;
  int count() const { return (alpha ? 1 : 0) + (beta ? 1 : 0) + (gamma ? 1 : 0) + (phi ? 1 : 0); }
};
FixedParameters fixed_parameters(const Model& model, const EtsSpec& spec, const EtsFitOptions& options);

// etsmodel()'s box: the options' bounds narrowed by the fixed values, and which
// parameters the optimiser moves.
ParameterSpace parameter_space(const Model& model, const EtsSpec& spec, const FixedParameters& fixed,
                               const EtsFitOptions& options);

// initparam(): the free smoothing parameters' starting values, in the optimiser's order
// (alpha, beta, gamma, phi); sets every smoothing parameter of model, fixed ones too.
std::vector<double> start_values(Model& model, const EtsSpec& spec, const ParameterSpace& space,
                                 const FixedParameters& fixed, const EtsFitOptions& options);

// check.param() on the start, fixed values included.
bool start_ok(const Model& model, const EtsSpec& spec, const ParameterSpace& space);

struct Optimum {
  bool failed_start = false;  // the likelihood cannot be evaluated at the start
  int evaluations = 0;
  bool converged = true;
};

// Minimises objective from par (smoothing parameters, then n_states initial states) with
// the options' optimiser; par ends at the best point found.
Optimum minimise(Objective& objective, const ParameterSpace& space, std::vector<double>& par, int n_states,
                 const EtsFitOptions& options);

// The fitted model's states, residuals, likelihood and criteria (n_params counted with
// fixed parameters, as R's ets object does).
void finish(std::span<const double> y, const Model& model, const std::vector<double>& x0, int n_params, EtsFit& out);

// Why a form cannot be fitted, or the fit.
struct Attempt {
  std::optional<EtsFit> fit;
  std::string why;
};

// etsmodel(): one form, R's starting values and bounds, then the optimiser.
Attempt fit_form(std::span<const double> y, const EtsSpec& spec, int period, const EtsFitOptions& options);

}  // namespace cloudcast::forecast::ets_detail
