// The Scenario value: its companies and drivers by qualified name, and the digest that
// identifies its inputs. Reading one is in scenario_load.cpp and scenario_file.cpp,
// --set in scenario_override.cpp, the driver table in driver_table.cpp.
#include "cloudcast/model/scenario.hpp"

#include <fmt/format.h>

#include <utility>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/scenario_read.hpp"
#include "util/hash.hpp"

namespace cloudcast::model {

std::vector<std::string> company_ids(const Scenario& s) {
  std::vector<std::string> ids;
  for (const auto& c : s.companies) ids.push_back(c.company);
  return ids;
}

const CompanyDrivers& Scenario::company(std::string_view id) const {
  for (const auto& c : companies)
    if (c.company == id) return c.drivers;
  throw UsageError(util::unknown_name_message("company", id, company_ids(*this)));
}

CompanyDrivers& Scenario::company(std::string_view id) {
  return const_cast<CompanyDrivers&>(std::as_const(*this).company(id));
}

double& driver(Scenario& scenario, std::string_view qualified_name) {
  const auto dot = qualified_name.find('.');
  if (dot == std::string_view::npos)
    throw UsageError(fmt::format("driver '{}': expected COMPANY.DRIVER such as alibaba.useful_life or fx.annual_change",
                                 qualified_name));
  const auto owner = qualified_name.substr(0, dot);
  const auto name = qualified_name.substr(dot + 1);
  if (owner == "fx") {
    if (name == "cny_per_usd") return scenario.fx.cny_per_usd;
    if (name == "annual_change") return scenario.fx.annual_change;
    throw UsageError(util::unknown_name_message("fx driver", name, {"annual_change", "cny_per_usd"}));
  }
  return driver(scenario.company(owner), name);
}

std::string digest_hex(std::string_view bytes) { return fmt::format("{:016x}", util::fnv1a64(bytes)); }

}  // namespace cloudcast::model
