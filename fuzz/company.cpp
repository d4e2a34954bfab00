// A company file as `--data` reads it: parse_company, then the validate() pass every
// data folder gets, beside the built-in fx.json.
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const dataset::Dataset builtin = dataset::load_builtin_dataset();
  return fuzz::expect_errors([&] {
    dataset::Dataset set;
    set.origin = "fuzz";
    set.fx = builtin.fx;
    set.companies.push_back(dataset::parse_company(fuzz::as_text(data, size), "fuzz/companies/x.json"));
    (void)dataset::validate(set);
  });
}
