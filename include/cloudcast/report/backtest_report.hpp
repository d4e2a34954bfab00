#pragma once
// Builds the backtest command's Document: per-method sMAPE/MASE/OWA, per-horizon
// sMAPE and MASE, and notes saying how the series were evaluated. No computing here.

#include <string>
#include <vector>

#include "cloudcast/forecast/backtest.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

struct BacktestContext {
  std::string source;        // "m3-quarterly-dev.csv" or "built-in company data (revenue)"
  std::string inputs_digest; // of the series file, when known
  int horizon = 8;
  int threads = 1;
  std::vector<std::string> series_notes;  // what each series is (company mode)
  std::vector<std::string> skipped;       // series left out, and why
};

Document backtest_document(const forecast::BacktestResult& result, const BacktestContext& context);

// The forecasts as the --forecasts-out table: series_id,method,h,forecast,lower80,
// upper80,lower95,upper95,origin (one row per series, origin, method and horizon).
Table forecasts_table(const forecast::BacktestResult& result);

}  // namespace cloudcast::report
