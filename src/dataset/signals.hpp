#pragma once
// Reading a company file's "signals" array (docs/data.md, "Signals"): backlog, run rates,
// capacity statements, price actions and benchmark standing, each dated and sourced.

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// "backlog", "run_rate", "capacity_statement", "price_action", "benchmark".
std::string_view signal_kind_name(SignalKind kind);
std::optional<SignalKind> parse_signal_kind(std::string_view text);
std::vector<std::string> signal_kind_names();

// Reads `list` (the file's /signals array) for a company reporting in `currency`.
// Throws DataError "<display>:/signals/<i>/<field>: ...; expected ..." for an unknown
// kind, a missing source or date, a backlog or run rate in another currency, a
// benchmark without a rank or score, a price action without its size, a duplicate.
std::vector<Signal> read_signals(const nlohmann::json& list, const std::string& display, const std::string& currency);

}  // namespace cloudcast::dataset
