#include "cloudcast/report/projection_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "cloudcast/dataset/fx.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::report {

namespace {

using model::QuarterFigures;
using json = nlohmann::ordered_json;

const std::array kMetrics{
    ProjectionMetric{"revenue", "Revenue", true, &QuarterFigures::revenue},
    ProjectionMetric{"core_revenue", "Core revenue", true, &QuarterFigures::core_revenue},
    ProjectionMetric{"ai_revenue", "AI revenue", true, &QuarterFigures::ai_revenue},
    ProjectionMetric{"capex", "Capex (cloud)", true, &QuarterFigures::capex},
    ProjectionMetric{"depreciation", "Depreciation", true, &QuarterFigures::depreciation},
    ProjectionMetric{"variable_cost", "Variable cost", true, &QuarterFigures::variable_cost},
    ProjectionMetric{"capacity_cost", "Capacity cost", true, &QuarterFigures::capacity_cost},
    ProjectionMetric{"operating_income", "Operating income", true, &QuarterFigures::operating_income},
    ProjectionMetric{"operating_margin", "Operating margin", false, &QuarterFigures::operating_margin},
    ProjectionMetric{"free_cash_flow", "Free cash flow", true, &QuarterFigures::free_cash_flow},
    ProjectionMetric{"utilization", "AI utilisation", false, &QuarterFigures::utilization},
    ProjectionMetric{"cumulative_capex", "Cumulative capex", true, &QuarterFigures::cumulative_capex},
    ProjectionMetric{"capex_intensity", "Capex intensity (capex / revenue)", false, &QuarterFigures::capex_intensity},
};

std::string currency_unit(std::string_view currency) {
  return fmt::format("{} m", currency == "CNY" ? "RMB" : std::string(currency));
}

Cell cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

json number_or_null(const std::optional<double>& v) { return v && std::isfinite(*v) ? json(*v) : json(nullptr); }

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
      currency_unit(c.currency), k.quarters_used, 100 * k.max_margin_error, 100 * k.max_rel_error, 100 * k.tolerance);
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
  const std::string unit = currency_unit(c.currency);
  t.columns = {{"Quarter", "", Kind::text},
               {"Fiscal", "", Kind::text},
               {"Status", "", Kind::text},
               {"Revenue", unit},
               {"Core", unit},
               {"AI", unit},
               {"Capex", unit},
               {"Capex basis", "", Kind::text},
               {"Depreciation", unit},
               {"Variable cost", unit},
               {"Capacity cost", unit},
               {"Op. income", unit},
               {"Margin", "%", Kind::percent, 1},
               {"FCF", unit},
               {"Utilisation", "%", Kind::percent, 1},
               {"Cum. capex", unit},
               {"Capex/revenue", "%", Kind::percent, 1}};
  for (const auto& q : c.quarters) {
    t.rows.push_back({q.period.to_string(), q.fiscal_period, std::string(q.actual ? "actual" : "projected"),
                      cell(q.revenue), cell(q.core_revenue), cell(q.ai_revenue), cell(q.capex),
                      q.capex_basis.empty() ? Cell{} : Cell{q.capex_basis}, cell(q.depreciation), cell(q.variable_cost),
                      cell(q.capacity_cost), cell(q.operating_income), cell(q.operating_margin), cell(q.free_cash_flow),
                      cell(q.utilization), cell(q.cumulative_capex), cell(q.capex_intensity)});
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
  const std::string unit = currency_unit(c.currency);
  t.columns = {{"Quarter", "", Kind::text}, {"Baseline", unit},   {"Lower 80 %", unit},
               {"Upper 80 %", unit},        {"Lower 95 %", unit}, {"Upper 95 %", unit}};
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

json quarter_json(const QuarterFigures& q) {
  json j;
  j["period"] = q.period.to_string();
  j["fiscal_period"] = q.fiscal_period;
  j["actual"] = q.actual;
  j["revenue"] = number_or_null(q.revenue);
  j["core_revenue"] = number_or_null(q.core_revenue);
  j["ai_revenue"] = number_or_null(q.ai_revenue);
  j["capex"] = number_or_null(q.capex);
  j["capex_basis"] = q.capex_basis.empty() ? json(nullptr) : json(q.capex_basis);
  j["depreciation"] = number_or_null(q.depreciation);
  j["variable_cost"] = number_or_null(q.variable_cost);
  j["capacity_cost"] = number_or_null(q.capacity_cost);
  j["operating_income"] = number_or_null(q.operating_income);
  j["operating_margin"] = number_or_null(q.operating_margin);
  j["free_cash_flow"] = number_or_null(q.free_cash_flow);
  j["utilization"] = number_or_null(q.utilization);
  j["cumulative_capex"] = number_or_null(q.cumulative_capex);
  return j;
}

json meta(const dataset::Dataset& data, const model::Scenario& scenario) {
  json m;
  m["schema_version"] = kForecastSchemaVersion;
  m["tool_version"] = CLOUDCAST_VERSION;
  m["inputs_digest"] = inputs_digest(data, scenario);
  return m;
}

double convert(double value, std::string_view from, std::string_view to, double cny_per_usd) {
  if (from == to) return value;
  if (from == "CNY" && to == "USD") return value / cny_per_usd;
  if (from == "USD" && to == "CNY") return value * cny_per_usd;
  throw DataError(fmt::format("currency: cannot convert {} to {}; expected USD or CNY", from, to));
}

}  // namespace

