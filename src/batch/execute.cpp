#include "cloudcast/batch/execute.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>

namespace cloudcast::batch {

std::vector<RunRecord> execute(const std::vector<Run>& runs, unsigned jobs, const RunFunction& run_one,
                               const ProgressFunction& progress) {
  std::vector<RunRecord> records(runs.size());
  std::atomic<std::size_t> next{0};
  std::mutex lock;  // guards done, first_error and the progress callback
  std::size_t done = 0;
  std::exception_ptr first_error;

  const auto worker = [&] {
    for (std::size_t i = next++; i < runs.size(); i = next++) {
      try {
        records[i] = run_one(runs[i]);  // each thread writes only its own slots
      } catch (...) {
        const std::scoped_lock guard(lock);
        if (!first_error) first_error = std::current_exception();
        continue;
      }
      const std::scoped_lock guard(lock);
      ++done;
      if (progress) progress(records[i], done, runs.size());
    }
  };

  const unsigned threads = static_cast<unsigned>(std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(runs.size(), 1)));
  if (threads == 1) {
    worker();  // no thread for a one-job batch: simpler stacks in a debugger
  } else {
    std::vector<std::jthread> pool;
    pool.reserve(threads);
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(worker);
  }  // jthreads join here
  if (first_error) std::rethrow_exception(first_error);
  return records;
}

}  // namespace cloudcast::batch
