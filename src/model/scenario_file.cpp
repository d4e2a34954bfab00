// Reading one scenario file's content into drivers (scenario_read.hpp): the file's keys,
// each driver value with its range, the capex plan, the FX path, and the checks that need
// several drivers at once. Every message is "file:/json/pointer: what; expected ...".
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/builtin_data.hpp"
#include "dataset/fx.hpp"
#include "model/scenario_read.hpp"

namespace cloudcast::model {

using json = nlohmann::json;

namespace {

// THE one place a driver value is read from a scenario file. Monte Carlo extends this
// to accept a distribution object ({"dist": "normal", ...}) where a number stands.
double read_driver_value(const json& value, const DriverInfo& info, const std::string& place) {
  // A distribution stands for its point value here; note_driver_value() records it.
  if (value.is_object()) return parse_driver_distribution(value, info.min, info.max, place).point_value();
  if (info.allow_unset && (value.is_null() || (value.is_string() && value.get<std::string>() == "calibrated")))
    return kCalibrated;
  if (!value.is_number()) {
    throw DataError(
        fmt::format("{}: {} must be {}; got {}", place, info.name, range_text(info), util::json_excerpt(value)));
  }
  const double x = value.get<double>();
  if (!std::isfinite(x) || x < info.min || x > info.max) {
    throw DataError(fmt::format("{}: {} = {} is out of range; expected {}", place, info.name, util::json_excerpt(value),
                                range_text(info)));
  }
  return x;
}

void check_keys(const json& obj, const std::string& place, const std::vector<std::string>& allowed,
                std::string_view kind) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw DataError(fmt::format("{}/{}: {}", place, util::json_pointer_token(util::text_excerpt(key)),
                                  util::unknown_name_message(kind, key, allowed)));
  }
}

int read_int(const json& v, const std::string& place, std::string_view name, int min, int max) {
  if (!v.is_number() || std::floor(v.get<double>()) != v.get<double>() || v.get<double>() < min ||
      v.get<double>() > max)
    throw DataError(
        fmt::format("{}: {} must be an integer in [{}, {}]; got {}", place, name, min, max, util::json_excerpt(v)));
  return v.get<int>();
}

void apply_capex(CompanyDrivers& d, const json& capex, const std::string& place) {
  expect_object(capex, place, "a capex plan");
  check_keys(capex, place,
             {"commitment", "start", "window", "phasing", "weights", "growth", "cloud_share", "run_rate", "note"},
             "capex field");
  auto number = [&](const char* key, std::string_view table_name) {
    if (capex.contains(key)) {
      const DriverInfo& info = find_driver(table_name);
      d.*info.member = read_driver_value(capex[key], info, place + "/" + key);
      note_driver_value(d.distributions, info.name, capex[key], info.min, info.max, place + "/" + key);
      d.places.push_back({std::string(info.name), place + "/" + key});
    }
  };
  number("commitment", "capex_commitment");
  number("window", "capex_window");
  number("growth", "capex_growth");
  number("cloud_share", "capex_cloud_share");
  number("run_rate", "capex_run_rate");
  if (capex.contains("window")) read_int(capex["window"], place + "/window", "window", 1, 40);
  if (capex.contains("start")) {
    const json& s = capex["start"];
    const auto q = s.is_string() ? parse_quarter(s.get<std::string>()) : std::nullopt;
    if (!q)
      throw DataError(fmt::format("{}/start: expected a calendar quarter such as \"2025Q1\"; got {}", place,
                                  util::json_excerpt(s)));
    d.capex_start = *q;
  }
  if (capex.contains("phasing")) {
    const json& p = capex["phasing"];
    const std::vector<std::string> names{"flat", "front_loaded", "explicit"};
    if (!p.is_string())
      throw DataError(fmt::format("{}/phasing: expected one of flat, front_loaded, explicit; got {}", place,
                                  util::json_excerpt(p)));
    const auto name = p.get<std::string>();
    if (name == "flat")
      d.capex_phasing = Phasing::flat;
    else if (name == "front_loaded")
      d.capex_phasing = Phasing::front_loaded;
    else if (name == "explicit")
      d.capex_phasing = Phasing::explicit_list;
    else
      throw DataError(fmt::format("{}/phasing: {}", place, util::unknown_name_message("phasing", name, names)));
  }
  if (capex.contains("weights")) {
    const json& w = capex["weights"];
    if (!w.is_array())
      throw DataError(
          fmt::format("{}/weights: expected an array of non-negative numbers; got {}", place, w.type_name()));
    d.capex_weights.clear();
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!w[i].is_number() || !std::isfinite(w[i].get<double>()) || w[i].get<double>() < 0)
        throw DataError(
            fmt::format("{}/weights/{}: expected a non-negative number; got {}", place, i, util::json_excerpt(w[i])));
      d.capex_weights.push_back(w[i].get<double>());
    }
  }
}

