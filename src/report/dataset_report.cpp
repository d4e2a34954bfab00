#include "cloudcast/report/dataset_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "cloudcast/dataset/query.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/schema.hpp"
#include "report/projection_cells.hpp"

namespace cloudcast::report {

using dataset::Company;
using dataset::Observation;

namespace {

std::string month_name(int month) {
  static constexpr std::array<std::string_view, 12> kMonths{"January",   "February", "March",    "April",
                                                            "May",       "June",     "July",     "August",
                                                            "September", "October",  "November", "December"};
  return month >= 1 && month <= 12 ? std::string(kMonths[static_cast<std::size_t>(month - 1)]) : "?";
}

void set_meta(Document& doc, const dataset::Dataset& data, std::string_view command) {
  doc.meta["schema_version"] = kDatasetSchemaVersion;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = data.digest;
  doc.meta["command"] = command;
}

std::string quarter_range(const std::vector<dataset::Point>& points) {
  if (points.empty()) return "";
  return fmt::format("{}..{}", points.front().period.to_string(), points.back().period.to_string());
}

// The metrics a company has, in the schema's order (revenue, operating income, capex...).
std::vector<std::string_view> metrics_of(const Company& company) {
  std::set<std::string, std::less<>> present;
  for (const Observation& obs : company.observations) present.insert(obs.metric);
  std::vector<std::string_view> names;
  for (const dataset::MetricInfo& metric : dataset::metrics())
    if (present.count(metric.name)) names.push_back(metric.name);
  return names;
}

// The note under a table with overlay figures: whose they are and where they live.
std::string overlay_note(const dataset::Dataset& data) {
  return fmt::format(
      "origin 'overlay': your figure from {} (cloudcast data import), replacing or adding to the "
      "data's; --no-overlay leaves it out.",
      data.overlay);
}

Table metric_table(const dataset::Dataset& data, const Company& company, const dataset::MetricInfo& info) {
  const bool level = info.kind == dataset::MetricKind::money;
  std::vector<const Observation*> rows;
  for (const Observation& obs : company.observations)
    if (obs.metric == info.name) rows.push_back(&obs);
  std::stable_sort(rows.begin(), rows.end(), [](const Observation* a, const Observation* b) {
    return std::tie(a->period, a->segment_basis) < std::tie(b->period, b->segment_basis);
  });
  const std::string unit = rows.empty() ? "" : rows.front()->unit;
  const auto projection = dataset::projection_basis(company, info.name);

  Table table;
  table.title = fmt::format("{}: {} ({})", info.name, info.description, unit);
  table.id = std::string(info.name);
  table.company = company.id;
  table.columns = {
      {"period", "", Kind::text, 0, "period", Role::period},
      {"fiscal", "", Kind::text, 0, "fiscal_period", Role::fiscal_period},
      {"segment basis", "", Kind::text, 0, "segment_basis", Role::item},
      {info.name == "revenue" ? "revenue" : "value", unit, Kind::number, level ? 0 : 1, std::string(info.name)}};
  if (level) table.columns.push_back({"YoY", "%", Kind::percent, 1, "yoy_growth"});
  // The origin column only where the user's overlay put a figure, so plain data reads as
  // before; beside the value, where a narrow terminal does not cut it off.
  const bool overlaid = std::any_of(rows.begin(), rows.end(), [](const Observation* obs) { return obs->from_overlay; });
  if (overlaid) table.columns.push_back({"origin", "", Kind::text, 0});
  table.columns.insert(
      table.columns.end(),
      {{"basis", "", Kind::text, 0}, {"confidence", "", Kind::text, 0}, {"source", "", Kind::text, 0}});
  std::vector<std::string> breaks;
  std::vector<std::string> on_derived;  // quarters whose YoY uses a derived prior-year value
  auto find_obs = [&rows](Quarter q, const std::string& basis) -> const Observation* {
    for (const Observation* o : rows)
      if (o->period == q && o->segment_basis == basis) return o;
    return nullptr;
  };
  for (const Observation* obs : rows) {
    std::vector<Cell> row{obs->period.to_string(), obs->fiscal_period, obs->segment_basis, obs->value};
    if (level) {
      const dataset::Growth growth = dataset::growth_yoy(company, info.name, obs->period, obs->segment_basis);
      if (growth.value) {
        row.emplace_back(*growth.value);
        const Observation* prior = find_obs(obs->period - 4, obs->segment_basis);
        if (prior && prior->basis == dataset::Basis::derived) on_derived.push_back(obs->period.to_string());
      } else {
        row.emplace_back(std::monostate{});
        if (growth.reason.rfind("basis break", 0) == 0)
          breaks.push_back(fmt::format("{}: {}", obs->period.to_string(), growth.reason));
      }
    }
    if (overlaid) row.emplace_back(std::string(obs->from_overlay ? "overlay" : ""));
    row.emplace_back(std::string(dataset::to_string(obs->basis)));
    row.emplace_back(std::string(dataset::to_string(obs->confidence)));
    row.emplace_back(obs->source);
    table.rows.push_back(std::move(row));
  }
  if (overlaid) table.notes.push_back(overlay_note(data));
  if (level) {
    table.notes.push_back(
        "YoY is computed from the levels on the same segment basis; blank where there is no figure a year earlier "
        "on that basis.");
    for (const std::string& b : breaks) table.notes.push_back(fmt::format("YoY blank across a basis break, {}", b));
    if (!on_derived.empty())
      table.notes.push_back(
          fmt::format("YoY for {} is against a derived (back-cast) prior-year value, so it "
                      "reproduces the reported growth it was derived from.",
                      fmt::join(on_derived, ", ")));
  }
  if (projection && level)
    table.notes.push_back(fmt::format("Projection series: segment basis {} ({} quarters, {}).", *projection,
                                      dataset::series(company, info.name).size(),
                                      quarter_range(dataset::series(company, info.name))));
  for (const Observation* obs : rows)
    if (obs->basis == dataset::Basis::derived || obs->basis == dataset::Basis::estimate)
      table.notes.push_back(fmt::format("{} ({}, {}): {}", obs->period.to_string(), obs->segment_basis,
                                        dataset::to_string(obs->basis), obs->note));
  return table;
}

// Whole numbers print as integers (33398, not 33398.0), as in the data files, so the
// JSON reads like its input; anything else keeps full double precision.
nlohmann::ordered_json number_json(double value) {
  if (std::abs(value) < 1e15 && value == std::floor(value)) return static_cast<long long>(value);
  return value;
}

nlohmann::ordered_json observation_json(const Observation& obs) {
  nlohmann::ordered_json o;
  o["period"] = obs.period.to_string();
  o["fiscal_period"] = obs.fiscal_period;
  o["metric"] = obs.metric;
  o["value"] = number_json(obs.value);
  o["unit"] = obs.unit;
  o["basis"] = dataset::to_string(obs.basis);
  o["segment_basis"] = obs.segment_basis;
  o["confidence"] = dataset::to_string(obs.confidence);
  o["source"] = obs.source;
  o["note"] = obs.note;
  o["overlay"] = obs.from_overlay;
  return o;
}

// What a company said it expects: one row per item, every row marked as guidance so it
// is never read as a reported figure.
Table guidance_table(const std::vector<const dataset::Guidance*>& items) {
  const bool whole = std::all_of(items.begin(), items.end(), [](const dataset::Guidance* g) {
    return g->low == std::floor(g->low) && g->high == std::floor(g->high);
  });
  Table table;
  table.title = "Guidance (what the company said it expects; not reported figures)";
  table.columns = {{"period", "", Kind::text, 0},
                   {"quarters", "", Kind::text, 0},
                   {"metric", "", Kind::text, 0},
                   {"low", "", Kind::number, whole ? 0 : 1},
                   {"high", "", Kind::number, whole ? 0 : 1},
                   {"unit", "", Kind::text, 0},
                   {"scope", "", Kind::text, 0},
                   {"given", "", Kind::text, 0},
                   {"as of", "", Kind::text, 0},
                   {"label", "", Kind::text, 0},
                   {"confidence", "", Kind::text, 0},
                   {"source", "", Kind::text, 0}};
  for (const dataset::Guidance* g : items) {
    table.rows.push_back({g->period_label, fmt::format("{}..{}", g->first.to_string(), g->last.to_string()), g->metric,
                          g->low, g->high, g->unit, g->scope, g->given, g->as_of.to_string(), std::string("guidance"),
                          std::string(dataset::to_string(g->confidence)), g->source});
    if (!g->note.empty()) table.notes.push_back(fmt::format("{} ({}): {}", g->id, g->period_label, g->note));
  }
  table.notes.insert(table.notes.begin(),
                     "Guidance, not reported figures: 'as of' is the last quarter reported when it was given (a "
                     "backtest from an earlier origin does not see it); low = high for a point guide.");
  return table;
}

nlohmann::ordered_json guidance_json(const dataset::Guidance& g) {
  nlohmann::ordered_json j;
  j["id"] = g.id;
  j["metric"] = g.metric;
  j["first"] = g.first.to_string();
  j["last"] = g.last.to_string();
  j["period_label"] = g.period_label;
  j["low"] = number_json(g.low);
  j["high"] = number_json(g.high);
  j["unit"] = g.unit;
  j["scope"] = g.scope;
  j["given"] = g.given;
  j["as_of"] = g.as_of.to_string();
  j["label"] = "guidance";
  j["confidence"] = dataset::to_string(g.confidence);
  j["source"] = g.source;
  j["note"] = g.note;
  return j;
}

// The identity fields that open a company's JSON in both `data list` and `data show`.
nlohmann::ordered_json company_json(const Company& company) {
  nlohmann::ordered_json c;
  c["id"] = company.id;
  c["name"] = company.name;
  c["segment"] = company.segment;
  c["currency"] = company.currency;
  c["fiscal_year_end_month"] = company.fiscal_year_end_month;
  return c;
}

}  // namespace

Document dataset_list_document(const dataset::Dataset& data) {
  Document doc;
  doc.title = fmt::format("Companies in the data ({})", data.origin);
  set_meta(doc, data, "data list");
  Table table;
  table.title = "Companies";
  table.columns = {{"id", "", Kind::text, 0, "id", Role::company},
                   {"name", "", Kind::text, 0},
                   {"segment", "", Kind::text, 0},
                   {"currency", "", Kind::text, 0},
                   {"FY ends", "", Kind::text, 0},
                   {"first", "", Kind::text, 0},
                   {"last", "", Kind::text, 0},
                   {"observations", "", Kind::integer, 0},
                   {"revenue series", "", Kind::text, 0},
                   {"disclosures", "", Kind::integer, 0}};
  nlohmann::ordered_json companies = nlohmann::ordered_json::array();
  for (const Company& company : data.companies) {
    std::optional<Quarter> first, last;
    for (const Observation& obs : company.observations) {
      if (!first || obs.period < *first) first = obs.period;
      if (!last || obs.period > *last) last = obs.period;
    }
    const auto revenue = dataset::series(company, "revenue");
    const auto basis = dataset::projection_basis(company, "revenue");
    const std::string revenue_text =
        revenue.empty() ? "" : fmt::format("{} {} ({} q)", basis.value_or(""), quarter_range(revenue), revenue.size());
    table.rows.push_back({company.id, company.name, company.segment, company.currency,
                          month_name(company.fiscal_year_end_month), first ? first->to_string() : "",
                          last ? last->to_string() : "", static_cast<double>(company.observations.size()), revenue_text,
                          static_cast<double>(company.disclosures.size())});
    nlohmann::ordered_json c = company_json(company);
    c["first_period"] = first ? nlohmann::ordered_json(first->to_string()) : nlohmann::ordered_json();
    c["last_period"] = last ? nlohmann::ordered_json(last->to_string()) : nlohmann::ordered_json();
    c["observations"] = company.observations.size();
    c["revenue_segment_basis"] = basis ? nlohmann::ordered_json(*basis) : nlohmann::ordered_json();
    c["revenue_quarters"] = revenue.size();
    c["disclosures"] = company.disclosures.size();
    companies.push_back(std::move(c));
  }
  table.notes.push_back(
      "Money in millions of each company's reporting currency; 'revenue series' is the consistent "
      "series the engine projects from (one segment basis).");
  doc.tables.push_back(std::move(table));

  Table fx;
  fx.title = "FX: CNY per USD";
  fx.id = "fx";
  fx.columns = {{"period", "", Kind::text, 0, "period", Role::period},
                {"CNY per USD", "", Kind::number, 4, "cny_per_usd"},
                {"kind", "", Kind::text, 0},
                {"basis", "", Kind::text, 0},
                {"source", "", Kind::text, 0}};
  nlohmann::ordered_json rates = nlohmann::ordered_json::array();
  for (const dataset::FxRate& rate : data.fx) {
    fx.rows.push_back({rate.period.to_string(), rate.cny_per_usd, rate.kind,
                       std::string(dataset::to_string(rate.basis)), rate.source});
    rates.push_back({{"period", rate.period.to_string()},
                     {"cny_per_usd", rate.cny_per_usd},
                     {"kind", rate.kind},
                     {"basis", dataset::to_string(rate.basis)},
                     {"confidence", dataset::to_string(rate.confidence)},
                     {"source", rate.source}});
  }
  if (!data.fx_note.empty()) fx.notes.push_back(data.fx_note);
  doc.tables.push_back(std::move(fx));

  doc.json["origin"] = data.origin;
  doc.json["overlay"] = data.overlay.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(data.overlay);
  doc.json["companies"] = std::move(companies);
  doc.json["fx"] = std::move(rates);
  return doc;
}

Document company_document(const dataset::Dataset& data, const Company& company, const std::string& metric) {
  if (!metric.empty()) {
    std::vector<std::string> names;
    for (std::string_view name : metrics_of(company)) names.emplace_back(name);
    if (std::find(names.begin(), names.end(), metric) == names.end())
      throw UsageError(fmt::format("--metric: {}", util::unknown_name_message(company.id + " metric", metric, names)));
  }
  Document doc;
  doc.title = fmt::format("{} {}: quarterly data ({}, money in {})", company.name, company.segment, data.origin,
                          money_unit(company.currency));
  set_meta(doc, data, "data show");

  Table facts;
  facts.title = "Company";
  facts.company = company.id;
  facts.columns = {{"field", "", Kind::text, 0}, {"value", "", Kind::text, 0}};
  facts.rows = {{std::string("id"), company.id},
                {std::string("name"), company.name},
                {std::string("segment"), company.segment},
                {std::string("currency"), company.currency},
                {std::string("fiscal year ends"), month_name(company.fiscal_year_end_month)},
                {std::string("capex scope"), company.capex_scope},
                {std::string("capex basis"), company.capex_basis},
                {std::string("profit measure"),
                 company.profit_measure.empty() ? std::string("operating income") : company.profit_measure}};
  facts.notes = company.notes;
  doc.tables.push_back(std::move(facts));

  for (std::string_view name : metrics_of(company)) {
    if (!metric.empty() && name != metric) continue;
    doc.tables.push_back(metric_table(data, company, *dataset::find_metric(name)));
  }

  std::vector<const dataset::Guidance*> guidance;
  for (const dataset::Guidance& g : company.guidance)
    if (metric.empty() || g.metric == metric) guidance.push_back(&g);
  if (!guidance.empty()) doc.tables.push_back(guidance_table(guidance));

  if (metric.empty() && !company.disclosures.empty()) {
    Table disclosures;
    disclosures.title = "Disclosures (not one quarter's figure)";
    disclosures.columns = {{"period", "", Kind::text, 0},    {"id", "", Kind::text, 0},
                           {"value", "", Kind::number, 0},   {"unit", "", Kind::text, 0},
                           {"basis", "", Kind::text, 0},     {"confidence", "", Kind::text, 0},
                           {"statement", "", Kind::text, 0}, {"source", "", Kind::text, 0}};
    for (const dataset::Disclosure& d : company.disclosures) {
      disclosures.rows.push_back({d.period, d.id, d.value ? Cell(*d.value) : Cell(std::monostate{}), d.unit,
                                  std::string(dataset::to_string(d.basis)),
                                  std::string(dataset::to_string(d.confidence)), d.statement, d.source});
    }
    doc.tables.push_back(std::move(disclosures));
  }

  nlohmann::ordered_json c = company_json(company);
  c["capex_scope"] = company.capex_scope;
  c["capex_basis"] = company.capex_basis;
  c["profit_measure"] =
      company.profit_measure.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(company.profit_measure);
  c["notes"] = company.notes;
  doc.json["company"] = std::move(c);
  nlohmann::ordered_json observations = nlohmann::ordered_json::array();
  for (const Observation& obs : company.observations)
    if (metric.empty() || obs.metric == metric) observations.push_back(observation_json(obs));
  doc.json["observations"] = std::move(observations);
  nlohmann::ordered_json disclosures = nlohmann::ordered_json::array();
  if (metric.empty()) {
    for (const dataset::Disclosure& d : company.disclosures) {
      nlohmann::ordered_json j;
      j["id"] = d.id;
      j["period"] = d.period;
      j["value"] = d.value ? number_json(*d.value) : nlohmann::ordered_json();
      j["unit"] = d.unit;
      j["basis"] = dataset::to_string(d.basis);
      j["confidence"] = dataset::to_string(d.confidence);
      j["source"] = d.source;
      j["statement"] = d.statement;
      disclosures.push_back(std::move(j));
    }
  }
  doc.json["disclosures"] = std::move(disclosures);
  nlohmann::ordered_json guidance_list = nlohmann::ordered_json::array();
  for (const dataset::Guidance* g : guidance) guidance_list.push_back(guidance_json(*g));
  doc.json["guidance"] = std::move(guidance_list);
  return doc;
}

Document company_years_document(const dataset::Dataset& data, const Company& company, model::Period period) {
  Document doc;
  const std::string unit = money_unit(company.currency);
  const bool calendar = period == model::Period::calendar_year;
  doc.title = fmt::format("{} {}: reported figures by {} year ({}, money in {})", company.name, company.segment,
                          calendar ? "calendar" : "fiscal", data.origin, unit);
  set_meta(doc, data, "data show");
  const std::vector<model::QuarterFigures> quarters = model::reported_quarters(company);
  const std::vector<model::YearFigures> years =
      quarters.empty() ? std::vector<model::YearFigures>{}
                       : model::roll_up_years(quarters, period, company.fiscal_year_end_month);

  Table table;
  table.title = fmt::format("{} years", calendar ? "Calendar" : "Fiscal");
  table.id = "years";
  table.company = company.id;
  table.columns = {{"year", "", Kind::text, 0, "period", Role::period},
                   {"quarters", "", Kind::text, 0, "quarters"},
                   {"coverage", "", Kind::text, 0, "coverage"}};
  // The metrics the data hold (capex as the company reports it), in the registry's words.
  std::vector<const model::Metric*> shown;
  for (std::string_view id : {"revenue", "operating_income", "operating_margin", "capex_company"}) {
    const model::Metric* m = model::find_metric(id);
    shown.push_back(m);
    table.columns.push_back(metric_column(*m, model::company_label(*m, company.profit_measure, true), unit));
  }
  table.columns.push_back({"revenue YoY", "%", Kind::percent, 1, "revenue_growth"});
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const model::YearFigures& y : years) {
    std::vector<Cell> row{y.label, fmt::format("{}..{}", y.first.to_string(), y.last.to_string()), y.coverage()};
    nlohmann::ordered_json j;
    j["label"] = y.label;
    j["first"] = y.first.to_string();
    j["last"] = y.last.to_string();
    j["quarters"] = y.quarters;
    j["partial"] = y.partial();
    for (const model::Metric* m : shown) {
      const std::optional<double>& v = y.figures.*(m->figure);
      row.push_back(cell(v));
      j[std::string(m->id)] = v ? number_json(*v) : nlohmann::ordered_json();
    }
    row.push_back(cell(y.revenue_growth));
    j["revenue_growth"] = y.revenue_growth ? nlohmann::ordered_json(*y.revenue_growth) : nlohmann::ordered_json();
    j["recalled"] = y.figures.recalled;
    table.rows.push_back(std::move(row));
    list.push_back(std::move(j));
  }
  std::vector<std::string> bases;
  for (std::string_view metric : {"revenue", "operating_income", "capex"})
    if (const auto basis = dataset::projection_basis(company, metric))
      bases.push_back(fmt::format("{} on {}", metric, *basis));
  table.notes.push_back(fmt::format(
      "Each metric from its projection series ({}); coverage counts the year's quarters with any figure; a year's "
      "sum is blank when one of them lacks that figure; the margin is operating income / revenue of the sums; YoY "
      "only between two whole, consecutive years.",
      fmt::join(bases, ", ")));
  if (!calendar)
    table.notes.push_back(fmt::format("Fiscal years end in {} and are named after the calendar year they end in.",
                                      month_name(company.fiscal_year_end_month)));
  if (std::any_of(quarters.begin(), quarters.end(), [](const auto& q) { return !q.recalled.empty(); }))
    table.notes.push_back("A year holding a figure the data mark recalled lists it under 'recalled' in the JSON.");
  if (!data.overlay.empty())
    table.notes.push_back(
        fmt::format("With your figures from {} (cloudcast data import); --no-overlay leaves them out.", data.overlay));
  doc.tables.push_back(std::move(table));

