#pragma once
// --period, shared by the commands that show a table of periods (forecast, compare):
// one help text, one parser (model::parse_period).

#include <boost/program_options.hpp>

#include <string>

#include "cloudcast/model/period_rollup.hpp"

namespace cloudcast::cli {

// Adds "period" reading into text (default "quarter").
void add_period_option(boost::program_options::options_description& desc, std::string& text);

// UsageError "--period: unknown period 'x'; expected quarter, cy or fy".
model::Period parse_period_option(const std::string& text);

}  // namespace cloudcast::cli
