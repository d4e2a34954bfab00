#pragma once
// Runs a batch's runs on a fixed number of threads. What a run does (call a command,
// write its files, time it) is the caller's function; this only schedules, so the
// library stays free of the command table and of the clock.

#include <functional>
#include <vector>

#include "cloudcast/batch/index.hpp"
#include "cloudcast/batch/manifest.hpp"

namespace cloudcast::batch {

using RunFunction = std::function<RunRecord(const Run&)>;
// Called once per finished run, under a lock (one call at a time), in completion order.
using ProgressFunction = std::function<void(const RunRecord& finished, std::size_t done, std::size_t total)>;

// Calls run_one for every run on min(jobs, runs) threads, each taking the next run not
// yet started, and returns the records in the runs' order, whatever the completion
// order. run_one should report failures in its record; an exception escaping it is
// rethrown here after every thread has finished.
std::vector<RunRecord> execute(const std::vector<Run>& runs, unsigned jobs, const RunFunction& run_one,
                               const ProgressFunction& progress = {});

}  // namespace cloudcast::batch