std::span<const ProjectionMetric> projection_metrics() { return kMetrics; }

const ProjectionMetric& find_projection_metric(std::string_view name) {
  std::vector<std::string> names;
  for (const auto& m : kMetrics) {
    if (m.name == name) return m;
    names.emplace_back(m.name);
  }
  throw UsageError("--metric: " + util::unknown_name_message("metric", name, names));
}

std::string inputs_digest(const dataset::Dataset& data, const model::Scenario& scenario) {
  return model::digest_hex(data.digest + '\n' + scenario.digest);
}

Document forecast_document(const model::Projection& projection, const model::Scenario& scenario,
                           const dataset::Dataset& data) {
  Document doc;
  doc.title = fmt::format("cloudcast forecast — scenario '{}', {} quarters", projection.scenario, projection.horizon);
  for (const auto& c : projection.companies) {
    doc.tables.push_back(company_table(c, data));
    doc.tables.push_back(baseline_table(c));
  }
  if (!scenario.description.empty()) doc.notes.push_back("scenario: " + scenario.description);
  doc.notes.push_back(
      "Money in millions of each company's reporting currency. Capex is the share attributable to the cloud segment; "
      "capex basis 'estimate' marks a reported quarter whose capex was not disclosed (plan value). "
      "Blank cells: not reported.");
  doc.meta = meta(data, scenario);
  json body;
  body["scenario"] = projection.scenario;
  body["horizon"] = projection.horizon;
  body["data_origin"] = data.origin;
  json companies = json::array();
  for (const auto& c : projection.companies) {
    json cj;
    cj["id"] = c.id;
    cj["currency"] = c.currency;
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
                         {"quarters_used", c.calibration.quarters_used}};
    cj["payback"] = c.payback;
    json quarters = json::array();
    for (const auto& q : c.quarters) quarters.push_back(quarter_json(q));
    cj["quarters"] = std::move(quarters);
    companies.push_back(std::move(cj));
  }
  body["companies"] = std::move(companies);
  doc.json = std::move(body);
  return doc;
}

