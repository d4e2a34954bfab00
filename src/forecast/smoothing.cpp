#include "forecast/smoothing.hpp"

#include <fmt/format.h>

#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>
#include <vector>

#include "cloudcast/error.hpp"
#include "forecast/decompose.hpp"
#include "forecast/intervals.hpp"
#include "forecast/nelder_mead.hpp"
#include "forecast/simple.hpp"

namespace cloudcast::forecast {

namespace {

// ets()'s default "usual" bounds.
constexpr double kLower = 1e-4;
constexpr double kUpper = 0.9999;
constexpr double kPhiLower = 0.8;
constexpr double kPhiUpper = 0.98;

struct Params {
  double alpha, beta, phi, level0, slope0;
};

// One pass of the additive recursions; returns SSE and leaves the final states in p_out.
double run_filter(std::span<const double> y, const Params& p, double& level, double& slope) {
  level = p.level0;
  slope = p.slope0;
  double sse = 0;
  for (double v : y) {
    const double fitted = level + p.phi * slope;
    const double e = v - fitted;
    sse += e * e;
    level = fitted + p.alpha * e;
    slope = p.phi * slope + p.beta * e;
  }
  return sse;
}

struct Problem {
  std::span<const double> y;
  Trend trend;
};

// x = [alpha, beta/alpha, phi, level0, slope0] restricted to the form's parameters; beta
// is written as a share of alpha so that ets()'s constraint beta <= alpha is a box bound.
Params unpack(const Problem& pr, const double* x) {
  Params p{x[0], 0, 1, 0, 0};
  std::size_t i = 1;
  if (pr.trend != Trend::none) p.beta = x[0] * x[i++];
  if (pr.trend == Trend::damped) p.phi = x[i++];
  p.level0 = x[i++];
  if (pr.trend != Trend::none) p.slope0 = x[i++];
  return p;
}

double objective(unsigned n, const double* x, double* grad, void* data) {
  (void)n;
  (void)grad;  // derivative-free algorithm: no gradient requested
  const auto& pr = *static_cast<const Problem*>(data);
  double level = 0, slope = 0;
  const double sse = run_filter(pr.y, unpack(pr, x), level, slope);
  const double mse = sse / static_cast<double>(pr.y.size());
  return std::isfinite(mse) ? mse : std::numeric_limits<double>::max();
}

}  // namespace

std::size_t smoothing_min_length(Trend trend) {
  // ets() fits by likelihood only when n > npars + 4, npars = 2 (alpha, l0) plus 2 for a
  // trend (beta, b0) plus 1 for damping.
  switch (trend) {
    case Trend::none:
      return 7;
    case Trend::additive:
      return 9;
    case Trend::damped:
      return 10;
  }
  return 10;
}

namespace {

// ets()'s starting values (initparam, initstate): l0 = mean of the first 10 values (no
// trend) or the intercept and slope of a least-squares line through them.
std::pair<double, double> initial_level_slope(std::span<const double> y, Trend trend) {
  const std::size_t n = y.size();
  const std::size_t maxn = std::min<std::size_t>(10, n);
  double l0 = 0, b0 = 0;
  if (trend == Trend::none) {
    for (std::size_t t = 0; t < maxn; ++t) l0 += y[t];
    l0 /= static_cast<double>(maxn);
  } else {
    double st = 0, sy = 0, stt = 0, sty = 0;
    for (std::size_t t = 0; t < maxn; ++t) {
      const double tt = static_cast<double>(t + 1);
      st += tt;
      sy += y[t];
      stt += tt * tt;
      sty += tt * y[t];
    }
    const double m = static_cast<double>(maxn);
    b0 = (m * sty - st * sy) / (m * stt - st * st);
    l0 = (sy - b0 * st) / m;
  }
  return {l0, b0};
}

// R's Nelder-Mead on the MSE as ets() runs it; returns the parameters in unpack()'s layout.
std::vector<double> fit_r_nelder_mead(std::span<const double> y, Trend trend, double alpha0, double l0, double b0) {
  const std::size_t n = y.size();
  // R's parameter vector: alpha, beta, phi, l0, b0 (the forms' subset), with the
  // "usual" bounds enforced by an infinite objective as ets()'s check_params does.
  std::vector<double> start{alpha0};
  if (trend != Trend::none) start.push_back(kLower + 0.1 * (std::min(kUpper, alpha0) - kLower));
  if (trend == Trend::damped) start.push_back(kPhiLower + 0.99 * (kPhiUpper - kPhiLower));
  start.push_back(l0);
  if (trend != Trend::none) start.push_back(b0);
  auto mse = [&](const double* v) {
    Params p{v[0], 0, 1, 0, 0};
    std::size_t i = 1;
    if (trend != Trend::none) p.beta = v[i++];
    if (trend == Trend::damped) p.phi = v[i++];
    p.level0 = v[i++];
    if (trend != Trend::none) p.slope0 = v[i++];
    if (p.alpha < kLower || p.alpha > kUpper) return HUGE_VAL;
    if (trend != Trend::none && (p.beta < kLower || p.beta > p.alpha || p.beta > kUpper)) return HUGE_VAL;
    if (trend == Trend::damped && (p.phi < kPhiLower || p.phi > kPhiUpper)) return HUGE_VAL;
    double level = 0, slope = 0;
    return run_filter(y, p, level, slope) / static_cast<double>(n);
  };
  // maxit 2000 as ets() passes to optim().
  const detail::NelderMeadResult r = detail::nelder_mead(mse, start.data(), static_cast<int>(start.size()), 2000);
  if (r.failed_start) throw DataError("nelder_mead: the objective cannot be evaluated at the initial parameters");
  std::vector<double> x = start;
  // Re-express beta as a share of alpha, the layout unpack() reads.
  if (trend != Trend::none) x[1] = x[1] / x[0];
  return x;
}

// NLopt's Nelder-Mead in unpack()'s layout (beta as a share of alpha), from the same start.
std::vector<double> fit_nlopt(Problem& problem, std::span<const double> y, Trend trend, double alpha0, double l0,
                              double b0) {
  double scale = 0;
  for (double v : y) scale = std::max(scale, std::abs(v));
  scale = std::max(scale, 1e-8);

  std::vector<double> x{alpha0}, lo{kLower}, hi{kUpper}, step{0.1};
  if (trend != Trend::none) {
    x.push_back(0.1);
    lo.push_back(kLower);
    hi.push_back(1.0);
    step.push_back(0.1);
  }
  if (trend == Trend::damped) {
    x.push_back(kPhiLower + 0.99 * (kPhiUpper - kPhiLower));
    lo.push_back(kPhiLower);
    hi.push_back(kPhiUpper);
    step.push_back(0.02);
  }
  x.push_back(l0);
  lo.push_back(-HUGE_VAL);
  hi.push_back(HUGE_VAL);
  step.push_back(0.1 * std::max(std::abs(l0), 0.01 * scale));
  if (trend != Trend::none) {
    x.push_back(b0);
    lo.push_back(-HUGE_VAL);
    hi.push_back(HUGE_VAL);
    step.push_back(0.1 * std::max(std::abs(b0), 0.001 * scale));
  }
  nlopt::opt opt(nlopt::LN_NELDERMEAD, static_cast<unsigned>(x.size()));
  opt.set_lower_bounds(lo);
  opt.set_upper_bounds(hi);
  opt.set_min_objective(objective, &problem);
  opt.set_ftol_rel(1e-10);
  opt.set_xtol_rel(1e-8);
  opt.set_maxeval(4000);
  double best = 0;
  // Two runs: the second restarts the simplex at the first optimum, which guards
  // against Nelder-Mead's premature collapse (the usual remedy, Press et al. §10.4).
  for (int run = 0; run < 2; ++run) {
    opt.set_initial_step(step);
    try {
      opt.optimize(x, best);
    } catch (const nlopt::roundoff_limited&) {
      // The optimum is reached to rounding precision: x holds it.
    }
  }
  return x;
}

}  // namespace

SmoothingFit fit_smoothing(std::span<const double> y, Trend trend, Optimizer optimizer) {
  const char* names[] = {"ses", "holt", "damped"};
  require_length(y, smoothing_min_length(trend), names[static_cast<int>(trend)]);
  const std::size_t n = y.size();
  // ets()'s starting values (initparam, initstate): alpha = 0.2, beta = 0.1 alpha,
  // phi = 0.978, the level and slope from the first values.
  const auto [l0, b0] = initial_level_slope(y, trend);
  const double alpha0 = kLower + 0.2 * (kUpper - kLower);
  Problem problem{y, trend};
  const std::vector<double> x = optimizer == Optimizer::r_nelder_mead ? fit_r_nelder_mead(y, trend, alpha0, l0, b0)
                                                                      : fit_nlopt(problem, y, trend, alpha0, l0, b0);

  SmoothingFit fit;
  fit.trend = trend;
  const Params p = unpack(problem, x.data());
  fit.alpha = p.alpha;
  fit.beta = p.beta;
  fit.phi = p.phi;
  fit.level0 = p.level0;
  fit.slope0 = p.slope0;
  const double sse = run_filter(y, p, fit.level, fit.slope);
  fit.mse = sse / static_cast<double>(n);
  fit.n_params = static_cast<int>(x.size());
  fit.sigma2 = sse / static_cast<double>(n - static_cast<std::size_t>(fit.n_params));
  return fit;
}

Forecast forecast_from_fit(const SmoothingFit& fit, const ForecastOptions& options) {
  Forecast f;
  std::vector<double> se;
  double phi_sum = 0;   // phi + ... + phi^h
  double c_sq_sum = 0;  // sum_{j<h} c_j^2
  double phi_pow = 1;
  for (int h = 1; h <= options.horizon; ++h) {
    phi_pow *= fit.phi;
    phi_sum += phi_pow;
    f.mean.push_back(fit.level + phi_sum * fit.slope);
    se.push_back(std::sqrt(fit.sigma2 * (1 + c_sq_sum)));
    const double c = fit.alpha + fit.beta * phi_sum;
    c_sq_sum += c * c;
  }
  detail::set_normal_intervals(f, se);
  return f;
}

namespace {

Forecast raw(std::span<const double> y, const ForecastOptions& options, Trend trend, const char* method) {
  const SmoothingFit fit = fit_smoothing(y, trend);
  Forecast f = forecast_from_fit(fit, options);
  f.method = method;
  switch (trend) {
    case Trend::none:
      f.description = fmt::format("SES alpha={:.4f}", fit.alpha);
      break;
    case Trend::additive:
      f.description = fmt::format("Holt alpha={:.4f} beta={:.4f}", fit.alpha, fit.beta);
      break;
    case Trend::damped:
      f.description = fmt::format("damped Holt alpha={:.4f} beta={:.4f} phi={:.4f}", fit.alpha, fit.beta, fit.phi);
      break;
  }
  return f;
}

Forecast adjusted(std::span<const double> y, const ForecastOptions& options, Trend trend, const char* method) {
  require_length(y, smoothing_min_length(trend), method);
  const SeasonalAdjustment sa = seasonally_adjust(y, options.period, options.horizon);
  Forecast f = raw(sa.adjusted, options, trend, method);
  detail::scale_forecast(f, sa.future);
  if (sa.seasonal) f.description += ", seasonally adjusted";
  return f;
}

}  // namespace

Forecast forecast_ses_raw(std::span<const double> y, const ForecastOptions& o) {
  return raw(y, o, Trend::none, "ses_raw");
}
Forecast forecast_holt_raw(std::span<const double> y, const ForecastOptions& o) {
  return raw(y, o, Trend::additive, "holt_raw");
}
Forecast forecast_damped_raw(std::span<const double> y, const ForecastOptions& o) {
  return raw(y, o, Trend::damped, "damped_raw");
}
Forecast forecast_ses(std::span<const double> y, const ForecastOptions& o) {
  return adjusted(y, o, Trend::none, "ses");
}
Forecast forecast_holt(std::span<const double> y, const ForecastOptions& o) {
  return adjusted(y, o, Trend::additive, "holt");
}
Forecast forecast_damped(std::span<const double> y, const ForecastOptions& o) {
  return adjusted(y, o, Trend::damped, "damped");
}

}  // namespace cloudcast::forecast
