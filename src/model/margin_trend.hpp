#pragma once
// The operating margin's recent trend, for the engine's cost path (docs/model.md, "Margin
// trend"). Margins persist; some also move steadily for years (Google Cloud's rose by about
// 2.5 points a quarter from 2023 to 2026 as revenue outgrew its costs), and the last margin
// alone misses that. The trend is the mean quarter-on-quarter change over the last
// kMarginTrendChanges changes, which telescopes to the change over a year spread over its
// quarters (seasonality cancels), kept only as far as the changes agree on it: it is shrunk
// by max(0, 1 - se^2 / mean^2) (the positive-part James-Stein factor; se from the spread of
// the changes). A trend is extrapolated over every projected quarter, so a noisy one kept by
// mistake compounds; this keeps none unless the mean stands out of its own noise (t > 1),
// stricter than seasonality's mean^2 / (mean^2 + se^2), whose error does not compound.

#include <span>

namespace cloudcast::model {

// Quarter-on-quarter changes behind the trend: the margins of the last reported quarter T
// and the four before it.
inline constexpr int kMarginTrendChanges = 4;

struct MarginTrend {
  int changes = 0;            // quarter-on-quarter changes read (0 when the history is too short)
  double mean_change = 0;     // their mean, margin as a share of revenue per quarter (0.01 = 1 point)
  double standard_error = 0;  // sample sd of the changes / sqrt(changes)
  double weight = 0;          // max(0, 1 - se^2 / mean^2) in [0, 1]; 0 with too short a history
  double per_quarter = 0;     // weight x mean_change: the trend the engine extrapolates
};

// margins: operating margin (operating income / revenue) of contiguous quarters in time
// order ending at T. Reads the last kMarginTrendChanges + 1; fewer give no trend (all 0).
MarginTrend estimate_margin_trend(std::span<const double> margins);

// The trend's cumulative effect after h quarters with damping phi: per_quarter x
// (phi + phi^2 + ... + phi^h). Damped like Gardner and McKenzie's trend: with phi < 1 it
// levels off at per_quarter x phi / (1 - phi), so a long horizon never carries a trend
// without end; phi = 0 switches it off.
double damped_trend_factor(double phi, int h);

}  // namespace cloudcast::model
