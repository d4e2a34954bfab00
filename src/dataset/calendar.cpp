#include "dataset/calendar.hpp"

#include <fmt/format.h>

#include <cassert>
#include <cctype>
#include <charconv>

namespace cloudcast::dataset {

namespace {

// Months are counted from January of year 0, so a quarter's end month is
// year * 12 + 3 * quarter - 1 and a fiscal year's end month is year * 12 + end - 1.
int fiscal_year_end_index(int fiscal_year, int fy_end_month) { return fiscal_year * 12 + fy_end_month - 1; }

int floor_div(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

std::string FiscalQuarter::to_string() const { return fmt::format("FY{}Q{}", year, quarter); }

bool valid_fiscal_year_end(int month) { return month == 3 || month == 6 || month == 9 || month == 12; }

Quarter to_calendar(FiscalQuarter fiscal, int fy_end_month) {
  assert(valid_fiscal_year_end(fy_end_month));
  const int end = fiscal_year_end_index(fiscal.year, fy_end_month) - 3 * (4 - fiscal.quarter);
  const int year = floor_div(end, 12);
  return Quarter{year, (end - year * 12) / 3 + 1};
}

FiscalQuarter to_fiscal(Quarter calendar, int fy_end_month) {
  assert(valid_fiscal_year_end(fy_end_month));
  const int end = calendar.year * 12 + 3 * calendar.quarter - 1;
  // The fiscal year is the first whose end is at or after this quarter's end.
  const int fiscal_year = -floor_div(-(end - (fy_end_month - 1)), 12);
  const int quarters_before_year_end = (fiscal_year_end_index(fiscal_year, fy_end_month) - end) / 3;
  return FiscalQuarter{fiscal_year, 4 - quarters_before_year_end};
}

std::string fiscal_label(Quarter calendar, int fy_end_month) { return to_fiscal(calendar, fy_end_month).to_string(); }

std::optional<FiscalQuarter> parse_fiscal_quarter(std::string_view text) {
  if (text.size() < 8 || text.substr(0, 2) != "FY") return std::nullopt;
  int year = 0;
  const char* begin = text.data() + 2;
  const auto [end, ec] = std::from_chars(begin, begin + 4, year);
  if (ec != std::errc{} || end != begin + 4) return std::nullopt;
  std::string_view rest = text.substr(6);
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() != 2 || std::toupper(static_cast<unsigned char>(rest[0])) != 'Q' || rest[1] < '1' || rest[1] > '4')
    return std::nullopt;
  return FiscalQuarter{year, rest[1] - '0'};
}

}  // namespace cloudcast::dataset
