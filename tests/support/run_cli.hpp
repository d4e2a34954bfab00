#pragma once
// Runs the whole CLI in-process (cli::run, the one catch site) with argv, capturing
// stdout, stderr and the exit code, so a test sees exactly what a user would.

#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/run.hpp"

namespace cloudcast::testing {

struct Captured {
  int code;
  std::string out, err;
};

inline Captured run_cli(std::vector<std::string> args) {
  args.insert(args.begin(), "cloudcast");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  auto* old_out = std::cout.rdbuf(out.rdbuf());
  auto* old_err = std::cerr.rdbuf(err.rdbuf());
  const int code = cloudcast::cli::run(static_cast<int>(argv.size()), argv.data());
  std::cout.rdbuf(old_out);
  std::cerr.rdbuf(old_err);
  return {code, out.str(), err.str()};
}

}  // namespace cloudcast::testing
