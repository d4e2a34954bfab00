#pragma once
// What a --set override does to the projection. A driver can be inert: capex_run_rate
// only fills reported quarters without capex. And when AI demand sits above the capacity
// cap (utilization = max_utilization), AI revenue follows capacity, so a demand driver such
// as ai_volume_growth does not move AI revenue, though it still moves core revenue through
// the AI revenue backed out of the reported quarters. Both are found by projecting with
// and without the override, never by reading the equations.

#include <span>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

// One note per override and company it targets whose projected figures are the same
// without it (within 1e-12 relative), naming the binding cap when that company's
// utilization equals max_utilization in every projected quarter; and, under such a cap,
// one per override that moves the projection but not its AI revenue. `without` is the
// scenario before the overrides, `projection` the projection with all of them.
std::vector<std::string> inert_override_notes(const dataset::Dataset& data, const Scenario& without,
                                              std::span<const DriverOverride> overrides, const EngineOptions& options,
                                              const Projection& projection);

}  // namespace cloudcast::model
