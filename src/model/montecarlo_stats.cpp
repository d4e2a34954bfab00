#include "model/montecarlo_runner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

// What the accumulated state says: each cell's mean, sd, percentiles read from the
// histogram and their confidence intervals; each event's probability.

namespace cloudcast::model::mc_detail {

using forecast::kZ95;

double Runner::value_at_rank(std::size_t c, double rank) const {
  // rank is a 0-based, possibly fractional order-statistic index. Within a bin the
  // values are taken as evenly spread, the i-th of k at (i + 0.5) / k of its width.
  const double lo = min_[c], hi = max_[c];
  if (!(hi > lo)) return lo;
  const std::uint64_t* h = histogram_.data() + c * (kBins + 2);
  const Bins& bins = bins_[c];
  double cumulative = 0;
  double value = hi;
  for (int b = -1; b <= kBins; ++b) {
    const auto k = static_cast<double>(h[b + 1]);
    if (k > 0 && rank < cumulative + k) {
      const double fraction = (rank - cumulative + 0.5) / k;
      if (b == -1) {
        value = lo + fraction * (bins.lo - lo);
      } else if (b == kBins) {
        const double top = bins.lo + kBins * bins.width;
        value = top + fraction * (hi - top);
      } else {
        value = bins.lo + (b + fraction) * bins.width;
      }
      break;
    }
    cumulative += k;
  }
  return std::clamp(value, lo, hi);
}

CellStats Runner::cell_stats(std::size_t c) const {
  CellStats s;
  s.company = cell_company_[c];
  s.metric = cell_metric_[c];
  s.quarter = cell_quarter_[c];
  const std::int64_t n = count_[c];
  s.non_finite = paths_done_ - n;
  if (n == 0) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    s.mean = s.std_error = s.mean_ci_low = s.mean_ci_high = s.sd = s.min = s.max = nan;
    s.percentiles.assign(options_.percentiles.size(), nan);
    s.ci_low = s.ci_high = s.percentiles;
    return s;
  }
  const auto nd = static_cast<double>(n);
  s.mean = shift_[c] + sum_[c] / nd;
  const double variance = n > 1 ? std::max(0.0, (sum_sq_[c] - sum_[c] * sum_[c] / nd) / (nd - 1)) : 0.0;
  s.sd = std::sqrt(variance);
  s.std_error = s.sd / std::sqrt(nd);
  s.min = min_[c];
  s.max = max_[c];
  if (!(s.max > s.min)) {
    // Every path gave the same value: the mean is that value exactly too.
    s.mean = s.min;
    s.sd = s.std_error = 0;
  }
  s.mean_ci_low = s.mean - kZ95 * s.std_error;
  s.mean_ci_high = s.mean + kZ95 * s.std_error;
  for (double p : options_.percentiles) {
    // Hyndman & Fan type 7 (R's and NumPy's default): rank (n - 1) p.
    s.percentiles.push_back(value_at_rank(c, (nd - 1) * p));
    const auto [j, k] = quantile_ci_ranks(n, p);
    s.ci_low.push_back(value_at_rank(c, static_cast<double>(j - 1)));
    s.ci_high.push_back(value_at_rank(c, static_cast<double>(k - 1)));
  }
  return s;
}

std::vector<EventResult> Runner::event_results() const {
  std::vector<EventResult> results;
  const auto n = static_cast<double>(paths_done_);
  for (std::size_t e = 0; e < events_.size(); ++e) {
    EventResult r{events_[e].expr, 0, 0, hits_[e]};
    r.probability = static_cast<double>(hits_[e]) / n;
    r.std_error = std::sqrt(r.probability * (1 - r.probability) / n);
    r.ci_low = std::max(0.0, r.probability - kZ95 * r.std_error);
    r.ci_high = std::min(1.0, r.probability + kZ95 * r.std_error);
    results.push_back(std::move(r));
  }
  return results;
}

}  // namespace cloudcast::model::mc_detail
