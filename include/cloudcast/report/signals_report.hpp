#pragma once
// Builds `cloudcast signals`: one dashboard table per company with the five signals
// (model/signals.hpp) — latest value, change on the quarter and the year, direction and
// what it implies — and a note naming each missing signal and why. Lays out, never
// computes beyond unit scaling (fractions shown in percent).

#include <string>
#include <vector>

#include "cloudcast/model/signals.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

inline constexpr int kSignalsSchemaVersion = 1;

Document signals_document(const std::vector<model::CompanySignals>& signals, const std::string& scenario,
                          const std::string& inputs_digest);

}  // namespace cloudcast::report
