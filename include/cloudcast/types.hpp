#pragma once
// The few domain value types every layer shares.

#include <compare>
#include <optional>
#include <span>
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

// A reporting currency the tool knows. Money figures are in millions of it; unit() is
// how reports head them.
struct Currency {
  std::string_view code;  // ISO 4217: "CNY", "USD" (data files, JSON output, --currency)
  std::string_view name;  // as reports write it: "RMB", "USD"

  std::string unit() const;  // "RMB m", "USD m"

  static std::span<const Currency> all();
  // nullptr for a code the tool does not know.
  static const Currency* find(std::string_view code);
};

// Currency::find(code)->unit(), or "<code> m" for a code the tool does not know (a
// renderer shows what it is given).
std::string money_unit(std::string_view code);

}  // namespace cloudcast
