#include "forecast/seasonality.hpp"

#include <cmath>
#include <vector>

namespace cloudcast::forecast {

SeasonalFactors estimate_seasonal_factors(std::span<const double> y, int first_quarter_of_year) {
  std::vector<double> scratch(y.size());
  return estimate_seasonal_factors(y, first_quarter_of_year, scratch);
}

SeasonalFactors estimate_seasonal_factors(std::span<const double> y, int first_quarter_of_year,
                                          std::span<double> scratch, SeasonalOutputs outputs) {
  SeasonalFactors out;
  const int n = static_cast<int>(y.size());
  if (n < 6) return out;  // the centred moving average needs two quarters either side
  // scratch[i]: quarter i's log ratio to its moving average; a calendar quarter's ratios
  // are those i with (first + i) % 4 == q, taken in time order.
  for (int i = 2; i + 2 < n; ++i) {
    const double moving_average = (0.5 * y[i - 2] + y[i - 1] + y[i] + y[i + 1] + 0.5 * y[i + 2]) / 4;
    scratch[static_cast<std::size_t>(i)] = std::log(y[i] / moving_average);
  }
  std::array<double, 4> mean{0, 0, 0, 0};
  double squares = 0;
  int count = 0, groups = 0;
  for (std::size_t q = 0; q < 4; ++q) {
    // The first i >= 2 in calendar quarter q, then every fourth: time order.
    const int start = 2 + ((static_cast<int>(q) - first_quarter_of_year - 2) % 4 + 4) % 4;
    int k = 0;
    for (int i = start; i + 2 < n; i += 4, ++k) mean[q] += scratch[static_cast<std::size_t>(i)];
    out.years[q] = k;
    if (k == 0) continue;
    mean[q] /= static_cast<double>(k);
    for (int i = start; i + 2 < n; i += 4)
      squares += (scratch[static_cast<std::size_t>(i)] - mean[q]) * (scratch[static_cast<std::size_t>(i)] - mean[q]);
    count += k;
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
  for (std::size_t q = 0; q < 4; ++q) out.factor[q] = std::exp(shrunk[q] - centre);
  if (outputs == SeasonalOutputs::all)
    for (std::size_t q = 0; q < 4; ++q) out.unshrunk[q] = std::exp(mean[q] - centre_unshrunk);
  return out;
}

}  // namespace cloudcast::forecast
