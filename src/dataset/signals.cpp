#include "dataset/signals.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <regex>
#include <tuple>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/schema.hpp"

namespace cloudcast::dataset {

using nlohmann::json;

namespace {

constexpr std::array kKinds{std::pair{SignalKind::backlog, "backlog"}, std::pair{SignalKind::run_rate, "run_rate"},
                            std::pair{SignalKind::capacity_statement, "capacity_statement"},
                            std::pair{SignalKind::price_action, "price_action"},
                            std::pair{SignalKind::benchmark, "benchmark"}};

const std::vector<std::string> kKeys{"kind",        "period",    "date",       "value",      "unit", "low",
                                     "high",        "scope",     "product",    "change_pct", "rank", "score",
                                     "leaderboard", "statement", "confidence", "source",     "note"};

// One element of /signals with its place, so every message names file and pointer.
class Element {
 public:
  Element(const json& node, const std::string& display, std::size_t index)
      : node_(node), place_(fmt::format("{}:/signals/{}", display, index)) {}

  [[noreturn]] void fail(std::string_view key, const std::string& what) const {
    throw DataError(fmt::format("{}{}{}: {}", place_, key.empty() ? "" : "/", key, what));
  }
  bool has(std::string_view key) const { return node_.contains(std::string(key)); }

  std::string text(std::string_view key) const {
    if (!has(key)) fail("", fmt::format("missing field \"{}\"", key));
    const json& value = node_.at(std::string(key));
    if (!value.is_string() || value.get<std::string>().empty())
      fail(key, fmt::format("expected a non-empty string, got {}", util::json_excerpt(value)));
    return value.get<std::string>();
  }
  std::string optional_text(std::string_view key) const { return has(key) ? text(key) : std::string(); }

  std::optional<double> number(std::string_view key) const {
    if (!has(key)) return std::nullopt;
    const json& value = node_.at(std::string(key));
    if (!value.is_number() || !std::isfinite(value.get<double>()))
      fail(key, fmt::format("expected a finite number, got {}", util::json_excerpt(value)));
    return value.get<double>();
  }

  const json& node() const { return node_; }
  const std::string& place() const { return place_; }

 private:
  const json& node_;
  std::string place_;
};

Signal read_signal(const Element& e, const std::string& currency) {
  if (!e.node().is_object()) e.fail("", fmt::format("expected a signal (a JSON object), got {}", util::json_excerpt(e.node())));
  for (const auto& [key, value] : e.node().items())
    if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
      e.fail(key, util::unknown_name_message("key", key, kKeys));
  Signal s;
  s.origin = e.place();
  const std::string kind = e.text("kind");
  const auto parsed = parse_signal_kind(kind);
  if (!parsed) e.fail("kind", util::unknown_name_message("signal kind", kind, signal_kind_names()));
  s.kind = *parsed;
  const std::string period = e.text("period");
  const auto quarter = parse_quarter(period);
  if (!quarter) e.fail("period", fmt::format("expected a calendar quarter such as \"2025Q4\", got \"{}\"", period));
  s.period = *quarter;
  // A rank or score means nothing without the day the leaderboard showed it.
  if (s.kind == SignalKind::benchmark && !e.has("date"))
    e.fail("", "benchmark rank without a date; expected \"date\": the day the leaderboard showed it (YYYY-MM-DD)");
  s.date = e.text("date");
  static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)");
  if (!std::regex_match(s.date, kDate))
    e.fail("date", fmt::format("expected a date such as \"2025-11-18\" (or \"2025-06\"), got \"{}\"", s.date));
  s.value = e.number("value");
  s.low = e.number("low");
  s.high = e.number("high");
  s.unit = e.optional_text("unit");
  s.scope = e.optional_text("scope");
  s.product = e.optional_text("product");
  s.change_pct = e.number("change_pct");
  s.score = e.number("score");
  if (const auto rank = e.number("rank")) {
    if (*rank < 1 || *rank != std::floor(*rank)) e.fail("rank", fmt::format("expected an integer >= 1, got {}", *rank));
    s.rank = static_cast<int>(*rank);
  }
  s.leaderboard = e.optional_text("leaderboard");
  s.statement = e.optional_text("statement");
  const std::string confidence = e.text("confidence");
  const auto c = parse_confidence(confidence);
  if (!c) e.fail("confidence", util::unknown_name_message("confidence", confidence, {"sourced", "recalled"}));
  s.confidence = *c;
  s.source = e.text("source");
  s.note = e.optional_text("note");

