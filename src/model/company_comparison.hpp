#pragma once
// Companies side by side in one currency (the `compare` command). Money is converted at
// the data's period-end CNY per USD rate for reported quarters (the latest earlier rate
// when a quarter has none, recorded in carried_rates) and at the scenario's FX path for
// projected ones; ratios are left as they are. Each company also gets a summary from its
// last reported quarter ("now") to the end of the horizon.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/projection.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

struct CompanySummary {
  std::size_t now = 0;                      // ComparedCompany::quarters index of the last reported quarter
  double revenue_now = 0, revenue_end = 0;  // converted
  std::optional<double> growth;             // annualised revenue growth from now to the end
  std::optional<double> ai_share_end;       // AI revenue / revenue at the end
  double horizon_capex = 0;                 // the projected quarters' capex, converted
};

struct ComparedCompany {
  std::string id;
  std::vector<QuarterFigures> quarters;   // the projection's, money in the comparison currency
  std::optional<CompanySummary> summary;  // none without a reported and a later projected quarter
  std::string payback;
};

struct CompanyComparison {
  std::string currency;                    // "USD" or "CNY"
  std::vector<ComparedCompany> companies;  // projection order
  std::vector<std::string> carried_rates;  // "2024Q4 (rate of 2024Q3)", sorted, each once
};

// UsageError for a currency other than USD or CNY; DataError for a company currency that
// cannot be converted, or a missing rate.
CompanyComparison compare_companies(const Projection& projection, const Scenario& scenario,
                                    const dataset::Dataset& data, std::string_view currency);

}  // namespace cloudcast::model
