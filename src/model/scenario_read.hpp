#pragma once
// Reading scenario JSON into drivers, private to the model layer: the scenario files
// (scenario_file.cpp), their chain of bases (scenario_load.cpp) and --set
// (scenario_override.cpp) share it, so a value from a file or from the command line goes
// through one check.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

// driver_table.cpp: the driver table's names in table order, and the expectation a
// message states for a driver: "a number in [0.25, 30] (years)", "... or null".
std::vector<std::string> driver_names();
std::string range_text(const DriverInfo& info);

// scenario.cpp: the company ids of s, in data order.
std::vector<std::string> company_ids(const Scenario& s);

// scenario_file.cpp. DataError "<place>: expected <what> (a JSON object); got <type>".
void expect_object(const nlohmann::json& v, const std::string& place, std::string_view what);
// One driver of the table (or "capex", the file's nested plan; "terminal_method") set
// from a JSON value; `at` names the value in messages.
void apply_driver(CompanyDrivers& d, const std::string& key, const nlohmann::json& value, const std::string& at);
// The "fx" section of a file (or one fx field from --set).
void apply_fx(FxPath& fx, const nlohmann::json& obj, const std::string& place);
// One file's content on top of what the scenario already holds; `file` names the file.
void apply_layer(Scenario& s, const nlohmann::json& doc, const std::string& file);
// Checks that need several drivers at once, after every layer (and every --set).
void validate_scenario(const Scenario& s, const std::string& place);

}  // namespace cloudcast::model
