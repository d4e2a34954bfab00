#pragma once
// Fiscal <-> calendar quarters. A fiscal year is named after the calendar year it ends
// in and ends with the month fiscal_year_end_month (3, 6, 9 or 12): Alibaba (March)
// FY2026Q1 = 2025Q2, Microsoft (June) FY2026Q1 = 2025Q3, Amazon (December) FY2025Q3 = 2025Q3.

#include <optional>
#include <string>
#include <string_view>

#include "cloudcast/types.hpp"

namespace cloudcast::dataset {

struct FiscalQuarter {
  int year = 0;     // fiscal year, named after the calendar year it ends in
  int quarter = 1;  // 1..4
  auto operator<=>(const FiscalQuarter&) const = default;
  std::string to_string() const;  // "FY2026Q1"
};

// True for 3, 6, 9 and 12: fiscal quarters then coincide with calendar quarters.
bool valid_fiscal_year_end(int month);

// The calendar quarter a fiscal quarter ends in. fy_end_month must be valid (asserted).
Quarter to_calendar(FiscalQuarter fiscal, int fy_end_month);
// The fiscal quarter that ends in the same month as the calendar quarter.
FiscalQuarter to_fiscal(Quarter calendar, int fy_end_month);
// "FY2026Q1" for 2025Q2 when the year ends in March.
std::string fiscal_label(Quarter calendar, int fy_end_month);
// Parses "FY2026Q1" (also "FY2026 Q1"); nullopt otherwise.
std::optional<FiscalQuarter> parse_fiscal_quarter(std::string_view text);

}  // namespace cloudcast::dataset
