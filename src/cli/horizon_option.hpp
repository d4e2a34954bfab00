#pragma once
// --horizon, shared by every command that projects: one help text and one range, the
// engine's [1, model::kMaxHorizon].

#include <boost/program_options.hpp>

#include <string>
#include <string_view>

namespace cloudcast::cli {

// Adds "horizon,H" (or "horizon" without the short name) reading into text, whose
// current value is the default; the help reads "<what>, 1..<kMaxHorizon> (default <text>)".
void add_horizon_option(boost::program_options::options_description& desc, std::string& text, std::string_view what,
                        bool short_name = true);

// UsageError "--horizon: expected an integer in [1, 40], got 'x'" outside the range.
int parse_horizon(const std::string& text);

}  // namespace cloudcast::cli
