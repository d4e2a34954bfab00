#pragma once
// Loading the quarterly data: the built-in copy compiled into the binary, or a folder
// given with --data. Errors are DataError "file:/json/pointer: what; expected ..." (or
// "file:line:col: ..." for broken JSON) or IoError for unreadable files.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// The data shipped in data/ and compiled into the binary.
Dataset load_builtin_dataset();
// A folder laid out like data/: companies/*.json and fx.json.
Dataset load_dataset_dir(const std::filesystem::path& dir);
// --data DIR when given, else the built-in data; then, when `overlay` names a file that
// exists, the user's overlay laid over it (dataset/figures.hpp, docs/data.md "Your own
// figures"). The digest covers the overlay's bytes too, origin and overlay name it, and
// validate() runs on the result: an overlay figure that breaks a check fails like a
// --data file.
Dataset load_dataset(const std::optional<std::filesystem::path>& dir,
                     const std::optional<std::filesystem::path>& overlay = std::nullopt);

// The company with this id or one of its aliases (data/companies/*.json "aliases": aws ->
// amazon); UsageError with "did you mean" otherwise.
const Company& find_company(const Dataset& data, std::string_view id);

// One input file: its name relative to the data folder ("companies/alibaba.json"), the
// name used in messages, and its bytes.
struct InputFile {
  std::string name;
  std::string display;
  std::string bytes;
};

// Parses one company file / one FX file. `display` names the file in messages.
Company parse_company(std::string_view bytes, const std::string& display);
struct FxFile {
  std::vector<FxRate> rates;
  std::string note;
};
FxFile parse_fx(std::string_view bytes, const std::string& display);

// Builds a Dataset from files named like data/ ("companies/<id>.json", "fx.json"),
// then runs validate(): the first error becomes a DataError.
Dataset parse_dataset(std::vector<InputFile> files, std::string origin);
// The same without the validate() pass (parse errors still throw): for `data validate`,
// which lists every issue instead of stopping at the first.
Dataset parse_dataset_unchecked(std::vector<InputFile> files, std::string origin);
Dataset load_dataset_unchecked(const std::optional<std::filesystem::path>& dir,
                               const std::optional<std::filesystem::path>& overlay = std::nullopt);

// Runs validate(): the first error becomes a DataError ("... (N more errors; run
// 'cloudcast data validate')"); warnings pass.
void check_dataset(const Dataset& data);

// The built-in files and the files of a --data folder (IoError when unreadable).
std::vector<InputFile> builtin_inputs();
std::vector<InputFile> read_dataset_dir(const std::filesystem::path& dir);

// FNV-1a 64 over the files sorted by name (name, NUL, bytes, NUL each): 16 hex digits.
std::string inputs_digest(const std::vector<InputFile>& files);

}  // namespace cloudcast::dataset
