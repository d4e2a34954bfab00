#include "cloudcast/util/spellcheck.hpp"

#include <catch2/catch.hpp>

namespace util_spellcheck_test {

using namespace cloudcast::util;

TEST_CASE("edit_distance: hand-computed Levenshtein distances", "[spellcheck]") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("alibaba", "alibba") == 1);
  CHECK(edit_distance("abc", "") == 3);
}

TEST_CASE("closest_match: suggests near names only", "[spellcheck]") {
  const std::vector<std::string> names{"alibaba", "amazon", "microsoft", "google"};
  CHECK(closest_match("alibba", names) == "alibaba");
  CHECK(closest_match("microsfot", names) == "microsoft");
  CHECK_FALSE(closest_match("tencent", names).has_value());
  CHECK(unknown_name_message("company", "amazn", names) ==
        "unknown company 'amazn'; expected one of alibaba, amazon, microsoft, google (did you mean 'amazon'?)");
  // A long word is quoted as a 40-byte excerpt (issue 11: messages quote a short excerpt).
  CHECK(unknown_name_message("company", std::string(5000, 'x'), names) ==
        "unknown company '" + std::string(40, 'x') + "...'; expected one of alibaba, amazon, microsoft, google");
}

}  // namespace util_spellcheck_test
