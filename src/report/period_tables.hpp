#pragma once
// The projection by calendar or fiscal year (--period cy|fy): the figures come rolled up
// from model/period_rollup.hpp; these builders only lay them out.

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "model/company_comparison.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/period_rollup.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

// The fiscal year's last month for a company of the data (12 when unknown), and the
// years of its quarters for `period`.
std::vector<model::YearFigures> company_years(std::span<const model::QuarterFigures> quarters, std::string_view id,
                                              const dataset::Dataset& data, model::Period period);

// forecast --period: one company's years down, the forecast table's metrics across,
// then revenue growth on the year before. Columns: period (the year), quarters (its
// calendar span), coverage ("4/4", "2/4 partial"), status.
Table company_year_table(std::span<const model::YearFigures> years, const std::string& unit,
                         const std::string& profit_measure);

// The forecast JSON's "years" of one company: label, first, last, quarters, actual_quarters,
// status, partial, a value per forecast-JSON metric, capex_basis, revenue_growth.
nlohmann::ordered_json years_json(std::span<const model::YearFigures> years);

// compare --period: one metric, years down, companies across (a fiscal year is each
// company's own); status says which companies' years are partial.
Table compare_year_table(const model::Metric& metric, std::span<const model::ComparedCompany> companies,
                         const dataset::Dataset& data, model::Period period, const std::string& unit);

// What a year is and how its figures were made, for the report's notes: the rule by
// metric kind and, for fiscal years, each company's year end.
std::vector<std::string> period_notes(model::Period period, const dataset::Dataset& data,
                                      std::span<const std::string> company_ids);

}  // namespace cloudcast::report
