#pragma once
// What every fuzz target shares. A parser may refuse any input with one of cloudcast's
// own errors (UsageError, DataError, IoError: a documented exit code and a message);
// anything else - another exception, a sanitizer report, a crash, a hang, a message
// that is empty or quotes a whole value - is a defect, and libFuzzer reports it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "cloudcast/error.hpp"

namespace cloudcast::fuzz {

// Messages quote at most a short excerpt of a value (issue 11, item 1); 4 KiB is far
// above any message cloudcast writes and far below a dumped input.
inline constexpr std::size_t kMaxMessageBytes = 4096;

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Stops the run the way a sanitizer does, so libFuzzer keeps the input.
[[noreturn]] inline void defect(const char* what, std::string_view detail) {
  std::fprintf(stderr, "cloudcast fuzz: %s: %.*s\n", what, static_cast<int>(detail.size() > 400 ? 400 : detail.size()),
               detail.data());
  std::abort();
}

template <class Body>
int expect_errors(Body&& body) {
  try {
    body();
  } catch (const Error& e) {
    const std::size_t length = std::strlen(e.what());
    if (length == 0) defect("empty error message", "");
    if (length > kMaxMessageBytes) defect("error message longer than 4 KiB", e.what());
  }
  return 0;
}

}  // namespace cloudcast::fuzz
