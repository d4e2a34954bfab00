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

// `data import`: what the rows did (unchanged, replaced, added), where the overlay is and
// how many figures it holds; `data` is the data as later commands will read it.
Document import_document(const dataset::OverlayUpdate& update, const std::string& file, const dataset::Dataset& data);

// `data validate`: one row per issue; `checked` says what was checked.
Document validation_document(const std::vector<dataset::Issue>& issues, const std::string& checked,
                             const std::string& inputs_digest);

}  // namespace cloudcast::report
