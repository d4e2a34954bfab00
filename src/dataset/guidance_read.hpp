#pragma once
// Reading a company file's `guidance` array (private to the dataset layer: company_file.cpp
// calls it once the company's currency, fiscal year and observations are known).

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// The items of root["guidance"] (none when the key is absent). Every problem is a
// DataError "<display>:/guidance/<i>[/field]: what; expected ...": a missing field, an
// unknown metric, low > high, first > last, a period label that does not name
// first..last under the company's fiscal year, as_of not before `last` or not before
// the date given, a unit other than the company's currency (or "%"), a scope that is
// not a segment basis of the company's observations of the metric, a repeated id.
std::vector<Guidance> read_guidance(const nlohmann::json& root, const Company& company, const std::string& display);

}  // namespace cloudcast::dataset
