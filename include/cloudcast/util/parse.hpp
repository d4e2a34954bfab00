#pragma once
// Parsers for command-line and file values that take the allowed range and a
// description, so a failure reads "--horizon: expected an integer in [1, 40], got 10000000".
// They throw UsageError; callers parsing files catch nothing and use the *_or_error form.

#include <optional>
#include <string>
#include <string_view>

namespace cloudcast::util {

long long parse_int(std::string_view text, long long min, long long max, std::string_view what);
double parse_double(std::string_view text, double min, double max, std::string_view what);

// Same checks without throwing: nullopt when text is not a number in range.
std::optional<long long> try_parse_int(std::string_view text, long long min, long long max);
// The whole unsigned 64-bit range (seeds): no sign, digits only.
std::optional<unsigned long long> try_parse_unsigned(std::string_view text, unsigned long long max);
std::optional<double> try_parse_double(std::string_view text);

}  // namespace cloudcast::util