  switch (s.kind) {
    case SignalKind::backlog:
    case SignalKind::run_rate: {
      if (!s.value) e.fail("", fmt::format("missing field \"value\"; expected the {} in millions", kind));
      if (*s.value < 0) e.fail("value", fmt::format("expected a value >= 0, got {}", *s.value));
      const std::string money = *money_unit(currency);
      if (s.unit != money)
        e.fail("unit", fmt::format("{} in \"{}\" is not the company's currency ({}); expected \"{}\"", kind, s.unit,
                                   currency, money));
      if ((s.low && *s.low > *s.value) || (s.high && *s.high < *s.value))
        e.fail("value", fmt::format("value {} outside its range [low, high]; expected low <= value <= high", *s.value));
      break;
    }
    case SignalKind::capacity_statement:
      if (s.statement.empty()) e.fail("", "missing field \"statement\"; expected the words of the statement");
      break;
    case SignalKind::price_action:
      if (s.product.empty()) e.fail("", "missing field \"product\"; expected what the price action applies to");
      if (!s.change_pct) e.fail("", "missing field \"change_pct\"; expected the size of the price change in percent");
      if (*s.change_pct <= -100)
        e.fail("change_pct", fmt::format("expected a change above -100 %, got {}", *s.change_pct));
      break;
    case SignalKind::benchmark:
      if (s.leaderboard.empty()) e.fail("", "missing field \"leaderboard\"; expected the leaderboard's name");
      if (s.product.empty()) e.fail("", "missing field \"product\"; expected the model that was ranked");
      if (!s.rank && !s.score) e.fail("", "benchmark without \"rank\" or \"score\"; expected at least one");
      break;
  }
  return s;
}

}  // namespace

std::string_view signal_kind_name(SignalKind kind) {
  for (const auto& [k, name] : kKinds)
    if (k == kind) return name;
  return "unknown";
}

std::optional<SignalKind> parse_signal_kind(std::string_view text) {
  for (const auto& [kind, name] : kKinds)
    if (text == name) return kind;
  return std::nullopt;
}

std::vector<std::string> signal_kind_names() {
  std::vector<std::string> names;
  for (const auto& entry : kKinds) names.emplace_back(entry.second);
  return names;
}

std::vector<Signal> read_signals(const json& list, const std::string& display, const std::string& currency) {
  std::vector<Signal> signals;
  // One backlog per quarter, one run rate per quarter and product: a second is a typo.
  std::map<std::tuple<SignalKind, Quarter, std::string>, std::size_t> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const Element e(list[i], display, i);
    Signal s = read_signal(e, currency);
    if (s.kind == SignalKind::backlog || s.kind == SignalKind::run_rate) {
      const auto [it, inserted] = seen.emplace(std::tuple{s.kind, s.period, s.product}, i);
      if (!inserted)
        e.fail("", fmt::format("duplicate {} for {} ({}), first at /signals/{}; expected one per quarter and product",
                               signal_kind_name(s.kind), s.period.to_string(), s.product, it->second));
    }
    signals.push_back(std::move(s));
  }
  std::stable_sort(signals.begin(), signals.end(), [](const Signal& a, const Signal& b) {
    return std::tie(a.kind, a.period, a.date) < std::tie(b.kind, b.period, b.date);
  });
  return signals;
}

}  // namespace cloudcast::dataset
