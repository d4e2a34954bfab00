#pragma once
// The Nelder-Mead minimiser of R's optim() (nmmin in R 4.2's src/appl/optim.c, after
// Nash (1990), "Compact Numerical Methods for Computers", Algorithm 19), which
// forecast::ets() and hence ses(), holt() and thetaf() use. Same initial simplex (one
// step of 10 % of the largest |parameter| along each axis, 0.1 from the origin), same
// moves (reflection 1, contraction 0.5, expansion 2, shrink), same stopping rule (spread
// of values below reltol * (|f0| + reltol), or the evaluation budget), same failure
// codes, and non-finite values replaced by 1e35. Reproducing R's path matters: the
// likelihoods are multimodal and bounded, so where the search stops decides the model.
// Works on the stack, no allocation: the ETS fit loop calls it once per candidate model.
// Private to src/forecast (ets.cpp, smoothing.cpp).

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace cloudcast::forecast::detail {

constexpr int kMaxNmParams = 32;

struct NelderMeadResult {
  double value = 0;
  int evaluations = 0;        // R's counts["function"]
  int fail = 0;               // R's codes: 0 converged, 1 budget reached, 10 simplex failed to shrink
  bool failed_start = false;  // the objective is not finite at the start (R stops with an error)
  bool converged() const { return !failed_start && fail == 0; }
};

// Minimises f (called as f(const double*)) over x[0..n) starting from x, overwritten
// with the best point; max_evaluations is R's maxit (ets() passes 2000). x is left
// untouched when the start fails.
template <class F>
NelderMeadResult nelder_mead(F&& f, double* x, int n, int max_evaluations,
                             double reltol = 1.490116119384765625e-8 /* sqrt(DBL_EPSILON) */,
                             double abstol = -std::numeric_limits<double>::infinity()) {
  constexpr double kBig = 1.0e35;
  constexpr double kAlpha = 1.0, kBeta = 0.5, kGamma = 2.0;
  NelderMeadResult out;
  if (n <= 0 || n > kMaxNmParams) throw std::invalid_argument("nelder_mead: parameter count out of range");

  // p[j][i]: coordinate i of vertex j; p[j][n] its value; vertex n+1 is the centroid.
  std::array<std::array<double, kMaxNmParams + 1>, kMaxNmParams + 2> p;
  std::array<double, kMaxNmParams> b;
  for (int i = 0; i < n; ++i) b[i] = x[i];

  double fv = f(b.data());
  if (!std::isfinite(fv)) {
    out.failed_start = true;
    out.value = fv;
    return out;
  }
  int evals = 1;
  const double convtol = reltol * (std::fabs(fv) + reltol);
  const int n1 = n + 1;
  const int c = n + 1;  // centroid slot
  for (int i = 0; i < n; ++i) p[0][i] = b[i];
  p[0][n] = fv;

  double step = 0;
  for (int i = 0; i < n; ++i) step = std::max(step, 0.1 * std::fabs(b[i]));
  if (step == 0) step = 0.1;
  double size = 0;
  for (int j = 1; j < n1; ++j) {
    for (int i = 0; i < n; ++i) p[j][i] = b[i];
    double trystep = step;
    while (p[j][j - 1] == b[j - 1]) {  // a step lost to rounding on a huge coordinate
      p[j][j - 1] = b[j - 1] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  double oldsize = size;
  bool calcvert = true;
  int lo = 0;  // index of the best vertex

  for (;;) {
    if (calcvert) {
      for (int j = 0; j < n1; ++j) {
        if (j == lo) continue;
        double v = f(p[j].data());
        if (!std::isfinite(v)) v = kBig;
        ++evals;
        p[j][n] = v;
      }
      calcvert = false;
    }
    double vl = p[lo][n], vh = vl;
    int hi = lo;
    for (int j = 0; j < n1; ++j) {
      if (j == lo) continue;
      const double v = p[j][n];
      if (v < vl) {
        lo = j;
        vl = v;
      }
      if (v > vh) {
        hi = j;
        vh = v;
      }
    }
    if (vh <= vl + convtol || vl <= abstol) break;

    for (int i = 0; i < n; ++i) {
      double t = -p[hi][i];
      for (int j = 0; j < n1; ++j) t += p[j][i];
      p[c][i] = t / n;
    }
    for (int i = 0; i < n; ++i) b[i] = (1.0 + kAlpha) * p[c][i] - kAlpha * p[hi][i];
    fv = f(b.data());
    if (!std::isfinite(fv)) fv = kBig;
    ++evals;
    const double vr = fv;
    if (vr < vl) {
      // Try to expand further along the same direction.
      p[c][n] = fv;
      for (int i = 0; i < n; ++i) {
        const double e = kGamma * b[i] + (1 - kGamma) * p[c][i];
        p[c][i] = b[i];
        b[i] = e;
      }
      fv = f(b.data());
      if (!std::isfinite(fv)) fv = kBig;
      ++evals;
      if (fv < vr) {
        for (int i = 0; i < n; ++i) p[hi][i] = b[i];
        p[hi][n] = fv;
      } else {
        for (int i = 0; i < n; ++i) p[hi][i] = p[c][i];
        p[hi][n] = vr;
      }
    } else {
      if (vr < vh) {
        for (int i = 0; i < n; ++i) p[hi][i] = b[i];
        p[hi][n] = vr;
      }
      for (int i = 0; i < n; ++i) b[i] = (1 - kBeta) * p[hi][i] + kBeta * p[c][i];
      fv = f(b.data());
      if (!std::isfinite(fv)) fv = kBig;
      ++evals;
      if (fv < p[hi][n]) {
        for (int i = 0; i < n; ++i) p[hi][i] = b[i];
        p[hi][n] = fv;
      } else if (vr >= vh) {
        // Contraction failed too: shrink the simplex towards the best vertex.
        calcvert = true;
        size = 0;
        for (int j = 0; j < n1; ++j) {
          if (j == lo) continue;
          for (int i = 0; i < n; ++i) {
            p[j][i] = kBeta * (p[j][i] - p[lo][i]) + p[lo][i];
            size += std::fabs(p[j][i] - p[lo][i]);
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          out.fail = 10;  // the simplex no longer shrinks: stop where we are
          break;
        }
      }
    }
    if (evals > max_evaluations) break;
  }
  out.value = p[lo][n];
  for (int i = 0; i < n; ++i) x[i] = p[lo][i];
  if (evals > max_evaluations) out.fail = 1;
  out.evaluations = evals;
  return out;
}

}  // namespace cloudcast::forecast::detail
