// ETS fitting and selection (R's forecast::ets(), etsmodel(), initparam()). The
// recursion, initial states and parameter region live in ets_filter.cpp, the optimiser in
// nelder_mead.hpp (R's optim(), shared with smoothing.cpp), forecasts and intervals in ets_forecast.cpp.

#include "forecast/ets.hpp"
#include <cloudcast/error.hpp>

#include "forecast/ets_filter.hpp"
#include "forecast/nelder_mead.hpp"

#include <fmt/format.h>
#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace cloudcast::forecast {

using namespace ets_detail;
using detail::nelder_mead;
using detail::NelderMeadResult;

// ------------------------------------------------------------------ spec

EtsSpec parse_ets_spec(std::string_view text) {
  std::string compact;
  std::string_view body = text;
  if (body.size() > 5 && (body.substr(0, 4) == "ETS(" || body.substr(0, 4) == "ets(") && body.back() == ')') {
    body = body.substr(4, body.size() - 5);
  }
  for (char c : body) {
    if (c != ',' && c != ' ') compact.push_back(c);
  }
  EtsSpec spec;
  const auto bad = [&] {
    return UsageError(
        fmt::format("ETS form '{}': not understood; expected ETS(E,T,S) with E in A/M, T in N/A/Ad/M/Md, "
                    "S in N/A/M, e.g. ETS(M,Ad,N) or MAdN",
                    text));
  };
  if (compact.size() != 3 && compact.size() != 4) throw bad();
  spec.error = compact[0];
  spec.trend = compact[1];
  std::size_t k = 2;
  if (compact.size() == 4) {
    if (compact[2] != 'd') throw bad();
    spec.damped = true;
    k = 3;
  }
  spec.season = compact[k];
  if ((spec.error != 'A' && spec.error != 'M') || (spec.trend != 'N' && spec.trend != 'A' && spec.trend != 'M') ||
      (spec.season != 'N' && spec.season != 'A' && spec.season != 'M') || (spec.damped && spec.trend == 'N')) {
    throw bad();
  }
  return spec;
}

std::string format_ets_spec(const EtsSpec& spec) {
  return fmt::format("ETS({},{}{},{})", spec.error, spec.trend, spec.damped ? "d" : "", spec.season);
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void check_series(std::span<const double> y, int period) {
  if (period < 1) {
    throw UsageError(fmt::format("ETS: seasonal period {} is invalid; expected >= 1", period));
  }
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (!std::isfinite(y[i])) {
      throw DataError(fmt::format("ETS: value {} of the series is not finite; expected a number", i + 1));
    }
  }
}

bool is_constant(std::span<const double> y) {
  // R's is.constant(): all.equal(x, rep(x[1], n)) at tolerance 1.5e-8.
  double diff = 0, mag = 0;
  for (double v : y) {
    diff += std::fabs(v - y[0]);
    mag += std::fabs(v);
  }
  const double n = static_cast<double>(y.size());
  mag /= n;
  diff /= n;
  return mag > 1.5e-8 ? diff / mag < 1.5e-8 : diff < 1.5e-8;
}

Model model_of(const EtsSpec& spec, int period) {
  Model md;
  md.error = component(spec.error);
  md.trend = component(spec.trend);
  md.season = component(spec.season);
  md.m = md.season != kNone ? period : 1;
  return md;
}

// Why a form cannot be fitted, or nothing.
struct Attempt {
  std::optional<EtsFit> fit;
  std::string why;
};

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

