#include "cloudcast/util/folder_lock.hpp"

#include <catch2/catch.hpp>

#include <optional>

#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace util_folder_lock_test {

using cloudcast::util::FolderLock;

TEST_CASE("FolderLock: a second lock on a held folder is refused, released, it can be taken", "[folder_lock]") {
  cloudcast::testing::TempDir dir;
  std::optional<FolderLock> first(std::in_place, dir.path());
  // flock belongs to the open file description, so a second open conflicts even in-process.
  CHECK_THROWS_AS(FolderLock(dir.path()), cloudcast::IoError);
  CHECK_THROWS_WITH(FolderLock(dir.path()), Catch::StartsWith(dir.path().string() + ": another cloudcast batch"));
  first.reset();
  CHECK_NOTHROW(FolderLock(dir.path()));
}

TEST_CASE("FolderLock: a missing folder is an I/O error naming it", "[folder_lock]") {
  cloudcast::testing::TempDir dir;
  CHECK_THROWS_WITH(FolderLock(dir.path() / "none"),
                    (dir.path() / "none").string() + ": cannot open the folder: No such file or directory");
}

}  // namespace util_folder_lock_test
