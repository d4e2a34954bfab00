// A --tolerances file: the JSON reader, parse_tolerances, then a lookup and a check
// with what it accepted.
#include "cloudcast/check/tolerances.hpp"
#include "cloudcast/util/json_read.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz::expect_errors([&] {
    const auto json = util::parse_json_text(fuzz::as_text(data, size), "fuzz.json", "a tolerances object");
    const check::Tolerances tolerances = check::parse_tolerances(json, "fuzz.json");
    const check::Tolerance t = tolerances.for_path({"alibaba", "2027Q2", "operating_margin", "p95"});
    if (!check::within(1.0, 1.0, t)) fuzz::defect("a figure equal to its baseline is past tolerance", "");
  });
}
