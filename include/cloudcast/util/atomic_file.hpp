#pragma once
// Files read and written whole. A write goes to a temporary file beside the target
// (a short mkstemp name, .cloudcast-PID-XXXXXX, so any legal target name works) and is
// renamed over it when complete, so a failed run leaves nothing half-written. Only a
// regular file is replaced that way: a symlink is followed and its target replaced; a
// device or FIFO (/dev/null, a pipe) is written directly, never replaced by a file.
// Every file read is remembered, so no write can replace one of the run's own inputs.

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>

namespace cloudcast::util {

// Writes bytes to target whole or not at all (see above). Throws IoError naming target
// when it cannot, UsageError when target is a file this process has read.
void write_file(const std::filesystem::path& target, std::string_view bytes);
// write_file() for a file this process read in order to change it (`data import`
// rewrites the overlay it read): the same whole-or-nothing write, without the input check.
void update_file(const std::filesystem::path& target, std::string_view bytes);

// A stream whose content write_file() puts in place on commit(); nothing is written
// when it is destroyed uncommitted.
class AtomicFile {
 public:
  // Throws IoError naming the path when it is a directory.
  explicit AtomicFile(std::filesystem::path target);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  // Writes the content in place. Throws like write_file().
  void commit();

 private:
  std::filesystem::path target_;
  std::ostringstream out_;
};

// Reads a whole regular file and remembers it as an input of this process. Throws
// IoError for a missing file, a directory, a FIFO or device (which could block forever
// or never end) or a read error. With allow_pipe, a FIFO is read to its end instead:
// the shell's `--scenario <(echo ...)`; one with no writer reads as empty, never hangs.
std::string read_file(const std::filesystem::path& path, bool allow_pipe = false);

// The input this process read that path names (same device and inode, symlinks
// followed), as it was named when read; empty when path names no input.
std::string input_named_by(const std::filesystem::path& path);

// Removes the temporaries write_file() left in folder when their process died (killed
// mid-write); those of a live process are left alone. Returns how many it removed.
int remove_dead_temporaries(const std::filesystem::path& folder);

}  // namespace cloudcast::util
