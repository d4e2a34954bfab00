#pragma once
// An exclusive lock on a folder (flock on the folder itself, no lock file), held by
// batch and merge while they write their output folder, so two of them never write
// one folder at once and none deletes what a live one is writing. The kernel drops the
// lock when the process ends, however it ends.

#include <filesystem>

namespace cloudcast::util {

class FolderLock {
 public:
  // Takes the lock without waiting. Throws IoError naming the folder when another
  // process holds it or the folder cannot be opened.
  explicit FolderLock(const std::filesystem::path& folder);
  ~FolderLock();
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace cloudcast::util
