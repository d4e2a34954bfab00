#include "forecast/decompose.hpp"

#include <cmath>
#include <cstddef>

namespace cloudcast::forecast {

std::vector<double> autocorrelations(std::span<const double> y, int max_lag) {
  const std::size_t n = y.size();
  if (n < 2) return {};
  double mean = 0;
  for (double v : y) mean += v;
  mean /= static_cast<double>(n);
  double c0 = 0;
  for (double v : y) c0 += (v - mean) * (v - mean);
  if (c0 <= 0) return {};
  std::vector<double> r;
  for (int k = 1; k <= max_lag; ++k) {
    double ck = 0;
    for (std::size_t t = 0; t + static_cast<std::size_t>(k) < n; ++t)
      ck += (y[t] - mean) * (y[t + static_cast<std::size_t>(k)] - mean);
    r.push_back(ck / c0);
  }
  return r;
}

bool seasonal_test(std::span<const double> y, int period, int min_length) {
  const auto n = static_cast<int>(y.size());
  if (period <= 1 || n < min_length) return false;
  const std::vector<double> r = autocorrelations(y, period);
  if (r.empty()) return false;  // constant series: nothing to adjust
  double sum_sq = 0;
  for (int k = 0; k + 1 < period; ++k) sum_sq += r[static_cast<std::size_t>(k)] * r[static_cast<std::size_t>(k)];
  // qnorm(0.95): the 90 % two-sided / 95 % one-sided limit used by M4 and thetaf.
  constexpr double kZ95OneSided = 1.6448536269514722;
  const double limit = kZ95OneSided / std::sqrt(static_cast<double>(n)) * std::sqrt(1 + 2 * sum_sq);
  return std::abs(r[static_cast<std::size_t>(period - 1)]) > limit;
}

std::vector<double> multiplicative_seasonal_indices(std::span<const double> y, int period) {
  const auto n = static_cast<int>(y.size());
  const int m = period;
  // Centred moving average: weights (0.5, 1, ..., 1, 0.5) / m for even m, 1/m for odd m,
  // as stats::filter(x, filter, sides = 2) with decompose()'s default filter.
  std::vector<double> weights;
  if (m % 2 == 0) {
    weights.assign(static_cast<std::size_t>(m + 1), 1.0 / m);
    weights.front() = weights.back() = 0.5 / m;
  } else {
    weights.assign(static_cast<std::size_t>(m), 1.0 / m);
  }
  const int half = static_cast<int>(weights.size()) / 2;
  std::vector<double> sum(static_cast<std::size_t>(m), 0.0);
  std::vector<int> count(static_cast<std::size_t>(m), 0);
  for (int t = half; t + half < n; ++t) {
    double trend = 0;
    for (int j = -half; j <= half; ++j)
      trend += weights[static_cast<std::size_t>(j + half)] * y[static_cast<std::size_t>(t + j)];
    sum[static_cast<std::size_t>(t % m)] += y[static_cast<std::size_t>(t)] / trend;
    ++count[static_cast<std::size_t>(t % m)];
  }
  std::vector<double> figure(static_cast<std::size_t>(m));
  double mean = 0;
  for (int i = 0; i < m; ++i) {
    const auto k = static_cast<std::size_t>(i);
    figure[k] = sum[k] / count[k];
    mean += figure[k] / m;
  }
  std::vector<double> indices(static_cast<std::size_t>(n));
  for (int t = 0; t < n; ++t) indices[static_cast<std::size_t>(t)] = figure[static_cast<std::size_t>(t % m)] / mean;
  return indices;
}

SeasonalAdjustment seasonally_adjust(std::span<const double> y, int period, int horizon) {
  SeasonalAdjustment out;
  out.adjusted.assign(y.begin(), y.end());
  out.future.assign(static_cast<std::size_t>(horizon), 1.0);
  if (!seasonal_test(y, period, 3 * period)) return out;
  const std::vector<double> si = multiplicative_seasonal_indices(y, period);
  out.seasonal = true;
  for (std::size_t t = 0; t < y.size(); ++t) out.adjusted[t] = y[t] / si[t];
  const std::size_t n = y.size();
  const auto m = static_cast<std::size_t>(period);
  for (std::size_t h = 0; h < out.future.size(); ++h) out.future[h] = si[n - m + h % m];
  return out;
}

}  // namespace cloudcast::forecast
