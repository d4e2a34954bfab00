#include "forecast/decompose.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

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

namespace {

// Centred moving average: weights (0.5, 1, ..., 1, 0.5) / m for even m, 1/m for odd m,
// as stats::filter(x, filter, sides = 2) with decompose()'s default filter.
std::vector<double> trend_weights(int m) {
  std::vector<double> weights;
  if (m % 2 == 0) {
    weights.assign(static_cast<std::size_t>(m + 1), 1.0 / m);
    weights.front() = weights.back() = 0.5 / m;
  } else {
    weights.assign(static_cast<std::size_t>(m), 1.0 / m);
  }
  return weights;
}

// y_t over its centred moving average.
double trend_ratio(std::span<const double> y, std::span<const double> weights, int t) {
  const int half = static_cast<int>(weights.size()) / 2;
  double trend = 0;
  for (int j = -half; j <= half; ++j)
    trend += weights[static_cast<std::size_t>(j + half)] * y[static_cast<std::size_t>(t + j)];
  return y[static_cast<std::size_t>(t)] / trend;
}

// The seasonal index of each phase from the per-phase sums of ratios.
std::vector<double> phase_indices(std::span<const double> sum, std::span<const int> count, int m) {
  std::vector<double> figure(static_cast<std::size_t>(m));
  double mean = 0;
  for (int i = 0; i < m; ++i) {
    const auto k = static_cast<std::size_t>(i);
    figure[k] = sum[k] / count[k];
    mean += figure[k] / m;
  }
  for (double& f : figure) f /= mean;
  return figure;
}

}  // namespace

std::vector<double> multiplicative_seasonal_indices(std::span<const double> y, int period) {
  const auto n = static_cast<int>(y.size());
  const int m = period;
  const std::vector<double> weights = trend_weights(m);
  const int half = static_cast<int>(weights.size()) / 2;
  std::vector<double> sum(static_cast<std::size_t>(m), 0.0);
  std::vector<int> count(static_cast<std::size_t>(m), 0);
  for (int t = half; t + half < n; ++t) {
    sum[static_cast<std::size_t>(t % m)] += trend_ratio(y, weights, t);
    ++count[static_cast<std::size_t>(t % m)];
  }
  const std::vector<double> figure = phase_indices(sum, count, m);
  std::vector<double> indices(static_cast<std::size_t>(n));
  for (int t = 0; t < n; ++t) indices[static_cast<std::size_t>(t)] = figure[static_cast<std::size_t>(t % m)];
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

namespace cloudcast::forecast {

RollingSeasonalAdjustment::RollingSeasonalAdjustment(std::span<const double> y, int period, int horizon)
    : y_(y),
      m_(period),
      horizon_(horizon),
      lag_products_(static_cast<std::size_t>(std::max(period, 0)) + 1, 0.0L),
      prefix_(1, 0.0L),
      weights_(trend_weights(std::max(period, 1))),
      ratio_sum_(static_cast<std::size_t>(std::max(period, 1)), 0.0),
      ratio_count_(static_cast<std::size_t>(std::max(period, 1)), 0),
      next_t_(static_cast<int>(weights_.size()) / 2),
      q_(static_cast<std::size_t>(std::max(period, 1)), 0.0L),
      r_(q_),
      u_(q_) {}

void RollingSeasonalAdjustment::advance(std::size_t n) {
  const auto m = static_cast<std::size_t>(std::max(m_, 1));
  const int half = static_cast<int>(weights_.size()) / 2;
  for (; n_ < n; ++n_) {
    const std::size_t i = n_;
    const long double v = y_[i];
    s1_ += v;
    s2_ += v * v;
    prefix_.push_back(prefix_.back() + v);
    for (std::size_t k = 1; k < lag_products_.size() && k <= i; ++k) lag_products_[k] += y_[i - k] * v;
    if (i >= 1) {
      const std::size_t p = i % m;
      const long double w = y_[i - 1];
      q_[p] += v * v;
      r_[p] += v * w;
      u_[p] += w * w;
    }
    // multiplicative_seasonal_indices's loop runs t while t + half < n.
    for (; static_cast<std::size_t>(next_t_ + half) < i + 1; ++next_t_) {
      ratio_sum_[static_cast<std::size_t>(next_t_) % m] += trend_ratio(y_, weights_, next_t_);
      ++ratio_count_[static_cast<std::size_t>(next_t_) % m];
    }
  }
}

bool RollingSeasonalAdjustment::seasonal(std::size_t n) const {
  const int m = m_;
  if (m <= 1 || n < static_cast<std::size_t>(3 * m)) return false;
  const auto exact = [&] { return seasonal_test(y_.first(n), m, 3 * m); };
  const auto nl = static_cast<long double>(n);
  const long double mean = s1_ / nl;
  const long double c0 = s2_ - nl * mean * mean;
  // Rounding in sums of n products of size up to s2 (a generous bound).
  const long double err = 16 * nl * std::numeric_limits<long double>::epsilon() * s2_;
  if (!(c0 > 1000 * err)) return exact();  // (nearly) constant: the cancellation is total
  std::vector<long double> r;
  for (int k = 1; k <= m; ++k) {
    const auto uk = static_cast<std::size_t>(k);
    const long double ck = lag_products_[uk] - mean * (prefix_[n - uk] + (prefix_[n] - prefix_[uk])) +
                           static_cast<long double>(n - uk) * mean * mean;
    r.push_back(ck / c0);
  }
  long double sum_sq = 0;
  for (int k = 0; k + 1 < m; ++k) sum_sq += r[static_cast<std::size_t>(k)] * r[static_cast<std::size_t>(k)];
  constexpr long double kZ95OneSided = 1.6448536269514722L;
  const long double limit = kZ95OneSided / std::sqrt(nl) * std::sqrt(1 + 2 * sum_sq);
  const long double err_r = 4 * err / c0;  // of each r_k, and of the limit through them
  const long double margin = 16 * (m + 1) * err_r + 1e-15L;
  const long double gap = std::fabs(r[static_cast<std::size_t>(m - 1)]) - limit;
  if (std::fabs(gap) <= margin) return exact();
  return gap > 0;
}

RollingSeasonalAdjustment::At RollingSeasonalAdjustment::at(std::size_t n) {
  advance(n);
  At out;
  out.future.assign(static_cast<std::size_t>(horizon_), 1.0);
  out.last_adjusted = y_[n - 1];
  if (!seasonal(n)) return out;
  out.seasonal = true;
  const auto m = static_cast<std::size_t>(m_);
  const std::vector<double> index = phase_indices(ratio_sum_, ratio_count_, m_);
  out.last_adjusted = y_[n - 1] / index[(n - 1) % m];
  for (std::size_t h = 0; h < out.future.size(); ++h) out.future[h] = index[(n - m + h % m) % m];
  long double sse = 0, size = 0;
  for (std::size_t p = 0; p < m; ++p) {
    const long double sp = index[p], sq = index[(p + m - 1) % m];
    sse += q_[p] / (sp * sp) - 2 * r_[p] / (sp * sq) + u_[p] / (sq * sq);
    size += q_[p] / (sp * sp) + u_[p] / (sq * sq);
  }
  if (sse > 1e-6L * size) {
    out.adjusted_sse = static_cast<double>(sse);
  } else {  // the differences are a millionth of the values: sum them as lag_walk does
    double exact = 0;
    for (std::size_t t = 1; t < n; ++t) {
      const double d = y_[t] / index[t % m] - y_[t - 1] / index[(t - 1) % m];
      exact += d * d;
    }
    out.adjusted_sse = exact;
  }
  return out;
}

}  // namespace cloudcast::forecast
