#pragma once
// Private to the ETS implementation: the state-space recursion (the same arithmetic as
// R forecast's etscalc.c: one-step forecast, error, state update), the initial-state
// heuristic (R's initstate()), the parameter region (R's check.param()/admissible())
// and the objective the optimiser minimises. Nothing here allocates in the fit loop.

#include "forecast/ets.hpp"

#include <array>
#include <span>
#include <vector>

namespace cloudcast::forecast::ets_detail {

enum Component : int { kNone = 0, kAdd = 1, kMult = 2 };

constexpr int kMaxPeriod = 24;  // as R: seasonal periods above 24 are refused

int component(char c);  // 'N' -> kNone, 'A' -> kAdd, 'M' -> kMult

// A form with its smoothing parameters; m is the seasonal period (1 when season is N).
struct Model {
  int error = kAdd, trend = kNone, season = kNone;
  int m = 1;
  double alpha = 0, beta = 0, gamma = 0, phi = 1;
};

inline int state_count(const Model& model) {
  return 1 + (model.trend != kNone ? 1 : 0) + (model.season != kNone ? model.m : 0);
}

struct FilterResult {
  double lik = 0;  // n log(SSE) + 2 sum log|yhat| (M error); +inf when undefined
  double mse = 0;  // mean of (y - yhat)^2
};

// Runs the recursion from x0 (level, trend, m seasons; see EtsFit). When e/fitted/
// states are non-empty they receive the errors (R's e: absolute or relative), the
// one-step forecasts and the (n+1) x p states row by row (all three, or none).
FilterResult run_filter(std::span<const double> y, const Model& model, const double* x0, std::span<double> e = {},
                        std::span<double> fitted = {}, std::span<double> states = {});

// The specialised recursion for one form (no storage), for the optimiser's inner loop.
using FilterKernel = FilterResult (*)(std::span<const double>, const Model&, const double*, std::span<double>,
                                      std::span<double>, std::span<double>);
FilterKernel filter_kernel(const Model& model, bool with_mse);

// R's initstate(): level, trend and m-1 seasonal states (s_0 .. s_{m-2}) from a classical
// decomposition of the data (or a trend + Fourier regression when n < 3m).
std::vector<double> initial_states(std::span<const double> y, const Model& model);

// Which parameters are free, fixed and their box (R's lower/upper after etsmodel()'s
// adjustments for fixed values).
struct ParameterSpace {
  bool opt_alpha = true, opt_beta = false, opt_gamma = false, opt_phi = false;
  bool given_beta = false, given_gamma = false;
  std::array<double, 4> lower{}, upper{};
  EtsBounds bounds = EtsBounds::both;
};

// R's check.param(): usual box and/or admissible region of the state-space form.
bool parameters_ok(const Model& model, const ParameterSpace& space);

// All roots of z^{m+1} + (a+b-phi) z^m + (a+b-a phi) z^{m-1} ... + phi(1-a-g) inside
// |z| <= 1 + 1e-10 (Schur-Cohn recursion, no allocation).
bool admissible(const Model& model, const ParameterSpace& space);

// The optimiser's objective over the packed vector [free smoothing parameters, level,
// trend, s_0 .. s_{m-2}]. Holds a workspace so evaluation never allocates.
class Objective {
 public:
  Objective(std::span<const double> y, const Model& form, const ParameterSpace& space, EtsCriterion criterion);
  double operator()(const double* par);
  int size() const { return n_par_; }
  // Unpacks par into model parameters and the full initial state (m seasons).
  void unpack(const double* par, Model& model, std::vector<double>& x0) const;

 private:
  std::span<const double> y_;
  Model form_;
  ParameterSpace space_;
  EtsCriterion criterion_;
  int n_smooth_ = 0, n_state_ = 0, n_par_ = 0;
  std::array<double, 2 + kMaxPeriod> x0_{};
  FilterKernel kernel_ = nullptr;
};

}  // namespace cloudcast::forecast::ets_detail
