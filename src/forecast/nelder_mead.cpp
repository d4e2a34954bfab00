#include "cloudcast/forecast/nelder_mead.hpp"

#include <cmath>
#include <cstddef>

#include "cloudcast/error.hpp"

namespace cloudcast::forecast {

// A line-by-line port of R's nmmin (R 4.2, src/appl/optim.c). P holds the simplex
// column-wise with the function value in row n; column C (index n + 1) is scratch
// for the centroid. Indices L and H are 1-based as in the original, to keep the port
// checkable against it.
NelderMeadResult nelder_mead(const std::function<double(std::span<const double>)>& fn, std::vector<double> bvec,
                             const NelderMeadOptions& o) {
  constexpr double kBig = 1.0e+35;
  const std::size_t n = bvec.size();
  const std::size_t n1 = n + 1;
  const std::size_t c = n + 2;
  std::vector<std::vector<double>> p(n1, std::vector<double>(n + 2, 0.0));
  auto eval = [&](const std::vector<double>& x) {
    const double v = fn(x);
    return std::isfinite(v) ? v : kBig;
  };
  NelderMeadResult result;
  double f = fn(bvec);
  if (!std::isfinite(f)) throw DataError("nelder_mead: the objective cannot be evaluated at the initial parameters");
  int funcount = 1;
  const double convtol = o.reltol * (std::fabs(f) + o.reltol);
  p[n1 - 1][0] = f;
  for (std::size_t i = 0; i < n; ++i) p[i][0] = bvec[i];
  std::size_t L = 1;
  double size = 0.0;
  double step = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    if (0.1 * std::fabs(bvec[i]) > step) step = 0.1 * std::fabs(bvec[i]);
  if (step == 0.0) step = 0.1;
  for (std::size_t j = 2; j <= n1; ++j) {
    for (std::size_t i = 0; i < n; ++i) p[i][j - 1] = bvec[i];
    double trystep = step;
    while (p[j - 2][j - 1] == bvec[j - 2]) {
      p[j - 2][j - 1] = bvec[j - 2] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  double oldsize = size;
  bool calcvert = true;
  do {
    if (calcvert) {
      for (std::size_t j = 0; j < n1; ++j) {
        if (j + 1 != L) {
          for (std::size_t i = 0; i < n; ++i) bvec[i] = p[i][j];
          f = eval(bvec);
          ++funcount;
          p[n1 - 1][j] = f;
        }
      }
      calcvert = false;
    }
    double vl = p[n1 - 1][L - 1];
    double vh = vl;
    std::size_t H = L;
    for (std::size_t j = 1; j <= n1; ++j) {
      if (j != L) {
        f = p[n1 - 1][j - 1];
        if (f < vl) {
          L = j;
          vl = f;
        }
        if (f > vh) {
          H = j;
          vh = f;
        }
      }
    }
    if (vh <= vl + convtol || vl <= o.abstol) break;

    for (std::size_t i = 0; i < n; ++i) {
      double temp = -p[i][H - 1];
      for (std::size_t j = 0; j < n1; ++j) temp += p[i][j];
      p[i][c - 1] = temp / static_cast<double>(n);
    }
    for (std::size_t i = 0; i < n; ++i) bvec[i] = (1.0 + o.alpha) * p[i][c - 1] - o.alpha * p[i][H - 1];
    f = eval(bvec);
    ++funcount;
    const double vr = f;
    if (vr < vl) {
      p[n1 - 1][c - 1] = f;
      for (std::size_t i = 0; i < n; ++i) {
        f = o.gamma * bvec[i] + (1 - o.gamma) * p[i][c - 1];
        p[i][c - 1] = bvec[i];
        bvec[i] = f;
      }
      f = eval(bvec);
      ++funcount;
      if (f < vr) {
        for (std::size_t i = 0; i < n; ++i) p[i][H - 1] = bvec[i];
        p[n1 - 1][H - 1] = f;
      } else {
        for (std::size_t i = 0; i < n; ++i) p[i][H - 1] = p[i][c - 1];
        p[n1 - 1][H - 1] = vr;
      }
    } else {
      if (vr < vh) {
        for (std::size_t i = 0; i < n; ++i) p[i][H - 1] = bvec[i];
        p[n1 - 1][H - 1] = vr;
      }
      for (std::size_t i = 0; i < n; ++i) bvec[i] = (1 - o.beta) * p[i][H - 1] + o.beta * p[i][c - 1];
      f = eval(bvec);
      ++funcount;
      if (f < p[n1 - 1][H - 1]) {
        for (std::size_t i = 0; i < n; ++i) p[i][H - 1] = bvec[i];
        p[n1 - 1][H - 1] = f;
      } else if (vr >= vh) {
        // Shrink the simplex towards the best vertex.
        calcvert = true;
        size = 0.0;
        for (std::size_t j = 0; j < n1; ++j) {
          if (j + 1 != L) {
            for (std::size_t i = 0; i < n; ++i) {
              p[i][j] = o.beta * (p[i][j] - p[i][L - 1]) + p[i][L - 1];
              size += std::fabs(p[i][j] - p[i][L - 1]);
            }
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          result.fail = 10;
          break;
        }
      }
    }
  } while (funcount <= o.maxit);

  result.value = p[n1 - 1][L - 1];
  result.x.resize(n);
  for (std::size_t i = 0; i < n; ++i) result.x[i] = p[i][L - 1];
  if (funcount > o.maxit) result.fail = 1;
  result.evaluations = funcount;
  return result;
}

}  // namespace cloudcast::forecast
