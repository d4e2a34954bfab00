#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <set>

#include "cli/commands.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/folder_lock.hpp"
#include "support/temp_dir.hpp"

namespace cli_cmd_batch_test {

using namespace cloudcast;
namespace fs = std::filesystem;

namespace {

// The pid of a process that has ended (forked, exited and reaped): a temporary named
// with it belongs to no live process.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

std::set<std::string> names_in(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

}  // namespace

TEST_CASE("batch: a process killed before commit leaves nothing, one killed mid-write its temporary only",
          "[batch][atomic]") {
  // What batch relies on when a run is killed: the target name appears only at the
  // rename, and a temporary says which process it belongs to.
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
  CHECK(fs::is_empty(dir.path()));  // content waits in memory until commit
}

TEST_CASE("batch: runs in-process, one failure reported, the others written, dead temporaries and the old index go",
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
  const std::string dead = fmt::format(".cloudcast-{}-a1B2c3", dead_pid());
  const std::string live = fmt::format(".cloudcast-{}-a1B2c3", ::getppid());  // our parent lives
  std::ofstream(out / dead) << "{\"half";                                     // left by a killed batch
  std::ofstream(out / live) << "{\"being written";                            // another live process's: kept
  std::ofstream(out / "broken.json") << "stale";                              // left by an older, successful batch
  std::ofstream(out / "notes.txt.tmp.1") << "not ours";                       // not a batch output: untouched
  const cli::CommandResult result = cli::find_command("batch").handler(
      cli::GlobalOptions{}, {manifest.string(), "--out", out.string(), "--jobs", "2"});
  CHECK(result.code == ExitCode::check_failed);
  CHECK(names_in(out) ==
        std::set<std::string>{live, "notes.txt.tmp.1", "same.json", "same.md", "index.json", "summary.md"});
  const std::string summary = util::read_file(out / "summary.md");
  CHECK(summary.find("| broken | 4 |") != std::string::npos);  // exit code 4: the missing file
  CHECK(summary.find("none.json: cannot open") != std::string::npos);
}

TEST_CASE("batch: a folder another batch holds is refused before anything in it changes", "[batch]") {
  testing::TempDir dir;
  const fs::path manifest = dir.path() / "m.json";
  std::ofstream(manifest) << R"({"runs": [{"name": "list", "command": "data", "args": ["list"]}]})";
  const fs::path out = dir.path() / "out";
  fs::create_directories(out);
  std::ofstream(out / "index.json") << "{}";  // the live batch's, not to be removed
  const util::FolderLock held(out);
  CHECK_THROWS_WITH(
      cli::find_command("batch").handler(cli::GlobalOptions{}, {manifest.string(), "--out", out.string()}),
      out.string() +
          ": another cloudcast batch or merge is writing this folder; expected a folder no other process "
          "writes (wait for it, or use another --out)");
  CHECK(names_in(out) == std::set<std::string>{"index.json"});
}

TEST_CASE("batch: a run's --forecasts-out lands in the folder, listed among its outputs, paths are refused",
          "[batch]") {
  testing::TempDir dir;
  const fs::path series = dir.path() / "s.csv";
  std::ofstream csv(series);
  csv << "series_id,index,value\n";
  for (int i = 1; i <= 14; ++i) csv << "a," << i << "," << 100 + i * (i % 3) << "\n";
  csv.close();
  const fs::path manifest = dir.path() / "m.json";
  std::ofstream(manifest) << fmt::format(
      R"({{"runs": [
        {{"name": "ok", "command": "backtest", "options": {{"series": "{0}", "models": "naive", "horizon": 2, "forecasts-out": "ok-forecasts.csv"}}}},
        {{"name": "escape", "command": "backtest", "options": {{"series": "{0}", "models": "naive", "horizon": 2}}, "args": ["--forecasts=../escape.csv"]}},
        {{"name": "clash", "command": "backtest", "options": {{"series": "{0}", "models": "naive", "horizon": 2, "forecasts-out": "ok.json"}}}},
        {{"name": "dump", "command": "simulate", "options": {{"paths": 10, "dump-model": "/tmp/model.json"}}}}]}})",
      series.string());
  const fs::path out = dir.path() / "out";
  const cli::CommandResult result = cli::find_command("batch").handler(
      cli::GlobalOptions{}, {manifest.string(), "--out", out.string(), "--jobs", "1"});
  CHECK(result.code == ExitCode::check_failed);
  CHECK(names_in(out) == std::set<std::string>{"ok.json", "ok-forecasts.csv", "index.json", "summary.md"});
  CHECK(names_in(dir.path()) == std::set<std::string>{"s.csv", "m.json", "out"});  // no ../escape.csv
  CHECK(util::read_file(out / "ok-forecasts.csv").starts_with("series_id,method,h,forecast"));
  const std::string index = util::read_file(out / "index.json");
  CHECK(index.find(R"("outputs": [
        "ok.json",
        "ok-forecasts.csv"
      ])") != std::string::npos);
  const std::string summary = util::read_file(out / "summary.md");
  CHECK(summary.find("--forecasts-out: '../escape.csv' is not a plain file name with a known extension") !=
        std::string::npos);
  CHECK(summary.find("--forecasts-out: ok.json is already an output of this batch") != std::string::npos);
  CHECK(summary.find("--dump-model: '/tmp/model.json' is not a plain file name") != std::string::npos);
}

}  // namespace cli_cmd_batch_test
