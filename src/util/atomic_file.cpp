#include "cloudcast/util/atomic_file.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <system_error>

#include "cloudcast/error.hpp"

namespace cloudcast::util {

namespace fs = std::filesystem;

AtomicFile::AtomicFile(fs::path target) : target_(std::move(target)) {
  if (fs::is_directory(target_)) throw IoError(fmt::format("{}: is a directory; expected a file path", target_.string()));
  // The pid keeps concurrent cloudcast processes (batch shards) from sharing a temporary.
  temp_ = target_;
  temp_ += fmt::format(".tmp.{}", ::getpid());
  out_.open(temp_, std::ios::binary | std::ios::trunc);
  if (!out_) throw IoError(fmt::format("{}: cannot create file: {}", target_.string(), std::strerror(errno)));
}

AtomicFile::~AtomicFile() {
  if (committed_) return;
  out_.close();
  std::error_code ignored;  // best effort: the destructor must not throw, and the error is already being reported
  fs::remove(temp_, ignored);
}

void AtomicFile::commit() {
  out_.flush();
  out_.close();
  if (!out_) throw IoError(fmt::format("{}: write failed", target_.string()));
  std::error_code ec;
  fs::rename(temp_, target_, ec);
  if (ec) throw IoError(fmt::format("{}: cannot rename temporary into place: {}", target_.string(), ec.message()));
  committed_ = true;
}

std::string read_file(const fs::path& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) throw IoError(fmt::format("{}: is a directory; expected a file", path.string()));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError(fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno)));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw IoError(fmt::format("{}: read failed", path.string()));
  return std::move(buffer).str();
}

}  // namespace cloudcast::util
