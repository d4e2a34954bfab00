#pragma once
// Report builders for the projection engine: a model::Projection becomes a
// report::Document (tables for text/CSV/Markdown, and the forecast JSON contract).
// Builders only arrange figures; they compute nothing but currency conversion for
// `compare`, which follows the scenario's FX path.

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/period_rollup.hpp"
#include "cloudcast/model/projection.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/model/valuation.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

inline constexpr int kForecastSchemaVersion = 1;

// Dataset digest combined with the scenario's bytes (FNV-1a 64, hex).
std::string inputs_digest(const dataset::Dataset& data, const model::Scenario& scenario);

// forecast: one table per company (quarters down, metrics across), its value of the
// build-out when given (model/valuation.hpp), and the JSON contract {schema_version,
// tool_version, inputs_digest, scenario, companies: [{id, currency, quarters, valuation}]}.
// With period cy or fy the company tables have a row per year instead (figures rolled up
// by model/period_rollup.hpp) and the JSON adds "period" and each company's "years".
Document forecast_document(const model::Projection& projection, const model::Scenario& scenario,
                           const dataset::Dataset& data,
                           std::span<const std::pair<std::string, model::CompanyValuation>> valuations = {},
                           model::Period period = model::Period::quarter);

// compare: a summary table and one table per metric, companies side by side by calendar
// quarter, money converted to `currency` ("USD" or "CNY") with the data's rates for
// reported quarters and the scenario's FX path for projected ones. With period cy or fy
// the metric tables have a row per year (each company's own fiscal year for fy), rolled
// up from the converted quarters.
Document compare_document(const model::Projection& projection, const model::Scenario& scenario,
                          const dataset::Dataset& data, std::string_view currency,
                          const std::vector<std::string>& metrics, model::Period period = model::Period::quarter);

}  // namespace cloudcast::report
