#include "dataset/calendar.hpp"

#include <catch2/catch.hpp>

#include <set>

namespace dataset_calendar_test {

using namespace cloudcast;
using namespace cloudcast::dataset;

TEST_CASE("calendar: the companies' anchor quarters", "[calendar]") {
  CHECK(fiscal_label(Quarter{2025, 2}, 3) == "FY2026Q1");   // Alibaba: quarter to 30 Jun 2025
  CHECK(fiscal_label(Quarter{2025, 3}, 6) == "FY2026Q1");   // Microsoft: quarter to 30 Sep 2025
  CHECK(fiscal_label(Quarter{2025, 3}, 12) == "FY2025Q3");  // Amazon and Alphabet: calendar years
  CHECK(fiscal_label(Quarter{2025, 1}, 3) == "FY2025Q4");   // Alibaba's year ends in March
  CHECK(fiscal_label(Quarter{2024, 2}, 6) == "FY2024Q4");   // Microsoft's year ends in June
  CHECK(fiscal_label(Quarter{2022, 1}, 6) == "FY2022Q3");
  CHECK(to_calendar(FiscalQuarter{2026, 1}, 3) == Quarter{2025, 2});
  CHECK(to_calendar(FiscalQuarter{2025, 4}, 6) == Quarter{2025, 2});
  CHECK(to_calendar(FiscalQuarter{2025, 3}, 12) == Quarter{2025, 3});
  CHECK(fiscal_label(Quarter{2025, 1}, 9) == "FY2025Q2");  // a September year end
}

TEST_CASE("calendar: every fiscal quarter maps to exactly one calendar quarter and back", "[calendar]") {
  for (int end : {3, 6, 9, 12}) {
    std::set<Quarter> seen;
    for (int year = 1995; year <= 2060; ++year) {
      for (int q = 1; q <= 4; ++q) {
        const FiscalQuarter fiscal{year, q};
        const Quarter calendar = to_calendar(fiscal, end);
        CHECK(seen.insert(calendar).second);  // injective: no two fiscal quarters share one
        CHECK(to_fiscal(calendar, end) == fiscal);
      }
    }
    // Onto: the calendar quarters hit form one contiguous run (4 per fiscal year).
    CHECK(seen.size() == 66 * 4);
    CHECK(*seen.rbegin() - *seen.begin() == 66 * 4 - 1);
    // And every calendar quarter maps back to itself.
    for (Quarter c{1996, 1}; c < Quarter{2059, 1}; c = c + 1) CHECK(to_calendar(to_fiscal(c, end), end) == c);
  }
}

TEST_CASE("calendar: fiscal labels parse with or without the space", "[calendar]") {
  CHECK(parse_fiscal_quarter("FY2026Q1") == FiscalQuarter{2026, 1});
  CHECK(parse_fiscal_quarter("FY2026 Q4") == FiscalQuarter{2026, 4});
  CHECK_FALSE(parse_fiscal_quarter("FY2026Q5"));
  CHECK_FALSE(parse_fiscal_quarter("2026Q1"));
  CHECK_FALSE(parse_fiscal_quarter("FY26Q1"));
  CHECK(valid_fiscal_year_end(3));
  CHECK_FALSE(valid_fiscal_year_end(4));
}

}  // namespace dataset_calendar_test
