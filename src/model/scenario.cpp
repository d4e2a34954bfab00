#include "cloudcast/model/scenario.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <nlohmann/json.hpp>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/builtin_data.hpp"
#include "dataset/fx.hpp"
#include "model/embedded_scenarios.hpp"
#include "util/hash.hpp"

namespace cloudcast::model {

namespace {

using json = nlohmann::json;
constexpr double kInf = std::numeric_limits<double>::infinity();

// The driver table. Ranges reject what would make the model meaningless (a useful life
// of 0, a negative cost ratio, utilisation above 1); docs/scenarios.md explains defaults.
const std::array kDrivers{
    DriverInfo{"core_growth", &CompanyDrivers::core_growth, "annual rate", -0.9, 5, false,
               "growth of core (non-AI) revenue when not taken from the statistical baseline"},
    DriverInfo{"core_growth_shift", &CompanyDrivers::core_growth_shift, "annual rate", -0.9, 5, false,
               "annual rate added on top of the core revenue path (bull/bear tilts); the baseline's slope", 0.05},
    DriverInfo{"core_level_shift", &CompanyDrivers::core_level_shift, "share", -0.9, 1, false,
               "fraction added to the core revenue level (baseline or core_growth path); the baseline's level", 0.05},
    DriverInfo{"ai_share", &CompanyDrivers::ai_share, "share", 0, 0.99, false,
               "AI share of segment revenue in the scenario's ai_share_quarter (default: the last reported one)"},
    DriverInfo{"ai_volume_growth", &CompanyDrivers::ai_volume_growth, "annual rate", -0.9, 20, false,
               "growth of AI volume demanded"},
    DriverInfo{"ai_price_change", &CompanyDrivers::ai_price_change, "annual rate", -0.95, 5, false,
               "change of AI unit prices (API price cuts are negative)"},
    DriverInfo{"ai_initial_utilization", &CompanyDrivers::ai_initial_utilization, "share", 0.01, 1, false,
               "AI demand / AI capacity in the last reported quarter"},
    DriverInfo{"ai_capex_share", &CompanyDrivers::ai_capex_share, "share", 0, 1, false,
               "share of cloud capex that builds AI capacity"},
    DriverInfo{"ai_capacity_turnover", &CompanyDrivers::ai_capacity_turnover, "per year", 0.01, 20, false,
               "annual AI revenue at today's prices per unit of AI capex in service"},
    DriverInfo{"max_utilization", &CompanyDrivers::max_utilization, "share", 0.01, 1, false,
               "largest share of AI capacity that demand can use"},
    DriverInfo{"capex_commitment", &CompanyDrivers::capex_commitment, "currency m", 0, 1e8, false,
               "capex committed over the window, reported quarters included; 0 = no commitment"},
    DriverInfo{"capex_window", &CompanyDrivers::capex_window, "quarters", 1, 40, false,
               "quarters in the commitment window", 0, DriverInfo::Scale::integer},
    DriverInfo{"capex_growth", &CompanyDrivers::capex_growth, "annual rate", -0.9, 5, false,
               "growth of the capex run-rate outside a commitment window", 0.05},
    DriverInfo{"capex_cloud_share", &CompanyDrivers::capex_cloud_share, "share", 0, 1, false,
               "share of company capex attributable to the cloud segment"},
    DriverInfo{"capex_run_rate", &CompanyDrivers::capex_run_rate, "currency m", 0, 1e7, false,
               "company capex per quarter assumed for the last reported quarters when none is reported"},
    DriverInfo{"use_guidance", &CompanyDrivers::use_guidance, "switch", 0, 1, false,
               "1 = the plan honours the company's guidance (capex totals, revenue), 0 = ignores it", 0,
               DriverInfo::Scale::switch_},
    DriverInfo{"cost_discipline", &CompanyDrivers::cost_discipline, "share", 0, 1, false,
               "share of a change in (capacity cost + depreciation) / revenue since T absorbed by the other costs"},
    DriverInfo{"in_service_lag", &CompanyDrivers::in_service_lag, "quarters", 0, 8, false,
               "quarters from spending to service (rounded to whole quarters)", 0, DriverInfo::Scale::integer},
    DriverInfo{"useful_life", &CompanyDrivers::useful_life, "years", 0.25, 30, false,
               "straight-line life of assets entering service in the projection", 0, DriverInfo::Scale::real, true, 1},
    DriverInfo{"reported_useful_life", &CompanyDrivers::reported_useful_life, "years", 0.25, 30, false,
               "accounting life of assets already in service (calibration, run-off)", 0, DriverInfo::Scale::real, true,
               1},
    DriverInfo{"variable_cost_ratio", &CompanyDrivers::variable_cost_ratio, "share of revenue", 0, 1, true,
               "variable cost / revenue; null = calibrated"},
    DriverInfo{"variable_cost_ratio_change", &CompanyDrivers::variable_cost_ratio_change, "share of revenue", -1, 1,
               false, "added to the (calibrated) variable cost ratio", 0.01},
    DriverInfo{"capacity_cost_ratio", &CompanyDrivers::capacity_cost_ratio, "per quarter", 0, 1, true,
               "cost per quarter per unit of gross capital in service; null = calibrated"},
    DriverInfo{"capacity_cost_ratio_change", &CompanyDrivers::capacity_cost_ratio_change, "per quarter", -1, 1, false,
               "added to the (calibrated) capacity cost ratio"},
    DriverInfo{"backlog_conversion", &CompanyDrivers::backlog_conversion, "per unit of backlog", 0, 5, true,
               "revenue of the next four quarters per unit of the segment's backlog at the last reported quarter; "
               "0 = off, null = measured (revenue of the last four quarters / backlog a year before)"},
    // Value of the build-out (model/valuation.hpp); terminal_method is a word, read below.
    DriverInfo{"wacc", &CompanyDrivers::wacc, "annual rate", 0.001, 0.5, false,
               "weighted average cost of capital discounting the build-out's free cash flow", 0,
               DriverInfo::Scale::real, false, 0.01},
    DriverInfo{"terminal_growth", &CompanyDrivers::terminal_growth, "annual rate", -0.5, 0.2, false,
               "growth of free cash flow after the horizon (Gordon growth terminal value); below wacc", 0,
               DriverInfo::Scale::real, false, 0.01},
    DriverInfo{"exit_multiple", &CompanyDrivers::exit_multiple, "x EBITDA", 0, 100, false,
               "terminal value as a multiple of the last projected year's EBITDA (terminal_method multiple)", 0,
               DriverInfo::Scale::real, false},
};

std::vector<std::string> driver_names() {
  std::vector<std::string> names;
  for (const auto& d : kDrivers) names.emplace_back(d.name);
  return names;
}

std::string range_text(const DriverInfo& info) {
  return fmt::format("a number in [{}, {}] ({}){}", info.min, info.max, info.unit, info.allow_unset ? " or null" : "");
}

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

json parse_json(std::string_view text, std::string_view place) {
  return util::parse_json_text(text, place, "a JSON scenario object");
}

void expect_object(const json& v, const std::string& place, std::string_view what) {
  if (!v.is_object())
    throw DataError(fmt::format("{}: expected {} (a JSON object); got {}", place, what, v.type_name()));
}

void check_keys(const json& obj, const std::string& place, const std::vector<std::string>& allowed,
                std::string_view kind) {
  for (const auto& [key, value] : obj.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw DataError(fmt::format("{}/{}: {}", place, key, util::unknown_name_message(kind, key, allowed)));
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

std::vector<std::string> company_ids(const Scenario& s) {
  std::vector<std::string> ids;
  for (const auto& c : s.companies) ids.push_back(c.company);
  return ids;
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
        throw DataError(fmt::format("{}/companies/{}: {}", place, id, util::unknown_name_message("company", id, ids)));
      }
      apply_drivers(it->drivers, drivers, place + "/companies/" + id);
    }
  }
}

struct Source {
  std::string text;
  std::string place;          // shown in messages
  std::string identity;       // for cycle detection
  std::filesystem::path dir;  // where a relative "base" path is resolved
  bool builtin = false;
};

std::optional<std::string_view> builtin_text(std::string_view name) {
  for (const auto& f : embedded_scenarios())
    if (f.name == name) return f.text;
  return std::nullopt;
}

Source open_source(std::string_view name_or_path, const std::filesystem::path& dir) {
  if (auto text = builtin_text(name_or_path)) {
    return {std::string(*text),
            fmt::format("data/scenarios/{}.json", name_or_path),
            "builtin:" + std::string(name_or_path),
            {},
            true};
  }
  const std::filesystem::path path = dir.empty() ? std::filesystem::path(name_or_path) : dir / name_or_path;
  const bool looks_like_path = name_or_path.find('/') != std::string_view::npos ||
                               name_or_path.find('.') != std::string_view::npos || std::filesystem::exists(path);
  if (!looks_like_path) {
    throw UsageError(util::unknown_name_message("scenario", name_or_path, builtin_scenario_names()) +
                     "; or give a path to a scenario .json file");
  }
  Source s;
  s.text = util::read_file(path, true);  // a pipe too: --scenario <(echo ...)
  s.place = path.string();
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(path, ec);
  s.identity = ec ? path.string() : canonical.string();
  s.dir = path.parent_path();
  return s;
}

// Applies src and its bases, base first. Returns whether src itself sets "name".
bool load_chain(Scenario& s, Source src, std::vector<std::string>& visiting, std::string& bytes) {
  if (std::find(visiting.begin(), visiting.end(), src.identity) != visiting.end()) {
    throw DataError(
        fmt::format("{}:/base: the chain of bases is cyclic ({} -> {}); expected a chain ending in a "
                    "scenario without \"base\"",
                    src.place, fmt::join(visiting, " -> "), src.identity));
  }
  visiting.push_back(src.identity);
  const json doc = parse_json(src.text, src.place);
  expect_object(doc, src.place, "a scenario");
  if (doc.contains("base")) {
    const json& base = doc["base"];
    if (!base.is_string() || base.get<std::string>().empty())
      throw DataError(fmt::format("{}:/base: expected the name or path of the base scenario; got {}", src.place,
                                  util::json_excerpt(base)));
    Source parent;
    try {
      parent = open_source(base.get<std::string>(), src.builtin ? std::filesystem::path() : src.dir);
    } catch (const Error& e) {
      throw DataError(
          fmt::format("{}:/base: cannot load base scenario '{}': {}", src.place, base.get<std::string>(), e.what()));
    }
    load_chain(s, std::move(parent), visiting, bytes);
  }
  apply_layer(s, doc, src.place);
  s.chain.push_back(src.builtin ? src.identity.substr(8) : src.place);
  bytes += src.text;
  bytes += '\0';
  return doc.contains("name");
}

// The name of an unnamed scenario that is not a file (stdin, a pipe, inline text): what
// it was laid over and where it came from, "base + overlay (stdin)"; just the place
// when it has no base.
std::string overlay_name(const Scenario& s, std::string_view place) {
  return s.name.empty() ? std::string(place) : fmt::format("{} + overlay ({})", s.name, place);
}

Scenario empty_scenario(const dataset::Dataset& data) {
  Scenario s;
  for (const auto& c : data.companies) s.companies.push_back({c.id, CompanyDrivers{}});
  return s;
}

// Checks that need several drivers at once, after every layer is applied.
void validate(const Scenario& s, const std::string& place) {
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

}  // namespace

std::span<const DriverInfo> drivers() { return kDrivers; }

const DriverInfo& find_driver(std::string_view name) {
  for (const auto& d : kDrivers)
    if (d.name == name) return d;
  throw UsageError(util::unknown_name_message("driver", name, driver_names()));
}

double& driver(CompanyDrivers& company, std::string_view name) { return company.*find_driver(name).member; }
double driver(const CompanyDrivers& company, std::string_view name) { return company.*find_driver(name).member; }

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

void apply_overrides(Scenario& scenario, std::span<const DriverOverride> overrides) {
  if (overrides.empty()) return;
  std::string bytes = scenario.digest;
  for (const DriverOverride& o : overrides) {
    // The value is JSON as in a scenario file (3, null, {"dist": ...}); a bare word
    // such as baseline or calibrated stands for the JSON string.
    const json value = json::parse(o.value, nullptr, false).is_discarded() ? json(o.value) : json::parse(o.value);
    const std::string place =
        o.target == kAllCompanies ? fmt::format("--set {}", o.driver) : fmt::format("--set {}.{}", o.target, o.driver);
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
    validate(scenario, "--set");
  } catch (const DataError& e) {
    throw UsageError(e.what());
  }
  scenario.digest = digest_hex(bytes);
}

std::string scenario_title(std::string_view name, std::span<const std::string> overrides) {
  if (overrides.empty()) return fmt::format("'{}'", name);
  return fmt::format("'{}' with {}", name, fmt::join(overrides, ", "));
}

std::vector<std::string> builtin_scenario_names() {
  std::vector<std::string> names;
  for (const auto& f : embedded_scenarios()) names.emplace_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

std::string digest_hex(std::string_view bytes) { return fmt::format("{:016x}", util::fnv1a64(bytes)); }

Scenario load_scenario(std::string_view name_or_path, const dataset::Dataset& data) {
  if (name_or_path.empty())
    throw UsageError("--scenario: expected a scenario name or a file path; got an empty string");
  Scenario s = empty_scenario(data);
  Source src = open_source(name_or_path, {});
  const std::string place = src.place;
  std::string default_name = src.builtin ? std::string(name_or_path) : std::filesystem::path(src.place).stem().string();
  // A pipe (--scenario <(echo ...)) has no name worth showing: its stem is a descriptor number.
  std::error_code ec;
  const bool pipe = !src.builtin && !std::filesystem::is_regular_file(src.place, ec);
  std::vector<std::string> visiting;
  std::string bytes;
  // A variant without its own "name" is called after its file, not after its base.
  if (!load_chain(s, std::move(src), visiting, bytes)) s.name = pipe ? overlay_name(s, place) : default_name;
  validate(s, place);
  s.digest = digest_hex(bytes);
  return s;
}

Scenario parse_scenario(std::string_view text, std::string_view place, const dataset::Dataset& data) {
  Scenario s = empty_scenario(data);
  const json doc = parse_json(text, place);
  expect_object(doc, std::string(place), "a scenario");
  std::string bytes;
  std::vector<std::string> visiting;
  if (doc.contains("base")) {
    // Inline text resolves its base among the built-ins and relative to the working folder.
    load_chain(s, Source{std::string(text), std::string(place), "inline:" + std::string(place), {}, false}, visiting,
               bytes);
  } else {
    apply_layer(s, doc, std::string(place));
    s.chain.emplace_back(place);
    bytes = std::string(text);
  }
  if (!doc.contains("name")) s.name = overlay_name(s, place);
  validate(s, std::string(place));
  s.digest = digest_hex(bytes);
  return s;
}

}  // namespace cloudcast::model
