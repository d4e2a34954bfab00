#pragma once
// Scratch of split_vintage_schedule (model/depreciation.hpp): each vintage group's prefix
// sums and capex for a timeline of up to `quarters` quarters, each behind quarters + 1
// zeros that stand for the quarters before the timeline, so a window sum reads them
// without a bounds test and the loop vectorises. The zeros are never written. A Monte
// Carlo thread's PathWorkspace holds one, allocated once.

#include <cstddef>
#include <vector>

namespace cloudcast::model {

struct VintageScratch {
  explicit VintageScratch(std::size_t n = 0)
      : quarters(n),
        prefix_old(2 * n + 2, 0.0),
        prefix_new(2 * n + 2, 0.0),
        capex_old(2 * n + 1, 0.0),
        capex_new(2 * n + 1, 0.0) {}
  std::size_t quarters;
  std::vector<double> prefix_old, prefix_new, capex_old, capex_new;
};

}  // namespace cloudcast::model
