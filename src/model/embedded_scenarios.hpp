#pragma once
// The scenario files of data/scenarios/, compiled into the binary by
// src/model/embed_scenarios.cmake (a generated .cpp in the build folder).

#include <span>
#include <string_view>

namespace cloudcast::model {

struct EmbeddedFile {
  std::string_view name;  // file stem: "base", "price-war"
  std::string_view text;  // the file's bytes
};

std::span<const EmbeddedFile> embedded_scenarios();

}  // namespace cloudcast::model