  doc.json["company"] = company_json(company);
  doc.json["period"] = model::period_name(period);
  doc.json["years"] = std::move(list);
  return doc;
}

Document import_document(const dataset::OverlayUpdate& update, const std::string& file, const dataset::Dataset& data) {
  Document doc;
  const std::string overlay = data.overlay.empty() ? "(empty)" : data.overlay;
  doc.title = fmt::format("Imported {} into your overlay", file);
  set_meta(doc, data, "data import");
  Table table;
  table.title = "Rows";
  table.columns = {{"rows", "", Kind::text, 0}, {"count", "", Kind::integer, 0}};
  const std::size_t held = update.overlay.size();
  table.rows = {{std::string("read"), static_cast<double>(update.rows)},
                {std::string("unchanged (equal to the figure in effect)"), static_cast<double>(update.unchanged)},
                {std::string("replaced a figure"), static_cast<double>(update.replaced)},
                {std::string("added a figure"), static_cast<double>(update.added)},
                {std::string("figures the overlay holds"), static_cast<double>(held)}};
  table.notes.push_back(
      held == 0 ? "The overlay holds no figure that differs from the data: every command reads the data as it is."
                : fmt::format("Every command now lays the overlay {} over the data ({} figure{}); 'cloudcast data "
                              "show' marks them, --no-overlay leaves them out.",
                              overlay, held, held == 1 ? "" : "s"));
  doc.tables.push_back(std::move(table));
  doc.json["file"] = file;
  doc.json["overlay"] = data.overlay.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(data.overlay);
  doc.json["rows"] = update.rows;
  doc.json["unchanged"] = update.unchanged;
  doc.json["replaced"] = update.replaced;
  doc.json["added"] = update.added;
  doc.json["overlay_figures"] = held;
  return doc;
}

