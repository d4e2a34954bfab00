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
#include "dataset/field_reader.hpp"
#include "dataset/schema.hpp"

namespace cloudcast::dataset {

using nlohmann::json;

namespace {

constexpr std::array kKinds{std::pair{SignalKind::backlog, "backlog"}, std::pair{SignalKind::run_rate, "run_rate"},
                            std::pair{SignalKind::capacity_statement, "capacity_statement"},
                            std::pair{SignalKind::price_action, "price_action"},
                            std::pair{SignalKind::benchmark, "benchmark"}};

const std::vector<std::string> kSignalKeys{"kind",        "period",    "date",       "value",      "unit", "low",
                                           "high",        "scope",     "product",    "change_pct", "rank", "score",
                                           "leaderboard", "statement", "confidence", "source",     "note"};

// A text a signal may leave out; when given it is not empty.
std::string optional_text(const FieldReader& r, std::string_view key) {
  return r.has(key) ? r.string(key) : std::string();
}

Signal read_signal(const FieldReader& e, const std::string& currency) {
  e.expect_object("a signal");
  e.check_keys(kSignalKeys);
  Signal s;
  s.origin = e.display() + ":" + e.pointer();
  const std::string kind = e.string("kind");
  const auto parsed = parse_signal_kind(kind);
  if (!parsed) e.fail("kind", util::unknown_name_message("signal kind", kind, signal_kind_names()));
  s.kind = *parsed;
  s.period = e.quarter("period");
  // A rank or score means nothing without the day the leaderboard showed it.
  if (s.kind == SignalKind::benchmark && !e.has("date"))
    e.fail("", "benchmark rank without a date; expected \"date\": the day the leaderboard showed it (YYYY-MM-DD)");
  s.date = e.string("date");
  static const std::regex kDate(R"(\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)");
  if (!std::regex_match(s.date, kDate))
    e.fail("date", fmt::format("expected a date such as \"2025-11-18\" (or \"2025-06\"), got \"{}\"",
                               util::text_excerpt(s.date)));
  s.value = e.optional_number("value");
  s.low = e.optional_number("low");
  s.high = e.optional_number("high");
  s.unit = optional_text(e, "unit");
  s.scope = optional_text(e, "scope");
  s.product = optional_text(e, "product");
  s.change_pct = e.optional_number("change_pct");
  s.score = e.optional_number("score");
  if (const auto rank = e.optional_number("rank")) {
    if (*rank < 1 || *rank != std::floor(*rank)) e.fail("rank", fmt::format("expected an integer >= 1, got {}", *rank));
    s.rank = static_cast<int>(*rank);
  }
  s.leaderboard = optional_text(e, "leaderboard");
  s.statement = optional_text(e, "statement");
  s.confidence = e.confidence("confidence");
  s.source = e.string("source");
  s.note = optional_text(e, "note");

  switch (s.kind) {
    case SignalKind::backlog:
    case SignalKind::run_rate: {
      if (!s.value) e.fail("", fmt::format("missing field \"value\"; expected the {} in millions", kind));
      if (*s.value < 0) e.fail("value", fmt::format("expected a value >= 0, got {}", *s.value));
      const std::string money = *money_unit(currency);
      if (s.unit != money)
        e.fail("unit", fmt::format("{} in \"{}\" is not the company's currency ({}); expected \"{}\"", kind,
                                   util::text_excerpt(s.unit), currency, money));
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
    const FieldReader e(list[i], display, fmt::format("/signals/{}", i));
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
