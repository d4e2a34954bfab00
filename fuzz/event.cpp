// An event expression, as --prob gives it (UsageError) and as a scenario's "events"
// list does (DataError).
#include "cloudcast/model/event.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  fuzz::expect_errors([&] { (void)model::parse_event(text, "--prob"); });
  return fuzz::expect_errors([&] { (void)model::parse_event(text, "fuzz.json:/events/0", true); });
}
