#pragma once
// Quarterly seasonal factors estimated on a short history and shrunk toward 1 by the
// strength of their evidence, for the engine's revenue baseline (docs/model.md,
// "Seasonality"). The classical ratio-to-moving-average estimate is unbiased but, on
// three or four years of quarters, noisy; shrinking each quarter's log factor by its
// signal-to-noise ratio keeps a factor only as far as the years agree on it.

#include <array>
#include <span>
#include <vector>

namespace cloudcast::forecast {

struct SeasonalFactors {
  // Multiplicative factor per quarter of the calendar year (index 0 = Q1 .. 3 = Q4), after
  // shrinkage; their geometric mean is 1. All 1 when the history is too short.
  std::array<double, 4> factor{1, 1, 1, 1};
  std::array<double, 4> unshrunk{1, 1, 1, 1};  // the same before shrinkage (mean log ratio, re-centred)
  std::array<double, 4> weight{0, 0, 0, 0};    // shrinkage weight in [0, 1] per quarter: mean^2 / (mean^2 + se^2)
  std::array<int, 4> years{0, 0, 0, 0};        // ratios behind each quarter's factor
  double residual_sd = 0;                      // pooled sd of the log ratios about their quarter means
};

// y: positive quarterly values in time order; first_quarter_of_year: 0..3, the calendar
// quarter of y[0] (0 = Q1). Each quarter's log ratio to the centred 2x4 moving average is
// averaged over the years; its standard error comes from the pooled residual variance
// (degrees of freedom: ratios less quarters with a ratio). Weight w = m^2 / (m^2 + se^2);
// with no degree of freedom every weight is 0 (no evidence of reliability). Factors
// shorter than 6 quarters of history are all 1.
SeasonalFactors estimate_seasonal_factors(std::span<const double> y, int first_quarter_of_year);
// What a caller reads: every field, or the shrunk factors alone (a Monte Carlo path's core
// refit, which never reads `unshrunk`: four exp calls a company and path; it stays 1).
enum class SeasonalOutputs { all, factors };
// The same without allocating (a Monte Carlo path refits the core baseline): scratch
// holds at least y.size() values. Same operations in the same order, so the same bits.
SeasonalFactors estimate_seasonal_factors(std::span<const double> y, int first_quarter_of_year,
                                          std::span<double> scratch, SeasonalOutputs outputs = SeasonalOutputs::all);

}  // namespace cloudcast::forecast
