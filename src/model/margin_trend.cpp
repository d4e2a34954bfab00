#include "model/margin_trend.hpp"

#include <algorithm>
#include <cmath>

namespace cloudcast::model {

MarginTrend estimate_margin_trend(std::span<const double> margins) {
  MarginTrend out;
  if (margins.size() < static_cast<std::size_t>(kMarginTrendChanges) + 1) return out;
  const std::span<const double> last = margins.last(static_cast<std::size_t>(kMarginTrendChanges) + 1);
  double sum = 0;
  for (std::size_t i = 1; i < last.size(); ++i) sum += last[i] - last[i - 1];
  const double n = kMarginTrendChanges;
  const double mean = sum / n;
  double squares = 0;
  for (std::size_t i = 1; i < last.size(); ++i)
    squares += (last[i] - last[i - 1] - mean) * (last[i] - last[i - 1] - mean);
  out.changes = kMarginTrendChanges;
  out.mean_change = mean;
  out.standard_error = std::sqrt(squares / (n - 1) / n);
  // A flat margin (mean 0) has no trend to keep, whatever its noise.
  out.weight = mean != 0 ? std::max(0.0, 1 - out.standard_error * out.standard_error / (mean * mean)) : 0.0;
  out.per_quarter = out.weight * mean;
  return out;
}

double damped_trend_factor(double phi, int h) {
  double power = 1, sum = 0;
  for (int j = 1; j <= h; ++j) {
    power *= phi;
    sum += power;
  }
  return sum;
}

}  // namespace cloudcast::model
