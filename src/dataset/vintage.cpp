#include "dataset/vintage.hpp"

#include <algorithm>

namespace cloudcast::dataset {

Dataset as_of(const Dataset& data, Quarter origin) {
  Dataset out = data;
  for (Company& company : out.companies) {
    std::erase_if(company.observations, [&](const Observation& o) { return o.period > origin; });
    std::erase_if(company.guidance, [&](const Guidance& g) { return g.as_of > origin; });
    // A signal belongs to its quarter and is given with that quarter's results, as an
    // observation is (the engine reads the backlog: backlog_conversion).
    std::erase_if(company.signals, [&](const Signal& s) { return s.period > origin; });
  }
  std::erase_if(out.fx, [&](const FxRate& r) { return r.period > origin; });
  return out;
}

}  // namespace cloudcast::dataset
