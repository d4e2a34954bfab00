#include "cloudcast/dataset/load.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>

#include "cloudcast/dataset/validate.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/builtin_data.hpp"
#include "dataset/calendar.hpp"
#include "dataset/fx.hpp"
#include "dataset/guidance_read.hpp"
#include "dataset/schema.hpp"
#include "dataset/signals.hpp"
#include "util/hash.hpp"

namespace cloudcast::dataset {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The years a quarter in the data may fall in: wide enough for any history, narrow
// enough to catch a typo such as 20255Q1 or 1025Q1.
constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;

std::string pointer_join(const std::string& parent, std::string_view key) {
  return parent + "/" + util::json_pointer_token(key);
}

// Walks one JSON object with its pointer, so every message names file and place.
class Reader {
 public:
  Reader(const json& node, std::string display, std::string pointer)
      : node_(node), display_(std::move(display)), pointer_(std::move(pointer)) {}

  [[noreturn]] void fail(std::string_view key, const std::string& what) const {
    const std::string place = key.empty() ? pointer_ : pointer_join(pointer_, key);
    throw DataError(fmt::format("{}:{}: {}", display_, place.empty() ? "/" : place, what));
  }

  void expect_object(std::string_view what) const {
    if (!node_.is_object())
      fail("", fmt::format("expected {} (a JSON object), got {}", what, util::json_excerpt(node_)));
  }

  // Unknown keys are typos more often than extensions: name the closest known key.
  void check_keys(const std::vector<std::string>& known) const {
    for (const auto& [key, value] : node_.items()) {
      if (std::find(known.begin(), known.end(), key) == known.end())
        fail(key, util::unknown_name_message("key", key, known));
    }
  }

  const json& required(std::string_view key) const {
    const auto it = node_.find(std::string(key));
    if (it == node_.end()) fail("", fmt::format("missing field \"{}\"", key));
    return *it;
  }
  bool has(std::string_view key) const { return node_.contains(std::string(key)); }

  std::string string(std::string_view key, bool non_empty = true) const {
    const json& value = required(key);
    if (!value.is_string()) fail(key, fmt::format("expected a string, got {}", util::json_excerpt(value)));
    std::string text = value.get<std::string>();
    if (non_empty && text.empty()) fail(key, "expected a non-empty string, got \"\"");
    return text;
  }
  std::string optional_string(std::string_view key) const { return has(key) ? string(key, false) : std::string(); }

  double number(std::string_view key) const {
    const json& value = required(key);
    if (!value.is_number()) fail(key, fmt::format("expected a finite number, got {}", util::json_excerpt(value)));
    // JSON has no NaN or infinity, and the reader refuses a literal beyond the double
    // range (1e999), so every number read is finite.
    return value.get<double>();
  }

  long long integer(std::string_view key) const {
    const json& value = required(key);
    if (!value.is_number_integer()) fail(key, fmt::format("expected an integer, got {}", util::json_excerpt(value)));
    return value.get<long long>();
  }

  Quarter quarter(std::string_view key) const {
    const std::string text = string(key);
    const auto q = parse_quarter(text);
    if (!q) fail(key, fmt::format("expected a calendar quarter such as \"2025Q2\", got \"{}\"", text));
    if (q->year < kFirstYear || q->year > kLastYear)
      fail(key,
           fmt::format("quarter {} is outside {}..{}; expected a year in that range", text, kFirstYear, kLastYear));
    return *q;
  }

  const json& array(std::string_view key) const {
    const json& value = required(key);
    if (!value.is_array()) fail(key, fmt::format("expected an array, got {}", util::json_excerpt(value)));
    return value;
  }

