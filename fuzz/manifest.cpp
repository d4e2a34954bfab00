// A batch manifest: the JSON reader, then parse_manifest with the real command table.
#include "cloudcast/batch/manifest.hpp"
#include "cli/commands.hpp"
#include "cloudcast/util/json_read.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const batch::CommandNames commands = cli::manifest_command_names();
  return fuzz::expect_errors([&] {
    const auto json = util::parse_json_text<nlohmann::ordered_json>(fuzz::as_text(data, size), "fuzz.json",
                                                                    "a batch manifest (docs/batch.md)");
    (void)batch::parse_manifest(json, "fuzz.json", commands);
  });
}
