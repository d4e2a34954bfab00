#pragma once
// Loading the quarterly data: the built-in copy compiled into the binary, or a folder
// given with --data. Errors are DataError "file:/json/pointer: what; expected ..." or
// IoError for unreadable files.

#include <filesystem>
#include <optional>
#include <string_view>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// The data shipped in data/ and compiled into the binary.
Dataset load_builtin_dataset();
// A folder laid out like data/: companies/*.json and fx.json.
Dataset load_dataset_dir(const std::filesystem::path& dir);
// --data DIR when given, else the built-in data.
Dataset load_dataset(const std::optional<std::filesystem::path>& dir);

// The company with this id; UsageError with "did you mean" otherwise.
const Company& find_company(const Dataset& data, std::string_view id);

}  // namespace cloudcast::dataset