  std::vector<std::string> strings(std::string_view key) const {
    std::vector<std::string> out;
    if (!has(key)) return out;
    const json& list = array(key);
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!list[i].is_string())
        element(list, key, i).fail("", fmt::format("expected a string, got {}", util::json_excerpt(list[i])));
      out.push_back(list[i].get<std::string>());
    }
    return out;
  }

  Basis basis(std::string_view key) const {
    const std::string text = string(key);
    if (const auto b = parse_basis(text)) return *b;
    fail(key, util::unknown_name_message("basis", text, {"reported", "restated", "derived", "estimate"}));
  }

  Confidence confidence(std::string_view key) const {
    const std::string text = string(key);
    if (const auto c = parse_confidence(text)) return *c;
    fail(key, util::unknown_name_message("confidence", text, {"sourced", "recalled"}));
  }

  void schema_version() const {
    const long long version = integer("schema_version");
    if (version != kSchemaVersion)
      fail("schema_version", fmt::format("unsupported schema_version {}; expected {}", version, kSchemaVersion));
  }

  Reader element(const json& list, std::string_view key, std::size_t i) const {
    return Reader(list[i], display_, fmt::format("{}/{}", pointer_join(pointer_, key), i));
  }
  const std::string& pointer() const { return pointer_; }
  const std::string& display() const { return display_; }

 private:
  const json& node_;
  std::string display_;
  std::string pointer_;
};

std::vector<std::string> metric_names() {
  std::vector<std::string> names;
  for (const MetricInfo& metric : metrics()) names.emplace_back(metric.name);
  return names;
}

Observation read_observation(const Reader& r, const Company& company, const std::string& money) {
  r.expect_object("an observation");
  r.check_keys(
      {"period", "fiscal_period", "metric", "value", "unit", "basis", "segment_basis", "confidence", "source", "note"});
  Observation obs;
  obs.origin = r.display() + ":" + r.pointer();
  obs.period = r.quarter("period");
  obs.fiscal_period = r.string("fiscal_period");
  if (!parse_fiscal_quarter(obs.fiscal_period))
    r.fail("fiscal_period",
           fmt::format("expected a fiscal quarter such as \"FY2026Q1\", got \"{}\"", obs.fiscal_period));
  obs.metric = r.string("metric");
  const MetricInfo* info = find_metric(obs.metric);
  if (!info) r.fail("metric", util::unknown_name_message("metric", obs.metric, metric_names()));
  obs.value = r.number("value");
  obs.unit = r.string("unit");
  const std::string expected_unit = info->kind == MetricKind::money     ? money
                                    : info->kind == MetricKind::percent ? std::string("%")
                                                                        : std::string("pp");
  if (obs.unit != expected_unit)
    r.fail("unit", fmt::format("unit \"{}\" does not fit {} of a {} company; expected \"{}\"", obs.unit, obs.metric,
                               company.currency, expected_unit));
  if (info->non_negative && obs.value < 0)
    r.fail("value", fmt::format("negative {} {} {}; expected a value >= 0", obs.metric, obs.value, obs.unit));
  obs.basis = r.basis("basis");
  obs.segment_basis = r.string("segment_basis");
  obs.confidence = r.confidence("confidence");
  obs.source = r.string("source");
  obs.note = r.optional_string("note");
  return obs;
}

Disclosure read_disclosure(const Reader& r) {
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

std::string name_of(const fs::path& path) { return path.filename().string(); }

}  // namespace

