#include "dataset/guidance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <regex>
#include <set>
#include <tuple>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/calendar.hpp"
#include "dataset/field_reader.hpp"
#include "dataset/guidance_read.hpp"
#include "dataset/schema.hpp"

namespace cloudcast::dataset {

using nlohmann::json;

namespace {

// Each company guides capex on its own definition (Amazon: cash capex net of
// incentives; Microsoft: including finance leases), so those are metrics of their own.
constexpr std::array<std::string_view, 6> kGuidanceMetrics{"capex",   "capex_net",          "capex_incl_finance_leases",
                                                           "revenue", "revenue_growth_yoy", "azure_growth_yoy_cc"};

const std::vector<std::string> kGuidanceKeys{"id",   "metric", "first", "last",  "period_label", "low",    "high",
                                             "unit", "scope",  "given", "as_of", "confidence",   "source", "note"};

// The calendar quarters a period label names: "CY2026" (2026Q1..2026Q4), "FY2026" (the
// company's fiscal year), "FY2026Q3" / "CY2026Q1" (one quarter), "FY2026-FY2028" (whole
// years from the first through the last). nullopt for anything else.
std::optional<std::pair<Quarter, Quarter>> label_quarters(const std::string& label, int fy_end_month) {
  static const std::regex kOne("(CY|FY)(\\d{4})(?:Q([1-4]))?");
  static const std::regex kRange("(CY|FY)(\\d{4})-(CY|FY)(\\d{4})");
  auto year_span = [fy_end_month](bool fiscal, int year) {
    return fiscal ? std::pair{to_calendar({year, 1}, fy_end_month), to_calendar({year, 4}, fy_end_month)}
                  : std::pair{Quarter{year, 1}, Quarter{year, 4}};
  };
  std::smatch m;
  if (std::regex_match(label, m, kOne)) {
    const bool fiscal = m[1] == "FY";
    const int year = std::stoi(m[2]);
    if (!m[3].matched) return year_span(fiscal, year);
    const int q = std::stoi(m[3]);
    const Quarter one = fiscal ? to_calendar({year, q}, fy_end_month) : Quarter{year, q};
    return std::pair{one, one};
  }
  if (std::regex_match(label, m, kRange) && m[1] == m[3]) {
    const bool fiscal = m[1] == "FY";
    const int from = std::stoi(m[2]);
    const int to = std::stoi(m[4]);
    if (to < from) return std::nullopt;
    return std::pair{year_span(fiscal, from).first, year_span(fiscal, to).second};
  }
  return std::nullopt;
}

// The calendar quarter of an ISO date "2026-02-04"; nullopt when it is not a real date.
std::optional<Quarter> date_quarter(const std::string& text) {
  static const std::regex kDate("(\\d{4})-(\\d{2})-(\\d{2})");
  std::smatch m;
  if (!std::regex_match(text, m, kDate)) return std::nullopt;
  const int year = std::stoi(m[1]);
  const int month = std::stoi(m[2]);
  const int day = std::stoi(m[3]);
  if (month < 1 || month > 12 || day < 1) return std::nullopt;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  static constexpr std::array kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0)) return std::nullopt;
  return Quarter{year, (month - 1) / 3 + 1};
}

// The segment bases the company reports `metric` on (or the level it is the growth of).
std::set<std::string> bases_of(const Company& company, const MetricInfo& info) {
  std::set<std::string> bases;
  for (const Observation& obs : company.observations)
    if (obs.metric == info.name || (!info.level.empty() && obs.metric == info.level)) bases.insert(obs.segment_basis);
  return bases;
}

