#pragma once
// The Nelder-Mead minimiser of R's optim() (nmmin in R's src/appl/optim.c, after Nash,
// Compact Numerical Methods, 1990), which forecast::ets() calls to fit every
// exponential smoothing model. Reproducing it step for step makes cloudcast's fits
// land on the same (often local) optima as R's, which is what "matches R" means for
// ses(), holt() and thetaf(). Non-finite objective values count as 1e35, as in R.

#include <functional>
#include <limits>
#include <span>
#include <vector>

namespace cloudcast::forecast {

struct NelderMeadOptions {
  double abstol = -std::numeric_limits<double>::infinity();  // stop when the best value is below this
  double reltol = 1.490116119384765625e-08;  // sqrt(DBL_EPSILON), R's default
  double alpha = 1.0;             // reflection
  double beta = 0.5;              // contraction
  double gamma = 2.0;             // expansion
  int maxit = 2000;               // ets() passes 2000 (optim's default is 500)
};

struct NelderMeadResult {
  std::vector<double> x;
  double value = 0;
  int evaluations = 0;
  int fail = 0;  // 0 converged, 1 maxit reached, 10 simplex failed to shrink (R's codes)
};

// Minimises f from x0 with R's initial simplex (step 0.1 max|x0_i|, else 0.1).
NelderMeadResult nelder_mead(const std::function<double(std::span<const double>)>& f, std::vector<double> x0,
                             const NelderMeadOptions& options = {});

}  // namespace cloudcast::forecast
