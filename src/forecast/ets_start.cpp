#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

#include "forecast/ets_fit.hpp"

// Where the optimiser starts, as R's etsmodel() and initparam() set it: the box of each
// smoothing parameter narrowed by the values the caller fixed, and a start inside it.

namespace cloudcast::forecast::ets_detail {

Model model_of(const EtsSpec& spec, int period) {
  Model md;
  md.error = component(spec.error);
  md.trend = component(spec.trend);
  md.season = component(spec.season);
  md.m = md.season != kNone ? period : 1;
  return md;
}

FixedParameters fixed_parameters(const Model& md, const EtsSpec& spec, const EtsFitOptions& opt) {
  FixedParameters fixed;
  fixed.alpha = !std::isnan(opt.alpha);
  fixed.beta = !std::isnan(opt.beta) && md.trend != kNone;
  fixed.gamma = !std::isnan(opt.gamma) && md.season != kNone;
  fixed.phi = !std::isnan(opt.phi) && spec.damped;
  return fixed;
}

ParameterSpace parameter_space(const Model& md, const EtsSpec& spec, const FixedParameters& fixed,
                               const EtsFitOptions& opt) {
  ParameterSpace sp;
  sp.bounds = opt.bounds;
  for (int i = 0; i < 4; ++i) {
    sp.lower[i] = opt.lower[i];
    sp.upper[i] = opt.upper[i];
  }
  if (fixed.alpha) {
    sp.upper[1] = std::min(opt.alpha, sp.upper[1]);
    sp.upper[2] = std::min(1 - opt.alpha, sp.upper[2]);
  }
  if (fixed.beta) sp.lower[0] = std::max(opt.beta, sp.lower[0]);
  if (fixed.gamma) sp.upper[0] = std::min(1 - opt.gamma, sp.upper[0]);
  sp.opt_alpha = !fixed.alpha;
  sp.opt_beta = md.trend != kNone && !fixed.beta;
  sp.opt_gamma = md.season != kNone && !fixed.gamma;
  sp.opt_phi = spec.damped && !fixed.phi;
  sp.given_beta = fixed.beta;
  sp.given_gamma = fixed.gamma;
  return sp;
}

std::vector<double> start_values(Model& md, const EtsSpec& spec, const ParameterSpace& sp, const FixedParameters& fixed,
                                 const EtsFitOptions& opt) {
  // R's starting values inside the "usual" box (admissible-only bounds start from a tiny
  // box near zero, as R).
  std::array<double, 4> lo = sp.lower, up = sp.upper;
  if (opt.bounds == EtsBounds::admissible) {
    for (int i = 0; i < 3; ++i) {
      lo[i] = 0;
      up[i] = 0.001;
    }
  }
  std::vector<double> par;
  double alpha = opt.alpha;
  if (!fixed.alpha) {
    alpha = lo[0] + 0.2 * (up[0] - lo[0]) / md.m;
    if (alpha > 1 || alpha < 0) alpha = lo[0] + 0.002;
    par.push_back(alpha);
  }
  md.alpha = alpha;
  if (md.trend != kNone) {
    double beta = opt.beta;
    if (!fixed.beta) {
      up[1] = std::min(up[1], alpha);
      beta = lo[1] + 0.1 * (up[1] - lo[1]);
      if (beta < 0 || beta > alpha) beta = alpha - 0.001;
      par.push_back(beta);
    }
    md.beta = beta;
  }
  if (md.season != kNone) {
    double gamma = opt.gamma;
    if (!fixed.gamma) {
      up[2] = std::min(up[2], 1 - alpha);
      gamma = lo[2] + 0.05 * (up[2] - lo[2]);
      if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 0.001;
      par.push_back(gamma);
    }
    md.gamma = gamma;
  }
  if (spec.damped) {
    double phi = opt.phi;
    if (!fixed.phi) {
      phi = lo[3] + 0.99 * (up[3] - lo[3]);
      if (phi < 0 || phi > 1) phi = up[3] - 0.001;
      par.push_back(phi);
    }
    md.phi = phi;
  }
  return par;
}

bool start_ok(const Model& md, const EtsSpec& spec, const ParameterSpace& sp) {
  ParameterSpace all = sp;
  all.opt_alpha = true;
  all.opt_beta = md.trend != kNone;
  all.opt_gamma = md.season != kNone;
  all.opt_phi = spec.damped;
  all.given_beta = all.given_gamma = false;
  return parameters_ok(md, all);
}

}  // namespace cloudcast::forecast::ets_detail
