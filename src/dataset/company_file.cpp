// parse_company (declared in cloudcast/dataset/load.hpp): one data/companies/<id>.json
// file, its header fields, observations and disclosures; guidance and signals are read by
// guidance.cpp and signals.cpp.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <tuple>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/calendar.hpp"
#include "dataset/field_reader.hpp"
#include "dataset/guidance_read.hpp"
#include "dataset/schema.hpp"
#include "dataset/signals.hpp"

namespace cloudcast::dataset {

using nlohmann::json;

namespace {

Observation read_observation(const FieldReader& r, const Company& company) {
  r.expect_object("an observation");
  r.check_keys(
      {"period", "fiscal_period", "metric", "value", "unit", "basis", "segment_basis", "confidence", "source", "note"});
  Observation obs;
  obs.origin = r.display() + ":" + r.pointer();
  obs.period = r.quarter("period");
  obs.fiscal_period = r.string("fiscal_period");
  if (!parse_fiscal_quarter(obs.fiscal_period))
    r.fail("fiscal_period", fmt::format("expected a fiscal quarter such as \"FY2026Q1\", got \"{}\"",
                                        util::text_excerpt(obs.fiscal_period)));
  obs.metric = r.string("metric");
  const MetricInfo* info = find_metric(obs.metric);
  if (!info) r.fail("metric", util::unknown_name_message("metric", obs.metric, metric_names()));
  obs.value = r.number("value");
  obs.unit = r.string("unit");
  if (const auto problem = check_value_unit(*info, obs.value, obs.unit, company.currency))
    r.fail(problem->field, problem->message);
  obs.basis = r.basis("basis");
  obs.segment_basis = r.string("segment_basis");
  obs.confidence = r.confidence("confidence");
  obs.source = r.string("source");
  obs.note = r.optional_string("note");
  return obs;
}

Disclosure read_disclosure(const FieldReader& r) {
  r.expect_object("a disclosure");
  r.check_keys({"id", "period", "value", "unit", "basis", "confidence", "source", "statement"});
  Disclosure d;
  d.id = r.string("id");
  d.period = r.string("period");
  if (!r.required("value").is_null()) d.value = r.number("value");
  d.unit = r.string("unit", false);
  d.basis = r.basis("basis");
  d.confidence = r.confidence("confidence");
  d.source = r.string("source");
  d.statement = r.string("statement");
  return d;
}

}  // namespace

Company parse_company(std::string_view bytes, const std::string& display) {
  const json root = util::parse_json_text(bytes, display, "a company file (a JSON object)");
  const FieldReader r(root, display, "");
  r.expect_object("a company file");
  r.check_keys({"schema_version", "id", "aliases", "name", "segment", "currency", "fiscal_year_end_month",
                "capex_scope", "capex_basis", "profit_measure", "notes", "observations", "disclosures", "guidance",
                "signals"});
  r.schema_version();
  Company company;
  company.origin = display;
  company.id = r.string("id");
  static const std::regex kId("[a-z][a-z0-9_-]*");
  if (!std::regex_match(company.id, kId))
    r.fail("id", fmt::format("invalid company id \"{}\"; expected lower-case letters, digits, '-' or '_'",
                             util::text_excerpt(company.id)));
  company.aliases = r.strings("aliases");
  for (std::size_t i = 0; i < company.aliases.size(); ++i)
    if (!std::regex_match(company.aliases[i], kId) || company.aliases[i] == company.id)
      r.fail(fmt::format("aliases/{}", i),
             fmt::format("invalid alias \"{}\"; expected lower-case letters, digits, '-' or '_', not the id itself",
                         util::text_excerpt(company.aliases[i])));
  company.name = r.string("name");
  company.segment = r.string("segment");
  company.currency = r.string("currency");
  const auto money = money_unit(company.currency);
  if (!money) {
    std::vector<std::string> known(currencies().begin(), currencies().end());
    r.fail("currency", util::unknown_name_message("currency", company.currency, known));
  }
  const long long fy_end = r.integer("fiscal_year_end_month");
  if (!valid_fiscal_year_end(static_cast<int>(fy_end)))
    r.fail("fiscal_year_end_month", fmt::format("fiscal year end month {}; expected 3, 6, 9 or 12", fy_end));
  company.fiscal_year_end_month = static_cast<int>(fy_end);
  company.capex_scope = r.optional_string("capex_scope");
  company.capex_basis = r.optional_string("capex_basis");
  company.profit_measure = r.optional_string("profit_measure");
  company.notes = r.strings("notes");

  const json& observations = r.array("observations");
  // metric + segment basis + quarter -> index of its first observation, for duplicates.
  std::map<std::tuple<std::string, std::string, Quarter>, std::size_t> seen;
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const FieldReader o = r.element(observations, "observations", i);
    Observation obs = read_observation(o, company);
    const auto [it, inserted] = seen.emplace(std::tuple{obs.metric, obs.segment_basis, obs.period}, i);
    if (!inserted)
      o.fail("", fmt::format("duplicate {} ({}) for {}, first at /observations/{}; expected one value per metric, "
                             "segment basis and quarter",
                             obs.metric, obs.segment_basis, obs.period.to_string(), it->second));
    company.observations.push_back(std::move(obs));
  }
  if (r.has("disclosures")) {
    const json& disclosures = r.array("disclosures");
    for (std::size_t i = 0; i < disclosures.size(); ++i)
      company.disclosures.push_back(read_disclosure(r.element(disclosures, "disclosures", i)));
  }
  company.guidance = read_guidance(root, company, display);
  if (r.has("signals")) company.signals = read_signals(r.array("signals"), display, company.currency);
  std::stable_sort(
      company.observations.begin(), company.observations.end(), [](const Observation& a, const Observation& b) {
        return std::tie(a.metric, a.period, a.segment_basis) < std::tie(b.metric, b.period, b.segment_basis);
      });
  std::stable_sort(
      company.disclosures.begin(), company.disclosures.end(),
      [](const Disclosure& a, const Disclosure& b) { return std::tie(a.period, a.id) < std::tie(b.period, b.id); });
  return company;
}

}  // namespace cloudcast::dataset
