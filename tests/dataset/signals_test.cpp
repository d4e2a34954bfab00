#include "dataset/signals.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"

namespace dataset_signals_test {

using namespace cloudcast;
using namespace cloudcast::dataset;

namespace {

// A company file with no observations and the given /signals elements.
Company parse(const std::string& signals, const std::string& currency = "CNY") {
  return parse_company(fmt::format(R"({{"schema_version": 1, "id": "alibaba", "name": "Alibaba Group", )"
                                   R"("segment": "CIG", "currency": "{}", "fiscal_year_end_month": 3, )"
                                   R"("observations": [], "signals": [{}]}})",
                                   currency, signals),
                       "a.json");
}

std::string error_of(const std::string& signals, const std::string& currency = "CNY") {
  try {
    parse(signals, currency);
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

const std::string kBacklog =
    R"({"kind": "backlog", "period": "2025Q4", "date": "2026-02-05", "value": 244000, "unit": "USD m", )"
    R"("scope": "segment", "product": "AWS", "confidence": "sourced", "source": "https://example.com/aws"})";

}  // namespace

TEST_CASE("signals: every field is read and the list is sorted by kind, period, date", "[signals]") {
  const Company c = parse(
      R"({"kind": "benchmark", "period": "2025Q4", "date": "2025-11-18", "product": "gemini-3-pro", "rank": 1, )"
      R"("score": 1501, "leaderboard": "LMArena Text", "confidence": "sourced", "source": "https://x"}, )" +
          kBacklog + "," +
          R"({"kind": "price_action", "period": "2025Q2", "date": "2025-06", "product": "EC2 P5", "change_pct": -45, )"
          R"("statement": "up to 45 %", "confidence": "recalled", "source": "https://y", "note": "n"})",
      "USD");
  REQUIRE(c.signals.size() == 3);
  const Signal& backlog = c.signals[0];
  CHECK(backlog.kind == SignalKind::backlog);
  CHECK(backlog.period == Quarter{2025, 4});
  CHECK(backlog.date == "2026-02-05");
  CHECK(*backlog.value == 244000);
  CHECK(backlog.unit == "USD m");
  CHECK(backlog.scope == "segment");
  CHECK(backlog.origin == "a.json:/signals/1");
  const Signal& price = c.signals[1];
  CHECK(price.kind == SignalKind::price_action);
  CHECK(*price.change_pct == -45);
  CHECK(price.confidence == Confidence::recalled);
  CHECK(price.date == "2025-06");
  const Signal& bench = c.signals[2];
  CHECK(*bench.rank == 1);
  CHECK(*bench.score == 1501);
  CHECK(bench.leaderboard == "LMArena Text");
}

TEST_CASE("signals: bad signal data names the file, the pointer and what was expected", "[signals]") {
  SECTION("a backlog in the wrong currency") {
    CHECK(error_of(kBacklog) ==
          "a.json:/signals/0/unit: backlog in \"USD m\" is not the company's currency (CNY); expected \"RMB m\"");
  }
  SECTION("a benchmark rank without a date") {
    CHECK(error_of(R"({"kind": "benchmark", "period": "2025Q3", "product": "qwen3", "rank": 3, )"
                   R"("leaderboard": "LMArena Text", "confidence": "sourced", "source": "https://x"})") ==
          "a.json:/signals/0: benchmark rank without a date; expected \"date\": the day the leaderboard showed it "
          "(YYYY-MM-DD)");
  }
  SECTION("an unknown kind") {
    CHECK(error_of(R"({"kind": "backlogg", "period": "2025Q3", "date": "2025-10-01", "confidence": "sourced", )"
                   R"("source": "https://x"})") ==
          "a.json:/signals/0/kind: unknown signal kind 'backlogg'; expected one of backlog, run_rate, "
          "capacity_statement, price_action, benchmark (did you mean 'backlog'?)");
  }
  SECTION("a missing source") {
    CHECK(error_of(R"({"kind": "capacity_statement", "period": "2025Q3", "date": "2025-11-25", )"
                   R"("statement": "servers", "confidence": "sourced"})") ==
          "a.json:/signals/0: missing field \"source\"");
  }
  SECTION("a date that is not a date") {
    CHECK(error_of(R"({"kind": "capacity_statement", "period": "2025Q3", "date": "25 Nov 2025", )"
                   R"("statement": "servers", "confidence": "sourced", "source": "https://x"})") ==
          "a.json:/signals/0/date: expected a date such as \"2025-11-18\" (or \"2025-06\"), got \"25 Nov 2025\"");
  }
  SECTION("a price action without its size") {
    CHECK(error_of(R"({"kind": "price_action", "period": "2024Q2", "date": "2024-05-21", "product": "Qwen API", )"
                   R"("confidence": "sourced", "source": "https://x"})") ==
          "a.json:/signals/0: missing field \"change_pct\"; expected the size of the price change in percent");
  }
  SECTION("a benchmark with neither rank nor score") {
    CHECK(error_of(R"({"kind": "benchmark", "period": "2025Q3", "date": "2025-08-02", "product": "qwen3", )"
                   R"("leaderboard": "LMArena Text", "confidence": "sourced", "source": "https://x"})") ==
          "a.json:/signals/0: benchmark without \"rank\" or \"score\"; expected at least one");
  }
  SECTION("a second backlog for the same quarter") {
    CHECK(error_of(kBacklog + "," + kBacklog, "USD") ==
          "a.json:/signals/1: duplicate backlog for 2025Q4 (AWS), first at /signals/0; expected one per quarter and "
          "product");
  }
  // Read by the data loader's FieldReader (issue 11: one reader), so a wrong type gets
  // the same words as in an observation.
  SECTION("wrong types, an element that is not an object, a quarter that is not one") {
    CHECK(error_of("5") == "a.json:/signals/0: expected a signal (a JSON object), got 5");
    CHECK(error_of(R"({"kind": 7})") == "a.json:/signals/0/kind: expected a string, got 7");
    CHECK(error_of(R"({"kind": "backlog", "period": "2025-Q4"})") ==
          "a.json:/signals/0/period: expected a calendar quarter such as \"2025Q2\", got \"2025-Q4\"");
    CHECK(error_of(R"({"kind": "backlog", "period": "2025Q4", "date": "2026-02-05", "value": true})") ==
          "a.json:/signals/0/value: expected a finite number, got true");
    CHECK(error_of(R"({"kind": "backlog", "period": "2025Q4", "date": "2026-02-05", "unit": ""})") ==
          "a.json:/signals/0/unit: expected a non-empty string, got \"\"");
  }
  SECTION("an unknown key") {
    CHECK(error_of(R"({"kind": "backlog", "perod": "2025Q3"})") ==
          "a.json:/signals/0/perod: unknown key 'perod'; expected one of kind, period, date, value, unit, low, high, "
          "scope, product, change_pct, rank, score, leaderboard, statement, confidence, source, note (did you mean "
          "'period'?)");
  }
}

TEST_CASE("signals: the built-in data carry the sourced backlog figures", "[signals]") {
  const Dataset data = load_builtin_dataset();
  const Company& amazon = find_company(data, "amazon");
  const Signal* q4 = nullptr;
  for (const Signal& s : amazon.signals)
    if (s.kind == SignalKind::backlog && s.period == Quarter{2025, 4}) q4 = &s;
  REQUIRE(q4);
  CHECK(*q4->value == 244000);  // USD 244 bn, Amazon Q4 2025 call (5 Feb 2026)
  CHECK(q4->date == "2026-02-05");
  CHECK(q4->source.rfind("https://", 0) == 0);
}

}  // namespace dataset_signals_test
