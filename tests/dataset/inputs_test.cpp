// inputs.cpp: the digest that names a dataset's files.
#include "cloudcast/dataset/load.hpp"

#include <catch2/catch.hpp>

namespace dataset_inputs_test {

using namespace cloudcast::dataset;

TEST_CASE("inputs_digest: stable, order-free, and moved by any byte", "[load]") {
  const std::vector<InputFile> a{{"fx.json", "", "{}"}, {"companies/x.json", "", "abc"}};
  const std::vector<InputFile> b{{"companies/x.json", "", "abc"}, {"fx.json", "", "{}"}};
  const std::vector<InputFile> c{{"companies/x.json", "", "abd"}, {"fx.json", "", "{}"}};
  CHECK(inputs_digest(a) == inputs_digest(b));
  CHECK(inputs_digest(a) != inputs_digest(c));
  CHECK(inputs_digest(a).size() == 16);
  // FNV-1a 64 of the empty input is the offset basis.
  CHECK(inputs_digest({}) == "cbf29ce484222325");
  CHECK(load_builtin_dataset().digest == load_builtin_dataset().digest);
}

}  // namespace dataset_inputs_test
