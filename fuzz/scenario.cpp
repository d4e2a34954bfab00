// A --scenario file: model::parse_scenario against the built-in data (drivers,
// distributions, correlations, events, a "base" chain).
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/dataset/load.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dataset::Dataset builtin = dataset::load_builtin_dataset();
  return fuzz::expect_errors([&] { (void)model::parse_scenario(fuzz::as_text(data, size), "fuzz.json", builtin); });
}
