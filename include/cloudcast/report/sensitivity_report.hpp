#pragma once
// Report builder for `cloudcast sensitivity`: the tornado table (with bars in table
// output) and the two-way table, plus their JSON contract.

#include "cloudcast/model/sensitivity.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

inline constexpr int kSensitivitySchemaVersion = 1;

Document sensitivity_document(const model::Sensitivity& result, const model::Scenario& scenario,
                              const std::string& inputs_digest, bool terminal);

}  // namespace cloudcast::report
