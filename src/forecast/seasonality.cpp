#include "forecast/seasonality.hpp"

#include <cmath>

namespace cloudcast::forecast {

SeasonalFactors estimate_seasonal_factors(std::span<const double> y, int first_quarter_of_year) {
  SeasonalFactors out;
  const int n = static_cast<int>(y.size());
  if (n < 6) return out;  // the centred moving average needs two quarters either side
  std::array<std::vector<double>, 4> ratios;
  for (int i = 2; i + 2 < n; ++i) {
    const double moving_average = (0.5 * y[i - 2] + y[i - 1] + y[i] + y[i + 1] + 0.5 * y[i + 2]) / 4;
    ratios[static_cast<std::size_t>((first_quarter_of_year + i) % 4)].push_back(std::log(y[i] / moving_average));
  }
  std::array<double, 4> mean{0, 0, 0, 0};
  double squares = 0;
  int count = 0, groups = 0;
  for (std::size_t q = 0; q < 4; ++q) {
    const auto& r = ratios[q];
    out.years[q] = static_cast<int>(r.size());
    if (r.empty()) continue;
    for (double x : r) mean[q] += x;
    mean[q] /= static_cast<double>(r.size());
    for (double x : r) squares += (x - mean[q]) * (x - mean[q]);
    count += static_cast<int>(r.size());
    ++groups;
  }
  const int dof = count - groups;
  const double variance = dof > 0 ? squares / dof : 0.0;
  out.residual_sd = std::sqrt(variance);
  std::array<double, 4> shrunk{0, 0, 0, 0};
  for (std::size_t q = 0; q < 4; ++q) {
    if (out.years[q] == 0 || dof <= 0) continue;
    const double se2 = variance / out.years[q];
    const double m2 = mean[q] * mean[q];
    out.weight[q] = m2 + se2 > 0 ? m2 / (m2 + se2) : 0.0;
    shrunk[q] = out.weight[q] * mean[q];
  }
  // Re-centre so the four factors multiply to 1: seasonality moves revenue between
  // quarters, never the year's level.
  double centre = 0, centre_unshrunk = 0;
  for (std::size_t q = 0; q < 4; ++q) {
    centre += shrunk[q] / 4;
    centre_unshrunk += mean[q] / 4;
  }
  for (std::size_t q = 0; q < 4; ++q) {
    out.factor[q] = std::exp(shrunk[q] - centre);
    out.unshrunk[q] = std::exp(mean[q] - centre_unshrunk);
  }
  return out;
}

}  // namespace cloudcast::forecast
