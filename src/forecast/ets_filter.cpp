#include "forecast/ets_filter.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace cloudcast::forecast::ets_detail {

namespace {

constexpr double kTol = 1.0e-10;    // etscalc.c TOL: phi == 1, division guards
constexpr double kHuge = 1.0e10;    // etscalc.c HUGEN: value used for a 0 denominator
constexpr double kInf = std::numeric_limits<double>::infinity();

// One-step forecast from the previous state (etscalc.c forecast() with h = 1).
// Returns NaN for a multiplicative trend with a negative growth (R's NA).
inline double one_step(double l, double b, const double* s, const Model& md) {
  double f;
  if (md.trend == kNone) {
    f = l;
  } else if (md.trend == kAdd) {
    f = l + md.phi * b;
  } else {
    if (b < 0) return std::numeric_limits<double>::quiet_NaN();
    f = l * std::pow(b, md.phi);
  }
  if (md.season == kAdd) {
    f += s[md.m - 1];
  } else if (md.season == kMult) {
    f *= s[md.m - 1];
  }
  return f;
}

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

FilterResult run_filter(std::span<const double> y, const Model& md, const double* x0,
                        std::span<double> e_out, std::span<double> fitted,
                        std::span<double> states) {
  const int n = static_cast<int>(y.size());
  const int m = md.m;
  const int p = state_count(md);
  const bool has_trend = md.trend != kNone;
  const bool has_season = md.season != kNone;

  double l = x0[0];
  double b = has_trend ? x0[1] : 0.0;
  std::array<double, kMaxPeriod> s{}, olds{};
  if (has_season) {
    for (int j = 0; j < m; ++j) s[j] = x0[1 + (has_trend ? 1 : 0) + j];
  }
  if (!states.empty()) std::copy(x0, x0 + p, states.begin());

  double sse = 0, log_f = 0, mse = 0;
  for (int i = 0; i < n; ++i) {
    const double oldl = l, oldb = b;
    if (has_season) olds = s;

    const double f = one_step(oldl, oldb, olds.data(), md);
    if (std::isnan(f)) return {kInf, kInf};
    const double yi = y[i];
    const double err = md.error == kAdd ? yi - f : (yi - f) / f;
    if (!e_out.empty()) e_out[i] = err;
    if (!fitted.empty()) fitted[i] = f;
    // Running mean, written as etscalc.c does so MSE fits reproduce R's to the last bit.
    const double d = yi - f;
    mse = (mse * i + d * d) / (i + 1);

    // State update (etscalc.c update()).
    double q, phib;
    if (md.trend == kNone) {
      q = oldl;
      phib = 0;
    } else if (md.trend == kAdd) {
      phib = md.phi * oldb;
      q = oldl + phib;
    } else if (std::fabs(md.phi - 1.0) < kTol) {
      phib = oldb;
      q = oldl * oldb;
    } else {
      phib = std::pow(oldb, md.phi);
      q = oldl * phib;
    }
    double pl;
    if (md.season == kNone) {
      pl = yi;
    } else if (md.season == kAdd) {
      pl = yi - olds[m - 1];
    } else {
      pl = std::fabs(olds[m - 1]) < kTol ? kHuge : yi / olds[m - 1];
    }
    l = q + md.alpha * (pl - q);
    if (has_trend) {
      double r;
      if (md.trend == kAdd) {
        r = l - oldl;
      } else {
        r = std::fabs(oldl) < kTol ? kHuge : l / oldl;
      }
      b = phib + (md.beta / md.alpha) * (r - phib);
    }
    if (has_season) {
      double t;
      if (md.season == kAdd) {
        t = yi - q;
      } else {
        t = std::fabs(q) < kTol ? kHuge : yi / q;
      }
      s[0] = olds[m - 1] + md.gamma * (t - olds[m - 1]);
      for (int j = 1; j < m; ++j) s[j] = olds[j - 1];
    }
    if (!states.empty()) {
      double* row = states.data() + static_cast<std::ptrdiff_t>(p) * (i + 1);
      row[0] = l;
      if (has_trend) row[1] = b;
      if (has_season) {
        for (int j = 0; j < m; ++j) row[1 + (has_trend ? 1 : 0) + j] = s[j];
      }
    }
    sse += err * err;
    log_f += std::log(std::fabs(f));
  }
  double lik = n * std::log(sse);
  if (md.error == kMult) lik += 2 * log_f;
  return {lik, mse};
}

// ------------------------------------------------------------------ initial states

namespace {

// stats::decompose(): seasonal figure by position from the first observation
// (figure[k] belongs to observations k, k+m, ...), normalised to mean 0 (additive) or 1.
std::vector<double> decompose_figure(std::span<const double> y, int m, bool multiplicative) {
  const int n = static_cast<int>(y.size());
  // Centred moving average: weights 1/m (odd m) or (0.5, 1, ..., 1, 0.5)/m (even m).
  const int half = m / 2;
  std::vector<double> sum(static_cast<std::size_t>(m), 0.0);
  std::vector<int> count(static_cast<std::size_t>(m), 0);
  for (int t = half; t < n - half; ++t) {
    double trend = 0;
    if (m % 2 == 0) {
      trend = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (int k = -half + 1; k <= half - 1; ++k) trend += y[t + k];
    } else {
      for (int k = -half; k <= half; ++k) trend += y[t + k];
    }
    trend /= m;
    const double season = multiplicative ? y[t] / trend : y[t] - trend;
    sum[t % m] += season;
    count[t % m] += 1;
  }
  std::vector<double> figure(static_cast<std::size_t>(m));
  for (int k = 0; k < m; ++k) figure[k] = sum[k] / count[k];
  const double mean = std::accumulate(figure.begin(), figure.end(), 0.0) / m;
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
    out.push_back(std::accumulate(ysa.begin(), ysa.begin() + maxn, 0.0) / maxn);
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
    if (sp.opt_beta &&
        (md.beta < sp.lower[1] || md.beta > md.alpha || md.beta > sp.upper[1])) {
      return false;
    }
    if (sp.opt_phi && (md.phi < sp.lower[3] || md.phi > sp.upper[3])) return false;
    if (sp.opt_gamma &&
        (md.gamma < sp.lower[2] || md.gamma > 1 - md.alpha || md.gamma > sp.upper[2])) {
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
  std::array<double, kMaxPeriod + 2> a{};
  const int deg = m + 1;
  a[0] = phi * (1 - alpha - gamma);
  a[1] = alpha + beta - alpha * phi + gamma - 1;
  for (int k = 2; k <= m - 1; ++k) a[k] = alpha + beta - alpha * phi;
  a[m] = alpha + beta - phi;
  a[m + 1] = 1;
  double scale = 1;
  for (int k = 0; k <= deg; ++k) {
    a[k] *= scale;
    scale *= 1 + 1e-10;
  }
  // Schur-Cohn: with |a_0| < |a_n|, p has all roots in the open unit disc iff
  // q_j = a_n a_{j+1} - a_0 a_{n-1-j} (degree n-1) has; |a_0| >= |a_n| means some |root| >= 1.
  for (int n = deg; n > 0; --n) {
    const double a0 = a[0], an = a[n];
    if (!(std::fabs(a0) < std::fabs(an))) return false;
    std::array<double, kMaxPeriod + 2> q{};
    for (int j = 0; j < n; ++j) q[j] = an * a[j + 1] - a0 * a[n - 1 - j];
    const double lead = q[n - 1];
    for (int j = 0; j < n; ++j) a[j] = q[j] / lead;
  }
  return true;
}

// ------------------------------------------------------------------ objective

Objective::Objective(std::span<const double> y, const Model& form, const ParameterSpace& space,
                     EtsCriterion criterion)
    : y_(y), form_(form), space_(space), criterion_(criterion) {
  n_smooth_ = (space.opt_alpha ? 1 : 0) + (space.opt_beta ? 1 : 0) +
              (space.opt_gamma ? 1 : 0) + (space.opt_phi ? 1 : 0);
  n_state_ = 1 + (form.trend != kNone ? 1 : 0) + (form.season != kNone ? form.m - 1 : 0);
  n_par_ = n_smooth_ + n_state_;
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
  FilterResult r = run_filter(y_, md, x0_.data());
  double lik = r.lik;
  if (lik < -1e10) lik = -1e10;  // R: avoid rewarding perfect fits without bound
  if (std::isnan(lik)) lik = kInf;
  if (criterion_ == EtsCriterion::mse) return std::isfinite(lik) ? r.mse : kInf;
  return lik;
}

}  // namespace cloudcast::forecast::ets_detail