// etsmodel(): one form, R's starting values and bounds, then the optimiser.
Attempt fit_form(std::span<const double> y, const EtsSpec& spec, int period, const EtsFitOptions& opt) {
  const int n = static_cast<int>(y.size());
  Model md = model_of(spec, period);
  md.phi = 1;
  ParameterSpace sp;
  sp.bounds = opt.bounds;
  for (int i = 0; i < 4; ++i) {
    sp.lower[i] = opt.lower[i];
    sp.upper[i] = opt.upper[i];
  }
  const bool fix_alpha = !std::isnan(opt.alpha);
  const bool fix_beta = !std::isnan(opt.beta) && md.trend != kNone;
  const bool fix_gamma = !std::isnan(opt.gamma) && md.season != kNone;
  const bool fix_phi = !std::isnan(opt.phi) && spec.damped;
  if (fix_alpha) {
    sp.upper[1] = std::min(opt.alpha, sp.upper[1]);
    sp.upper[2] = std::min(1 - opt.alpha, sp.upper[2]);
  }
  if (fix_beta) sp.lower[0] = std::max(opt.beta, sp.lower[0]);
  if (fix_gamma) sp.upper[0] = std::min(1 - opt.gamma, sp.upper[0]);
  sp.opt_alpha = !fix_alpha;
  sp.opt_beta = md.trend != kNone && !fix_beta;
  sp.opt_gamma = md.season != kNone && !fix_gamma;
  sp.opt_phi = spec.damped && !fix_phi;
  sp.given_beta = fix_beta;
  sp.given_gamma = fix_gamma;

  // initparam(): R's starting values inside the "usual" box (admissible-only bounds
  // start from a tiny box near zero, as R).
  std::array<double, 4> lo = sp.lower, up = sp.upper;
  if (opt.bounds == EtsBounds::admissible) {
    for (int i = 0; i < 3; ++i) {
      lo[i] = 0;
      up[i] = 0.001;
    }
  }
  std::vector<double> par;
  double alpha = opt.alpha;
  if (!fix_alpha) {
    alpha = lo[0] + 0.2 * (up[0] - lo[0]) / md.m;
    if (alpha > 1 || alpha < 0) alpha = lo[0] + 0.002;
    par.push_back(alpha);
  }
  md.alpha = alpha;
  if (md.trend != kNone) {
    double beta = opt.beta;
    if (!fix_beta) {
      up[1] = std::min(up[1], alpha);
      beta = lo[1] + 0.1 * (up[1] - lo[1]);
      if (beta < 0 || beta > alpha) beta = alpha - 0.001;
      par.push_back(beta);
    }
    md.beta = beta;
  }
  if (md.season != kNone) {
    double gamma = opt.gamma;
    if (!fix_gamma) {
      up[2] = std::min(up[2], 1 - alpha);
      gamma = lo[2] + 0.05 * (up[2] - lo[2]);
      if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 0.001;
      par.push_back(gamma);
    }
    md.gamma = gamma;
  }
  if (spec.damped) {
    double phi = opt.phi;
    if (!fix_phi) {
      phi = lo[3] + 0.99 * (up[3] - lo[3]);
      if (phi < 0 || phi > 1) phi = up[3] - 0.001;
      par.push_back(phi);
    }
    md.phi = phi;
  }
  // R's check.param() on the start (it checks fixed values too).
  {
    ParameterSpace all = sp;
    all.opt_alpha = true;
    all.opt_beta = md.trend != kNone;
    all.opt_gamma = md.season != kNone;
    all.opt_phi = spec.damped;
    all.given_beta = all.given_gamma = false;
    if (!parameters_ok(md, all)) {
      return {std::nullopt, "the starting or fixed smoothing parameters are out of range"};
    }
  }
  const std::vector<double> states = initial_states(y, md);
  par.insert(par.end(), states.begin(), states.end());
  const int np = static_cast<int>(par.size());
  if (np >= n - 1) {
    return {std::nullopt, fmt::format("{} free parameters need more than {} observations", np, np + 1)};
  }

  Objective objective(y, md, sp, opt.criterion);
  int evaluations = 0;
  bool converged = true;
  if (opt.optimizer == EtsOptimizer::nelder_mead) {
    const NelderMeadResult r =
        nelder_mead([&](const double* x) { return objective(x); }, par.data(), np, opt.max_evaluations);
    if (r.failed_start) {
      return {std::nullopt, "the likelihood cannot be evaluated at the starting values"};
    }
    evaluations = r.evaluations;
    converged = r.converged();
  } else {
    if (!std::isfinite(objective(par.data()))) {
      return {std::nullopt, "the likelihood cannot be evaluated at the starting values"};
    }
    nlopt::opt solver(opt.optimizer == EtsOptimizer::nlopt_bobyqa ? nlopt::LN_BOBYQA : nlopt::LN_NELDERMEAD,
                      static_cast<unsigned>(np));
    const int n_smooth = np - static_cast<int>(states.size());
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
    evaluations = ctx.count;
    converged = res != nlopt::result::MAXEVAL_REACHED;
  }

  Model fitted;
  std::vector<double> x0;
  objective.unpack(par.data(), fitted, x0);
  EtsFit out;
  out.spec = spec;
  const int n_fixed = (fix_alpha ? 1 : 0) + (fix_beta ? 1 : 0) + (fix_gamma ? 1 : 0) + (fix_phi ? 1 : 0);
  finish(y, fitted, x0, np + n_fixed, out);
  // The AIC family counts estimated parameters only (R: np = length(par) + 1).
  {
    const double k = np + 1;
    const double lik = -2 * out.loglik;
    out.aic = lik + 2 * k;
    out.bic = lik + std::log(static_cast<double>(n)) * k;
    out.aicc = out.aic + 2 * k * (k + 1) / (n - k - 1);
  }
  out.evaluations = evaluations;
  out.converged = converged;
  return {std::move(out), {}};
}

