#pragma once
// FNV-1a, 64 bit: the digest of inputs (dataset files, scenarios, batch manifests) that
// reports print so two runs can be told apart. Not cryptographic; stable across platforms.

#include <cstdint>
#include <string_view>

namespace cloudcast::util {

inline constexpr std::uint64_t kFnv1a64Offset = 0xcbf29ce484222325ULL;  // = 14695981039346656037
inline constexpr std::uint64_t kFnv1a64Prime = 0x100000001b3ULL;        // = 1099511628211

// Continues the hash `hash` over bytes (start from kFnv1a64Offset).
constexpr std::uint64_t fnv1a64(std::string_view bytes, std::uint64_t hash = kFnv1a64Offset) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnv1a64Prime;
  }
  return hash;
}

}  // namespace cloudcast::util
