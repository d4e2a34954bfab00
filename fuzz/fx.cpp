// fx.json as `--data` reads it: parse_fx, the validate() pass with the built-in
// companies, and the rate table the engine builds from it.
#include "dataset/fx.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dataset::Dataset builtin = dataset::load_builtin_dataset();
  return fuzz::expect_errors([&] {
    dataset::Dataset set = builtin;
    set.fx = dataset::parse_fx(fuzz::as_text(data, size), "fuzz/fx.json").rates;
    (void)dataset::validate(set);
    const dataset::FxTable table(set);
    for (const auto& [quarter, rate] : table.rates()) (void)table.to_usd(1.0, "CNY", quarter);
  });
}