Company parse_company(std::string_view bytes, const std::string& display) {
  const json root = util::parse_json_text(bytes, display, "a company file (a JSON object)");
  const Reader r(root, display, "");
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
    r.fail("id", fmt::format("invalid company id \"{}\"; expected lower-case letters, digits, '-' or '_'", company.id));
  company.aliases = r.strings("aliases");
  for (std::size_t i = 0; i < company.aliases.size(); ++i)
    if (!std::regex_match(company.aliases[i], kId) || company.aliases[i] == company.id)
      r.fail(fmt::format("aliases/{}", i),
             fmt::format("invalid alias \"{}\"; expected lower-case letters, digits, '-' or '_', not the id itself",
                         company.aliases[i]));
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
    const Reader o = r.element(observations, "observations", i);
    Observation obs = read_observation(o, company, *money);
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

FxFile parse_fx(std::string_view bytes, const std::string& display) {
  const json root = util::parse_json_text(bytes, display, "an FX file (a JSON object)");
  const Reader r(root, display, "");
  r.expect_object("an FX file");
  r.check_keys({"schema_version", "pair", "note", "rates"});
  r.schema_version();
  const std::string pair = r.string("pair");
  if (pair != "CNY per USD") r.fail("pair", fmt::format("unsupported pair \"{}\"; expected \"CNY per USD\"", pair));
  FxFile file;
  file.note = r.optional_string("note");
  const json& rates = r.array("rates");
  std::map<std::pair<Quarter, std::string>, std::size_t> seen;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const Reader e = r.element(rates, "rates", i);
    e.expect_object("a rate");
    e.check_keys({"period", "value", "kind", "basis", "confidence", "source", "note"});
    FxRate rate;
    rate.period = e.quarter("period");
    rate.cny_per_usd = e.number("value");
    if (!(rate.cny_per_usd > kMinCnyPerUsd && rate.cny_per_usd < kMaxCnyPerUsd))
      e.fail("value", fmt::format("CNY per USD {}; expected a rate in ({}, {})", rate.cny_per_usd, kMinCnyPerUsd,
                                  kMaxCnyPerUsd));
    rate.kind = e.string("kind");
    if (rate.kind != "period_end" && rate.kind != "average")
      e.fail("kind", util::unknown_name_message("rate kind", rate.kind, {"period_end", "average"}));
    rate.basis = e.basis("basis");
    rate.confidence = e.confidence("confidence");
    rate.source = e.string("source");
    rate.note = e.optional_string("note");
    const auto [it, inserted] = seen.emplace(std::pair{rate.period, rate.kind}, i);
    if (!inserted)
      e.fail("", fmt::format("duplicate {} rate for {}, first at /rates/{}; expected one per quarter", rate.kind,
                             rate.period.to_string(), it->second));
    file.rates.push_back(std::move(rate));
  }
  // One rate per quarter in the table: a file mixing kinds must say which to use.
  std::set<Quarter> quarters;
  for (const FxRate& rate : file.rates)
    if (!quarters.insert(rate.period).second)
      r.fail("rates", fmt::format("two kinds of rate for {}; expected one rate per quarter", rate.period.to_string()));
  std::sort(file.rates.begin(), file.rates.end(), [](const FxRate& a, const FxRate& b) { return a.period < b.period; });
  return file;
}

std::string inputs_digest(const std::vector<InputFile>& files) {
  std::vector<const InputFile*> sorted;
  for (const InputFile& file : files) sorted.push_back(&file);
  std::sort(sorted.begin(), sorted.end(), [](const InputFile* a, const InputFile* b) { return a->name < b->name; });
  std::uint64_t hash = util::kFnv1a64Offset;
  auto feed = [&hash](std::string_view bytes) { hash = util::fnv1a64(bytes, hash); };
  for (const InputFile* file : sorted) {
    feed(file->name);
    feed(std::string_view("\0", 1));
    feed(file->bytes);
    feed(std::string_view("\0", 1));
  }
  return fmt::format("{:016x}", hash);
}