Document validation_document(const std::vector<dataset::Issue>& issues, const std::string& checked,
                             const std::string& inputs_digest) {
  Document doc;
  const auto errors = std::count_if(issues.begin(), issues.end(),
                                    [](const dataset::Issue& i) { return i.severity == dataset::Severity::error; });
  const auto warnings = static_cast<std::ptrdiff_t>(issues.size()) - errors;
  doc.title = fmt::format("Data validation: {}", checked);
  doc.meta["schema_version"] = kDatasetSchemaVersion;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = inputs_digest;
  doc.meta["command"] = "data validate";
  Table table;
  table.title = fmt::format("{} errors, {} warnings", errors, warnings);
  table.columns = {{"severity", "", Kind::text, 0}, {"message", "", Kind::text, 0}};
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const dataset::Issue& issue : issues) {
    const std::string severity = issue.severity == dataset::Severity::error ? "error" : "warning";
    table.rows.push_back({severity, issue.message});
    list.push_back({{"severity", severity}, {"message", issue.message}});
  }
  if (issues.empty()) table.notes.push_back("No issues.");
  doc.tables.push_back(std::move(table));
  doc.json["checked"] = checked;
  doc.json["errors"] = errors;
  doc.json["warnings"] = warnings;
  doc.json["issues"] = std::move(list);
  return doc;
}

}  // namespace cloudcast::report
