// --set COMPANY.DRIVER=VALUE (declared in cloudcast/model/scenario.hpp): parsing an
// override, applying it with a scenario file's checks, and how titles name overrides.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/scenario_read.hpp"

namespace cloudcast::model {

using json = nlohmann::json;

std::string DriverOverride::text() const {
  return target == kAllCompanies ? fmt::format("{}={}", driver, value) : fmt::format("{}.{}={}", target, driver, value);
}

DriverOverride parse_override(std::string_view text, const dataset::Dataset& data) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size())
    throw UsageError(
        fmt::format("--set {}: expected COMPANY.DRIVER=VALUE such as alibaba.useful_life=3 (or "
                    "defaults.DRIVER=VALUE, DRIVER=VALUE for every company, fx.annual_change=VALUE)",
                    text));
  const std::string_view name = text.substr(0, eq);
  DriverOverride o{std::string(kAllCompanies), std::string(name), std::string(text.substr(eq + 1))};
  if (const auto dot = name.find('.'); dot != std::string_view::npos) {
    o.target = std::string(name.substr(0, dot));
    o.driver = std::string(name.substr(dot + 1));
  }
  const std::string place = fmt::format("--set {}", text);
  if (o.target == "fx") {
    if (o.driver != "cny_per_usd" && o.driver != "annual_change")
      throw UsageError(fmt::format(
          "{}: {}", place, util::unknown_name_message("fx driver", o.driver, {"annual_change", "cny_per_usd"})));
    return o;
  }
  if (o.target == "defaults") o.target = std::string(kAllCompanies);
  if (o.target != kAllCompanies) {
    try {
      o.target = dataset::find_company(data, o.target).id;  // an alias becomes the id
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("{}: {}", place, e.what()));
    }
  }
  std::vector<std::string> names = driver_names();
  names.insert(names.end(), {"capex", "terminal_method"});
  if (std::find(names.begin(), names.end(), o.driver) == names.end())
    throw UsageError(fmt::format("{}: {}", place, util::unknown_name_message("driver", o.driver, names)));
  return o;
}

namespace {

// The value is JSON as in a scenario file (3, null, {"dist": ...}), read by the one JSON
// reader, so a key given twice, 1e999 or nesting past its limit is refused as in a file
// (nlohmann's own parse took the last of two keys). A value that starts with a letter
// and is not true, false or null is a bare word (baseline, calibrated) standing for the
// JSON string.
json override_value(const std::string& text, const std::string& place) {
  if (!text.empty() && std::isalpha(static_cast<unsigned char>(text.front())) && text != "true" && text != "false" &&
      text != "null")
    return json(text);
  try {
    return util::parse_json_text(text, place, "a JSON value such as 3, null or {\"dist\": ...}");
  } catch (const DataError& e) {
    throw UsageError(e.what());  // a bad command line: exit 2
  }
}

}  // namespace

void apply_overrides(Scenario& scenario, std::span<const DriverOverride> overrides) {
  if (overrides.empty()) return;
  std::string bytes = scenario.digest;
  for (const DriverOverride& o : overrides) {
    const std::string place =
        o.target == kAllCompanies ? fmt::format("--set {}", o.driver) : fmt::format("--set {}.{}", o.target, o.driver);
    const json value = override_value(o.value, place);
    // A bad value is a bad command line (exit 2), with the scenario file's message.
    try {
      if (o.target == "fx") {
        apply_fx(scenario.fx, json{{o.driver, value}}, "--set fx");
      } else {
        for (auto& c : scenario.companies)
          if (o.target == kAllCompanies || c.company == o.target) apply_driver(c.drivers, o.driver, value, place);
      }
    } catch (const DataError& e) {
      throw UsageError(e.what());
    }
    scenario.overrides.push_back(o.text());
    bytes += "\n--set " + o.text();
  }
  try {
    validate_scenario(scenario, "--set");
  } catch (const DataError& e) {
    throw UsageError(e.what());
  }
  scenario.digest = digest_hex(bytes);
}

std::string scenario_title(std::string_view name, std::span<const std::string> overrides) {
  if (overrides.empty()) return fmt::format("'{}'", name);
  return fmt::format("'{}' with {}", name, fmt::join(overrides, ", "));
}

}  // namespace cloudcast::model
