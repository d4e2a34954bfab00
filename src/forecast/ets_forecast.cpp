// ETS point forecasts and prediction intervals (R's forecast.ets()): the analytic
// variance of Hyndman et al. (2008, ch. 6) for class 1 (A error, N/A trend, N/A season),
// class 2 (M error, N/A trend, N/A season) and class 3 (M error, N/A trend, M season);
// sample paths for the rest (multiplicative trends, or A error with M season).

#include <cloudcast/error.hpp>
#include "forecast/ets.hpp"

#include "forecast/ets_filter.hpp"
#include "forecast/intervals.hpp"

#include <Random123/philox.h>
#include <fmt/format.h>
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cloudcast::forecast {

using namespace ets_detail;

namespace {

struct MeanVar {
  std::vector<double> mu, var;
};

// class1(): linear forms, y_{n+h} = H F^{h-1} x_n, var = sigma2 (1 + sum_j c_j^2),
// c_j = H F^{j-1} G.
MeanVar class1(const EtsFit& fit, int h, std::vector<double>* cj_out = nullptr) {
  const std::vector<double>& x = fit.final_states;
  const int p = static_cast<int>(x.size());
  const int m = fit.period;
  const bool trend = fit.spec.trend == 'A';
  const bool season = fit.spec.season == 'A';
  const double phi = fit.spec.damped ? fit.phi : 1.0;
  Eigen::RowVectorXd H = Eigen::RowVectorXd::Zero(p);
  Eigen::MatrixXd F = Eigen::MatrixXd::Zero(p, p);
  Eigen::VectorXd G = Eigen::VectorXd::Zero(p);
  H(0) = 1;
  F(0, 0) = 1;
  G(0) = fit.alpha;
  if (trend) {
    H(1) = phi;
    F(0, 1) = F(1, 1) = phi;
    G(1) = fit.beta;
  }
  if (season) {
    H(p - 1) = 1;
    F(p - m, p - 1) = 1;
    for (int i = 1; i < m; ++i) F(p - m + i, p - m + i - 1) = 1;
    // The newest seasonal state gets gamma. (R's class1 writes G[3], which is that state
    // only when there is a trend; for A,N,A and M,N,A R's variance is slightly off.)
    G(p - m) = fit.gamma;
  }
  const Eigen::Map<const Eigen::VectorXd> xv(x.data(), p);
  MeanVar out;
  out.mu.resize(static_cast<std::size_t>(h));
  out.var.resize(static_cast<std::size_t>(h));
  std::vector<double> cj;
  Eigen::MatrixXd Fj = Eigen::MatrixXd::Identity(p, p);
  double cum = 0;
  for (int i = 0; i < h; ++i) {
    out.mu[i] = (H * Fj * xv)(0);
    out.var[i] = fit.sigma2 * (1 + cum);
    if (i + 1 < h) {
      const double c = (H * Fj * G)(0);
      cj.push_back(c);
      cum += c * c;
      Fj = (Fj * F).eval();
    }
  }
  if (cj_out) *cj_out = std::move(cj);
  return out;
}

// class2(): M error with linear states, var = (1 + sigma2) theta_h - mu_h^2.
MeanVar class2(const EtsFit& fit, int h) {
  std::vector<double> cj;
  MeanVar out = class1(fit, h, &cj);
  const double s2 = fit.sigma2;
  std::vector<double> theta(static_cast<std::size_t>(h));
  theta[0] = out.mu[0] * out.mu[0];
  for (int j = 1; j < h; ++j) {
    double sum = 0;
    for (int k = 0; k < j; ++k) sum += cj[k] * cj[k] * theta[j - 1 - k];
    theta[j] = out.mu[j] * out.mu[j] + s2 * sum;
  }
  for (int j = 0; j < h; ++j) out.var[j] = (1 + s2) * theta[j] - out.mu[j] * out.mu[j];
  return out;
}

Eigen::MatrixXd kron(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  Eigen::MatrixXd out(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    }
  }
  return out;
}

// class3(): M error, N/A trend, M season. Follows R's class3() term by term, including
// its mean (which carries the sigma2 second-order term) and its trend block
// F1 = [1 1; 0 phi], H1 = [1 1], so that forecasts agree with R's.
MeanVar class3(const EtsFit& fit, int h) {
  const std::vector<double>& x = fit.final_states;
  const int p = static_cast<int>(x.size());
  const int m = fit.period;
  const int k = p - m;  // 1 (level) or 2 (level, trend)
  const double s2 = fit.sigma2;
  Eigen::MatrixXd H1 = Eigen::MatrixXd::Ones(1, k), F1(k, k), G1(k, k);
  if (k == 1) {
    F1(0, 0) = 1;
    G1(0, 0) = fit.alpha;
  } else {
    F1 << 1, 1, 0, fit.spec.damped ? fit.phi : 1.0;
    G1 << fit.alpha, fit.alpha, fit.beta, fit.beta;
  }
  Eigen::MatrixXd H2 = Eigen::MatrixXd::Zero(1, m);
  H2(0, m - 1) = 1;
  Eigen::MatrixXd F2 = Eigen::MatrixXd::Zero(m, m);
  F2(0, m - 1) = 1;
  for (int i = 1; i < m; ++i) F2(i, i - 1) = 1;
  Eigen::MatrixXd G2 = Eigen::MatrixXd::Zero(m, m);
  G2(0, m - 1) = fit.gamma;
  Eigen::MatrixXd Mh(k, m);
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < m; ++j) Mh(i, j) = x[i] * x[k + j];
  }
  const int km = k * m;
  Eigen::MatrixXd Vh = Eigen::MatrixXd::Zero(km, km);
  const Eigen::MatrixXd H21 = kron(H2, H1), F21 = kron(F2, F1), G21 = kron(G2, G1);
  const Eigen::MatrixXd K = kron(G2, F1) + kron(F2, G1);
  MeanVar out;
  out.mu.resize(static_cast<std::size_t>(h));
  out.var.resize(static_cast<std::size_t>(h));
  for (int i = 0; i < h; ++i) {
    out.mu[i] = (H1 * Mh * H2.transpose())(0, 0);
    out.var[i] = (1 + s2) * (H21 * Vh * H21.transpose())(0, 0) + s2 * out.mu[i] * out.mu[i];
    const Eigen::Map<const Eigen::VectorXd> v(Mh.data(), km);  // R's c(Mh): column-major
    const Eigen::MatrixXd vv = v * v.transpose();
    const Eigen::MatrixXd next = F21 * Vh * F21.transpose() +
                                 s2 * (F21 * Vh * G21.transpose() + G21 * Vh * F21.transpose() +
                                       K * (Vh + vv) * K.transpose() + s2 * G21 * (3 * Vh + 2 * vv) * G21.transpose());
    const Eigen::MatrixXd next_m = F1 * Mh * F2.transpose() + G1 * Mh * G2.transpose() * s2;
    Vh = next;
    Mh = next_m;
  }
  return out;
}

