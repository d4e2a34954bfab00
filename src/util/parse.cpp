#include "cloudcast/util/parse.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "cloudcast/error.hpp"

namespace cloudcast::util {

std::optional<long long> try_parse_int(std::string_view text, long long min, long long max) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<unsigned long long> try_parse_unsigned(std::string_view text, unsigned long long max) {
  unsigned long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

std::optional<double> try_parse_double(std::string_view text) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

long long parse_int(std::string_view text, long long min, long long max, std::string_view what) {
  if (auto value = try_parse_int(text, min, max)) return *value;
  throw UsageError(fmt::format("{}: expected an integer in [{}, {}], got '{}'", what, min, max, text));
}

double parse_double(std::string_view text, double min, double max, std::string_view what) {
  const auto value = try_parse_double(text);
  if (!value || *value < min || *value > max)
    throw UsageError(fmt::format("{}: expected a number in [{}, {}], got '{}'", what, min, max, text));
  return *value;
}

}  // namespace cloudcast::util
