#include "cloudcast/dataset/figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/parse.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/calendar.hpp"
#include "dataset/schema.hpp"
#include "util/csv.hpp"

namespace cloudcast::dataset {

namespace {

enum Column : std::size_t { company, period, metric, value, unit, basis, segment_basis, confidence, source, note };

using FigureKey =
    std::tuple<std::string, std::string, std::string, Quarter>;  // company, metric, segment basis, quarter

FigureKey key_of(const std::string& company_id, const Observation& obs) {
  return {company_id, obs.metric, obs.segment_basis, obs.period};
}

// The loader's order of a company's observations (load.cpp sorts the same way).
bool file_order(const Observation& a, const Observation& b) {
  return std::tie(a.metric, a.period, a.segment_basis) < std::tie(b.metric, b.period, b.segment_basis);
}

// Every column of the row compared, so a changed source or note is a change too.
bool same_figure(const Observation& a, const Observation& b) {
  return a.period == b.period && a.metric == b.metric && a.value == b.value && a.unit == b.unit && a.basis == b.basis &&
         a.segment_basis == b.segment_basis && a.confidence == b.confidence && a.source == b.source && a.note == b.note;
}

// One row's fields, each failure naming file, line, column and the column's name.
class RowReader {
 public:
  RowReader(const util::CsvRecord& record, const std::string& display) : record_(record), display_(display) {}

  [[noreturn]] void fail(Column c, const std::string& what) const {
    throw DataError(
        fmt::format("{}:{}:{}: {}: {}", display_, record_.line, record_.columns[c], figure_columns()[c], what));
  }

  const std::string& text(Column c) const { return record_.fields[c]; }

  const std::string& non_empty(Column c) const {
    if (text(c).empty()) fail(c, "expected a non-empty text, got \"\"");
    return text(c);
  }

 private:
  const util::CsvRecord& record_;
  const std::string& display_;
};

const Company& read_company(const RowReader& row, const Dataset& data) {
  const std::string& name = row.text(Column::company);
  std::vector<std::string> ids;
  for (const Company& c : data.companies) {
    if (c.id == name || std::find(c.aliases.begin(), c.aliases.end(), name) != c.aliases.end()) return c;
    ids.push_back(c.id);
  }
  row.fail(Column::company, util::unknown_name_message("company", name, ids));
}

Observation read_row(const RowReader& row, const Company& company, const std::string& origin) {
  Observation obs;
  obs.origin = origin;
  const std::string& period_text = row.non_empty(Column::period);
  const auto quarter = parse_quarter(period_text);
  if (!quarter)
    row.fail(Column::period,
             fmt::format("expected a calendar quarter such as 2025Q2, got \"{}\"", util::text_excerpt(period_text)));
  if (quarter->year < kFirstDataYear || quarter->year > kLastDataYear)
    row.fail(Column::period, fmt::format("quarter {} is outside {}..{}; expected a year in that range", period_text,
                                         kFirstDataYear, kLastDataYear));
  obs.period = *quarter;
  obs.fiscal_period = fiscal_label(obs.period, company.fiscal_year_end_month);
  obs.metric = row.text(Column::metric);
  const MetricInfo* info = find_metric(obs.metric);
  if (!info) row.fail(Column::metric, util::unknown_name_message("metric", obs.metric, metric_names()));
  const auto number = util::try_parse_double(row.text(Column::value));
  if (!number)
    row.fail(Column::value,
             fmt::format("expected a finite number, got \"{}\"", util::text_excerpt(row.text(Column::value))));
  obs.value = *number;
  obs.unit = row.text(Column::unit);
  if (const auto problem = check_value_unit(*info, obs.value, obs.unit, company.currency))
    row.fail(problem->field == "unit" ? Column::unit : Column::value, problem->message);
  const auto basis_value = parse_basis(row.text(Column::basis));
  if (!basis_value)
    row.fail(Column::basis, util::unknown_name_message("basis", row.text(Column::basis), basis_names()));
  obs.basis = *basis_value;
  obs.segment_basis = row.non_empty(Column::segment_basis);
  const auto confidence_value = parse_confidence(row.text(Column::confidence));
  if (!confidence_value)
    row.fail(Column::confidence,
             util::unknown_name_message("confidence", row.text(Column::confidence), confidence_names()));
  obs.confidence = *confidence_value;
  obs.source = row.non_empty(Column::source);
  obs.note = row.text(Column::note);
  return obs;
}

std::string csv_row(const std::string& company_id, const Observation& obs) {
  const std::vector<std::string> fields{company_id,        obs.period.to_string(),
                                        obs.metric,        fmt::format("{}", obs.value),  // shortest round-trip form
                                        obs.unit,          std::string(to_string(obs.basis)),
                                        obs.segment_basis, std::string(to_string(obs.confidence)),
                                        obs.source,        obs.note};
  std::string line;
  for (const std::string& field : fields) {
    if (!line.empty()) line += ',';
    line += util::csv_field(field);
  }
  return line + '\n';
}

std::string header_line() { return fmt::format("{}\n", fmt::join(figure_columns(), ",")); }

}  // namespace

const std::vector<std::string>& figure_columns() {
  static const std::vector<std::string> kColumns{"company", "period",        "metric",     "value",  "unit",
                                                 "basis",   "segment_basis", "confidence", "source", "note"};
  return kColumns;
}

std::vector<Figure> parse_figures(std::string_view text, const std::string& display, const Dataset& data) {
  const std::vector<util::CsvRecord> records = util::parse_csv(text, display);
  const std::string expected_header = fmt::format("{}", fmt::join(figure_columns(), ","));
  if (records.empty())
    throw DataError(
        fmt::format("{}:1:1: empty file; expected the header {} and one row per figure", display, expected_header));
  if (records.front().fields != figure_columns())
    throw DataError(fmt::format("{}:{}:1: header \"{}\"; expected {}", display, records.front().line,
                                fmt::format("{}", fmt::join(records.front().fields, ",")), expected_header));
  std::vector<Figure> figures;
  std::map<FigureKey, std::size_t> line_of;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const util::CsvRecord& record = records[i];
    if (record.fields.size() != figure_columns().size())
      throw DataError(fmt::format("{}:{}:1: {} field{}; expected {} ({})", display, record.line, record.fields.size(),
                                  record.fields.size() == 1 ? "" : "s", figure_columns().size(),
                                  fmt::join(figure_columns(), ", ")));
    const RowReader row(record, display);
    const Company& company = read_company(row, data);
    Figure figure{company.id, read_row(row, company, fmt::format("{}:{}", display, record.line))};
    const auto [it, inserted] = line_of.emplace(key_of(company.id, figure.observation), record.line);
    if (!inserted)
      throw DataError(
          fmt::format("{}:{}:1: duplicate {} {} ({}) for {}, first on line {}; expected one row per "
                      "company, metric, segment basis and quarter",
                      display, record.line, company.id, figure.observation.metric, figure.observation.segment_basis,
                      figure.observation.period.to_string(), it->second));
    figures.push_back(std::move(figure));
  }
  return figures;
}

