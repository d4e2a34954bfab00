#include "cloudcast/util/folder_lock.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cloudcast/error.hpp"

namespace cloudcast::util {

FolderLock::FolderLock(const std::filesystem::path& folder) {
  fd_ = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw IoError(fmt::format("{}: cannot open the folder: {}", folder.string(), std::strerror(errno)));
  int rc = 0;
  while ((rc = ::flock(fd_, LOCK_EX | LOCK_NB)) != 0 && errno == EINTR) {
  }
  if (rc != 0) {
    const int error = errno;
    ::close(fd_);
    if (error == EWOULDBLOCK)
      throw IoError(
          fmt::format("{}: another cloudcast batch or merge is writing this folder; expected a folder no "
                      "other process writes (wait for it, or use another --out)",
                      folder.string()));
    throw IoError(fmt::format("{}: cannot lock the folder: {}", folder.string(), std::strerror(error)));
  }
}

FolderLock::~FolderLock() { ::close(fd_); }  // closing the descriptor releases the lock

}  // namespace cloudcast::util
