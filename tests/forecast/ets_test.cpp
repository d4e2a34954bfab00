// Tests for src/forecast/ets.cpp, ets_filter.cpp and ets_forecast.cpp.

#include <cloudcast/error.hpp>
#include <cloudcast/forecast/ets.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace cloudcast::forecast;
using cloudcast::DataError;
using cloudcast::UsageError;

TEST_CASE("parse_ets_spec: long and compact forms round-trip", "[ets]") {
  const EtsSpec s = parse_ets_spec("ETS(M,Ad,N)");
  CHECK(s == EtsSpec{'M', 'A', true, 'N'});
  CHECK(parse_ets_spec("MAdN") == s);
  CHECK(format_ets_spec(s) == "ETS(M,Ad,N)");
  CHECK(format_ets_spec(parse_ets_spec("ANA")) == "ETS(A,N,A)");
  CHECK_THROWS_AS(parse_ets_spec("ETS(X,N,N)"), UsageError);
  CHECK_THROWS_AS(parse_ets_spec("ANdN"), UsageError);  // damping needs a trend
  CHECK_THROWS_AS(parse_ets_spec(""), UsageError);
}

TEST_CASE("evaluate_ets: SES recursion and likelihood by hand", "[ets]") {
  // l_t = l_{t-1} + alpha (y_t - l_{t-1}); e_t = y_t - l_{t-1}; lik = n log(sum e^2).
  const std::vector<double> y = {10, 12, 11, 13, 12, 14, 13};
  const double alpha = 0.5, l0 = 10;
  const EtsFit fit = evaluate_ets(y, EtsSpec{'A', 'N', false, 'N'}, 1, alpha, 0, 0, 1,
                                  std::vector<double>{l0});
  double l = l0, sse = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    const double e = y[t] - l;
    CHECK(fit.residuals[t] == Approx(e).epsilon(1e-14));  // same arithmetic
    sse += e * e;
    l += alpha * e;
  }
  CHECK(fit.final_states[0] == Approx(l).epsilon(1e-14));  // same arithmetic
  const double n = 7;
  CHECK(fit.loglik == Approx(-0.5 * n * std::log(sse)).epsilon(1e-14));  // R's -0.5 lik
  CHECK(fit.n_params == 2);                                              // alpha, l0
  // k = 3 (alpha, l0, sigma): AICc = -2 loglik + 2k + 2k(k+1)/(n-k-1)
  CHECK(fit.aicc == Approx(-2 * fit.loglik + 6 + 24.0 / (n - 4)).epsilon(1e-14));
  CHECK(fit.sigma2 == Approx(sse / (n - 2)).epsilon(1e-14));
  // Forecast: flat at the last level; variance sigma2 (1 + (h-1) alpha^2).
  const Forecast f = forecast_ets(fit, 3);
  for (int h = 0; h < 3; ++h) {
    CHECK(f.mean[h] == Approx(l).epsilon(1e-14));
    const double sd = std::sqrt(fit.sigma2 * (1 + h * alpha * alpha));
    CHECK(f.upper95[h] - f.mean[h] == Approx(1.959963984540054 * sd).epsilon(1e-12));
    CHECK(f.mean[h] - f.lower80[h] == Approx(1.2815515655446004 * sd).epsilon(1e-12));
  }
}

TEST_CASE("evaluate_ets: multiplicative error adds 2 sum log|yhat| to the likelihood",
          "[ets]") {
  const std::vector<double> y = {10, 12, 11, 13, 12, 14, 13};
  const double alpha = 0.3;
  const EtsFit fit = evaluate_ets(y, EtsSpec{'M', 'N', false, 'N'}, 1, alpha, 0, 0, 1,
                                  std::vector<double>{11});
  double l = 11, sse = 0, logf = 0;
  for (double v : y) {
    const double e = (v - l) / l;  // relative error
    sse += e * e;
    logf += std::log(l);
    l = l * (1 + alpha * e);
  }
  CHECK(fit.loglik == Approx(-0.5 * (7 * std::log(sse) + 2 * logf)).epsilon(1e-13));
}

TEST_CASE("fit_ets: bad input gives clear errors", "[ets]") {
  const std::vector<double> short_series = {1, 2, 3, 4};
  CHECK_THROWS_AS(fit_ets(short_series, EtsSpec{'A', 'N', false, 'A'}, 4), DataError);
  const std::vector<double> with_zero = {3, 0, 4, 5, 6, 5, 7, 8, 6, 7, 9, 8};
  CHECK_THROWS_AS(fit_ets(with_zero, EtsSpec{'M', 'N', false, 'N'}, 4), DataError);
  const std::vector<double> with_nan = {3, NAN, 4, 5, 6, 5, 7, 8, 6, 7, 9, 8};
  CHECK_THROWS_AS(fit_ets(with_nan, EtsSpec{'A', 'N', false, 'N'}, 4), DataError);
  CHECK_THROWS_AS(select_ets(short_series, 4), DataError);
}

TEST_CASE("select_ets: a series with zeros is given additive-error forms only", "[ets]") {
  const std::vector<double> y = {3, 0, 4, 5, 6, 5, 7, 8, 6, 7, 9, 8, 9, 10, 8, 11};
  const EtsFit fit = select_ets(y, 4);
  CHECK(fit.spec.error == 'A');
  CHECK(fit.spec.season != 'M');
}

TEST_CASE("select_ets: a constant series gives R's SES with alpha 0.99999", "[ets]") {
  const std::vector<double> y(12, 5.0);
  const EtsFit fit = select_ets(y, 4);
  CHECK(fit.spec == EtsSpec{'A', 'N', false, 'N'});
  CHECK(fit.alpha == 0.99999);
  const Forecast f = forecast_ets(fit, 4);
  for (double v : f.mean) CHECK(v == 5.0);
  for (double v : f.upper95) CHECK(v == 5.0);
}
