#pragma once
// Quarters rolled up into calendar or fiscal years (--period cy|fy), each metric by the
// registry's rule (model/metrics.hpp: flows summed, ratios recomputed from their summed
// parts, stocks at the year's last quarter). Reports only lay these out.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/projection.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::model {

enum class Period : unsigned char { quarter, calendar_year, fiscal_year };

// "quarter", "cy" or "fy"; UsageError "--period: unknown period 'x'; expected quarter, cy
// or fy" otherwise.
Period parse_period(std::string_view text);
// The option's spelling: "quarter", "cy", "fy".
std::string_view period_name(Period period);

struct YearFigures {
  std::string label;    // "CY2026"; "FY2027" (named after the calendar year it ends in)
  Quarter first, last;  // the calendar quarters the whole year spans
  int quarters = 0;     // of its four, how many the figures hold (4: complete)
  int actual = 0;       // of those, how many are reported
  // Each metric rolled up over the quarters held; period is the last of them and
  // fiscal_period the label; actual when every quarter held is reported.
  QuarterFigures figures;
  // Revenue against the previous year's: both years complete, else none.
  std::optional<double> revenue_growth;

  bool partial() const { return quarters < 4; }
  // "actual", "projected", or "mixed" (part reported, part projected).
  std::string status() const;
  // "4/4", or "2/4 partial" for a year the figures do not cover whole.
  std::string coverage() const;
};

// The years the quarters (in time order, each once) fall in, in time order. A calendar
// year when `period` is calendar_year (fy_end_month ignored), else the fiscal year ending
// in fy_end_month (3, 6, 9 or 12). Period::quarter is not a roll-up (asserted).
std::vector<YearFigures> roll_up_years(std::span<const QuarterFigures> quarters, Period period, int fy_end_month);

// A company's reported quarters as the roll-up reads them (`data show --period`): revenue,
// operating income and capex (as `capex_company`, what the company reports; the cloud
// share is a scenario's) from each metric's projection series (dataset::series), every
// quarter any of them has, in time order, all actual; operating margin where both parts
// are there; a recalled figure listed in `recalled`; capex_basis the capex figure's basis.
std::vector<QuarterFigures> reported_quarters(const dataset::Company& company);

}  // namespace cloudcast::model