Document compare_document(const model::Projection& projection, const model::Scenario& scenario,
                          const dataset::Dataset& data, std::string_view currency,
                          const std::vector<std::string>& metrics) {
  if (currency != "USD" && currency != "CNY")
    throw UsageError("--currency: " + util::unknown_name_message("currency", currency, {"CNY", "USD"}));
  std::vector<const ProjectionMetric*> chosen;
  for (const auto& name : metrics) chosen.push_back(&find_projection_metric(name));

  // Per company: calendar quarter -> (figures, CNY per USD used).
  struct Entry {
    const QuarterFigures* q;
    double rate;
  };
  std::vector<std::map<int, Entry>> by_quarter(projection.companies.size());
  std::map<int, std::pair<int, int>> status;  // quarter -> (#actual, #projected)
  std::set<std::string> carried;              // "2024Q4 (rate of 2024Q3)" notes
  for (std::size_t i = 0; i < projection.companies.size(); ++i) {
    const auto& c = projection.companies[i];
    Quarter last{};
    for (const auto& q : c.quarters)
      if (q.actual) last = q.period;
    // Reported quarters: the data's rate, carried forward from the latest earlier one
    // when that quarter has none (said in a note). Projected: the scenario's FX path.
    // A company already in the target currency needs no rate (and the data may have none).
    const bool convert_needed = c.currency != currency;
    const dataset::FxTable history(data);
    const auto path =
        convert_needed ? model::fx_path(data, scenario.fx, last, projection.horizon) : std::vector<double>{};
    for (const auto& q : c.quarters) {
      double rate = 1;
      if (!convert_needed) {
        // rate unused: convert() passes same-currency amounts through
      } else if (q.actual) {
        const auto found = history.lookup(q.period, dataset::FxTable::Fill::carry_forward);
        if (found.from != q.period)
          carried.insert(fmt::format("{} (rate of {})", q.period.to_string(), found.from.to_string()));
        rate = found.cny_per_usd;
      } else {
        rate = path[static_cast<std::size_t>(std::max(0, q.period - last - 1))];
      }
      by_quarter[i][q.period.index()] = {&q, rate};
      auto& s = status[q.period.index()];
      (q.actual ? s.first : s.second)++;
    }
  }
  const std::string unit = currency_unit(currency);

  Document doc;
  doc.title = fmt::format("cloudcast — the AI-cloud race, scenario '{}' ({} quarters, {})", projection.scenario,
                          projection.horizon, unit);

  // Summary: where each company stands now and at the end of the horizon.
  Table summary;
  summary.title = "Summary";
  summary.columns = {{"Company", "", Kind::text},
                     {"Last reported", "", Kind::text},
                     {"Revenue now", unit},
                     {"Revenue at end", unit},
                     {"Growth", "%/yr", Kind::percent, 1},
                     {"Margin now", "%", Kind::percent, 1},
                     {"Margin at end", "%", Kind::percent, 1},
                     {"AI share at end", "%", Kind::percent, 1},
                     {"Capex, horizon", unit},
                     {"Payback", "", Kind::text}};
  for (std::size_t i = 0; i < projection.companies.size(); ++i) {
    const auto& c = projection.companies[i];
    const QuarterFigures* now = nullptr;
    for (const auto& q : c.quarters)
      if (q.actual) now = &q;
    const QuarterFigures& end = c.quarters.back();
    if (!now || now == &end) continue;
    const double r_now =
        convert(now->revenue.value_or(0), c.currency, currency, by_quarter[i][now->period.index()].rate);
    const double r_end = convert(end.revenue.value_or(0), c.currency, currency, by_quarter[i][end.period.index()].rate);
    const int years4 = end.period - now->period;
    double capex = 0;
    for (const auto& q : c.quarters)
      if (!q.actual && q.capex) capex += convert(*q.capex, c.currency, currency, by_quarter[i][q.period.index()].rate);
    std::optional<double> growth, ai_share;
    if (r_now > 0 && r_end > 0) growth = std::pow(r_end / r_now, 4.0 / years4) - 1;
    if (end.ai_revenue && end.revenue) ai_share = *end.ai_revenue / *end.revenue;
    const std::string payback = c.payback.empty() ? "-" : c.payback;
    summary.rows.push_back({c.id, fmt::format("{} ({})", now->period.to_string(), now->fiscal_period), r_now, r_end,
                            cell(growth), cell(now->operating_margin), cell(end.operating_margin), cell(ai_share),
                            capex, payback});
  }
  summary.notes.push_back(
      fmt::format("'now' is each company's last reported quarter; 'end' is {} quarters later.", projection.horizon));
  doc.tables.push_back(std::move(summary));

  for (const ProjectionMetric* m : chosen) {
    Table t;
    t.title = m->label;
    t.columns.push_back({"Quarter", "", Kind::text});
    t.columns.push_back({"Status", "", Kind::text});
    for (const auto& c : projection.companies)
      t.columns.push_back(m->money ? Column{c.id, unit} : Column{c.id, "%", Kind::percent, 1});
    for (const auto& [qi, counts] : status) {
      std::vector<Cell> row{Quarter::from_index(qi).to_string(), std::string(counts.second == 0  ? "actual"
                                                                             : counts.first == 0 ? "projected"
                                                                                                 : "mixed")};
      for (std::size_t i = 0; i < projection.companies.size(); ++i) {
        auto it = by_quarter[i].find(qi);
        if (it == by_quarter[i].end() || !(it->second.q->*(m->member))) {
          row.emplace_back();
          continue;
        }
        const double v = *(it->second.q->*(m->member));
        row.emplace_back(m->money ? convert(v, projection.companies[i].currency, currency, it->second.rate) : v);
      }
      t.rows.push_back(std::move(row));
    }
    doc.tables.push_back(std::move(t));
  }
  doc.notes.push_back(fmt::format(
      "Companies lined up by calendar quarter. CNY per USD: the data's period-end rates for reported quarters, the "
      "scenario's FX path for projected ones. Capex is the share attributable to the cloud segment."));
  if (!carried.empty())
    doc.notes.push_back(fmt::format("No CNY per USD rate in the data for {}: the latest earlier rate is used.",
                                    fmt::join(carried, ", ")));
  if (!scenario.description.empty()) doc.notes.push_back("Scenario: " + scenario.description);
  doc.notes.push_back("Details per company: cloudcast forecast --scenario " + projection.scenario);
  doc.meta = meta(data, scenario);
  doc.meta["scenario"] = projection.scenario;
  doc.meta["currency"] = std::string(currency);
  return doc;
}

}  // namespace cloudcast::report
