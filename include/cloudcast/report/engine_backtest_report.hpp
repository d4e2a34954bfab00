#pragma once
// Builds `backtest --engine`'s Document: the summary (horizons 1-4 and horizon 1, ours
// beside the rules of thumb), per company and horizon for each metric, and every origin
// with what was scored or why it was skipped. Layout only: the scores come computed.

#include <string>

#include "cloudcast/model/engine_backtest.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

Document engine_backtest_document(const model::EngineBacktestResult& result, const std::string& data_origin,
                                  const std::string& inputs_digest);

// Every scored cell, for --cells-out: company, origin, h, period, metric, actual, ours and
// each rule's forecast (margins as fractions, money in millions of the company's currency).
Table engine_backtest_cells_table(const model::EngineBacktestResult& result);

}  // namespace cloudcast::report
