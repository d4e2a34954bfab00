#include "cloudcast/util/atomic_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>
#include <utility>

#include "cloudcast/error.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::util {

namespace fs = std::filesystem;

namespace {

// Temporaries are ".cloudcast-PID-XXXXXX": short whatever the target's name (a 255-byte
// name must still work), hidden, and the PID tells remove_dead_temporaries() whose it is.
constexpr std::string_view kTempPrefix = ".cloudcast-";
constexpr std::size_t kTempRandom = 6;  // mkstemp's XXXXXX

std::string errno_text() { return std::strerror(errno); }

// The inputs this process has read, by file identity: a path spelled another way (a
// symlink, "./", a hard link) still names the same file.
class InputRegistry {
 public:
  void add(const struct stat& st, std::string name) {
    const std::scoped_lock guard(lock_);
    files_.try_emplace({st.st_dev, st.st_ino}, std::move(name));
  }
  std::string find(const struct stat& st) {
    const std::scoped_lock guard(lock_);
    const auto it = files_.find({st.st_dev, st.st_ino});
    if (it == files_.end()) return {};
    // An input deleted since (merge --move's copied source) frees its inode for a new
    // file: the entry counts only while its path still names that inode.
    struct stat now {};
    if (::stat(it->second.c_str(), &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
      files_.erase(it);
      return {};
    }
    return it->second;
  }

 private:
  std::mutex lock_;  // batch runs read and write on several threads
  std::map<std::pair<dev_t, ino_t>, std::string> files_;
};

InputRegistry& inputs() {
  static InputRegistry registry;
  return registry;
}

std::string_view kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// The file a chain of symlinks ends at (which may not exist yet: writing through a
// dangling link creates its target, as the shell's '>' does).
fs::path follow_symlinks(const fs::path& target) {
  fs::path path = target;
  for (int hops = 0; hops < 40; ++hops) {  // Linux's own limit (ELOOP)
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    const fs::path link = fs::read_symlink(path, ec);
    if (ec) throw IoError(fmt::format("{}: cannot read the symlink: {}", target.string(), ec.message()));
    path = link.is_absolute() ? link : path.parent_path() / link;
  }
  throw IoError(fmt::format("{}: too many levels of symbolic links; expected a file", target.string()));
}

mode_t process_umask() {
  // umask() can only be read by setting it; done once, before any write of this process.
  static const mode_t mask = [] {
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  return mask;
}

void write_all(int fd, std::string_view bytes, const fs::path& target) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError(fmt::format("{}: write failed: {}", target.string(), errno_text()));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// A device or FIFO: written in place like the shell's '>', never replaced by a file.
void write_in_place(const fs::path& target, std::string_view bytes) {
  const int fd = ::open(target.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", target.string(), errno_text()));
  try {
    write_all(fd, bytes, target);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) throw IoError(fmt::format("{}: write failed: {}", target.string(), errno_text()));
}

// Unlinks the temporary unless it was renamed into place.
class Temporary {
 public:
  explicit Temporary(const fs::path& target, const fs::path& folder)
      : name_((folder / fmt::format("{}{}-{}", kTempPrefix, ::getpid(), std::string(kTempRandom, 'X'))).string()) {
    fd_ = ::mkstemp(name_.data());
    if (fd_ < 0)
      throw IoError(
          fmt::format("{}: cannot create a temporary file in {}: {}", target.string(), folder.string(), errno_text()));
  }
  ~Temporary() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(name_.c_str());
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;

  int fd() const { return fd_; }
  const std::string& name() const { return name_; }
  // Closes and reports the deferred write errors (NFS, quotas) that close() returns.
  bool close() {
    const int fd = std::exchange(fd_, -1);
    return ::close(fd) == 0;
  }
  void renamed() { renamed_ = true; }

 private:
  std::string name_;
  int fd_ = -1;
  bool renamed_ = false;
};

}  // namespace

namespace {

void write_whole(const fs::path& target, std::string_view bytes, bool refuse_inputs) {
  if (target.empty()) throw IoError("empty output path; expected a file name");
  struct stat st {};
  const bool exists = ::stat(target.c_str(), &st) == 0;  // the kernel follows every link
  if (exists && S_ISDIR(st.st_mode))
    throw IoError(fmt::format("{}: is a directory; expected a file path", target.string()));
  if (exists) {
    if (const std::string input = refuse_inputs ? inputs().find(st) : std::string(); !input.empty())
      throw UsageError(fmt::format("{}: is also an input of this run ({}); expected an output that is not read",
                                   target.string(), input));
    if (!S_ISREG(st.st_mode)) return write_in_place(target, bytes);
    // Replacing by rename needs only the folder writable; a read-only file stays refused.
    if (::access(target.c_str(), W_OK) != 0)
      throw IoError(fmt::format("{}: cannot write: {}", target.string(), errno_text()));
  }
  const fs::path path = follow_symlinks(target);
  if (exists) {
    // A link no folder holds (/dev/stdout -> /proc/self/fd/1 -> a file opened elsewhere)
    // cannot be replaced beside its target: write through it instead.
    struct stat resolved {};
    if (::stat(path.c_str(), &resolved) != 0 || resolved.st_dev != st.st_dev || resolved.st_ino != st.st_ino)
      return write_in_place(target, bytes);
  }
  const mode_t mode = exists ? (st.st_mode & 07777) : (0666 & ~process_umask());
  const fs::path folder = path.has_parent_path() ? path.parent_path() : fs::path(".");
  Temporary temp(target, folder);
  write_all(temp.fd(), bytes, target);
  if (::fchmod(temp.fd(), mode) != 0 || ::fsync(temp.fd()) != 0 || !temp.close())
    throw IoError(fmt::format("{}: write failed: {}", target.string(), errno_text()));
  if (::rename(temp.name().c_str(), path.c_str()) != 0)
    throw IoError(fmt::format("{}: cannot rename the temporary into place: {}", target.string(), errno_text()));
  temp.renamed();
}

}  // namespace

void write_file(const fs::path& target, std::string_view bytes) { write_whole(target, bytes, true); }

void update_file(const fs::path& target, std::string_view bytes) { write_whole(target, bytes, false); }

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
  std::error_code ec;
  if (fs::is_directory(target_, ec))
    throw IoError(fmt::format("{}: is a directory; expected a file path", target_.string()));
}

void AtomicFile::commit() { write_file(target_, out_.view()); }

std::string read_file(const fs::path& path, bool allow_pipe) {
  // O_NONBLOCK: opening a FIFO with no writer must not wait forever; it is refused below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) throw IoError(fmt::format("{}: cannot open: {}", path.string(), errno_text()));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) throw IoError(fmt::format("{}: cannot open: {}", path.string(), errno_text()));
  if (S_ISDIR(st.st_mode)) throw IoError(fmt::format("{}: is a directory; expected a file", path.string()));
  const bool pipe = allow_pipe && S_ISFIFO(st.st_mode);
  if (!S_ISREG(st.st_mode) && !pipe)
    throw IoError(fmt::format("{}: is {}; expected a regular file", path.string(), kind_of(st.st_mode)));
  // A pipe's writer may not have written yet: wait for it (no writer at all reads as EOF).
  if (pipe && ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0)
    throw IoError(fmt::format("{}: cannot read: {}", path.string(), errno_text()));
  std::string text;
  text.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw IoError(fmt::format("{}: read failed: {}", path.string(), errno_text()));
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  inputs().add(st, path.string());
  return text;
}

std::string input_named_by(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  return inputs().find(st);
}

int remove_dead_temporaries(const fs::path& folder) {
  int removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(kTempPrefix) || name.size() < kTempPrefix.size() + kTempRandom + 2) continue;
    const std::string_view rest = std::string_view(name).substr(kTempPrefix.size());
    const std::string_view pid_text = rest.substr(0, rest.size() - kTempRandom - 1);
    if (rest[rest.size() - kTempRandom - 1] != '-') continue;
    const auto pid = try_parse_int(pid_text, 1, std::numeric_limits<int>::max());
    // kill(pid, 0) fails with ESRCH only when no such process exists (EPERM: it lives).
    if (!pid || ::kill(static_cast<pid_t>(*pid), 0) == 0 || errno != ESRCH) continue;
    std::error_code ignored;  // best effort: a leftover temporary is untidy, not wrong
    if (entry.is_regular_file(ignored) && fs::remove(entry.path(), ignored)) ++removed;
  }
  return removed;
}

}  // namespace cloudcast::util
