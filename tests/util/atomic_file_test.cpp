#include "cloudcast/util/atomic_file.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace util_atomic_file_test {

using cloudcast::IoError;
using cloudcast::util::AtomicFile;
using cloudcast::util::read_file;
using cloudcast::util::write_file;

TEST_CASE("AtomicFile: committed content replaces the target whole", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto target = dir.path() / "report.csv";
  {
    AtomicFile file(target);
    file.stream() << "a,b\n1,2\n";
    file.commit();
  }
  CHECK(read_file(target) == "a,b\n1,2\n");
}

TEST_CASE("AtomicFile: an uncommitted file leaves neither target nor temporary", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto target = dir.path() / "report.csv";
  {
    AtomicFile file(target);
    file.stream() << "half";
  }
  CHECK_FALSE(std::filesystem::exists(target));
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("AtomicFile: an uncommitted rewrite keeps the old content", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto target = dir.path() / "report.csv";
  {
    AtomicFile file(target);
    file.stream() << "old";
    file.commit();
  }
  {
    AtomicFile file(target);
    file.stream() << "new, but the run failed";
  }
  CHECK(read_file(target) == "old");
}

TEST_CASE("AtomicFile and read_file: a directory is an I/O error naming it", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  CHECK_THROWS_WITH(AtomicFile(dir.path()), Catch::Contains(dir.path().string()) && Catch::Contains("is a directory"));
  CHECK_THROWS_AS(read_file(dir.path()), IoError);
  CHECK_THROWS_WITH(read_file(dir.path() / "missing.json"),
                    Catch::Contains("missing.json") && Catch::Contains("cannot open"));
}

namespace {

std::size_t entries_in(const std::filesystem::path& folder) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder)) ++n;
  return n;
}

}  // namespace

TEST_CASE("write_file: a symlink is followed and its target replaced, the link stays a link", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto real = dir.path() / "real.md";
  const auto link = dir.path() / "link.md";
  std::ofstream(real) << "old";
  std::filesystem::create_symlink("real.md", link);  // relative, resolved beside the link
  write_file(link, "new");
  CHECK(std::filesystem::is_symlink(link));
  CHECK(read_file(real) == "new");
  CHECK(entries_in(dir.path()) == 2);  // no temporary left
}

TEST_CASE("write_file: a dangling symlink creates its target, as the shell's '>' does", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  std::filesystem::create_directory(dir.path() / "sub");
  std::filesystem::create_symlink("sub/made.txt", dir.path() / "link.txt");
  write_file(dir.path() / "link.txt", "x");
  CHECK(read_file(dir.path() / "sub" / "made.txt") == "x");
}

TEST_CASE("write_file: a device is written in place, never replaced by a regular file", "[atomic_file]") {
  // As root, a rename over /dev/null would replace it for the whole machine. /dev/zero
  // takes writes like /dev/null (and stays a device whatever else runs beside the tests).
  write_file("/dev/zero", "discarded");
  struct stat st {};
  REQUIRE(::stat("/dev/zero", &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
  CHECK_THROWS_WITH(write_file("/dev/full", "x"), "/dev/full: write failed: No space left on device");
}

TEST_CASE("write_file: a 255-byte name works (the temporary's name is short)", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const std::string name = std::string(251, 'r') + ".csv";
  REQUIRE(name.size() == 255);
  write_file(dir.path() / name, "a\n");
  CHECK(read_file(dir.path() / name) == "a\n");
  CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("write_file: a new file gets 0666 less the umask, a replaced one keeps its mode", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const mode_t mask = ::umask(022);
  ::umask(mask);  // read, then put back: the process's own umask applies
  write_file(dir.path() / "new.txt", "x");
  CHECK((std::filesystem::status(dir.path() / "new.txt").permissions() & std::filesystem::perms::all) ==
        static_cast<std::filesystem::perms>(0666 & ~mask));
  std::filesystem::permissions(dir.path() / "new.txt", static_cast<std::filesystem::perms>(0640));
  write_file(dir.path() / "new.txt", "y");
  CHECK((std::filesystem::status(dir.path() / "new.txt").permissions() & std::filesystem::perms::all) ==
        static_cast<std::filesystem::perms>(0640));
}

TEST_CASE("write_file: a file this process read is refused as an output, however it is spelled", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto input = dir.path() / "input.json";
  std::ofstream(input) << "{}";
  std::filesystem::create_symlink(input, dir.path() / "alias.json");
  read_file(input);
  CHECK(cloudcast::util::input_named_by(dir.path() / "alias.json") == input.string());
  CHECK(cloudcast::util::input_named_by(dir.path() / "other.json").empty());
  CHECK_THROWS_AS(write_file(dir.path() / "alias.json", "x"), cloudcast::UsageError);
  CHECK_THROWS_WITH(write_file(dir.path() / "alias.json", "x"),
                    (dir.path() / "alias.json").string() + ": is also an input of this run (" + input.string() +
                        "); expected an output that is not read");
  CHECK(read_file(input) == "{}");
}

TEST_CASE("update_file: rewrites a file this run read, whole, where write_file refuses", "[atomic_file]") {
  // data import reads the overlay, lays new rows over it and writes it back.
  cloudcast::testing::TempDir dir;
  const auto overlay = dir.path() / "overlay.csv";
  std::ofstream(overlay) << "old";
  CHECK(read_file(overlay) == "old");
  CHECK_THROWS_AS(write_file(overlay, "new"), cloudcast::UsageError);
  cloudcast::util::update_file(overlay, "new");
  std::ifstream in(overlay);
  CHECK(std::string(std::istreambuf_iterator<char>(in), {}) == "new");
  // Nothing beside it: the temporary was renamed into place.
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
}

TEST_CASE("read_file: a FIFO is refused at once (no writer would block forever)", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto fifo = dir.path() / "x.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK_THROWS_AS(read_file(fifo), IoError);
  CHECK_THROWS_WITH(read_file(fifo), fifo.string() + ": is a FIFO; expected a regular file");
  CHECK_THROWS_WITH(read_file("/dev/zero"), "/dev/zero: is a character device; expected a regular file");
}

TEST_CASE("remove_dead_temporaries: only temporaries of processes that have ended", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);  // reaped: no process has this pid now
  const auto dead = dir.path() / (".cloudcast-" + std::to_string(child) + "-Ab12Cd");
  const auto live = dir.path() / (".cloudcast-" + std::to_string(::getpid()) + "-Ab12Cd");
  const auto other = dir.path() / ".cloudcast-notapid-Ab12Cd";
  for (const auto& path : {dead, live, other}) std::ofstream(path) << "partial";
  CHECK(cloudcast::util::remove_dead_temporaries(dir.path()) == 1);
  CHECK_FALSE(std::filesystem::exists(dead));
  CHECK(std::filesystem::exists(live));
  CHECK(std::filesystem::exists(other));
}

TEST_CASE("read_file: with allow_pipe a FIFO is read to its end, and one with no writer is empty", "[atomic_file]") {
  cloudcast::testing::TempDir dir;
  const auto fifo = dir.path() / "scenario.json";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  CHECK(read_file(fifo, true).empty());  // no writer: EOF at once, no hang
  // A pipe whose writer is already there, as bash's <(echo ...) gives /dev/fd/N.
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  REQUIRE(::write(fds[1], "{\"base\": \"base\"}", 16) == 16);
  ::close(fds[1]);
  CHECK(read_file(fmt::format("/dev/fd/{}", fds[0]), true) == "{\"base\": \"base\"}");
  ::close(fds[0]);
}

}  // namespace util_atomic_file_test