Dataset parse_dataset_unchecked(std::vector<InputFile> files, std::string origin) {
  Dataset data;
  data.origin = std::move(origin);
  data.digest = inputs_digest(files);
  std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.name < b.name; });
  bool have_fx = false;
  for (const InputFile& file : files) {
    if (file.name == "fx.json") {
      FxFile fx = parse_fx(file.bytes, file.display);
      data.fx = std::move(fx.rates);
      data.fx_note = std::move(fx.note);
      have_fx = true;
    } else {
      Company company = parse_company(file.bytes, file.display);
      const std::string stem = fs::path(file.name).stem().string();
      if (company.id != stem)
        throw DataError(fmt::format("{}:/id: company id \"{}\" differs from the file name; expected \"{}\"",
                                    file.display, company.id, stem));
      data.companies.push_back(std::move(company));
    }
  }
  if (data.companies.empty())
    throw DataError(fmt::format("{}: no company files; expected companies/<id>.json", data.origin));
  // A name on the command line must mean one company: an alias is nobody else's id or alias.
  std::map<std::string, std::string> owner;  // id or alias -> company id
  for (const Company& c : data.companies) owner.emplace(c.id, c.id);
  for (const Company& c : data.companies)
    for (std::size_t i = 0; i < c.aliases.size(); ++i)
      if (const auto [it, inserted] = owner.emplace(c.aliases[i], c.id); !inserted)
        throw DataError(fmt::format("{}:/aliases/{}: alias \"{}\" already names {}; expected a name of one company",
                                    c.origin, i, c.aliases[i], it->second));
  if (!have_fx) throw DataError(fmt::format("{}: no fx.json; expected the CNY per USD rates file", data.origin));
  return data;
}

Dataset parse_dataset(std::vector<InputFile> files, std::string origin) {
  Dataset data = parse_dataset_unchecked(std::move(files), std::move(origin));
  const std::vector<Issue> issues = validate(data);
  std::size_t errors = 0;
  const Issue* first = nullptr;
  for (const Issue& issue : issues) {
    if (issue.severity != Severity::error) continue;
    if (!first) first = &issue;
    ++errors;
  }
  if (first)
    throw DataError(
        errors == 1 ? first->message
                    : fmt::format("{} ({} more errors; run 'cloudcast data validate')", first->message, errors - 1));
  return data;
}

std::vector<InputFile> builtin_inputs() {
  std::vector<InputFile> files;
  for (const EmbeddedFile& file : builtin_files())
    files.push_back(InputFile{std::string(file.name), "data/" + std::string(file.name), std::string(file.bytes)});
  return files;
}

std::vector<InputFile> read_dataset_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw IoError(fmt::format("{}: not a directory; expected a folder laid out like data/ (companies/*.json, fx.json)",
                              dir.string()));
  const fs::path companies = dir / "companies";
  if (!fs::is_directory(companies, ec))
    throw IoError(fmt::format("{}: no such directory; expected companies/*.json under --data", companies.string()));
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(companies, ec))
    if (entry.path().extension() == ".json") paths.push_back(entry.path());
  if (ec) throw IoError(fmt::format("{}: cannot list: {}", companies.string(), ec.message()));
  std::sort(paths.begin(), paths.end());
  std::vector<InputFile> files;
  for (const fs::path& path : paths)
    files.push_back(InputFile{"companies/" + name_of(path), path.string(), util::read_file(path)});
  const fs::path fx = dir / "fx.json";
  files.push_back(InputFile{"fx.json", fx.string(), util::read_file(fx)});
  return files;
}

Dataset load_builtin_dataset() { return parse_dataset(builtin_inputs(), "built-in"); }

Dataset load_dataset_dir(const fs::path& dir) { return parse_dataset(read_dataset_dir(dir), dir.string()); }

Dataset load_dataset(const std::optional<fs::path>& dir) {
  return dir ? load_dataset_dir(*dir) : load_builtin_dataset();
}

Dataset load_dataset_unchecked(const std::optional<fs::path>& dir) {
  return dir ? parse_dataset_unchecked(read_dataset_dir(*dir), dir->string())
             : parse_dataset_unchecked(builtin_inputs(), "built-in");
}

const Company& find_company(const Dataset& data, std::string_view id) {
  std::vector<std::string> ids;
  for (const Company& company : data.companies) {
    if (company.id == id) return company;
    ids.push_back(company.id);
  }
  for (const Company& company : data.companies)
    if (std::find(company.aliases.begin(), company.aliases.end(), id) != company.aliases.end()) return company;
  throw UsageError(util::unknown_name_message("company", id, ids));
}

}  // namespace cloudcast::dataset
