#pragma once
// The five signals analysts watch each quarter (issue 12; docs/cli.md "signals", decision 0715), per
// company: margin against the depreciation ramp, capex utilisation, backlog coverage,
// price actions of the last four quarters, benchmark standing, plus the stated run rates
// and capacity statements. Computes, never prints: report/signals_report.cpp lays it out.
//
//   backlog coverage   = backlog(q) / revenue(q+1 .. q+4), the revenue reported where the
//                        data have it, else the base projection (model::project)
//   capex utilisation  = 4 x (revenue(q) - revenue(q-4)) / sum_{k=0..3} cloud capex(q-L-k)
//                        (annual revenue added over the year per unit of cloud capex that
//                        entered service in it; L = in_service_lag, cloud capex = capex x
//                        capex_cloud_share, both from the scenario)
//   margin             = operating income / revenue as reported, and the projected margin
//                        and depreciation / revenue over the next four quarters

#include <optional>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/projection.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

enum class Direction { up, down, flat, unknown };

// Change of one reading on the quarter and on the year, in the reading's own terms
// (fraction points for margins, relative change for money, difference for ratios).
struct SignalChange {
  std::optional<double> quarter;
  std::optional<double> year;
  Direction direction = Direction::unknown;  // the sign of `quarter`, else of `year`
};

struct MarginSignal {
  Quarter period;                           // last quarter with reported revenue and operating income
  double margin = 0;                        // fraction
  SignalChange change;                      // fraction points
  Quarter first_projected, last_projected;  // T+1 and T+4 (or the horizon's end)
  double projected_margin = 0;              // at last_projected, base scenario
  double depreciation_share_first = 0;      // depreciation / revenue at first_projected
  double depreciation_share_last = 0;       // ... at last_projected
};

struct UtilisationSignal {
  Quarter period;
  double value = 0;             // annual revenue added per unit of cloud capex in service
  SignalChange change;          // difference of the ratio
  double revenue_added = 0;     // 4 x (revenue(q) - revenue(q-4)), currency m a year
  double capex_in_service = 0;  // cloud capex of q-L-3 .. q-L, currency m
  int lag = 0;
  double cloud_share = 1;
};

struct BacklogSignal {
  dataset::Signal latest;
  SignalChange change;           // relative change of the backlog
  double coverage = 0;           // backlog / next four quarters' revenue (years of revenue x 4 quarters)
  SignalChange coverage_change;  // difference of the coverage ratio
  double next_four_revenue = 0;
  int projected_quarters = 0;  // how many of those four quarters come from the projection
};

struct RunRateSignal {
  dataset::Signal latest;  // the latest for one product
  SignalChange change;     // relative change against the same product's earlier figures
};

struct PricingSignal {
  Quarter from, to;                              // the last four quarters, to = the last reported quarter
  std::vector<dataset::Signal> actions;          // price actions dated in from..to
  std::optional<dataset::Signal> latest_before;  // the latest older one, when none is in the window
};

struct BenchmarkSignal {
  dataset::Signal latest;                   // by date
  std::optional<dataset::Signal> previous;  // the one before it on the same leaderboard
};

struct MissingSignal {
  std::string signal;  // "backlog coverage", ...
  std::string reason;
};

struct CompanySignals {
  std::string id, name, segment, currency;
  std::string profit_measure;  // dataset::Company::profit_measure: empty = operating income
  Quarter last_reported;
  std::optional<MarginSignal> margin;
  std::optional<UtilisationSignal> utilisation;
  std::optional<BacklogSignal> backlog;
  std::vector<RunRateSignal> run_rates;
  std::optional<dataset::Signal> capacity;  // the latest capacity statement
  std::optional<PricingSignal> pricing;
  std::optional<BenchmarkSignal> benchmark;
  std::vector<MissingSignal> missing;  // the five signals that could not be computed, and why
};

// One entry per company of `projection` (same order). `projection` is the base scenario
// projected at least four quarters ahead; `scenario` supplies the capex cloud share and
// the in-service lag.
std::vector<CompanySignals> compute_signals(const dataset::Dataset& data, const Scenario& scenario,
                                            const Projection& projection);

}  // namespace cloudcast::model
