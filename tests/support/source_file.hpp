#pragma once
// A file of the source tree, whole: the docs tests read the pages they check with it.
// The test fails (naming the file) when it cannot be read.

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace cloudcast::testing {

inline std::string read_source_file(const std::string& relative) {
  std::ifstream in(std::string(CLOUDCAST_SOURCE_DIR) + "/" + relative);
  INFO("reading " << relative);
  REQUIRE(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The pages write a minus as U+2212 (UTF-8 below); the checks compare ASCII '-'.
inline constexpr std::string_view kUnicodeMinus = "\xE2\x88\x92";

}  // namespace cloudcast::testing
