#include "model/montecarlo_runner.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

// What the accumulated state says: each cell's mean, sd, percentiles read from the
// histogram and their confidence intervals; each event's probability.

namespace cloudcast::model::mc_detail {

using forecast::kZ95;

void Runner::values_at_ranks(std::size_t c, std::span<const double> ranks, std::span<double> out) const {
  // Each rank is a 0-based, possibly fractional order-statistic index. Within a bin the
  // values are taken as evenly spread, the i-th of k at (i + 0.5) / k of its width. One
  // walk up the histogram serves every rank, taken in ascending order (a walk a rank was
  // 21 walks a cell, milliseconds of a run's single-threaded end).
  const double lo = min_[c], hi = max_[c];
  std::fill(out.begin(), out.end(), hi);
  if (!(hi > lo)) {
    std::fill(out.begin(), out.end(), lo);
    return;
  }
  std::vector<std::size_t> by_rank(ranks.size());
  std::iota(by_rank.begin(), by_rank.end(), std::size_t{0});
  std::stable_sort(by_rank.begin(), by_rank.end(), [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
  const std::uint64_t* h = histogram_.data() + c * (kBins + 2);
  const Bins& bins = bins_[c];
  double cumulative = 0;
  std::size_t next = 0;
  for (int b = -1; b <= kBins && next < by_rank.size(); ++b) {
    const auto k = static_cast<double>(h[b + 1]);
    for (; k > 0 && next < by_rank.size() && ranks[by_rank[next]] < cumulative + k; ++next) {
      const double fraction = (ranks[by_rank[next]] - cumulative + 0.5) / k;
      double& value = out[by_rank[next]];
      if (b == -1) {
        value = lo + fraction * (bins.lo - lo);
      } else if (b == kBins) {
        const double top = bins.lo + kBins * bins.width;
        value = top + fraction * (hi - top);
      } else {
        value = bins.lo + (b + fraction) * bins.width;
      }
    }
    cumulative += k;
  }
  for (double& value : out) value = std::clamp(value, lo, hi);
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
  // Per percentile three ranks: Hyndman & Fan type 7 (R's and NumPy's default), rank
  // (n - 1) p, and its confidence interval's two order statistics.
  const std::size_t m = options_.percentiles.size();
  std::vector<double> ranks(3 * m), values(3 * m);
  for (std::size_t i = 0; i < m; ++i) {
    const double p = options_.percentiles[i];
    const auto [j, k] = quantile_ci_ranks(n, p);
    ranks[3 * i] = (nd - 1) * p;
    ranks[3 * i + 1] = static_cast<double>(j - 1);
    ranks[3 * i + 2] = static_cast<double>(k - 1);
  }
  values_at_ranks(c, ranks, values);
  for (std::size_t i = 0; i < m; ++i) {
    s.percentiles.push_back(values[3 * i]);
    s.ci_low.push_back(values[3 * i + 1]);
    s.ci_high.push_back(values[3 * i + 2]);
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
