#pragma once
// Common types of the statistical forecasting layer: a point forecast with 80 % and
// 95 % prediction intervals for h = 1..horizon. Every model (naive, ETS, Theta, ...)
// returns one of these; nothing here depends on Eigen.

#include <span>
#include <string>
#include <vector>

namespace cloudcast::forecast {

// qnorm(0.975): the z of every two-sided 95 % interval in the tool (forecast intervals,
// the baseline error's sd, Monte Carlo confidence intervals).
inline constexpr double kZ95 = 1.959963984540054;

struct Forecast {
  std::string method;                                      // "naive", "snaive", "ets", "theta", "comb", ...
  std::string description;                                 // "ETS(M,Ad,N)", parameters chosen
  std::vector<double> mean;                                // point forecasts, h = 1..horizon
  std::vector<double> lower80, upper80, lower95, upper95;  // same length as mean
};

struct ForecastOptions {
  int horizon = 8;
  int period = 4;  // quarterly
};

}  // namespace cloudcast::forecast