std::string figures_csv(const Dataset& data) {
  std::string text = header_line();
  for (const Company& company : data.companies)
    for (const Observation& obs : company.observations) text += csv_row(company.id, obs);
  return text;
}

std::string figures_csv(const std::vector<Figure>& figures) {
  std::string text = header_line();
  for (const Figure& figure : figures) text += csv_row(figure.company, figure.observation);
  return text;
}

void apply_figures(Dataset& data, const std::vector<Figure>& figures) {
  for (const Figure& figure : figures) {
    const auto company = std::find_if(data.companies.begin(), data.companies.end(),
                                      [&](const Company& c) { return c.id == figure.company; });
    if (company == data.companies.end())
      throw DataError(fmt::format("{}: company: no company \"{}\" in {}; expected one of the data's companies",
                                  figure.observation.origin, util::text_excerpt(figure.company), data.origin));
    Observation obs = figure.observation;
    obs.from_overlay = true;
    const auto same =
        std::find_if(company->observations.begin(), company->observations.end(),
                     [&](const Observation& o) { return key_of(company->id, o) == key_of(company->id, obs); });
    if (same != company->observations.end()) {
      *same = std::move(obs);
    } else {
      company->observations.push_back(std::move(obs));
    }
  }
  for (Company& company : data.companies)
    std::stable_sort(company.observations.begin(), company.observations.end(), file_order);
}

OverlayUpdate update_overlay(const Dataset& base, const std::vector<Figure>& old_overlay,
                             const std::vector<Figure>& rows) {
  std::map<FigureKey, const Observation*> in_base;
  for (const Company& company : base.companies)
    for (const Observation& obs : company.observations) in_base.emplace(key_of(company.id, obs), &obs);
  std::map<FigureKey, Figure> overlay;
  for (const Figure& figure : old_overlay) overlay.insert_or_assign(key_of(figure.company, figure.observation), figure);

  OverlayUpdate update;
  update.rows = rows.size();
  for (const Figure& row : rows) {
    const FigureKey key = key_of(row.company, row.observation);
    // The figure in effect before this import: the old overlay's, else the base's.
    const Observation* before = nullptr;
    if (const auto o = overlay.find(key); o != overlay.end()) {
      before = &o->second.observation;
    } else if (const auto b = in_base.find(key); b != in_base.end()) {
      before = b->second;
    }
    if (!before) {
      ++update.added;
    } else if (same_figure(*before, row.observation)) {
      ++update.unchanged;
    } else {
      ++update.replaced;
    }
    overlay.insert_or_assign(key, row);
  }
  // Keep only what differs from the base: the overlay holds changes, nothing else.
  for (auto& [key, figure] : overlay) {
    const auto b = in_base.find(key);
    if (b == in_base.end() || !same_figure(*b->second, figure.observation)) update.overlay.push_back(std::move(figure));
  }
  // std::map's key order: company, metric, segment basis, quarter; the file order is
  // company, then the loader's metric, quarter, segment basis.
  std::stable_sort(update.overlay.begin(), update.overlay.end(), [](const Figure& a, const Figure& b) {
    if (a.company != b.company) return a.company < b.company;
    return file_order(a.observation, b.observation);
  });
  return update;
}

}  // namespace cloudcast::dataset
