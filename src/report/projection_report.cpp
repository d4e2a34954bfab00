#include "cloudcast/report/projection_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/fx.hpp"
#include "model/company_comparison.hpp"
#include "report/charts.hpp"
#include "report/period_tables.hpp"
#include "report/projection_cells.hpp"

namespace cloudcast::report {

namespace {

using model::QuarterFigures;
using json = nlohmann::ordered_json;

json number_or_null(const std::optional<double>& v) { return v && std::isfinite(*v) ? json(*v) : json(nullptr); }

// The company's profit measure (dataset::Company::profit_measure), empty when unknown.
std::string profit_measure(std::string_view id, const dataset::Dataset& data) {
  for (const auto& company : data.companies)
    if (company.id == id) return company.profit_measure;
  return {};
}

// One note per projected company naming what its capex measures: the companies measure it
// differently (Microsoft's excludes finance leases, Amazon's is before proceeds), and a
// capex figure read without its basis is compared with the wrong guide.
void add_capex_basis_notes(Document& doc, const model::Projection& projection, const dataset::Dataset& data) {
  for (const auto& c : projection.companies)
    for (const auto& company : data.companies)
      if (company.id == c.id && !company.capex_basis.empty())
        doc.notes.push_back(fmt::format("{}: capex is {} ({}).", company.id, company.capex_basis,
                                        company.capex_scope.empty() ? "scope not stated" : company.capex_scope));
}

// A reported quarter's status with the figures the data marks recalled, e.g.
// "actual (recalled: capex, capex_company)".
std::string quarter_status(const QuarterFigures& q) {
  if (!q.actual) return "projected";
  return q.recalled.empty() ? "actual" : fmt::format("actual (recalled: {})", fmt::join(q.recalled, ", "));
}

std::string company_title(const model::CompanyProjection& c, const dataset::Dataset& data) {
  for (const auto& company : data.companies) {
    if (company.id != c.id) continue;
    if (!company.name.empty() && !company.segment.empty()) return fmt::format("{} — {}", company.name, company.segment);
    if (!company.name.empty()) return company.name;
  }
  return c.id;
}

std::string calibration_note(const model::CompanyProjection& c) {
  const auto& k = c.calibration;
  return fmt::format(
      "calibration: variable cost {:.1f}% of revenue, capacity cost {:.2f}% of gross capital a quarter, net assets "
      "in service {} {} at the last reported quarter; reproduces reported operating income of the last {} quarters "
      "within {:.1f} margin points, {:.1f}% of operating income (tolerance {:.1f} points)",
      100 * k.variable_cost_ratio, 100 * k.capacity_cost_ratio, format_number(k.existing_asset_base, 0),
      money_unit(c.currency), k.quarters_used, 100 * k.max_margin_error, 100 * k.max_rel_error, 100 * k.tolerance);
}

std::string payback_note(const model::CompanyProjection& c) {
  if (!c.payback_quarter_index) return {};
  const auto& q = c.quarters[static_cast<std::size_t>(*c.payback_quarter_index)];
  return fmt::format("payback: cumulative free cash flow of the projection turns positive in {} ({})",
                     q.period.to_string(), q.fiscal_period);
}

Table company_table(const model::CompanyProjection& c, const dataset::Dataset& data) {
  Table t;
  t.title = fmt::format("{} ({})", company_title(c, data), c.id);
  const std::string unit = money_unit(c.currency);
  t.id = "forecast_" + c.id;
  t.company = c.id;
  t.columns = {{"Quarter", "", Kind::text, 0, "period", Role::period},
               {"Fiscal", "", Kind::text, 0, "fiscal_period", Role::fiscal_period},
               {"Status", "", Kind::text, 0, "status", Role::status}};
  const std::string measure = profit_measure(c.id, data);
  std::vector<const model::Metric*> shown;
  for (const model::Metric& m : model::metrics()) {
    if (!m.in_forecast_table) continue;
    shown.push_back(&m);
    t.columns.push_back(metric_column(m, model::company_label(m, measure, true), unit));
    if (m.id == "capex") t.columns.push_back({"Capex basis", "", Kind::text, 0, "capex_basis"});
  }
  for (const auto& q : c.quarters) {
    std::vector<Cell> row{q.period.to_string(), q.fiscal_period, quarter_status(q)};
    for (const model::Metric* m : shown) {
      row.push_back(cell(q.*(m->figure)));
      if (m->id != "capex") continue;
      if (q.capex_basis.empty())
        row.emplace_back();
      else
        row.emplace_back(model::figure_basis(q, *m));
    }
    t.rows.push_back(std::move(row));
  }
  t.notes.push_back(calibration_note(c));
  if (auto p = payback_note(c); !p.empty()) t.notes.push_back(p);
  for (const auto& n : c.notes) t.notes.push_back(n);
  return t;
}

// The statistical baseline of segment revenue behind core revenue: the chosen model and
// its 80 % / 95 % prediction intervals, one row per projected quarter.
Table baseline_table(const model::CompanyProjection& c) {
  Table t;
  const forecast::Forecast& b = c.baseline;
  t.title = fmt::format("{}: core revenue baseline, model '{}'", c.id, c.baseline_model);
  t.id = "baseline_" + c.id;
  t.company = c.id;
  const std::string unit = money_unit(c.currency);
  t.columns = {
      {"Quarter", "", Kind::text, 0, "period", Role::period}, {"Baseline", unit, Kind::number, 0, "baseline"},
      {"Lower 80 %", unit, Kind::number, 0, "lower80"},       {"Upper 80 %", unit, Kind::number, 0, "upper80"},
      {"Lower 95 %", unit, Kind::number, 0, "lower95"},       {"Upper 95 %", unit, Kind::number, 0, "upper95"}};
  Quarter last{};
  for (const auto& q : c.quarters)
    if (q.actual) last = q.period;
  for (std::size_t h = 0; h < b.mean.size(); ++h)
    t.rows.push_back({(last + static_cast<int>(h + 1)).to_string(), b.mean[h], b.lower80[h], b.upper80[h], b.lower95[h],
                      b.upper95[h]});
  t.notes.push_back(
      fmt::format("{}; choose another with --model (cloudcast backtest lists and scores them)", b.description));
  return t;
}

// Guidance known at T beside the projection's figure on the guide's own measure.
Table guidance_table(const model::CompanyProjection& c) {
  Table t;
  t.title = fmt::format("{}: guidance beside the projection", c.id);
  t.columns = {{"Guide", "", Kind::text}, {"Metric", "", Kind::text},      {"Period", "", Kind::text},
               {"Low", "", Kind::number}, {"High", "", Kind::number},      {"Unit", "", Kind::text},
               {"Given", "", Kind::text}, {"Projected", "", Kind::number}, {"Status", "", Kind::text},
               {"Used", "", Kind::text}};
  for (const auto& g : c.guidance)
    t.rows.push_back({Cell{g.id}, Cell{g.metric}, Cell{g.period_label}, Cell{g.low}, Cell{g.high}, Cell{g.unit},
                      Cell{g.given}, g.projected ? Cell{*g.projected} : Cell{}, Cell{g.status},
                      Cell{std::string(g.honoured ? "yes" : "no")}});  // NOLINT
  t.notes.push_back(
      "Guidance is the company's word, not a reported figure. Projected: company-wide capex summed over the guided "
      "quarters on the guide's measure, or segment revenue in the guided quarter; a point guide counts as met within "
      "5 %. Used: honoured by the plan (use_guidance).");
  return t;
}

const model::CompanyValuation* valuation_of(std::span<const std::pair<std::string, model::CompanyValuation>> all,
                                            const std::string& id) {
  for (const auto& [company, v] : all)
    if (company == id) return &v;
  return nullptr;
}

std::string terminal_text(const model::CompanyValuation& v) {
  return v.method == model::TerminalMethod::growth
             ? fmt::format("Gordon growth {:.1f}% a year", 100 * v.terminal_growth)
             : fmt::format("exit multiple {}x the last projected year's EBITDA", v.exit_multiple);
}

// The value of the build-out: one row per figure (laid out, computed in model/valuation).
Table valuation_table(const model::CompanyProjection& c, const model::CompanyValuation& v) {
  Table t;
  t.title = fmt::format("{}: value of the build-out at WACC {:.1f}%, {}", c.id, 100 * v.wacc, terminal_text(v));
  const std::string unit = money_unit(c.currency);
  t.columns = {{"Figure", "", Kind::text}, {"Value", "", Kind::number, 1}, {"Unit", "", Kind::text}};
  t.rows = {{std::string("PV of free cash flow"), v.pv_cash_flows, unit},
            {std::string("Terminal value"), v.terminal_value, unit},
            {std::string("PV of terminal value"), v.pv_terminal, unit},
            {std::string("NPV"), v.npv, unit},
            {std::string("IRR"), v.irr ? Cell{100 * *v.irr} : Cell{}, std::string(v.irr ? "% a year" : "undefined")},
            {std::string("Discounted payback"), Cell{}, v.payback}};
  t.notes.push_back(fmt::format(
      "free cash flow = operating income + depreciation - cloud capex of the {} projected quarters, discounted at "
      "{:.4f}% a quarter ((1 + WACC)^(1/4) - 1); terminal value at the end of the horizon",
      v.quarters, 100 * v.rate));
  if (!v.irr) t.notes.push_back("IRR " + v.irr_note);
  return t;
}

json valuation_json(const model::CompanyValuation& v) {
  return {{"wacc", v.wacc},
          {"quarterly_rate", v.rate},
          {"terminal_method", v.method == model::TerminalMethod::growth ? "growth" : "multiple"},
          {"terminal_growth", v.terminal_growth},
          {"exit_multiple", v.exit_multiple},
          {"quarters", v.quarters},
          {"pv_cash_flows", v.pv_cash_flows},
          {"terminal_value", v.terminal_value},
          {"pv_terminal", v.pv_terminal},
          {"npv", v.npv},
          {"irr", v.irr ? json(*v.irr) : json(nullptr)},
          {"irr_note", v.irr ? json(nullptr) : json(v.irr_note)},
          {"discounted_payback", v.payback}};
}

json quarter_json(const QuarterFigures& q) {
  json j;
  j["period"] = q.period.to_string();
  j["fiscal_period"] = q.fiscal_period;
  j["actual"] = q.actual;
  for (const model::Metric& m : model::metrics()) {
    if (!m.in_forecast_json) continue;
    j[std::string(m.id)] = number_or_null(q.*(m.figure));
    if (m.id == "capex") j["capex_basis"] = q.capex_basis.empty() ? json(nullptr) : json(q.capex_basis);
  }
  j["recalled"] = q.recalled;
  return j;
}

json meta(const dataset::Dataset& data, const model::Scenario& scenario) {
  json m;
  m["schema_version"] = kForecastSchemaVersion;
  m["tool_version"] = CLOUDCAST_VERSION;
  m["inputs_digest"] = inputs_digest(data, scenario);
  return m;
}

// One company's part of the forecast JSON.
json forecast_company_json(const model::CompanyProjection& c, const dataset::Dataset& data,
                           std::span<const std::pair<std::string, model::CompanyValuation>> valuations,
                           model::Period period) {
  json cj;
  cj["id"] = c.id;
  cj["currency"] = c.currency;
  if (const std::string measure = profit_measure(c.id, data); !measure.empty()) cj["profit_measure"] = measure;
  for (const auto& company : data.companies)
    if (company.id == c.id && !company.capex_basis.empty()) cj["capex_basis"] = company.capex_basis;
  cj["baseline_model"] = c.baseline_model;
  cj["baseline"] = {{"model", c.baseline_model},     {"description", c.baseline.description},
                    {"mean", c.baseline.mean},       {"lower80", c.baseline.lower80},
                    {"upper80", c.baseline.upper80}, {"lower95", c.baseline.lower95},
                    {"upper95", c.baseline.upper95}};
  cj["calibration"] = {{"variable_cost_ratio", c.calibration.variable_cost_ratio},
                       {"capacity_cost_ratio", c.calibration.capacity_cost_ratio},
                       {"net_assets_in_service", c.calibration.existing_asset_base},
                       {"max_abs_error", c.calibration.max_abs_error},
                       {"max_rel_error", c.calibration.max_rel_error},
                       {"max_margin_error", c.calibration.max_margin_error},
                       {"tolerance", c.calibration.tolerance},
                       {"quarters_used", c.calibration.quarters_used},
                       {"anchor_margin", c.calibration.anchor_margin},
                       {"loo_variable_cost_min", c.calibration.loo_variable_cost_min},
                       {"loo_variable_cost_max", c.calibration.loo_variable_cost_max},
                       {"loo_capacity_cost_min", c.calibration.loo_capacity_cost_min},
                       {"loo_capacity_cost_max", c.calibration.loo_capacity_cost_max},
                       {"loo_margin_move", c.calibration.loo_margin_move}};
  json guidance = json::array();
  for (const auto& g : c.guidance)
    guidance.push_back({{"id", g.id},
                        {"metric", g.metric},
                        {"period", g.period_label},
                        {"first", g.first.to_string()},
                        {"last", g.last.to_string()},
                        {"low", g.low},
                        {"high", g.high},
                        {"unit", g.unit},
                        {"given", g.given},
                        {"honoured", g.honoured},
                        {"projected", g.projected ? json(*g.projected) : json(nullptr)},
                        {"status", g.status},
                        {"source", g.source}});
  cj["guidance"] = std::move(guidance);
  cj["payback"] = c.payback;
  if (const auto* v = valuation_of(valuations, c.id)) cj["valuation"] = valuation_json(*v);
  json quarters = json::array();
  for (const auto& q : c.quarters) quarters.push_back(quarter_json(q));
  cj["quarters"] = std::move(quarters);
  if (period != model::Period::quarter) cj["years"] = years_json(company_years(c.quarters, c.id, data, period));
  return cj;
}

// One company's tables: its quarters (or years), baseline, guidance and valuation.
void add_company_tables(Document& doc, const model::CompanyProjection& c, const dataset::Dataset& data,
                        std::span<const std::pair<std::string, model::CompanyValuation>> valuations,
                        model::Period period) {
  if (period == model::Period::quarter) {
    doc.tables.push_back(company_table(c, data));
  } else {
    // The quarter table's title, id, company and notes around the years' rows.
    Table quarters = company_table(c, data);
    Table t = company_year_table(company_years(c.quarters, c.id, data, period), money_unit(c.currency),
                                 profit_measure(c.id, data));
    t.title = quarters.title;
    t.id = quarters.id;
    t.company = quarters.company;
    t.notes = quarters.notes;
    doc.tables.push_back(std::move(t));
  }
  doc.tables.push_back(baseline_table(c));
  if (!c.guidance.empty()) doc.tables.push_back(guidance_table(c));
  if (const auto* v = valuation_of(valuations, c.id)) doc.tables.push_back(valuation_table(c, *v));
}

// Charts (HTML, SVG): revenue and capex per company in its own currency, then every
// company's margin on one axis.
void add_forecast_charts(Document& doc) {
  std::vector<const Table*> company_tables;
  for (const Table& t : doc.tables) {
    if (!t.id.starts_with("forecast_")) continue;  // not the baseline, guidance or valuation tables
    company_tables.push_back(&t);
    doc.charts.push_back(columns_chart(t, {"revenue", "capex"}, "revenue_capex_" + t.company,
                                       fmt::format("{}: revenue and capex", t.company)));
  }
  const model::Metric& margin = model::metric_or_throw("operating_margin", "forecast");
  doc.charts.push_back(
      across_tables_chart(company_tables, std::string(margin.id), std::string(margin.id), std::string(margin.label)));
}

// Summary: where each company stands now and at the end of the horizon.
Table compare_summary(const model::CompanyComparison& comparison, int horizon, const std::string& unit) {
  Table summary;
  summary.title = "Summary";
  summary.id = "summary";
  summary.columns = {{"Company", "", Kind::text, 0, "company", Role::company},
                     {"Last reported", "", Kind::text, 0, "last_reported"},
                     {"Revenue now", unit, Kind::number, 0, "revenue_now"},
                     {"Revenue at end", unit, Kind::number, 0, "revenue_end"},
                     {"Growth", "%/yr", Kind::percent, 1, "revenue_growth"},
                     {"Margin now", "%", Kind::percent, 1, "operating_margin_now"},
                     {"Margin at end", "%", Kind::percent, 1, "operating_margin_end"},
                     {"AI share at end", "%", Kind::percent, 1, "ai_share_end"},
                     {"Capex, horizon", unit, Kind::number, 0, "horizon_capex"},
                     {"Payback", "", Kind::text, 0, "payback"}};
  for (const model::ComparedCompany& c : comparison.companies) {
    if (!c.summary) continue;
    const model::CompanySummary& s = *c.summary;
    const QuarterFigures& now = c.quarters[s.now];
    const QuarterFigures& end = c.quarters.back();
    summary.rows.push_back({c.id, fmt::format("{} ({})", now.period.to_string(), now.fiscal_period), s.revenue_now,
                            s.revenue_end, cell(s.growth), cell(now.operating_margin), cell(end.operating_margin),
                            cell(s.ai_share_end), s.horizon_capex, c.payback.empty() ? "-" : c.payback});
  }
  summary.notes.push_back(
      fmt::format("'now' is each company's last reported quarter; 'end' is {} quarters later.", horizon));
  return summary;
}

// One metric by calendar quarter, a column per company (its own profit measure named),
// the status column naming the cells not to read as reported figures.
Table compare_quarter_table(const model::Metric& metric, const model::CompanyComparison& comparison,
                            const dataset::Dataset& data, const std::string& unit) {
  const model::Metric* m = &metric;
  // Each company's quarters by calendar quarter, and whether a calendar quarter is
  // reported for every company, projected for every company, or mixed.
  std::vector<std::map<int, const QuarterFigures*>> by_quarter(comparison.companies.size());
  std::map<int, std::pair<int, int>> status;  // quarter -> (#actual, #projected)
  for (std::size_t i = 0; i < comparison.companies.size(); ++i) {
    for (const auto& q : comparison.companies[i].quarters) {
      by_quarter[i][q.period.index()] = &q;
      auto& s = status[q.period.index()];
      (q.actual ? s.first : s.second)++;
    }
  }
  Table t;
  t.title = m->label;
  t.id = std::string(m->id);
  t.metric = std::string(m->id);
  t.columns.push_back({"Quarter", "", Kind::text, 0, "period", Role::period});
  t.columns.push_back({"Status", "", Kind::text, 0, "status", Role::status});
  for (const auto& c : comparison.companies) {
    // The header names a company's own profit measure: "alibaba (adjusted EBITA)".
    const std::string measure = model::company_label(*m, profit_measure(c.id, data)).substr(m->label.size());
    Column column = metric_column(*m, c.id + measure, unit);
    column.id = c.id;  // a company's column of the table's metric
    column.company = c.id;
    t.columns.push_back(std::move(column));
  }
  for (const auto& [qi, counts] : status) {
    std::string state = counts.second == 0 ? "actual" : counts.first == 0 ? "projected" : "mixed";
    std::vector<Cell> row{Quarter::from_index(qi).to_string(), Cell{}};
    // The cells not to read as reported figures, by basis: "estimate: google; recalled: alibaba".
    std::map<std::string, std::vector<std::string>> marked;
    for (std::size_t i = 0; i < comparison.companies.size(); ++i) {
      const auto it = by_quarter[i].find(qi);
      if (it == by_quarter[i].end() || !(it->second->*(m->figure))) {
        row.emplace_back();
        continue;
      }
      row.emplace_back(*(it->second->*(m->figure)));
      if (const std::string basis = model::figure_basis(*it->second, *m); model::marked_basis(basis))
        marked[basis].push_back(comparison.companies[i].id);
    }
    std::vector<std::string> parts;
    for (const auto& [basis, ids] : marked) parts.push_back(fmt::format("{}: {}", basis, fmt::join(ids, ", ")));
    if (!parts.empty()) state += fmt::format(" ({})", fmt::join(parts, "; "));
    row[1] = Cell{state};
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

std::string inputs_digest(const dataset::Dataset& data, const model::Scenario& scenario) {
  return model::digest_hex(data.digest + '\n' + scenario.digest);
}

Document forecast_document(const model::Projection& projection, const model::Scenario& scenario,
                           const dataset::Dataset& data,
                           std::span<const std::pair<std::string, model::CompanyValuation>> valuations,
                           model::Period period) {
  Document doc;
  doc.title = fmt::format("cloudcast forecast — scenario {}, {} quarters",
                          model::scenario_title(scenario.name, scenario.overrides), projection.horizon);
  if (period != model::Period::quarter)
    doc.title += period == model::Period::calendar_year ? ", by calendar year" : ", by fiscal year";
  for (const auto& c : projection.companies) add_company_tables(doc, c, data, valuations, period);
  add_forecast_charts(doc);
  if (!scenario.description.empty()) doc.notes.push_back("scenario: " + scenario.description);
  doc.notes.insert(doc.notes.end(), projection.notes.begin(), projection.notes.end());
  std::vector<std::string> ids;
  for (const auto& c : projection.companies) ids.push_back(c.id);
  if (period != model::Period::quarter)
    for (auto& n : period_notes(period, data, ids)) doc.notes.push_back(std::move(n));
  // The profit measures come from the data (dataset::Company::profit_measure), as the
  // table headers do: "(alibaba: adjusted EBITA)".
  std::vector<std::string> measures;
  for (const auto& c : projection.companies)
    if (const std::string measure = profit_measure(c.id, data); !measure.empty())
      measures.push_back(fmt::format("{}: {}", c.id, measure));
  doc.notes.push_back(fmt::format(
      "Money in millions of each company's reporting currency. Capex is the share attributable to the cloud segment; "
      "capex basis 'estimate' marks a reported quarter whose capex was not disclosed (plan value), 'guidance' a "
      "quarter's share of a total the company guided. Status 'actual (recalled: ...)' names the reported figures the "
      "data marks recalled (read in no source). {}Blank cells: not reported.",
      measures.empty() ? ""
                       : fmt::format("Operating income and margin headers name a company's own profit measure where it "
                                     "is not operating income ({}). ",
                                     fmt::join(measures, "; "))));
  add_capex_basis_notes(doc, projection, data);
  doc.meta = meta(data, scenario);
  json body;
  body["scenario"] = projection.scenario;
  // Only with --set: older outputs and CI baselines stay comparable (diff refuses a key
  // present on one side only).
  if (!scenario.overrides.empty()) body["overrides"] = scenario.overrides;
  body["horizon"] = projection.horizon;
  // Only with --period cy|fy, as overrides: a quarterly output keeps its keys.
  if (period != model::Period::quarter) body["period"] = std::string(model::period_name(period));
  body["data_origin"] = data.origin;
  json companies = json::array();
  for (const auto& c : projection.companies) companies.push_back(forecast_company_json(c, data, valuations, period));
  body["companies"] = std::move(companies);
  doc.json = std::move(body);
  return doc;
}

Document compare_document(const model::Projection& projection, const model::Scenario& scenario,
                          const dataset::Dataset& data, std::string_view currency,
                          const std::vector<std::string>& metrics, model::Period period) {
  const model::CompanyComparison comparison = model::compare_companies(projection, scenario, data, currency);
  std::vector<const model::Metric*> chosen;
  for (const auto& name : metrics) chosen.push_back(&model::metric_or_throw(name, "--metric"));
  const std::string unit = money_unit(currency);

  Document doc;
  doc.title = fmt::format("cloudcast — the AI-cloud race, scenario {} ({} quarters, {})",
                          model::scenario_title(scenario.name, scenario.overrides), projection.horizon, unit);
  doc.tables.push_back(compare_summary(comparison, projection.horizon, unit));

  std::vector<std::string> company_ids;
  for (const auto& c : projection.companies) company_ids.push_back(c.id);
  for (const model::Metric* m : chosen) {
    if (period != model::Period::quarter) {
      Table t = compare_year_table(*m, comparison.companies, data, period, unit);
      doc.charts.push_back(columns_chart(t, company_ids, t.id, t.title));
      doc.tables.push_back(std::move(t));
      continue;
    }
    Table t = compare_quarter_table(*m, comparison, data, unit);
    doc.charts.push_back(columns_chart(t, company_ids, t.id, t.title));
    doc.tables.push_back(std::move(t));
  }
  if (period != model::Period::quarter)
    for (auto& n : period_notes(period, data, company_ids)) doc.notes.push_back(std::move(n));
  doc.notes.push_back(fmt::format(
      "Companies lined up by calendar quarter. CNY per USD: the data's period-end rates for reported quarters, the "
      "scenario's FX path for projected ones. Capex is the share attributable to the cloud segment."));
  doc.notes.push_back(
      "Status names the cells not to read as reported figures: estimate (a reported quarter whose figure was not "
      "disclosed: the plan's value), recalled (reported, but read in no source), guidance (a share of a total the "
      "company guided). A company column qualified in brackets is that company's own profit measure.");
  for (const auto& company : data.companies)
    if (!company.profit_measure.empty())
      doc.notes.push_back(
          fmt::format("{}: operating income and margin are its {}.", company.id, company.profit_measure));
  add_capex_basis_notes(doc, projection, data);
  if (!comparison.carried_rates.empty())
    doc.notes.push_back(fmt::format("No CNY per USD rate in the data for {}: the latest earlier rate is used.",
                                    fmt::join(comparison.carried_rates, ", ")));
  if (!scenario.description.empty()) doc.notes.push_back("Scenario: " + scenario.description);
  doc.notes.insert(doc.notes.end(), projection.notes.begin(), projection.notes.end());
  std::string details = "Details per company: cloudcast forecast --scenario " + projection.scenario;
  for (const auto& o : scenario.overrides) details += " --set " + o;
  doc.notes.push_back(details);
  doc.meta = meta(data, scenario);
  doc.meta["scenario"] = projection.scenario;
  if (!scenario.overrides.empty()) doc.meta["overrides"] = scenario.overrides;
  doc.meta["currency"] = std::string(currency);
  if (period != model::Period::quarter) doc.meta["period"] = std::string(model::period_name(period));
  return doc;
}

}  // namespace cloudcast::report