// etsforecast(): the point-forecast recursion from state x (layout of EtsFit's states).
void point_forecasts(const EtsFit& fit, const double* x, int h, double* f) {
  const int m = fit.period;
  const bool has_trend = fit.spec.trend != 'N';
  const double phi = fit.spec.damped ? fit.phi : 1.0;
  const double l = x[0], b = has_trend ? x[1] : 0;
  double phistar = phi;
  for (int i = 0; i < h; ++i) {
    double v;
    if (fit.spec.trend == 'N') {
      v = l;
    } else if (fit.spec.trend == 'A') {
      v = l + phistar * b;
    } else {
      v = l * std::pow(b, phistar);
    }
    int j = m - 1 - i;
    while (j < 0) j += m;
    if (fit.spec.season == 'A') v += x[1 + (has_trend ? 1 : 0) + j];
    if (fit.spec.season == 'M') v *= x[1 + (has_trend ? 1 : 0) + j];
    f[i] = v;
    phistar += std::fabs(phi - 1.0) < 1e-10 ? 1.0 : std::pow(phi, i + 1);
  }
}

// R's quantile(type = 8) of a sorted sample.
double quantile8(const std::vector<double>& sorted, double prob) {
  const double n = static_cast<double>(sorted.size());
  const double nppm = (1.0 / 3.0) + prob * (n + 1.0 / 3.0);
  const double j = std::floor(nppm + 4 * std::numeric_limits<double>::epsilon());
  const double g = nppm - j;
  const auto at = [&](double idx) {
    const double c = std::clamp(idx, 1.0, n);
    return sorted[static_cast<std::size_t>(c) - 1];
  };
  return (1 - g) * at(j) + g * at(j + 1);
}

