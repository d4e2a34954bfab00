#include "forecast/ets_filter.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace cloudcast::forecast::ets_detail {

namespace {

constexpr double kTol = 1.0e-10;  // etscalc.c TOL: phi == 1, division guards
constexpr double kHuge = 1.0e10;  // etscalc.c HUGEN: value used for a 0 denominator
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

int component(char c) {
  switch (c) {
    case 'A':
      return kAdd;
    case 'M':
      return kMult;
    default:
      return kNone;
  }
}

namespace {

// The recursion for one form, specialised at compile time (E, T, S: error, trend, season;
// kMse: track the mean squared error; kStore: write errors, fitted values, states). The
// arithmetic is etscalc.c's, step for step, so likelihoods agree with R's to rounding.
// Seasonal states live in a ring: r[head] is s_{t-m}, the oldest.
template <int E, int T, int S, bool kMse, bool kStore>
FilterResult filter_impl(std::span<const double> y, const Model& md, const double* x0, std::span<double> e_out,
                         std::span<double> fitted, std::span<double> states) {
  const int n = static_cast<int>(y.size());
  const int m = md.m;
  constexpr int kOff = 1 + (T != kNone ? 1 : 0);
  const int p = kOff + (S != kNone ? m : 0);
  const double alpha = md.alpha, gamma = md.gamma, phi = md.phi;
  const double beta_over_alpha = T != kNone ? md.beta / md.alpha : 0.0;
  const bool phi_is_one = std::fabs(phi - 1.0) < kTol;

  double l = x0[0];
  double b = T != kNone ? x0[1] : 0.0;
  std::array<double, kMaxPeriod> ring{};
  int head = 0;
  if constexpr (S != kNone) {
    for (int j = 0; j < m; ++j) ring[m - 1 - j] = x0[kOff + j];
  }
  if constexpr (kStore) std::copy(x0, x0 + p, states.begin());

  double sse = 0, log_f = 0, mse = 0, prod_f = 1;
  for (int i = 0; i < n; ++i) {
    const double oldl = l, oldb = b;
    const double olds = S != kNone ? ring[head] : 0.0;  // s_{t-m}

    // One-step forecast (etscalc.c forecast(), h = 1).
    double f;
    if constexpr (T == kNone) {
      f = oldl;
    } else if constexpr (T == kAdd) {
      f = oldl + phi * oldb;
    } else {
      if (oldb < 0) return {kInf, kInf};  // R: NA, multiplicative trend gone negative
      f = oldl * std::pow(oldb, phi);
    }
    if constexpr (S == kAdd) f += olds;
    if constexpr (S == kMult) f *= olds;

    const double yi = y[i];
    const double err = E == kAdd ? yi - f : (yi - f) / f;
    if constexpr (kStore) {
      e_out[i] = err;
      fitted[i] = f;
    }
    if constexpr (kMse) {
      // Running mean, written as etscalc.c does so MSE fits reproduce R's bit for bit.
      const double d = yi - f;
      mse = (mse * i + d * d) / (i + 1);
    }

    // State update (etscalc.c update()).
    double q, phib;
    if constexpr (T == kNone) {
      q = oldl;
      phib = 0;
    } else if constexpr (T == kAdd) {
      phib = phi * oldb;
      q = oldl + phib;
    } else {
      phib = phi_is_one ? oldb : std::pow(oldb, phi);
      q = oldl * phib;
    }
    double pl;
    if constexpr (S == kNone) {
      pl = yi;
    } else if constexpr (S == kAdd) {
      pl = yi - olds;
    } else {
      pl = std::fabs(olds) < kTol ? kHuge : yi / olds;
    }
    l = q + alpha * (pl - q);
    if constexpr (T != kNone) {
      double r;
      if constexpr (T == kAdd) {
        r = l - oldl;
      } else {
        r = std::fabs(oldl) < kTol ? kHuge : l / oldl;
      }
      b = phib + beta_over_alpha * (r - phib);
    }
    if constexpr (S != kNone) {
      double t;
      if constexpr (S == kAdd) {
        t = yi - q;
      } else {
        t = std::fabs(q) < kTol ? kHuge : yi / q;
      }
      ring[head] = olds + gamma * (t - olds);  // the new s_t replaces s_{t-m}
      head = head + 1 == m ? 0 : head + 1;
    }
    if constexpr (kStore) {
      double* row = states.data() + static_cast<std::ptrdiff_t>(p) * (i + 1);
      row[0] = l;
      if constexpr (T != kNone) row[1] = b;
      if constexpr (S != kNone) {
        for (int j = 0; j < m; ++j) {
          int k = head - 1 - j;
          if (k < 0) k += m;
          row[kOff + j] = ring[k];
        }
      }
    }
    sse += err * err;
    if constexpr (E == kMult) {
      // sum log|f| as the log of a running product, folded before it can overflow: one
      // log per ~tens of steps instead of one per step (differs from R's sum only in the
      // last bits).
      prod_f *= std::fabs(f);
      if (!(prod_f < 1e150 && prod_f > 1e-150)) {
        log_f += std::log(prod_f);
        prod_f = 1;
      }
    }
  }
  double lik = n * std::log(sse);
  if constexpr (E == kMult) lik += 2 * (log_f + std::log(prod_f));
  return {lik, kMse ? mse : 0.0};
}

using FilterFn = FilterResult (*)(std::span<const double>, const Model&, const double*, std::span<double>,
                                  std::span<double>, std::span<double>);

template <bool kMse, bool kStore>
FilterFn pick(const Model& md) {
#define CLOUDCAST_ETS_CASE(E, T, S) \
  if (md.error == E && md.trend == T && md.season == S) return &filter_impl<E, T, S, kMse, kStore>;
#define CLOUDCAST_ETS_SEASONS(E, T) \
  CLOUDCAST_ETS_CASE(E, T, kNone) CLOUDCAST_ETS_CASE(E, T, kAdd) CLOUDCAST_ETS_CASE(E, T, kMult)
  CLOUDCAST_ETS_SEASONS(kAdd, kNone)
  CLOUDCAST_ETS_SEASONS(kAdd, kAdd)
  CLOUDCAST_ETS_SEASONS(kAdd, kMult)
  CLOUDCAST_ETS_SEASONS(kMult, kNone)
  CLOUDCAST_ETS_SEASONS(kMult, kAdd)
  CLOUDCAST_ETS_SEASONS(kMult, kMult)
#undef CLOUDCAST_ETS_SEASONS
#undef CLOUDCAST_ETS_CASE
  return nullptr;
}

}  // namespace

FilterResult run_filter(std::span<const double> y, const Model& md, const double* x0, std::span<double> e_out,
                        std::span<double> fitted, std::span<double> states) {
  if (!states.empty()) {
    // Results pass: everything stored, MSE tracked.
    return pick<true, true>(md)(y, md, x0, e_out, fitted, states);
  }
  return pick<true, false>(md)(y, md, x0, e_out, fitted, states);
}

FilterKernel filter_kernel(const Model& md, bool with_mse) {
  return with_mse ? pick<true, false>(md) : pick<false, false>(md);
}

// ------------------------------------------------------------------ initial states

namespace {

// R's mean(): a long double sum, then one refinement pass. Reproducing R's rounding
// keeps the optimiser's path identical to R's (Nelder-Mead amplifies the last bit).
double r_mean(const double* x, int n) {
  long double s = 0;
  for (int i = 0; i < n; ++i) s += x[i];
  s /= n;
  long double t = 0;
  for (int i = 0; i < n; ++i) t += x[i] - s;
  s += t / n;
  return static_cast<double>(s);
}

// stats::decompose(): seasonal figure by position from the first observation
// (figure[k] belongs to observations k, k+m, ...), normalised to mean 0 (additive) or 1.
std::vector<double> decompose_figure(std::span<const double> y, int m, bool multiplicative) {
  const int n = static_cast<int>(y.size());
  // Centred moving average (stats::filter, sides = 2): weights 1/m (odd m) or
  // (0.5, 1, ..., 1, 0.5)/m (even m), summed in R's order (newest first).
  const int nf = m % 2 == 0 ? m + 1 : m;
  std::array<double, kMaxPeriod + 1> w{};
  for (int j = 0; j < nf; ++j) w[j] = 1.0 / m;
  if (m % 2 == 0) w[0] = w[nf - 1] = 0.5 / m;
  const int o = nf / 2;
  std::vector<std::vector<double>> season(static_cast<std::size_t>(m));
  for (int t = o; t < n - (nf - 1 - o); ++t) {
    double trend = 0;
    for (int j = 0; j < nf; ++j) trend += w[j] * y[t + o - j];
    season[t % m].push_back(multiplicative ? y[t] / trend : y[t] - trend);
  }
  std::vector<double> figure(static_cast<std::size_t>(m));
  for (int k = 0; k < m; ++k) {
    figure[k] = r_mean(season[k].data(), static_cast<int>(season[k].size()));
  }
  const double mean = r_mean(figure.data(), m);
  for (double& f : figure) f = multiplicative ? f / mean : f - mean;
  return figure;
}

}  // namespace

std::vector<double> initial_states(std::span<const double> y, const Model& md) {
  const int n = static_cast<int>(y.size());
  std::vector<double> ysa(y.begin(), y.end());
  std::vector<double> init_seas;
  int m = 1;
  if (md.season != kNone) {
    m = md.m;
    const bool mult = md.season == kMult;
    std::vector<double> seasonal(static_cast<std::size_t>(n));
    if (n < 3 * m) {
      // tslm(y ~ trend + fourier(y, 1)): intercept, t, sin(2 pi t/m), cos(2 pi t/m).
      const bool with_sin = m != 2;  // fourier() drops sin when 2K == m
      const int k = with_sin ? 4 : 3;
      Eigen::MatrixXd x(n, k);
      Eigen::VectorXd yy(n);
      for (int t = 0; t < n; ++t) {
        const double tt = t + 1;
        int c = 0;
        x(t, c++) = 1;
        x(t, c++) = tt;
        if (with_sin) x(t, c++) = std::sin(std::numbers::pi * 2.0 * tt / m);
        x(t, c++) = std::cos(std::numbers::pi * 2.0 * tt / m);
        yy(t) = y[t];
      }
      const Eigen::VectorXd coef = x.colPivHouseholderQr().solve(yy);
      for (int t = 0; t < n; ++t) {
        const double trend = coef(0) + coef(1) * (t + 1);
        seasonal[t] = mult ? y[t] / trend : y[t] - trend;
      }
    } else {
      const std::vector<double> figure = decompose_figure(y, m, mult);
      for (int t = 0; t < n; ++t) seasonal[t] = figure[t % m];
    }
    // init.seas = rev(seasonal[2:m]): s_0 = seasonal[m-1], ..., s_{m-2} = seasonal[1].
    for (int j = m - 1; j >= 1; --j) init_seas.push_back(seasonal[j]);
    if (!mult) {
      for (int t = 0; t < n; ++t) ysa[t] = y[t] - seasonal[t];
    } else {
      for (double& s : init_seas) s = std::max(s, 0.01);
      const double total = std::accumulate(init_seas.begin(), init_seas.end(), 0.0);
      if (total > m) {
        // R divides by sum(init.seas + 0.01), kept as is.
        const double denom = total + 0.01 * static_cast<double>(init_seas.size());
        for (double& s : init_seas) s /= denom;
      }
      for (int t = 0; t < n; ++t) ysa[t] = y[t] / std::max(seasonal[t], 0.01);
    }
  }

  const int maxn = std::min(std::max(10, 2 * m), n);
  std::vector<double> out;
  if (md.trend == kNone) {
    out.push_back(r_mean(ysa.data(), maxn));
  } else {
    // lsfit(1:maxn, ysa[1:maxn]): ordinary least squares line.
    double mx = 0, my = 0;
    for (int t = 0; t < maxn; ++t) {
      mx += t + 1;
      my += ysa[t];
    }
    mx /= maxn;
    my /= maxn;
    double sxy = 0, sxx = 0;
    for (int t = 0; t < maxn; ++t) {
      sxy += (t + 1 - mx) * (ysa[t] - my);
      sxx += (t + 1 - mx) * (t + 1 - mx);
    }
    const double slope = sxy / sxx;
    const double intercept = my - slope * mx;
    double l0, b0;
    if (md.trend == kAdd) {
      l0 = intercept;
      b0 = slope;
      if (std::fabs(l0 + b0) < 1e-8) {
        l0 *= 1 + 0.001;
        b0 *= 1 - 0.001;
      }
    } else {
      l0 = intercept + slope;
      if (std::fabs(l0) < 1e-8) l0 = 1e-7;
      b0 = (intercept + 2 * slope) / l0;
      l0 = l0 / b0;
      if (std::fabs(b0) > 1e10) b0 = std::copysign(1e10, b0);
      if (l0 < 1e-8 || b0 < 1e-8) {
        l0 = std::max(ysa[0], 0.001);
        b0 = std::max(ysa[1] / ysa[0], 0.001);
      }
    }
    out.push_back(l0);
    out.push_back(b0);
  }
  out.insert(out.end(), init_seas.begin(), init_seas.end());
  return out;
}

// ------------------------------------------------------------------ parameter region

bool parameters_ok(const Model& md, const ParameterSpace& sp) {
  if (sp.bounds != EtsBounds::admissible) {
    if (sp.opt_alpha && (md.alpha < sp.lower[0] || md.alpha > sp.upper[0])) return false;
    if (sp.opt_beta && (md.beta < sp.lower[1] || md.beta > md.alpha || md.beta > sp.upper[1])) {
      return false;
    }
    if (sp.opt_phi && (md.phi < sp.lower[3] || md.phi > sp.upper[3])) return false;
    if (sp.opt_gamma && (md.gamma < sp.lower[2] || md.gamma > 1 - md.alpha || md.gamma > sp.upper[2])) {
      return false;
    }
  }
  if (sp.bounds != EtsBounds::usual) return admissible(md, sp);
  return true;
}

bool admissible(const Model& md, const ParameterSpace& sp) {
  const double phi = md.phi, alpha = md.alpha, gamma = md.gamma;
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!sp.opt_gamma && !sp.given_gamma) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (sp.opt_beta || sp.given_beta) {
      if (md.beta < alpha * (phi - 1) || md.beta > (1 + phi) * (2 - alpha)) return false;
    }
    return true;
  }
  const int m = md.m;
  if (m <= 1) return true;
  const double beta = (sp.opt_beta || sp.given_beta) ? md.beta : 0.0;
  if (gamma < std::max(1 - 1 / phi - alpha, 0.0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;

  // Characteristic polynomial in increasing powers (R's P), scaled to w = z / (1 + 1e-10)
  // so that "every |z| <= 1 + 1e-10" becomes "every |w| < 1" (measure-zero difference).
  // Two ping-pong buffers, no zero-filling: this runs at every objective evaluation.
  double buf[2][kMaxPeriod + 2];
  double* a = buf[0];
  double* q = buf[1];
  const int deg = m + 1;
  a[0] = phi * (1 - alpha - gamma);
  a[1] = alpha + beta - alpha * phi + gamma - 1;
  for (int k = 2; k <= m - 1; ++k) a[k] = alpha + beta - alpha * phi;
  a[m] = alpha + beta - phi;
  a[m + 1] = 1;
  double scale = 1 + 1e-10;
  for (int k = 1; k <= deg; ++k) {
    a[k] *= scale;
    scale *= 1 + 1e-10;
  }
  // Schur-Cohn: with |a_0| < |a_n|, p has all roots in the open unit disc iff
  // q_j = a_n a_{j+1} - a_0 a_{n-1-j} (degree n-1) has; |a_0| >= |a_n| means some |root| >= 1.
  for (int n = deg; n > 0; --n) {
    const double a0 = a[0], an = a[n];
    if (!(std::fabs(a0) < std::fabs(an))) return false;
    for (int j = 0; j < n; ++j) q[j] = an * a[j + 1] - a0 * a[n - 1 - j];
    const double inv = 1 / q[n - 1];  // renormalise (leading coefficient 1): no overflow
    for (int j = 0; j < n; ++j) q[j] *= inv;
    std::swap(a, q);
  }
  return true;
}

// ------------------------------------------------------------------ objective

Objective::Objective(std::span<const double> y, const Model& form, const ParameterSpace& space, EtsCriterion criterion)
    : y_(y), form_(form), space_(space), criterion_(criterion) {
  n_smooth_ =
      (space.opt_alpha ? 1 : 0) + (space.opt_beta ? 1 : 0) + (space.opt_gamma ? 1 : 0) + (space.opt_phi ? 1 : 0);
  n_state_ = 1 + (form.trend != kNone ? 1 : 0) + (form.season != kNone ? form.m - 1 : 0);
  n_par_ = n_smooth_ + n_state_;
  kernel_ = filter_kernel(form, criterion == EtsCriterion::mse);
}

void Objective::unpack(const double* par, Model& md, std::vector<double>& x0) const {
  md = form_;
  int j = 0;
  if (space_.opt_alpha) md.alpha = par[j++];
  if (space_.opt_beta) md.beta = par[j++];
  if (space_.opt_gamma) md.gamma = par[j++];
  if (space_.opt_phi) md.phi = par[j++];
  x0.assign(par + n_smooth_, par + n_par_);
  if (form_.season != kNone) {
    const int first = 1 + (form_.trend != kNone ? 1 : 0);
    double sum = 0;
    for (int i = first; i < n_state_; ++i) sum += x0[i];
    x0.push_back((form_.season == kMult ? form_.m : 0) - sum);
  }
}

double Objective::operator()(const double* par) {
  Model md = form_;
  int j = 0;
  if (space_.opt_alpha) md.alpha = par[j++];
  if (space_.opt_beta) md.beta = par[j++];
  if (space_.opt_gamma) md.gamma = par[j++];
  if (space_.opt_phi) md.phi = par[j++];
  if (!parameters_ok(md, space_)) return kInf;

  for (int i = 0; i < n_state_; ++i) x0_[i] = par[n_smooth_ + i];
  if (form_.season != kNone) {
    // The last seasonal state is implied: seasons sum to 0 (A) or m (M).
    const int first = 1 + (form_.trend != kNone ? 1 : 0);
    double sum = 0;
    for (int i = first; i < n_state_; ++i) sum += x0_[i];
    x0_[n_state_] = (form_.season == kMult ? form_.m : 0) - sum;
    if (form_.season == kMult) {
      for (int i = first; i <= n_state_; ++i) {
        if (x0_[i] < 0) return kInf;
      }
    }
  }
  const FilterResult r = kernel_(y_, md, x0_.data(), {}, {}, {});
  double lik = r.lik;
  if (lik < -1e10) lik = -1e10;  // R: avoid rewarding perfect fits without bound
  if (std::isnan(lik)) lik = kInf;
  if (criterion_ == EtsCriterion::mse) return std::isfinite(lik) ? r.mse : kInf;
  return lik;
}

}  // namespace cloudcast::forecast::ets_detail
