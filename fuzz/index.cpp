// A batch folder's index.json, as merge reads it. What index_from_json accepts must
// survive a round trip: written back by index_to_json, it reads to the same document.
#include "cloudcast/batch/index.hpp"
#include "cloudcast/util/json_read.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz::expect_errors([&] {
    const auto json =
        util::parse_json_text<nlohmann::ordered_json>(fuzz::as_text(data, size), "fuzz/index.json", "a batch index");
    const auto written = batch::index_to_json(batch::index_from_json(json, "fuzz/index.json"));
    if (batch::index_to_json(batch::index_from_json(written, "written")) != written)
      fuzz::defect("index.json round trip changed the document", written.dump());
  });
}
