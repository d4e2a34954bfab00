#pragma once
// Builds the `data` command's Documents: the list of companies, one company's
// observations (with YoY growth from the dataset layer, blank across a segment-basis
// break), and the issues `data validate` found. No computing beyond calling the dataset
// layer; the renderers format.

#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/dataset/figures.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "cloudcast/model/period_rollup.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

inline constexpr int kDatasetSchemaVersion = 1;

// `data list`: one row per company (id, name, segment, currency, fiscal year end,
// first and last quarter, counts) and the FX table's coverage.
Document dataset_list_document(const dataset::Dataset& data);

// `data show COMPANY`: company facts, one table per metric (only `metric` when not
// empty), guidance (of `metric` only when given), disclosures. JSON: {company,
// observations[], disclosures[], guidance[]} after the meta.
Document company_document(const dataset::Dataset& data, const dataset::Company& company,
                          const std::string& metric = "");

// `data show COMPANY --period cy|fy`: the company facts, then one row per calendar or
// fiscal year of the reported quarters (model::reported_quarters rolled up by
// model::roll_up_years): revenue, operating income, margin from the sums, company capex,
// revenue YoY between whole years. JSON: {company, period, years[]} after the meta.
Document company_years_document(const dataset::Dataset& data, const dataset::Company& company, model::Period period);

// `data import`: what the rows did (unchanged, replaced, added), where the overlay is and
// how many figures it holds; `data` is the data as later commands will read it.
Document import_document(const dataset::OverlayUpdate& update, const std::string& file, const dataset::Dataset& data);

// `data validate`: one row per issue; `checked` says what was checked.
Document validation_document(const std::vector<dataset::Issue>& issues, const std::string& checked,
                             const std::string& inputs_digest);

}  // namespace cloudcast::report
