#include "cloudcast/util/atomic_file.hpp"

#include <catch2/catch.hpp>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

using cloudcast::IoError;
using cloudcast::util::AtomicFile;
using cloudcast::util::read_file;

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
  CHECK_THROWS_WITH(read_file(dir.path() / "missing.json"), Catch::Contains("missing.json") && Catch::Contains("cannot open"));
}
