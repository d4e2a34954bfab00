#pragma once
// The few domain value types every layer shares.

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace cloudcast {

// A calendar quarter such as 2025Q3. Arithmetic is in quarters.
struct Quarter {
  int year = 0;
  int quarter = 1;  // 1..4

  // Quarters since year 0, so differences and ordering are plain integer maths.
  constexpr int index() const { return year * 4 + (quarter - 1); }
  static constexpr Quarter from_index(int i) {
    // Floor division keeps negative indices (never used in practice) consistent.
    const int y = i >= 0 ? i / 4 : -((-i + 3) / 4);
    return Quarter{y, i - y * 4 + 1};
  }
  constexpr Quarter operator+(int n) const { return from_index(index() + n); }
  constexpr Quarter operator-(int n) const { return from_index(index() - n); }
  constexpr int operator-(Quarter other) const { return index() - other.index(); }
  constexpr auto operator<=>(const Quarter&) const = default;

  std::string to_string() const;  // "2025Q3"
};

// Parses "2025Q3" (case-insensitive 'q'); nullopt for anything else.
std::optional<Quarter> parse_quarter(std::string_view text);

}  // namespace cloudcast
