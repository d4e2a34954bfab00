#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "cloudcast/dataset/load.hpp"
#include "dataset/builtin_data.hpp"

namespace dataset_builtin_companies_test {

using namespace cloudcast;

TEST_CASE("builtin_company_ids: the files in data/companies, the ids the built-in data loads", "[dataset]") {
  const std::vector<std::string> ids = dataset::builtin_company_ids();
  std::vector<std::string> loaded;
  for (const auto& c : dataset::load_builtin_dataset().companies) loaded.push_back(c.id);
  CHECK(ids == loaded);
  // And the folder on disk: a new company file needs no list anywhere else.
  std::set<std::string> on_disk;
  for (const auto& entry : std::filesystem::directory_iterator(CLOUDCAST_SOURCE_DIR "/data/companies"))
    if (entry.path().extension() == ".json") on_disk.insert(entry.path().stem().string());
  CHECK(std::set<std::string>(ids.begin(), ids.end()) == on_disk);
  CHECK(on_disk.size() >= 4);
}

}  // namespace dataset_builtin_companies_test