void apply_drivers(CompanyDrivers& d, const json& obj, const std::string& place) {
  expect_object(obj, place, "driver values");
  std::vector<std::string> allowed = driver_names();
  allowed.insert(allowed.end(), {"capex", "terminal_method", "note", "source"});
  check_keys(obj, place, allowed, "driver");
  for (const auto& [key, value] : obj.items()) {
    if (key == "note" || key == "source") continue;
    apply_driver(d, key, value, place + "/" + key);
  }
}

}  // namespace

void expect_object(const json& v, const std::string& place, std::string_view what) {
  if (!v.is_object())
    throw DataError(fmt::format("{}: expected {} (a JSON object); got {}", place, what, v.type_name()));
}

// One driver of the table (or "capex", the file's nested plan) set from a JSON value:
// the one check every value goes through, from a file or from --set.
void apply_driver(CompanyDrivers& d, const std::string& key, const json& value, const std::string& at) {
  if (key == "capex") {
    apply_capex(d, value, at);
  } else if (key == "terminal_method") {
    const std::string method = value.is_string() ? value.get<std::string>() : "";
    if (method != "growth" && method != "multiple")
      throw DataError(fmt::format("{}: expected \"growth\" or \"multiple\", got {}", at, value.dump()));
    d.terminal_method = method == "growth" ? TerminalMethod::growth : TerminalMethod::multiple;
  } else if (key == "core_growth" && value.is_string()) {
    if (value.get<std::string>() != "baseline")
      throw DataError(fmt::format("{}: expected \"baseline\" or {}; got {}", at, range_text(find_driver(key)),
                                  util::json_excerpt(value)));
    d.core_from_baseline = true;
    d.places.push_back({key, at});
  } else {
    const DriverInfo& info = find_driver(key);
    d.*info.member = read_driver_value(value, info, at);
    note_driver_value(d.distributions, info.name, value, info.min, info.max, at);
    d.places.push_back({key, at});
    if (key == "core_growth") d.core_from_baseline = false;
    // Integer drivers; a distribution is rounded per path.
    if (key == "in_service_lag" && !value.is_object()) read_int(value, at, key, 0, 8);
    if (key == "capex_window" && !value.is_object()) read_int(value, at, key, 1, 40);
  }
}

void apply_fx(FxPath& fx, const json& obj, const std::string& place) {
  expect_object(obj, place, "an FX path");
  check_keys(obj, place, {"cny_per_usd", "annual_change", "path", "note", "source"}, "fx field");
  if (obj.contains("cny_per_usd")) {
    const json& v = obj["cny_per_usd"];
    if (v.is_null()) {
      fx.cny_per_usd = kCalibrated;
    } else if (!v.is_number() ||
               !(v.get<double>() > dataset::kMinCnyPerUsd && v.get<double>() < dataset::kMaxCnyPerUsd)) {
      throw DataError(fmt::format("{}/cny_per_usd: expected a rate in ({}, {}) CNY per USD or null; got {}", place,
                                  dataset::kMinCnyPerUsd, dataset::kMaxCnyPerUsd, util::json_excerpt(v)));
    } else {
      fx.cny_per_usd = v.get<double>();
    }
  }
  if (obj.contains("annual_change")) {
    const json& v = obj["annual_change"];
    if (!v.is_number() || v.get<double>() < -0.5 || v.get<double>() > 0.5)
      throw DataError(fmt::format("{}/annual_change: expected an annual rate in [-0.5, 0.5]; got {}", place,
                                  util::json_excerpt(v)));
    fx.annual_change = v.get<double>();
  }
  if (obj.contains("path")) {
    const json& p = obj["path"];
    if (!p.is_array())
      throw DataError(fmt::format("{}/path: expected an array of CNY per USD rates; got {}", place, p.type_name()));
    fx.path.clear();
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!p[i].is_number() ||
          !(p[i].get<double>() > dataset::kMinCnyPerUsd && p[i].get<double>() < dataset::kMaxCnyPerUsd))
        throw DataError(fmt::format("{}/path/{}: expected a rate in ({}, {}) CNY per USD; got {}", place, i,
                                    dataset::kMinCnyPerUsd, dataset::kMaxCnyPerUsd, util::json_excerpt(p[i])));
      fx.path.push_back(p[i].get<double>());
    }
  }
}

