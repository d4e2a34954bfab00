#pragma once
// Exponential smoothing state-space models (ETS, Hyndman et al. 2008) as in R's
// forecast::ets(): error A/M, trend N/A/Ad (M/Md optional), season N/A/M. Parameters
// and initial states are fitted by maximum likelihood (or one-step MSE, as R's ses() and
// holt() do); select_ets() picks the form by AICc over R's default model set.
// Every function is pure and thread-safe; errors on bad input throw DataError (y too
// short, non-finite values, a multiplicative form on data that are not all positive).
// docs/forecasting-ets.md describes the family, the bounds, the selection and intervals.

#include <cloudcast/forecast/forecast.hpp>

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::forecast {

// One ETS form. error: 'A' or 'M'; trend: 'N', 'A' or 'M' (damped adds "d");
// season: 'N', 'A' or 'M'.
struct EtsSpec {
  char error = 'A';
  char trend = 'N';
  bool damped = false;
  char season = 'N';

  friend bool operator==(const EtsSpec&, const EtsSpec&) = default;
};

// Parses "ETS(M,Ad,N)" or the compact "MAdN"; throws UsageError naming the text.
EtsSpec parse_ets_spec(std::string_view text);
// "ETS(M,Ad,N)".
std::string format_ets_spec(const EtsSpec& spec);

// What the optimiser minimises: R's opt.crit "lik" (the default of ets()) or "mse"
// (mean squared one-step error, used by R's ses() and holt()).
enum class EtsCriterion { likelihood, mse };
// Parameter region, R's `bounds`: usual (0 < beta <= alpha < 1, 0 < gamma < 1 - alpha,
// 0.8 <= phi <= 0.98), admissible (forecastability of the state-space form), or both.
enum class EtsBounds { usual, admissible, both };
enum class EtsInformationCriterion { aicc, aic, bic };
// The optimiser: a Nelder-Mead with R's optim() defaults (reflection 1, contraction 0.5,
// expansion 2, relative tolerance sqrt(eps), 2000 evaluations; the default, it reproduces
// R's fits) or NLopt's bounded Nelder-Mead / BOBYQA.
enum class EtsOptimizer { nelder_mead, nlopt_neldermead, nlopt_bobyqa };

constexpr double kEtsEstimate = std::numeric_limits<double>::quiet_NaN();

struct EtsFitOptions {
  EtsCriterion criterion = EtsCriterion::likelihood;
  EtsBounds bounds = EtsBounds::both;
  EtsOptimizer optimizer = EtsOptimizer::nelder_mead;
  int max_evaluations = 2000;
  // Fixed smoothing parameters: NaN (kEtsEstimate) means estimate it.
  double alpha = kEtsEstimate, beta = kEtsEstimate, gamma = kEtsEstimate, phi = kEtsEstimate;
  // R's default `lower`/`upper` for alpha, beta, gamma, phi ("usual" bounds).
  double lower[4] = {1e-4, 1e-4, 1e-4, 0.8};
  double upper[4] = {0.9999, 0.9999, 0.9999, 0.98};
};

struct EtsSelectOptions {
  EtsInformationCriterion criterion = EtsInformationCriterion::aicc;
  bool allow_multiplicative_trend = false;  // R's default: M trends are not tried
  bool additive_only = false;
  bool restrict = true;  // R's `restrict`: skip A error with M trend/season, M,M,A
  EtsFitOptions fit;
};

// A fitted (or evaluated) ETS model. States follow R's layout: level, trend (if any),
// then season s_0 (most recent) .. s_{m-1} (oldest, m = period).
struct EtsFit {
  EtsSpec spec;
  int period = 1;                                  // seasonal period used by the model (1 when season is 'N')
  double alpha = 0, beta = 0, gamma = 0, phi = 1;  // beta/gamma 0 and phi 1 when absent
  std::vector<double> initial_states;              // x_0, m seasonal states in full
  std::vector<double> final_states;                // x_n, the forecast origin
  double loglik = 0;                               // R's convention: -0.5 * (n log SSE + 2 sum log|yhat| [M error])
  double aic = 0, aicc = 0, bic = 0;
  double sigma2 = 0;              // sum(residuals^2) / (n - n_params), as R
  double mse = 0;                 // mean squared one-step error on the original scale
  int n_params = 0;               // estimated smoothing parameters + free initial states (R's length(par))
  std::vector<double> fitted;     // one-step forecasts
  std::vector<double> residuals;  // y - fitted (A error) or (y - fitted) / fitted (M error)
  int evaluations = 0;            // objective evaluations used by the optimiser
  bool converged = true;          // false when the evaluation budget ran out
};

// Fits one form by maximum likelihood (or MSE, see options). period is the data's
// seasonal period (4 for quarterly). R's length rule: n > k + 4 with k = 2, + 2 for a
// trend, + period for a season, + 1 if damped (and a seasonal form needs n > period).
// Throws DataError (too short, non-finite, M component on data <= 0), UsageError (bad form).
EtsFit fit_ets(std::span<const double> y, const EtsSpec& spec, int period, const EtsFitOptions& options = {});

// Runs the filter at given parameters and initial states (no estimation): the
// likelihood, states, residuals and information criteria as R would report them.
// initial_states holds level, trend, and all `period` seasonal states.
EtsFit evaluate_ets(std::span<const double> y, const EtsSpec& spec, int period, double alpha, double beta, double gamma,
                    double phi, std::span<const double> initial_states);

// Automatic selection, R's ets(y) with model "ZZZ": every admissible form fitted, the
// best by AICc returned. A constant series gives R's answer (SES with alpha 0.99999).
// Throws DataError when no form can be fitted (fewer than 7 observations, non-finite).
EtsFit select_ets(std::span<const double> y, int period, const EtsSelectOptions& options = {});

// Point forecasts and 80 %/95 % intervals, h = 1..horizon. Intervals are analytic for
// every form of R's default set (R's class 1, 2 and 3 variance formulas); forms with a
// multiplicative trend (or A error with M season) use `paths` (>= 100) simulated sample
// paths from a counter-based generator keyed by `seed`, reproducible on any machine.
Forecast forecast_ets(const EtsFit& fit, int horizon, std::uint64_t seed = 20080101, int paths = 5000);

// R's convenience forms, on the data as given (seasonal adjustment is the caller's):
// ses(y) = ETS(A,N,N), holt(y) = ETS(A,A,N), holt(y, damped = TRUE) = ETS(A,Ad,N),
// all fitted by one-step MSE as R does. auto_ets = forecast(ets(y)).
Forecast ses(std::span<const double> y, const ForecastOptions& options = {});
Forecast holt(std::span<const double> y, const ForecastOptions& options = {});
Forecast damped_holt(std::span<const double> y, const ForecastOptions& options = {});
Forecast auto_ets(std::span<const double> y, const ForecastOptions& options = {});

}  // namespace cloudcast::forecast
