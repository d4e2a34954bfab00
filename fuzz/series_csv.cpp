// A series CSV (forecast --series, backtest): parse_series_csv, and the shape it promises.
#include "cloudcast/forecast/series_csv.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz::expect_errors([&] {
    for (const forecast::Series& series : forecast::parse_series_csv(fuzz::as_text(data, size), "fuzz.csv"))
      if (series.n_train > series.values.size()) fuzz::defect("more train values than values", series.id);
  });
}
