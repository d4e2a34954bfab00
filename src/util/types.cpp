#include "cloudcast/types.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <charconv>

namespace cloudcast {

std::string Quarter::to_string() const { return fmt::format("{}Q{}", year, quarter); }

std::optional<Quarter> parse_quarter(std::string_view text) {
  // Exactly four year digits, 'Q' or 'q', one quarter digit 1..4.
  if (text.size() != 6 || std::toupper(static_cast<unsigned char>(text[4])) != 'Q') return std::nullopt;
  int year = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + 4, year);
  if (ec != std::errc{} || end != text.data() + 4) return std::nullopt;
  const char q = text[5];
  if (q < '1' || q > '4') return std::nullopt;
  return Quarter{year, q - '0'};
}

namespace {
constexpr std::array kCurrencies{Currency{"CNY", "RMB"}, Currency{"USD", "USD"}};
}  // namespace

std::string Currency::unit() const { return fmt::format("{} m", name); }

std::span<const Currency> Currency::all() { return kCurrencies; }

const Currency* Currency::find(std::string_view code) {
  for (const Currency& c : kCurrencies)
    if (c.code == code) return &c;
  return nullptr;
}

std::string money_unit(std::string_view code) {
  const Currency* c = Currency::find(code);
  return c ? c->unit() : fmt::format("{} m", code);
}

}  // namespace cloudcast
