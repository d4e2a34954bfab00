#include "cloudcast/model/event.hpp"

#include <fmt/format.h>

#include <cctype>

#include "cloudcast/error.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::model {

namespace {

constexpr std::string_view kExpected = "expected company.metric@quarter OP number, OP one of < <= > >=, e.g. "
                                       "\"alibaba.operating_margin@2027Q2 < 0.05\"";

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

bool is_name(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-')) return false;
  return true;
}

}  // namespace

std::string_view comparison_symbol(Comparison op) {
  switch (op) {
    case Comparison::less: return "<";
    case Comparison::less_equal: return "<=";
    case Comparison::greater: return ">";
    case Comparison::greater_equal: return ">=";
  }
  return "<";
}

EventExpr parse_event(std::string_view text, std::string_view place, bool from_file) {
  auto fail = [&](std::string_view what) -> EventExpr {
    const std::string message = fmt::format("{} '{}': {}; {}", place, text, what, kExpected);
    if (from_file) throw DataError(message);
    throw UsageError(message);
  };
  EventExpr event;
  event.text = std::string(trim(text));
  const std::size_t op_at = text.find_first_of("<>");
  if (op_at == std::string_view::npos) return fail("no comparison");
  const bool or_equal = op_at + 1 < text.size() && text[op_at + 1] == '=';
  event.op = text[op_at] == '<' ? (or_equal ? Comparison::less_equal : Comparison::less)
                                : (or_equal ? Comparison::greater_equal : Comparison::greater);
  const std::string_view lhs = trim(text.substr(0, op_at));
  const std::string_view rhs = trim(text.substr(op_at + (or_equal ? 2 : 1)));
  if (rhs.empty()) return fail("missing threshold");
  if (rhs.find_first_of("<>=") != std::string_view::npos) return fail("more than one comparison");
  const auto threshold = util::try_parse_double(rhs);
  if (!threshold) return fail(fmt::format("threshold '{}' is not a number", rhs));
  event.threshold = *threshold;
  const std::size_t at = lhs.find('@');
  if (at == std::string_view::npos) return fail("missing @quarter");
  const std::string_view name = lhs.substr(0, at);
  const std::size_t dot = name.find('.');
  if (dot == std::string_view::npos) return fail("missing company. before the metric");
  event.company = std::string(name.substr(0, dot));
  event.metric = std::string(name.substr(dot + 1));
  if (!is_name(event.company)) return fail(fmt::format("company '{}' is not a name", event.company));
  if (!is_name(event.metric)) return fail(fmt::format("metric '{}' is not a name", event.metric));
  const auto quarter = parse_quarter(trim(lhs.substr(at + 1)));
  if (!quarter) return fail(fmt::format("quarter '{}' is not a calendar quarter like 2027Q2", lhs.substr(at + 1)));
  event.quarter = *quarter;
  return event;
}

}  // namespace cloudcast::model
