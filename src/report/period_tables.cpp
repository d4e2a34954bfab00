#include "report/period_tables.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <map>

#include "dataset/calendar.hpp"
#include "cloudcast/model/metrics.hpp"
#include "report/projection_cells.hpp"

namespace cloudcast::report {

namespace {

using json = nlohmann::ordered_json;

const dataset::Company* find(const dataset::Dataset& data, std::string_view id) {
  for (const auto& c : data.companies)
    if (c.id == id) return &c;
  return nullptr;
}

int fy_end_month(const dataset::Dataset& data, std::string_view id) {
  const dataset::Company* c = find(data, id);
  return c ? c->fiscal_year_end_month : 12;
}

std::string span_text(const model::YearFigures& y) {
  return fmt::format("{}–{}", y.first.to_string(), y.last.to_string());
}

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

}  // namespace

std::vector<model::YearFigures> company_years(std::span<const model::QuarterFigures> quarters, std::string_view id,
                                              const dataset::Dataset& data, model::Period period) {
  return model::roll_up_years(quarters, period, fy_end_month(data, id));
}

Table company_year_table(std::span<const model::YearFigures> years, const std::string& unit,
                         const std::string& profit_measure) {
  Table t;
  t.columns = {{"Year", "", Kind::text, 0, "period", Role::period},
               {"Quarters", "", Kind::text, 0, "quarters"},
               {"Coverage", "", Kind::text, 0, "coverage"},
               {"Status", "", Kind::text, 0, "status", Role::status}};
  std::vector<const model::Metric*> shown;
  for (const model::Metric& m : model::metrics()) {
    if (!m.in_forecast_table) continue;
    shown.push_back(&m);
    t.columns.push_back(metric_column(m, model::company_label(m, profit_measure, true), unit));
    if (m.id == "capex") t.columns.push_back({"Capex basis", "", Kind::text, 0, "capex_basis"});
  }
  t.columns.push_back({"Revenue YoY", "%", Kind::percent, 1, "revenue_growth"});
  for (const model::YearFigures& y : years) {
    std::vector<Cell> row{y.label, span_text(y), y.coverage(), y.status()};
    for (const model::Metric* m : shown) {
      row.push_back(cell(y.figures.*(m->figure)));
      if (m->id == "capex") row.push_back(y.figures.capex_basis.empty() ? Cell{} : Cell{y.figures.capex_basis});
    }
    row.push_back(cell(y.revenue_growth));
    t.rows.push_back(std::move(row));
  }
  return t;
}

json years_json(std::span<const model::YearFigures> years) {
  json out = json::array();
  for (const model::YearFigures& y : years) {
    json j;
    j["label"] = y.label;
    j["first"] = y.first.to_string();
    j["last"] = y.last.to_string();
    j["quarters"] = y.quarters;
    j["actual_quarters"] = y.actual;
    j["status"] = y.status();
    j["partial"] = y.partial();
    for (const model::Metric& m : model::metrics()) {
      if (!m.in_forecast_json) continue;
      const std::optional<double>& v = y.figures.*m.figure;
      j[std::string(m.id)] = v && std::isfinite(*v) ? json(*v) : json(nullptr);
      if (m.id == "capex")
        j["capex_basis"] = y.figures.capex_basis.empty() ? json(nullptr) : json(y.figures.capex_basis);
    }
    j["revenue_growth"] = y.revenue_growth ? json(*y.revenue_growth) : json(nullptr);
    out.push_back(std::move(j));
  }
  return out;
}

Table compare_year_table(const model::Metric& metric, std::span<const model::ComparedCompany> companies,
                         const dataset::Dataset& data, model::Period period, const std::string& unit) {
  Table t;
  t.title = std::string(metric.label);
  t.id = std::string(metric.id);
  t.metric = std::string(metric.id);
  t.columns.push_back({"Year", "", Kind::text, 0, "period", Role::period});
  t.columns.push_back({"Status", "", Kind::text, 0, "status", Role::status});
  // Years by label ("FY2026" is each company's own fiscal year 2026), then by company.
  std::map<std::string, std::vector<const model::YearFigures*>> by_label;
  std::vector<std::vector<model::YearFigures>> years;
  for (const model::ComparedCompany& c : companies) {
    const dataset::Company* company = find(data, c.id);
    const std::string measure =
        company ? model::company_label(metric, company->profit_measure).substr(metric.label.size()) : "";
    Column column = metric_column(metric, c.id + measure, unit);
    column.id = c.id;
    column.company = c.id;
    t.columns.push_back(std::move(column));
    years.push_back(company_years(c.quarters, c.id, data, period));
  }
  for (std::size_t i = 0; i < years.size(); ++i)
    for (const model::YearFigures& y : years[i]) {
      auto& slot = by_label[y.label];
      slot.resize(companies.size(), nullptr);
      slot[i] = &y;
    }
  for (const auto& [label, cells] : by_label) {
    int actual = 0, projected = 0;
    std::vector<std::string> partial;
    std::vector<Cell> row{label, Cell{}};
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const model::YearFigures* y = cells[i];
      if (!y) {
        row.emplace_back();
        continue;
      }
      row.push_back(cell(y->figures.*(metric.figure)));
      actual += y->actual;
      projected += y->quarters - y->actual;
      if (y->partial()) partial.push_back(fmt::format("{} {}/4", companies[i].id, y->quarters));
    }
    std::string state = projected == 0 ? "actual" : actual == 0 ? "projected" : "mixed";
    if (!partial.empty()) state += fmt::format(" (partial: {})", fmt::join(partial, ", "));
    row[1] = Cell{state};
    t.rows.push_back(std::move(row));
  }
  return t;
}

std::vector<std::string> period_notes(model::Period period, const dataset::Dataset& data,
                                      std::span<const std::string> company_ids) {
  std::vector<std::string> notes;
  notes.push_back(
      "Years: flows (revenue, costs, capex, free cash flow) are the sums of the year's quarters; operating margin and "
      "capex intensity are recomputed from those sums (operating income / revenue, capex / revenue); AI utilisation "
      "is the quarters' mean; cumulative capex is the year's last quarter's. Status 'mixed': part reported, part "
      "projected. A year the projection holds only in part is marked partial, with how many of its four quarters it "
      "holds (2/4): its figures cover those quarters alone and it has no YoY growth.");
  if (period == model::Period::fiscal_year) {
    std::vector<std::string> ends;
    for (const auto& id : company_ids) {
      const int month = fy_end_month(data, id);
      ends.push_back(fmt::format("{} ends in {} (FY2026 = {}–{})", id, kMonths[month - 1],
                                 dataset::to_calendar({2026, 1}, month).to_string(),
                                 dataset::to_calendar({2026, 4}, month).to_string()));
    }
    notes.push_back(fmt::format("Fiscal years, named after the calendar year they end in: {}.", fmt::join(ends, "; ")));
  }
  return notes;
}

}  // namespace cloudcast::report