// Standard normal pair from a Philox block (Box-Muller): counter = (path, step), key = seed.
struct NormalStream {
  r123::Philox4x64 gen;
  r123::Philox4x64::key_type key;
  explicit NormalStream(std::uint64_t seed) : key{{seed, 0x43C0FFEEULL}} {}
  double draw(std::uint64_t path, std::uint64_t step) {
    const r123::Philox4x64::ctr_type ctr{{path, step, 0, 0}};
    const auto r = gen(ctr, key);
    const double u1 = (static_cast<double>(r[0] >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = (static_cast<double>(r[1] >> 11) + 0.5) * 0x1.0p-53;
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
  }
};

void simulate_bounds(const EtsFit& fit, int h, std::uint64_t seed, int paths, Forecast& out) {
  ets_detail::Model md;
  md.error = component(fit.spec.error);
  md.trend = component(fit.spec.trend);
  md.season = component(fit.spec.season);
  md.m = fit.period;
  md.alpha = fit.alpha;
  md.beta = fit.beta;
  md.gamma = fit.gamma;
  md.phi = fit.spec.damped ? fit.phi : 1.0;
  const int p = state_count(md);
  const double sigma = std::sqrt(fit.sigma2);
  NormalStream normal(seed);
  std::vector<std::vector<double>> sample(static_cast<std::size_t>(h));
  for (auto& s : sample) s.reserve(static_cast<std::size_t>(paths));
  std::vector<double> ypath(static_cast<std::size_t>(h)), states(static_cast<std::size_t>(p) * (h + 1));
  std::vector<double> x;
  for (int path = 0; path < paths; ++path) {
    // Simulate by running the filter on the path it generates: each y is the one-step
    // forecast plus (A) or times 1 + (M) a drawn error, which is what etssimulate does.
    x.assign(fit.final_states.begin(), fit.final_states.end());
    bool ok = true;
    for (int i = 0; i < h && ok; ++i) {
      double e = sigma * normal.draw(static_cast<std::uint64_t>(path), static_cast<std::uint64_t>(i));
      if (md.error == kMult) e = std::max(-1.0, e);
      // One step: forecast from x, then update x with the simulated value.
      double f = 0;
      point_forecasts(fit, x.data(), 1, &f);
      if (!std::isfinite(f)) {
        ok = false;
        break;
      }
      const double yi = md.error == kAdd ? f + e : f * (1 + e);
      ypath[i] = yi;
      double e1 = 0, f1 = 0;
      run_filter(std::span<const double>(&ypath[i], 1), md, x.data(), std::span<double>(&e1, 1),
                 std::span<double>(&f1, 1), std::span<double>(states.data(), static_cast<std::size_t>(2 * p)));
      std::copy(states.begin() + p, states.begin() + 2 * p, x.begin());
    }
    if (!ok) continue;  // R: NA paths are dropped by quantile(na.rm = TRUE)
    for (int i = 0; i < h; ++i) sample[i].push_back(ypath[i]);
  }
  for (int i = 0; i < h; ++i) {
    auto& s = sample[i];
    if (s.empty()) {
      throw DataError(fmt::format("{}: every simulated path failed (negative growth)", format_ets_spec(fit.spec)));
    }
    std::sort(s.begin(), s.end());
    out.lower80[i] = quantile8(s, 0.10);
    out.upper80[i] = quantile8(s, 0.90);
    out.lower95[i] = quantile8(s, 0.025);
    out.upper95[i] = quantile8(s, 0.975);
  }
}

std::string describe(const EtsFit& fit) {
  std::string d = fmt::format("{} alpha={:.4f}", format_ets_spec(fit.spec), fit.alpha);
  if (fit.spec.trend != 'N') d += fmt::format(" beta={:.4f}", fit.beta);
  if (fit.spec.season != 'N') d += fmt::format(" gamma={:.4f}", fit.gamma);
  if (fit.spec.damped) d += fmt::format(" phi={:.4f}", fit.phi);
  return d;
}

}  // namespace

Forecast forecast_ets(const EtsFit& fit, int horizon, std::uint64_t seed, int paths) {
  if (horizon < 1) {
    throw UsageError(fmt::format("ETS forecast: horizon {} is invalid; expected >= 1", horizon));
  }
  if (paths < 100) {
    throw UsageError(fmt::format("ETS forecast: {} sample paths; expected at least 100", paths));
  }
  if (fit.final_states.empty()) {
    throw UsageError("ETS forecast: the fit has no states; expected a result of fit_ets()");
  }
  Forecast out;
  out.method = "ets";
  out.description = describe(fit);
  const std::size_t h = static_cast<std::size_t>(horizon);
  out.lower80.resize(h);
  out.upper80.resize(h);
  out.lower95.resize(h);
  out.upper95.resize(h);
  const EtsSpec& s = fit.spec;
  const bool linear_states = s.trend != 'M' && s.season != 'M';
  MeanVar mv;
  if (s.error == 'A' && linear_states) {
    mv = class1(fit, horizon);
  } else if (s.error == 'M' && linear_states) {
    mv = class2(fit, horizon);
  } else if (s.error == 'M' && s.season == 'M' && s.trend != 'M') {
    mv = class3(fit, horizon);
  } else {
    out.mean.resize(h);
    point_forecasts(fit, fit.final_states.data(), horizon, out.mean.data());
    simulate_bounds(fit, horizon, seed, paths, out);
    return out;
  }
  out.mean = mv.mu;
  std::vector<double> sd(h);
  for (std::size_t i = 0; i < h; ++i) sd[i] = std::sqrt(std::max(mv.var[i], 0.0));
  detail::set_normal_intervals(out, sd);
  return out;
}

}  // namespace cloudcast::forecast
