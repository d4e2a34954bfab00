#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>

#include "cli/commands.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "support/temp_dir.hpp"

using namespace cloudcast;
namespace fs = std::filesystem;

TEST_CASE("batch: a process killed before commit leaves no output file, only its temporary", "[batch][atomic]") {
  // What batch relies on when a run is killed mid-write: outputs go through AtomicFile,
  // and the target name appears only at commit's rename.
  testing::TempDir dir;
  const fs::path target = dir.path() / "run.json";
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    util::AtomicFile file(target);
    file.stream() << "{\"half\": ";
    file.stream().flush();
    std::raise(SIGKILL);  // no destructor, no commit: as if the batch were killed
    ::_exit(0);
  }
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  CHECK_FALSE(fs::exists(target));
  std::size_t temporaries = 0;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    temporaries += entry.path().filename().string().starts_with("run.json.tmp.") ? 1 : 0;
  CHECK(temporaries == 1);  // batch removes these at its next run into the folder
}

TEST_CASE("batch: runs in-process, one failure reported, the others written; a rerun removes stale temporaries",
          "[batch]") {
  testing::TempDir dir;
  const fs::path fixtures = fs::path(CLOUDCAST_SOURCE_DIR) / "tests/batch/fixtures";
  const fs::path manifest = dir.path() / "m.json";
  std::ofstream(manifest) << fmt::format(
      R"({{"runs": [{{"name": "same", "command": "diff", "formats": ["json", "md"], "args": ["{0}/base.json", "{0}/base.json"]}},
                   {{"name": "broken", "command": "diff", "args": ["{0}/base.json", "{0}/none.json"]}}]}})",
      fixtures.string());
  const fs::path out = dir.path() / "out";
  fs::create_directories(out);
  std::ofstream(out / "same.json.tmp.999999") << "{\"half";  // left by a killed batch
  std::ofstream(out / "broken.json") << "stale";              // left by an older, successful batch
  std::ofstream(out / "notes.txt.tmp.1") << "not ours";       // not a batch output: untouched
  const cli::CommandResult result =
      cli::find_command("batch").handler(cli::GlobalOptions{}, {manifest.string(), "--out", out.string(), "--jobs", "2"});
  CHECK(result.code == ExitCode::check_failed);
  CHECK(fs::exists(out / "same.json"));
  CHECK(fs::exists(out / "same.md"));
  CHECK(fs::exists(out / "index.json"));
  CHECK(fs::exists(out / "summary.md"));
  CHECK_FALSE(fs::exists(out / "broken.json"));           // a failed run leaves no stale output
  CHECK_FALSE(fs::exists(out / "same.json.tmp.999999"));  // stale temporary removed
  CHECK(fs::exists(out / "notes.txt.tmp.1"));
  const std::string summary = util::read_file(out / "summary.md");
  CHECK(summary.find("| broken | 4 |") != std::string::npos);  // exit code 4: the missing file
  CHECK(summary.find("none.json: cannot open") != std::string::npos);
}
