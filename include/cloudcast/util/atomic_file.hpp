#pragma once
// Writes a file whole or not at all: content goes to a temporary file beside the
// target and is renamed over it by commit(). Destroying an uncommitted AtomicFile
// removes the temporary, so a failed run leaves nothing half-written.

#include <filesystem>
#include <fstream>

namespace cloudcast::util {

class AtomicFile {
 public:
  // Throws IoError naming the path when the temporary cannot be created.
  explicit AtomicFile(std::filesystem::path target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Flushes, closes and renames into place. Throws IoError on failure.
  void commit();

 private:
  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::ofstream out_;
  bool committed_ = false;
};

// Reads a whole file. Throws IoError for a missing file, a directory or a read error.
std::string read_file(const std::filesystem::path& path);

}  // namespace cloudcast::util
