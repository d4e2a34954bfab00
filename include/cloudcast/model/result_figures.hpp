#pragma once
// Finite or refused, for the figures a command computes beyond the scenario's own path
// (docs/model.md, "Figures the engine refuses"): each command calls the check of its
// result before it renders anything, and a figure that is not finite, or beyond the
// engine's bounds (1e12 m for money, 1,000 for a ratio), stops it with a DataError (exit 3)
// "COMMAND: company C, PERIOD FIGURE: X UNIT; expected ...; caused by ...". One mechanism
// with the engine's own path check: src/model/figure_check.cpp.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/montecarlo.hpp"
#include "cloudcast/model/sensitivity.hpp"
#include "cloudcast/model/signals.hpp"
#include "cloudcast/model/track.hpp"

namespace cloudcast::model {

// The Monte Carlo statistics of every cell of `sim` (after model::simulate): min, max,
// mean, sd, the percentiles and their confidence intervals. min and max are exact over
// the paths, so bounding them bounds every path with a value; a path without one (NaN,
// decision 0750, or an undefined IRR) is left out of the statistics and counted, as the
// report says. An IRR is only required finite: a rate on a build-out with almost no
// outlay has no natural size. The cause names the company's uncertain drivers (else the
// baseline revenue's forecast error, which varies the paths without them).
// currencies: layout.companies order.
void check_simulation_figures(const Simulation& sim, std::span<const std::string> currencies,
                              std::span<const UncertainDriver> drivers);

// The base output, every tornado bar's two outputs and the two-way table's cells; the
// cause names the driver values that gave the figure.
void check_sensitivity_figures(const Sensitivity& result);

// Every row's projected, reported and error figure and percentile, and the ranking's
// log-likelihoods and weights. file: the tracked file, cause of its own figures.
void check_track_figures(const TrackResult& result, std::string_view file);

// Every computed reading of the signals (margins, utilisation, coverage, their changes,
// the sums behind them). data: for each company's file, the cause.
void check_signal_figures(const std::vector<CompanySignals>& signals, const dataset::Dataset& data);

}  // namespace cloudcast::model
