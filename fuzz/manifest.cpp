// A batch manifest: the JSON reader, then parse_manifest with the real command table.
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cloudcast/batch/manifest.hpp"
#include "cloudcast/util/json_read.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<std::string> commands = [] {
    std::vector<std::string> names;
    for (const cli::Command& command : cli::commands()) names.emplace_back(command.name);
    return names;
  }();
  return fuzz::expect_errors([&] {
    const auto json = util::parse_json_text<nlohmann::ordered_json>(fuzz::as_text(data, size), "fuzz.json",
                                                                    "a batch manifest (docs/batch.md)");
    (void)batch::parse_manifest(json, "fuzz.json", commands);
  });
}
