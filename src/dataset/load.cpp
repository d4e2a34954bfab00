// Assembling a Dataset from its input files (company files, fx.json) and the checks that
// span files: ids match file names, aliases name one company, the user's overlay laid on
// top, validate() at the end.
#include "cloudcast/dataset/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "cloudcast/dataset/figures.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::dataset {

namespace fs = std::filesystem;

Dataset parse_dataset_unchecked(std::vector<InputFile> files, std::string origin) {
  Dataset data;
  data.origin = std::move(origin);
  data.digest = inputs_digest(files);
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
  bool have_fx = false;
  for (const InputFile& file : files) {
    if (file.name == "fx.json") {
      FxFile fx = parse_fx(file.bytes, file.display);
      data.fx = std::move(fx.rates);
      data.fx_note = std::move(fx.note);
      have_fx = true;
    } else {
      Company company = parse_company(file.bytes, file.display);
      const std::string stem = fs::path(file.name).stem().string();
      if (company.id != stem)
        throw DataError(fmt::format("{}:/id: company id \"{}\" differs from the file name; expected \"{}\"",
                                    file.display, util::text_excerpt(company.id), stem));
      data.companies.push_back(std::move(company));
    }
  }
  if (data.companies.empty())
    throw DataError(fmt::format("{}: no company files; expected companies/<id>.json", data.origin));
  // A name on the command line must mean one company: an alias is nobody else's id or alias.
  std::map<std::string, std::string> owner;  // id or alias -> company id
  for (const Company& c : data.companies) owner.emplace(c.id, c.id);
  for (const Company& c : data.companies)
    for (std::size_t i = 0; i < c.aliases.size(); ++i)
      if (const auto [it, inserted] = owner.emplace(c.aliases[i], c.id); !inserted)
        throw DataError(fmt::format("{}:/aliases/{}: alias \"{}\" already names {}; expected a name of one company",
                                    c.origin, i, util::text_excerpt(c.aliases[i]), it->second));
  if (!have_fx) throw DataError(fmt::format("{}: no fx.json; expected the CNY per USD rates file", data.origin));
  return data;
}

void check_dataset(const Dataset& data) {
  const std::vector<Issue> issues = validate(data);
  std::size_t errors = 0;
  const Issue* first = nullptr;
  for (const Issue& issue : issues) {
    if (issue.severity != Severity::error) continue;
    if (!first) first = &issue;
    ++errors;
  }
  if (first)
    throw DataError(
        errors == 1 ? first->message
                    : fmt::format("{} ({} more errors; run 'cloudcast data validate')", first->message, errors - 1));
}

Dataset parse_dataset(std::vector<InputFile> files, std::string origin) {
  Dataset data = parse_dataset_unchecked(std::move(files), std::move(origin));
  check_dataset(data);
  return data;
}

Dataset load_builtin_dataset() { return parse_dataset(builtin_inputs(), "built-in"); }

Dataset load_dataset_dir(const fs::path& dir) { return parse_dataset(read_dataset_dir(dir), dir.string()); }

Dataset load_dataset(const std::optional<fs::path>& dir, const std::optional<fs::path>& overlay) {
  Dataset data = load_dataset_unchecked(dir, overlay);
  check_dataset(data);
  return data;
}

Dataset load_dataset_unchecked(const std::optional<fs::path>& dir, const std::optional<fs::path>& overlay) {
  std::vector<InputFile> files = dir ? read_dataset_dir(*dir) : builtin_inputs();
  Dataset data = parse_dataset_unchecked(files, dir ? dir->string() : "built-in");
  std::error_code ec;
  // No file is no overlay: the folder is made by the first `data import`.
  if (!overlay || (!fs::exists(*overlay, ec) && !fs::is_symlink(*overlay, ec))) return data;
  InputFile file{"overlay.csv", overlay->string(), util::read_file(*overlay)};
  const std::vector<Figure> figures = parse_figures(file.bytes, file.display, data);
  // An overlay with no figures (every import equal to the data) changes nothing, so
  // neither the digest nor the origin says otherwise.
  if (figures.empty()) return data;
  apply_figures(data, figures);
  files.push_back(std::move(file));
  data.digest = inputs_digest(files);
  data.overlay = overlay->string();
  data.origin += " + overlay " + data.overlay;
  return data;
}

const Company& find_company(const Dataset& data, std::string_view id) {
  std::vector<std::string> ids;
  for (const Company& company : data.companies) {
    if (company.id == id) return company;
    ids.push_back(company.id);
  }
  for (const Company& company : data.companies)
    if (std::find(company.aliases.begin(), company.aliases.end(), id) != company.aliases.end()) return company;
  throw UsageError(util::unknown_name_message("company", id, ids));
}

}  // namespace cloudcast::dataset
