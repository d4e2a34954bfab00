#pragma once
// In-memory Dataset builders for tests of every layer after dataset/: no files, no
// built-in data, so a test states exactly the figures it depends on.
//
//   auto company = fixtures::company("alibaba", "CNY", 3, {2024, 1})
//                      .metric("revenue", {25595, 26549, ...})
//                      .metric("operating_income", {...});
//   dataset::Dataset data = fixtures::dataset({company});
//
// fixtures::reference_dataset() holds the reference figures (../shared/data/
// reference-figures.csv) of the four companies for 2024Q1-2025Q4: enough history for the
// engine, with the same shape as the shipped data.

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "dataset/calendar.hpp"

namespace cloudcast::fixtures {

inline constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

class CompanyBuilder {
 public:
  CompanyBuilder(std::string id, std::string currency, int fiscal_year_end_month, Quarter first) : first_(first) {
    company_.id = std::move(id);
    company_.name = company_.id;
    company_.segment = "cloud";
    company_.currency = std::move(currency);
    company_.fiscal_year_end_month = fiscal_year_end_month;
    company_.origin = company_.id + ".json";  // a made-up file name, so messages have a place
  }
  // One value per quarter from `first` (or `from`); kMissing leaves a quarter out.
  CompanyBuilder& metric(const std::string& name, const std::vector<double>& values,
                         const std::string& segment_basis = "basis-1", std::optional<Quarter> from = std::nullopt) {
    const Quarter start = from.value_or(first_);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (std::isnan(values[i])) continue;
      dataset::Observation o;
      o.period = start + static_cast<int>(i);
      o.fiscal_period = dataset::fiscal_label(o.period, company_.fiscal_year_end_month);
      o.metric = name;
      o.value = values[i];
      o.unit = (company_.currency == "CNY" ? "RMB m" : company_.currency + " m");
      o.segment_basis = segment_basis;
      o.source = "test fixture";
      o.origin = company_.origin + ":/observations/" + std::to_string(company_.observations.size());
      company_.observations.push_back(o);
    }
    return *this;
  }
  dataset::Company build() const { return company_; }
  operator dataset::Company() const { return company_; }

 private:
  Quarter first_;
  dataset::Company company_;
};

inline CompanyBuilder company(std::string id, std::string currency, int fye, Quarter first) {
  return CompanyBuilder(std::move(id), std::move(currency), fye, first);
}

inline dataset::Dataset dataset(std::vector<dataset::Company> companies,
                                std::vector<dataset::FxRate> fx = {{Quarter{2025, 4}, 7.0, "period_end"}}) {
  dataset::Dataset d;
  d.companies = std::move(companies);
  d.fx = std::move(fx);
  d.origin = "fixture";
  d.digest = "fixture";
  return d;
}

// The reference figures for calendar 2024Q1-2025Q4 (millions). Microsoft's Intelligent
// Cloud is on the FY2025 segment basis from 2024Q3 (the only basis the engine reads);
// Alibaba's 2024Q4 and 2025Q1 capex are the 'recalled' RMB 31.8 bn and 24.6 bn; Alphabet
// reports no capex in the reference file.
inline dataset::Dataset reference_dataset() {
  const Quarter q0{2024, 1};
  dataset::Company alibaba = company("alibaba", "CNY", 3, q0)
                                 .metric("revenue", {25595, 26549, 29610, 31742, 30127, 33398, 39824, 43284}, "cig")
                                 .metric("operating_income", {1432, 2337, 2661, 3138, 2420, 2954, 3604, 3911}, "cig")
                                 .metric("capex", {kMissing, kMissing, kMissing, 31800, 24600, 38676, 31501}, "group");
  dataset::Company microsoft =
      company("microsoft", "USD", 6, q0)
          .metric("revenue", {24092, 25544, 26751, 29878, 30897, 32907}, "ic-fy2025", Quarter{2024, 3})
          .metric("operating_income", {10503, 10851, 11095, 12140, 13391, 13873}, "ic-fy2025", Quarter{2024, 3})
          .metric("capex", {10952, 13873, 14923, 15804, 16745, 17079, 19394, 29876}, "company");
  dataset::Company amazon =
      company("amazon", "USD", 12, q0)
          .metric("revenue", {25037, 26281, 27452, 28786, 29267, 30873, 33006, 35579}, "aws")
          .metric("operating_income", {9421, 9334, 10447, 10632, 11547, 10160, 11434, 12465}, "aws")
          .metric("capex", {14925, 17620, 22620, 27834, 25019, 32183, 35095, 39522}, "company");
  dataset::Company google = company("google", "USD", 12, q0)
                                .metric("revenue", {9574, 10347, 11353, 11955, 12260, 13624, 15157, 17664}, "gc")
                                .metric("operating_income", {900, 1172, 1947, 2093, 2177, 2826, 3594, 5313}, "gc");
  return dataset({alibaba, microsoft, amazon, google}, {{Quarter{2025, 1}, 7.2568, "period_end"},
                                                        {Quarter{2025, 2}, 7.1636, "period_end"},
                                                        {Quarter{2025, 3}, 7.1189, "period_end"},
                                                        {Quarter{2025, 4}, 6.9931, "period_end"}});
}

// One reference dataset per test binary: building it is cheap, but the model tests read
// it in hundreds of sections.
inline const dataset::Dataset& shared_reference_dataset() {
  static const dataset::Dataset d = reference_dataset();
  return d;
}

}  // namespace cloudcast::fixtures