void check_form(std::span<const double> y, const EtsSpec& spec, int period) {
  const int n = static_cast<int>(y.size());
  const std::string name = format_ets_spec(spec);
  if ((spec.error != 'A' && spec.error != 'M') || (spec.trend != 'N' && spec.trend != 'A' && spec.trend != 'M') ||
      (spec.season != 'N' && spec.season != 'A' && spec.season != 'M') || (spec.damped && spec.trend == 'N')) {
    throw UsageError(
        fmt::format("{}: not a valid ETS form; expected error A/M, trend "
                    "N/A/Ad/M/Md, season N/A/M",
                    name));
  }
  if (spec.season != 'N') {
    if (period < 2) {
      throw DataError(
          fmt::format("{}: a seasonal form needs a seasonal period; expected period >= 2, got {}", name, period));
    }
    if (period > kMaxPeriod) {
      throw DataError(fmt::format("{}: seasonal period {} is too long; expected at most {}", name, period, kMaxPeriod));
    }
    if (n <= period) {
      throw DataError(
          fmt::format("{}: {} observations are too few for a seasonal model of period {}; expected more "
                      "than {}",
                      name, n, period, period));
    }
  }
  const bool multiplicative = spec.error == 'M' || spec.trend == 'M' || spec.season == 'M';
  if (multiplicative && *std::min_element(y.begin(), y.end()) <= 0) {
    throw DataError(
        fmt::format("{}: a multiplicative form needs strictly positive data; the series has zeros or "
                    "negative values",
                    name));
  }
  const int npars = 2 + (spec.trend != 'N' ? 2 : 0) + (spec.season != 'N' ? period : 0) + (spec.damped ? 1 : 0);
  if (n <= npars + 4) {
    throw DataError(
        fmt::format("{}: {} observations are too few to estimate this form; expected at least {}", name, n, npars + 5));
  }
}

}  // namespace

EtsFit fit_ets(std::span<const double> y, const EtsSpec& spec, int period, const EtsFitOptions& options) {
  check_series(y, period);
  check_form(y, spec, period);
  Attempt a = fit_form(y, spec, period, options);
  if (!a.fit) throw DataError(fmt::format("{}: cannot be fitted: {}", format_ets_spec(spec), a.why));
  return std::move(*a.fit);
}

EtsFit evaluate_ets(std::span<const double> y, const EtsSpec& spec, int period, double alpha, double beta, double gamma,
                    double phi, std::span<const double> initial_states) {
  check_series(y, period);
  check_form(y, spec, period);
  Model md = model_of(spec, period);
  md.alpha = alpha;
  md.beta = md.trend != kNone ? beta : 0.0;
  md.gamma = md.season != kNone ? gamma : 0.0;
  md.phi = spec.damped ? phi : 1.0;
  if (static_cast<int>(initial_states.size()) != state_count(md)) {
    throw UsageError(fmt::format("{}: {} initial states given; expected {}", format_ets_spec(spec),
                                 initial_states.size(), state_count(md)));
  }
  EtsFit out;
  out.spec = spec;
  const int n_smooth = 1 + (md.trend != kNone ? 1 : 0) + (md.season != kNone ? 1 : 0) + (spec.damped ? 1 : 0);
  const int n_free_states = state_count(md) - (md.season != kNone ? 1 : 0);
  finish(y, md, std::vector<double>(initial_states.begin(), initial_states.end()), n_smooth + n_free_states, out);
  out.evaluations = 1;
  return out;
}

