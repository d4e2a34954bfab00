#pragma once
// Which of a company's guidance items (dataset::Guidance) the engine honours, turned into
// engine inputs: capex totals for timeline windows and revenue for projected quarters.
// Only guidance known in T counts (dataset::guidance_known_at: as_of <= T, a raise
// replacing the first figure), so a run from an earlier origin (a backtest) sees what an
// analyst saw then.

#include <optional>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "model/capex_plan.hpp"

namespace cloudcast::model {

// Guides on another capex measure than the data's `capex` series (Amazon guides net
// capex, Microsoft capex including finance leases) are read on the series' measure by
// the ratio of the two over the last (up to four) quarters up to T that report both:
// sum(capex) / sum(measure). 1 for "capex" itself; nullopt when no quarter reports both
// (such a guide cannot be honoured).
bool is_capex_measure(std::string_view metric);  // capex, capex_net, capex_incl_finance_leases
std::optional<double> capex_measure_ratio(const dataset::Company& company, std::string_view metric, Quarter last);

struct EngineGuidance {
  // Company-wide capex ("capex" guides), timeline indices from timeline_start, shorter
  // windows first so a year's guide is placed before a multi-year one around it.
  std::vector<CapexGuide> capex;
  std::vector<const dataset::Guidance*> capex_items;  // the item behind each capex guide
  std::vector<double> capex_ratio;                    // capex_measure_ratio of each item's metric
  // Guided segment revenue per projected quarter h = 1..H (midpoint), NaN where none: only
  // revenue guides on the projection basis (`revenue_basis`) count.
  std::vector<double> revenue;
  std::vector<const dataset::Guidance*> revenue_items;  // per projected quarter, nullptr where none
};

EngineGuidance engine_guidance(const dataset::Company& company, Quarter timeline_start, Quarter last_reported,
                               int horizon, std::string_view revenue_basis);

}  // namespace cloudcast::model
