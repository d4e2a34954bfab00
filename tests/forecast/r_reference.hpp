#pragma once
// Loads tests/forecast/data/r_reference.json (R 4.2.2, forecast 8.20; regenerate with
// tests/forecast/data/make_r_reference.R).

#include <nlohmann/json.hpp>

#include <fstream>
#include <string>
#include <vector>

namespace cloudcast::testing {

inline const nlohmann::json& r_reference() {
  static const nlohmann::json data = [] {
    std::ifstream in(std::string(CLOUDCAST_SOURCE_DIR) + "/tests/forecast/data/r_reference.json");
    return nlohmann::json::parse(in);
  }();
  return data;
}

inline std::vector<double> numbers(const nlohmann::json& j) { return j.get<std::vector<double>>(); }

}  // namespace cloudcast::testing