// Applies one file's content on top of what the scenario already holds.
// `file` names the file; members are placed as "file:/json/pointer" (the data loader's
// form), so `place` below is the pointer root "file:".
void apply_layer(Scenario& s, const json& doc, const std::string& file) {
  expect_object(doc, file, "a scenario");
  const std::string place = file + ":";
  check_keys(doc, place,
             {"name", "description", "base", "fx", "ai_share_quarter", "defaults", "companies", "note", "source",
              "correlation", "events"},
             "scenario field");
  if (doc.contains("ai_share_quarter") && doc["ai_share_quarter"].is_null()) {
    // An overlay's way back to the default: the share is stated for each company's last
    // reported quarter, so no AI growth carries it there.
    for (auto& c : s.companies) c.drivers.ai_share_quarter.reset();
  } else if (doc.contains("ai_share_quarter")) {
    const json& q = doc["ai_share_quarter"];
    const auto parsed = q.is_string() ? parse_quarter(q.get<std::string>()) : std::nullopt;
    if (!parsed)
      throw DataError(
          fmt::format("{}/ai_share_quarter: expected a calendar quarter such as \"2025Q4\" or null (each "
                      "company's last reported quarter), got {}",
                      place, q.is_string() ? "'" + q.get<std::string>() + "'" : std::string(q.type_name())));
    for (auto& c : s.companies) c.drivers.ai_share_quarter = *parsed;
  }
  if (doc.contains("name")) {
    if (!doc["name"].is_string())
      throw DataError(fmt::format("{}/name: expected a string; got {}", place, util::json_excerpt(doc["name"])));
    s.name = doc["name"].get<std::string>();
  }
  if (doc.contains("description")) {
    if (!doc["description"].is_string())
      throw DataError(
          fmt::format("{}/description: expected a string; got {}", place, util::json_excerpt(doc["description"])));
    s.description = doc["description"].get<std::string>();
  }
  // Monte Carlo sections (docs/model.md, "Uncertainty"): a later file replaces them whole.
  if (doc.contains("correlation")) {
    s.correlation_place = place + "/correlation";
    s.correlation = parse_correlation(doc["correlation"], s.correlation_place);
  }
  if (doc.contains("events")) {
    const json& events = doc["events"];
    if (!events.is_array())
      throw DataError(fmt::format(
          "{}/events: expected a list of expressions such as \"alibaba.operating_margin@2027Q2 < 0.05\"", place));
    s.events.clear();
    for (std::size_t i = 0; i < events.size(); ++i) {
      const std::string at = fmt::format("{}/events/{}", place, i);
      if (!events[i].is_string()) throw DataError(fmt::format("{}: expected an expression string", at));
      s.events.push_back(parse_event(events[i].get<std::string>(), at, true));
    }
  }
  if (doc.contains("fx")) apply_fx(s.fx, doc["fx"], place + "/fx");
  // Defaults first, then per company: within a file a company's own value wins; a
  // later file (a variant) wins over everything its base said.
  if (doc.contains("defaults")) {
    for (auto& c : s.companies) apply_drivers(c.drivers, doc["defaults"], place + "/defaults");
  }
  if (doc.contains("companies")) {
    const json& companies = doc["companies"];
    expect_object(companies, place + "/companies", "drivers per company id");
    for (const auto& [id, drivers] : companies.items()) {
      auto it =
          std::find_if(s.companies.begin(), s.companies.end(), [&key = id](const auto& c) { return c.company == key; });
      if (it == s.companies.end()) {
        // A scenario may speak of a company missing from a --data folder: that is only
        // an error when the id is unknown everywhere (a typo): not a built-in company.
        static const std::vector<std::string> kKnown = dataset::builtin_company_ids();
        if (std::find(kKnown.begin(), kKnown.end(), id) != kKnown.end()) continue;
        auto ids = company_ids(s);
        for (const auto& k : kKnown)
          if (std::find(ids.begin(), ids.end(), k) == ids.end()) ids.push_back(k);
        throw DataError(fmt::format("{}/companies/{}: {}", place, util::json_pointer_token(util::text_excerpt(id)),
                                    util::unknown_name_message("company", id, ids)));
      }
      apply_drivers(it->drivers, drivers, place + "/companies/" + id);
    }
  }
}

// Checks that need several drivers at once, after every layer is applied.
void validate_scenario(const Scenario& s, const std::string& place) {
  for (const auto& c : s.companies) {
    const CompanyDrivers& d = c.drivers;
    const std::string at = fmt::format("{}:/companies/{}", place, c.company);
    if (d.capex_phasing == Phasing::explicit_list &&
        d.capex_weights.size() != static_cast<std::size_t>(std::lround(d.capex_window)))
      throw DataError(
          fmt::format("{}/capex/weights: explicit phasing needs one weight per window quarter; expected "
                      "{} weights, got {}",
                      at, std::lround(d.capex_window), d.capex_weights.size()));
    if (d.terminal_method == TerminalMethod::growth && d.terminal_growth >= d.wacc)
      throw DataError(
          fmt::format("{}/terminal_growth: {} is not below wacc {}; expected a Gordon growth rate below "
                      "the discount rate",
                      at, d.terminal_growth, d.wacc));
    if (d.ai_initial_utilization > d.max_utilization)
      throw DataError(
          fmt::format("{}/ai_initial_utilization: {} exceeds max_utilization {}; expected at most the maximum", at,
                      d.ai_initial_utilization, d.max_utilization));
  }
}

}  // namespace cloudcast::model
