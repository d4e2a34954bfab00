#pragma once
// What batch and merge share: the output folder and its two bookkeeping files.

#include <filesystem>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cloudcast/batch/index.hpp"

namespace cloudcast::cli {

// The names a batch folder's files take, each claimed once, so two runs never write one
// file: every run's reports and index.json/summary.md up front, a run's own files (such
// as --forecasts-out) when it names them.
class ClaimedNames {
 public:
  explicit ClaimedNames(std::set<std::string> names) : names_(std::move(names)) {}
  // False when the name is already claimed.
  bool claim(const std::string& name) {
    const std::scoped_lock guard(lock_);
    return names_.insert(name).second;
  }

 private:
  std::mutex lock_;  // runs claim names from several threads
  std::set<std::string> names_;
};

// One batch run's view of the folder: where its files go and which it named.
struct RunFolder {
  std::filesystem::path dir;
  ClaimedNames* claims = nullptr;
  std::vector<std::string> named;  // the run's own files, listed in index.json with its reports
};

// Creates the folder (and parents); IoError when it cannot, or when it is a file.
void create_output_folder(const std::filesystem::path& out);

// Prepares a locked output folder for writing: removes temporaries of dead processes
// and the old index.json and summary.md. IoError when they cannot be removed.
void start_folder(const std::filesystem::path& out);

// Writes out/index.json and out/summary.md, each whole or not at all.
void write_batch_folder(const batch::BatchIndex& index, const std::filesystem::path& out);

}  // namespace cloudcast::cli