EtsFit select_ets(std::span<const double> y, int period, const EtsSelectOptions& options) {
  check_series(y, period);
  const int n = static_cast<int>(y.size());
  // R falls back to Holt-Winters below 7 observations (n <= npars + 4 with npars = 2);
  // cloudcast refuses instead, so a caller sees why and can choose a simpler method.
  if (n <= 6) {
    throw DataError(
        fmt::format("ETS: {} observations are too few for automatic ETS selection; expected at least 7", n));
  }
  if (is_constant(y)) {
    // R: ets(y) on a constant series is ses(y, alpha = 0.99999, initial = "simple"): the
    // level starts at y[0] and nothing is estimated, so the information criteria are NaN.
    EtsFit fit =
        evaluate_ets(y, EtsSpec{'A', 'N', false, 'N'}, period, 0.99999, 0, 0, 1, std::span<const double>(y.data(), 1));
    fit.n_params = 0;
    fit.loglik = fit.aic = fit.aicc = fit.bic = std::numeric_limits<double>::quiet_NaN();
    double sse = 0;
    for (double e : fit.residuals) sse += e * e;
    fit.sigma2 = sse / n;
    return fit;
  }
  const bool seasonal_ok = period >= 2 && period <= kMaxPeriod && n > period;
  const bool positive = *std::min_element(y.begin(), y.end()) > 0;
  std::vector<char> trends = {'N', 'A'};
  if (options.allow_multiplicative_trend) trends.push_back('M');
  std::vector<char> seasons = {'N'};
  if (seasonal_ok) seasons = {'N', 'A', 'M'};

  std::optional<EtsFit> best;
  double best_ic = kInf;
  std::string last_why = "no admissible form";
  // The loop order and the strict '<' follow R, so ties resolve the same way.
  for (char e : {'A', 'M'}) {
    for (char t : trends) {
      for (char s : seasons) {
        for (bool d : {true, false}) {
          if (t == 'N' && d) continue;
          const bool any_mult = e == 'M' || t == 'M' || s == 'M';
          if (options.restrict) {
            if (e == 'A' && (t == 'M' || s == 'M')) continue;
            if (e == 'M' && t == 'M' && s == 'A') continue;
          }
          if (options.additive_only && any_mult) continue;
          if (!positive && any_mult) continue;  // R: no multiplicative error on y <= 0
          const EtsSpec spec{e, t, d, s};
          Attempt a = fit_form(y, spec, period, options.fit);
          if (!a.fit) {
            last_why = a.why;
            continue;
          }
          double ic = a.fit->aicc;
          if (options.criterion == EtsInformationCriterion::aic) ic = a.fit->aic;
          if (options.criterion == EtsInformationCriterion::bic) ic = a.fit->bic;
          if (!std::isnan(ic) && ic < best_ic) {
            best_ic = ic;
            best = std::move(a.fit);
          }
        }
      }
    }
  }
  if (!best) {
    throw DataError(fmt::format("ETS: no model could be fitted to the series ({})", last_why));
  }
  return std::move(*best);
}

namespace {

Forecast named(Forecast f, std::string method) {
  f.method = std::move(method);
  return f;
}

EtsFitOptions mse_options() {
  EtsFitOptions o;
  o.criterion = EtsCriterion::mse;
  return o;
}

}  // namespace

Forecast ses(std::span<const double> y, const ForecastOptions& options) {
  const EtsFit fit = fit_ets(y, EtsSpec{'A', 'N', false, 'N'}, options.period, mse_options());
  return named(forecast_ets(fit, options.horizon), "ses");
}

Forecast holt(std::span<const double> y, const ForecastOptions& options) {
  const EtsFit fit = fit_ets(y, EtsSpec{'A', 'A', false, 'N'}, options.period, mse_options());
  return named(forecast_ets(fit, options.horizon), "holt");
}

Forecast damped_holt(std::span<const double> y, const ForecastOptions& options) {
  const EtsFit fit = fit_ets(y, EtsSpec{'A', 'A', true, 'N'}, options.period, mse_options());
  return named(forecast_ets(fit, options.horizon), "damped");
}

Forecast auto_ets(std::span<const double> y, const ForecastOptions& options) {
  const EtsFit fit = select_ets(y, options.period);
  return named(forecast_ets(fit, options.horizon), "ets");
}

}  // namespace cloudcast::forecast
