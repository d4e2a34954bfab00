#include "cloudcast/batch/execute.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <atomic>
#include <set>
#include <stdexcept>

namespace batch_execute_test {

using namespace cloudcast::batch;

namespace {

std::vector<Run> runs(std::size_t n) {
  std::vector<Run> result(n);
  for (std::size_t i = 0; i < n; ++i) {
    result[i].position = i;
    result[i].name = fmt::format("run-{}", i);
  }
  return result;
}

}  // namespace

TEST_CASE("execute: every run once, records in manifest order whatever the thread count", "[execute]") {
  for (unsigned jobs : {1U, 2U, 4U, 64U}) {
    std::atomic<int> calls{0};
    std::set<std::size_t> progress_done;
    const auto records = execute(
        runs(17), jobs,
        [&](const Run& run) {
          ++calls;
          RunRecord record = record_for(run);
          record.ok = run.position % 5 != 3;  // some fail; the others go on
          return record;
        },
        [&](const RunRecord&, std::size_t done, std::size_t total) {
          CHECK(total == 17);
          progress_done.insert(done);  // called under a lock: 1..17 each once
        });
    CHECK(calls == 17);
    REQUIRE(records.size() == 17);
    for (std::size_t i = 0; i < 17; ++i) CHECK(records[i].name == fmt::format("run-{}", i));
    CHECK(progress_done.size() == 17);
    CHECK(*progress_done.rbegin() == 17);
  }
}

TEST_CASE("execute: an exception escaping a run is rethrown after the others finish", "[execute]") {
  std::atomic<int> calls{0};
  CHECK_THROWS_WITH(execute(runs(6), 3,
                            [&](const Run& run) -> RunRecord {
                              ++calls;
                              if (run.position == 2) throw std::runtime_error("boom");
                              return record_for(run);
                            }),
                    "boom");
  CHECK(calls == 6);
}

TEST_CASE("execute: an empty batch runs nothing", "[execute]") {
  CHECK(execute({}, 4, [](const Run& run) { return record_for(run); }).empty());
}

}  // namespace batch_execute_test
