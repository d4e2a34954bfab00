// Where a dataset's bytes come from (declared in cloudcast/dataset/load.hpp): the files
// compiled into the binary or a --data folder, and the digest that names them.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "dataset/builtin_data.hpp"
#include "util/hash.hpp"

namespace cloudcast::dataset {

namespace fs = std::filesystem;

std::string inputs_digest(const std::vector<InputFile>& files) {
  std::vector<const InputFile*> sorted;
  for (const InputFile& file : files) sorted.push_back(&file);
  std::sort(sorted.begin(), sorted.end(), [](const InputFile* a, const InputFile* b) { return a->name < b->name; });
  std::uint64_t hash = util::kFnv1a64Offset;
  auto feed = [&hash](std::string_view bytes) { hash = util::fnv1a64(bytes, hash); };
  for (const InputFile* file : sorted) {
    feed(file->name);
    feed(std::string_view("\0", 1));
    feed(file->bytes);
    feed(std::string_view("\0", 1));
  }
  return fmt::format("{:016x}", hash);
}

std::vector<InputFile> builtin_inputs() {
  std::vector<InputFile> files;
  for (const EmbeddedFile& file : builtin_files())
    files.push_back(InputFile{std::string(file.name), "data/" + std::string(file.name), std::string(file.bytes)});
  return files;
}

std::vector<InputFile> read_dataset_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw IoError(fmt::format("{}: not a directory; expected a folder laid out like data/ (companies/*.json, fx.json)",
                              dir.string()));
  const fs::path companies = dir / "companies";
  if (!fs::is_directory(companies, ec))
    throw IoError(fmt::format("{}: no such directory; expected companies/*.json under --data", companies.string()));
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(companies, ec))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  if (ec) throw IoError(fmt::format("{}: cannot list: {}", companies.string(), ec.message()));
  std::sort(paths.begin(), paths.end());
  std::vector<InputFile> files;
  for (const fs::path& path : paths)
    files.push_back(InputFile{"companies/" + path.filename().string(), path.string(), util::read_file(path)});
  const fs::path fx = dir / "fx.json";
  files.push_back(InputFile{"fx.json", fx.string(), util::read_file(fx)});
  return files;
}

}  // namespace cloudcast::dataset
