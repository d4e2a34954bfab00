// Tests for src/forecast/ets.cpp, ets_filter.cpp and ets_forecast.cpp.

#include "forecast/ets.hpp"
#include <cloudcast/error.hpp>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <vector>

namespace forecast_ets_test {

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
  const EtsFit fit = evaluate_ets(y, EtsSpec{'A', 'N', false, 'N'}, 1, alpha, 0, 0, 1, std::vector<double>{l0});
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

TEST_CASE("evaluate_ets: multiplicative error adds 2 sum log|yhat| to the likelihood", "[ets]") {
  const std::vector<double> y = {10, 12, 11, 13, 12, 14, 13};
  const double alpha = 0.3;
  const EtsFit fit = evaluate_ets(y, EtsSpec{'M', 'N', false, 'N'}, 1, alpha, 0, 0, 1, std::vector<double>{11});
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
  // The message names the form, what was wrong and what is expected.
  CHECK_THROWS_WITH(fit_ets(short_series, EtsSpec{'A', 'N', false, 'A'}, 4),
                    "ETS(A,N,A): 4 observations are too few for a seasonal model of period 4; "
                    "expected more than 4");
  CHECK_THROWS_WITH(fit_ets(with_zero, EtsSpec{'M', 'N', false, 'N'}, 4), Catch::Contains("strictly positive"));
  const std::vector<double> negative = {-3, -1, -4, -5, -6, -5, -7, -8, -6, -7, -9, -8};
  CHECK(select_ets(negative, 4).spec.error == 'A');  // R: no M error on y <= 0
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

namespace {

// Deterministic standard normals for simulated series (Box-Muller on mt19937_64, whose
// output sequence the C++ standard fixes).
struct Normals {
  std::mt19937_64 gen;
  explicit Normals(std::uint64_t seed) : gen(seed) {}
  double operator()() {
    const double u1 = (static_cast<double>(gen() >> 11) + 0.5) * 0x1.0p-53;
    const double u2 = (static_cast<double>(gen() >> 11) + 0.5) * 0x1.0p-53;
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.141592653589793 * u2);
  }
};

// Simulates ETS(E,N,S) with season period 4 (S = 'N' or 'M'): level l, seasons s.
std::vector<double> simulate(char error, char season, int n, double alpha, double gamma, double sigma, Normals& z) {
  double l = 100;
  std::vector<double> s = {1.2, 0.9, 0.8, 1.1};  // s_{t-4}, ..., s_{t-1} (oldest first)
  std::vector<double> y;
  for (int t = 0; t < n; ++t) {
    const double st = season == 'M' ? s[0] : 1.0;
    const double mu = l * st;
    const double e = sigma * z();
    const double v = error == 'A' ? mu + e : mu * (1 + e);
    const double rel = error == 'A' ? e / mu : e;  // relative error drives M updates
    const double lnew = error == 'A' ? l + alpha * e / st : l * (1 + alpha * rel);
    const double snew = error == 'A' ? st + gamma * e / l : st * (1 + gamma * rel);
    l = lnew;
    s.erase(s.begin());
    s.push_back(snew);
    y.push_back(v);
  }
  return y;
}

}  // namespace

TEST_CASE("forecast_ets: interval coverage on simulated ETS data", "[ets]") {
  // 300 series of 41 values from a known model; fit the true form on the first 40 (or
  // the first 36 and check h = 4 for the seasonal class-3 form), count hits.
  // Binomial(300, 0.8) has sd 6.9 and (300, 0.95) sd 3.8: accept within 4 sd.
  struct Case {
    char error, season;
    double alpha, gamma, sigma;
    int h;
  };
  for (const Case c :
       {Case{'A', 'N', 0.3, 0.0, 2.0, 1}, Case{'M', 'N', 0.3, 0.0, 0.03, 3}, Case{'M', 'M', 0.2, 0.1, 0.03, 4}}) {
    INFO("E=" << c.error << " S=" << c.season << " h=" << c.h);
    Normals z(20260101);
    int hit80 = 0, hit95 = 0;
    const int trials = 300, n = 40;
    for (int k = 0; k < trials; ++k) {
      const std::vector<double> y = simulate(c.error, c.season, n + c.h, c.alpha, c.gamma, c.sigma, z);
      const std::span<const double> train(y.data(), n);
      const EtsFit fit = fit_ets(train, EtsSpec{c.error, 'N', false, c.season}, 4);
      const Forecast f = forecast_ets(fit, c.h);
      const double actual = y[n + c.h - 1];
      const int h = c.h - 1;
      hit80 += (actual >= f.lower80[h] && actual <= f.upper80[h]) ? 1 : 0;
      hit95 += (actual >= f.lower95[h] && actual <= f.upper95[h]) ? 1 : 0;
    }
    CHECK(std::abs(hit80 - 0.80 * trials) <= 4 * 6.93);  // 4 binomial sd
    CHECK(std::abs(hit95 - 0.95 * trials) <= 4 * 3.77);  // 4 binomial sd
  }
}

TEST_CASE("forecast_ets: textbook variance for A,N,A (season state gets gamma)", "[ets]") {
  // c_j = alpha + gamma [j mod 4 == 0] for ETS(A,N,A) (Hyndman et al. 2008, Table 6.1).
  const std::vector<double> y = {10, 14, 8, 12, 11, 15, 9, 13, 12, 16, 10, 14, 13, 17};
  const double alpha = 0.2, gamma = 0.1;
  const std::vector<double> x0 = {12, 2, -2, 2, -2};
  const EtsFit fit = evaluate_ets(y, EtsSpec{'A', 'N', false, 'A'}, 4, alpha, 0, gamma, 1, x0);
  const Forecast f = forecast_ets(fit, 9);
  double cum = 0;
  for (int h = 1; h <= 9; ++h) {
    const double sd = std::sqrt(fit.sigma2 * (1 + cum));
    CHECK(f.upper95[h - 1] - f.mean[h - 1] == Approx(1.959963984540054 * sd).epsilon(1e-12));
    const double c = alpha + (h % 4 == 0 ? gamma : 0.0);  // c_h enters the variance at h+1
    cum += c * c;
  }
}

TEST_CASE("forecast_ets: simulated intervals for a multiplicative trend", "[ets]") {
  // ETS(M,M,N): y_{n+1} = l b (1 + e), e ~ N(0, sigma2), so the h = 1 quantiles are
  // l b (1 + sigma z_p). 5000 paths: the sample quantile's sd is about
  // sqrt(p (1 - p) / 5000) / phi(z_p) * l b sigma; accept within 4 sd.
  std::vector<double> y;
  for (int t = 0; t < 24; ++t) y.push_back(100 * std::pow(1.02, t) * (1 + 0.01 * ((t * 7) % 5 - 2)));
  const EtsFit fit = fit_ets(y, EtsSpec{'M', 'M', false, 'N'}, 4);
  const Forecast f = forecast_ets(fit, 3, 7, 5000);
  const double mu = fit.final_states[0] * fit.final_states[1];
  const double sigma = std::sqrt(fit.sigma2);
  CHECK(f.mean[0] == Approx(mu).epsilon(1e-12));  // the point-forecast recursion
  const double z90 = 1.2815515655446004, z975 = 1.959963984540054;
  const double pdf90 = std::exp(-0.5 * z90 * z90) / std::sqrt(2 * 3.141592653589793);
  const double pdf975 = std::exp(-0.5 * z975 * z975) / std::sqrt(2 * 3.141592653589793);
  const double sd90 = std::sqrt(0.9 * 0.1 / 5000) / pdf90 * mu * sigma;
  const double sd975 = std::sqrt(0.975 * 0.025 / 5000) / pdf975 * mu * sigma;
  CHECK(std::abs(f.upper80[0] - mu * (1 + sigma * z90)) <= 4 * sd90);
  CHECK(std::abs(f.lower80[0] - mu * (1 - sigma * z90)) <= 4 * sd90);
  CHECK(std::abs(f.upper95[0] - mu * (1 + sigma * z975)) <= 4 * sd975);
  CHECK(std::abs(f.lower95[0] - mu * (1 - sigma * z975)) <= 4 * sd975);
  // Same seed, same bounds; the bands widen with h.
  const Forecast g = forecast_ets(fit, 3, 7, 5000);
  CHECK(g.upper95 == f.upper95);
  CHECK(f.upper95[2] - f.lower95[2] > f.upper95[0] - f.lower95[0]);
}

TEST_CASE("fit_ets: an MSE fit of SES does not chase a single outlier", "[ets]") {
  // y = 5 everywhere but one 9: the least-squares SES keeps a flat level near the mean
  // (alpha at its lower bound), and the reported MSE is the residuals' SSE / n.
  const std::vector<double> y = {5, 5, 5, 9, 5, 5, 5, 5, 5, 5, 5, 5};
  EtsFitOptions o;
  o.criterion = EtsCriterion::mse;
  const EtsFit fit = fit_ets(y, EtsSpec{'A', 'N', false, 'N'}, 1, o);
  double sse = 0;
  for (double e : fit.residuals) sse += e * e;
  CHECK(fit.mse == Approx(sse / 12).epsilon(1e-12));                  // same residuals, A error
  CHECK(fit.alpha == Approx(1e-4).margin(1e-3));                      // an outlier should not move the level
  CHECK(fit.initial_states[0] == Approx(5 + 4.0 / 12).margin(0.05));  // level = mean
}

}  // namespace forecast_ets_test
