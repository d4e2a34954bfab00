#include <filesystem>

#include "dataset/builtin_data.hpp"

namespace cloudcast::dataset {

std::vector<std::string> builtin_company_ids() {
  constexpr std::string_view kFolder = "companies/";
  std::vector<std::string> ids;
  for (const EmbeddedFile& file : builtin_files())
    if (file.name.starts_with(kFolder)) ids.push_back(std::filesystem::path(file.name).stem().string());
  return ids;
}

}  // namespace cloudcast::dataset
