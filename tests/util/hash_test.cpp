#include "util/hash.hpp"

#include <catch2/catch.hpp>

namespace util_hash_test {

using cloudcast::util::fnv1a64;

TEST_CASE("fnv1a64: published FNV-1a 64 test vectors, and chaining", "[hash]") {
  // Vectors of the FNV reference (Fowler, Noll, Vo): "" is the offset basis.
  STATIC_REQUIRE(fnv1a64("") == 0xcbf29ce484222325ULL);
  CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
  CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
  CHECK(fnv1a64("bar", fnv1a64("foo")) == fnv1a64("foobar"));  // continuing a hash = hashing the concatenation
}

}  // namespace util_hash_test
