// ETS fitting and selection (R's forecast::ets()): the checks on a series and a form, one
// form fitted or evaluated, the automatic choice by information criterion. One form's
// fit (etsmodel(), initparam()) is ets_fit.cpp with ets_start.cpp and ets_optimize.cpp;
// the recursion, initial states and parameter region live in ets_filter.cpp, forecasts
// and intervals in ets_forecast.cpp.

#include "forecast/ets.hpp"
#include <cloudcast/error.hpp>

#include "forecast/ets_filter.hpp"
#include "forecast/ets_fit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

namespace cloudcast::forecast {

using namespace ets_detail;

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
  ets_detail::Model md = model_of(spec, period);
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
