#pragma once
// Company guidance (what a company said it expects for a period) as the engine and the
// backtest need it: the metrics guidance may be given for, and the items known at an
// origin. Reading and checking the `guidance` array is src/dataset/guidance.cpp.

#include <span>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// capex, capex_net, capex_incl_finance_leases (each company guides capex on its own
// definition), revenue, revenue_growth_yoy, azure_growth_yoy_cc.
std::span<const std::string_view> guidance_metrics();

// The items known at `origin`: as_of <= origin, and of several items for the same
// metric, scope and quarters only the one given last (a raise replaces the earlier
// figure). In the company's order (metric, first quarter, date given).
std::vector<const Guidance*> guidance_known_at(const Company& company, Quarter origin);

}  // namespace cloudcast::dataset