Guidance read_item(const FieldReader& r, const Company& company) {
  r.expect_object("a guidance item");
  r.check_keys(kGuidanceKeys);
  Guidance g;
  g.id = r.string("id");
  static const std::regex kId("[a-z0-9][a-z0-9_-]*");
  if (!std::regex_match(g.id, kId))
    r.fail("id", fmt::format("invalid guidance id \"{}\"; expected lower-case letters, digits, '-' or '_'",
                             util::text_excerpt(g.id)));
  g.metric = r.string("metric");
  if (std::find(kGuidanceMetrics.begin(), kGuidanceMetrics.end(), g.metric) == kGuidanceMetrics.end())
    r.fail("metric",
           util::unknown_name_message("guidance metric", g.metric,
                                      std::vector<std::string>(kGuidanceMetrics.begin(), kGuidanceMetrics.end())));
  const MetricInfo& info = *find_metric(g.metric);

  g.first = r.quarter("first");
  g.last = r.quarter("last");
  if (g.last < g.first)
    r.fail("last",
           fmt::format("last {} is before first {}; expected first <= last", g.last.to_string(), g.first.to_string()));
  g.period_label = r.string("period_label");
  const auto named = label_quarters(g.period_label, company.fiscal_year_end_month);
  if (!named)
    r.fail("period_label", fmt::format("expected a period such as \"CY2026\", \"FY2026\", \"FY2026Q3\" or "
                                       "\"FY2026-FY2028\", got \"{}\"",
                                       util::text_excerpt(g.period_label)));
  if (named->first != g.first || named->second != g.last)
    r.fail("period_label",
           fmt::format("\"{}\" is {}..{} for a fiscal year ending in month {}, not {}..{}; expected first and last "
                       "to be the quarters it names",
                       util::text_excerpt(g.period_label), named->first.to_string(), named->second.to_string(),
                       company.fiscal_year_end_month, g.first.to_string(), g.last.to_string()));

  g.low = r.number("low");
  g.high = r.number("high");
  if (g.low > g.high) r.fail("low", fmt::format("low {} is above high {}; expected low <= high", g.low, g.high));
  g.unit = r.string("unit");
  const std::string expected_unit = info.kind == MetricKind::money ? *money_unit(company.currency) : std::string("%");
  if (g.unit != expected_unit)
    r.fail("unit", fmt::format("unit \"{}\" does not fit {} guidance of a {} company; expected \"{}\"",
                               util::text_excerpt(g.unit), g.metric, company.currency, expected_unit));
  if (info.non_negative && g.low < 0)
    r.fail("low", fmt::format("negative {} {} {}; expected a value >= 0", g.metric, g.low, g.unit));

  g.scope = r.string("scope");
  const std::set<std::string> bases = bases_of(company, info);
  if (bases.empty())
    r.fail("metric", fmt::format("{} has no {} observations; expected guidance only for a metric the company reports",
                                 company.id, info.level.empty() ? info.name : info.level));
  if (!bases.count(g.scope))
    r.fail("scope", fmt::format("scope \"{}\" is not a segment basis of {}'s {} observations; expected one of {}",
                                util::text_excerpt(g.scope), company.id, info.level.empty() ? info.name : info.level,
                                fmt::join(bases, ", ")));

  g.given = r.string("given");
  const auto given_quarter = date_quarter(g.given);
  if (!given_quarter)
    r.fail("given", fmt::format("expected a date such as \"2026-02-04\", got \"{}\"", util::text_excerpt(g.given)));
  g.as_of = r.quarter("as_of");
  if (!(g.as_of < *given_quarter))
    r.fail("as_of", fmt::format("as_of {} had not ended on {}; expected the last quarter reported before the date "
                                "given",
                                g.as_of.to_string(), g.given));
  // A guide may be raised inside the period it covers (2025 capex raised in July), but
  // it must still cover a quarter that was not yet reported.
  if (!(g.as_of < g.last))
    r.fail("as_of", fmt::format("as_of {} is not before last {}: the guidance covers no quarter unreported when it "
                                "was given; expected as_of < last",
                                g.as_of.to_string(), g.last.to_string()));

  g.confidence = r.confidence("confidence");
  g.source = r.string("source");
  g.note = r.optional_string("note");
  return g;
}

}  // namespace

std::span<const std::string_view> guidance_metrics() { return kGuidanceMetrics; }

std::vector<Guidance> read_guidance(const json& root, const Company& company, const std::string& display) {
  std::vector<Guidance> out;
  const FieldReader file(root, display, "");
  if (!file.has("guidance")) return out;
  const json& list = file.array("guidance");
  std::map<std::string, std::size_t> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const FieldReader item = file.element(list, "guidance", i);
    Guidance g = read_item(item, company);
    if (const auto [first, inserted] = ids.emplace(g.id, i); !inserted)
      item.fail("id", fmt::format("duplicate guidance id \"{}\", first at /guidance/{}; expected one id per item", g.id,
                                  first->second));
    g.origin = display + ":" + item.pointer();
    out.push_back(std::move(g));
  }
  return out;
}

std::vector<const Guidance*> guidance_known_at(const Company& company, Quarter origin) {
  // (metric, scope, first, last) -> the latest item given by then.
  std::map<std::tuple<std::string, std::string, Quarter, Quarter>, const Guidance*> latest;
  for (const Guidance& g : company.guidance) {
    if (origin < g.as_of) continue;
    const Guidance*& slot = latest[{g.metric, g.scope, g.first, g.last}];
    if (!slot || slot->given < g.given) slot = &g;  // ISO dates order as text
  }
  std::vector<const Guidance*> out;
  for (const Guidance& g : company.guidance)
    if (const auto it = latest.find({g.metric, g.scope, g.first, g.last}); it != latest.end() && it->second == &g)
      out.push_back(&g);
  return out;
}

}  // namespace cloudcast::dataset
