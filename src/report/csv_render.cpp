// The CSV renderer: every table of a document as one long ("tidy") table that
// pandas.read_csv, R's read.csv and spreadsheets read as it is, one row per number:
//
//   table,company,period,fiscal_period,status,item,metric,value,unit,text
//
// Keys come from the columns' roles (report/table.hpp); each measure cell becomes a
// row named by its column's id. Text cells that are not keys (a capex basis, a payback
// quarter) go in `text`, so `value` stays numeric. Missing cells have no row.
#include <fmt/format.h>

#include <cmath>

#include "report/renderers.hpp"
#include "util/csv.hpp"

namespace cloudcast::report::detail {

std::string value_unit(const Column& column) {
  if (column.kind != Kind::percent) return column.unit;
  // Stored as a fraction (0.26) whatever the header says: name it so.
  if (column.unit.empty() || column.unit == "%") return "fraction";
  std::string unit = column.unit;
  if (const auto at = unit.find('%'); at != std::string::npos) unit.replace(at, 1, "fraction");
  return unit;
}

namespace {

struct Keys {
  std::string company, period, fiscal_period, status, item;
};

std::string text_of(const Cell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* value = std::get_if<double>(&cell)) return fmt::format("{}", *value);
  return "";
}

void append(std::string& to, std::string_view part) {
  if (part.empty()) return;
  if (!to.empty()) to += '/';
  to += part;
}

void render_table(const Table& table, std::ostream& out) {
  const std::string id = table_id(table);
  bool has_keys = false;
  for (const auto& column : table.columns) has_keys = has_keys || column.role != Role::measure;
  // A table without declared keys is named by its first text column (a method, a driver).
  const bool first_is_item = !has_keys && !table.columns.empty() && table.columns.front().kind == Kind::text;

  for (const auto& row : table.rows) {
    Keys keys{.company = table.company};
    for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
      const Role role = first_is_item && c == 0 ? Role::item : table.columns[c].role;
      const std::string text = text_of(row[c]);
      switch (role) {
        case Role::company:
          keys.company = text;
          break;
        case Role::period:
          keys.period = text;
          break;
        case Role::fiscal_period:
          keys.fiscal_period = text;
          break;
        case Role::status:
          keys.status = text;
          break;
        case Role::item:  // a number names its column: "h=3", "useful_life=4"
          append(keys.item, std::holds_alternative<double>(row[c]) ? column_id(table.columns[c]) + "=" + text : text);
          break;
        case Role::measure:
          break;
      }
    }
    for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
      const Column& column = table.columns[c];
      if ((first_is_item && c == 0) || column.role != Role::measure) continue;
      if (std::holds_alternative<std::monostate>(row[c])) continue;
      if (const auto* number = std::get_if<double>(&row[c]); number && !std::isfinite(*number)) continue;
      const std::string company = column.company.empty() ? keys.company : column.company;
      std::string item = keys.item, metric = column_id(column);
      if (!table.metric.empty()) {
        if (column.company.empty()) append(item, metric);  // a statistic of the table's metric
        metric = table.metric;
      }
      std::string value, unit, text;
      if (const auto* number = std::get_if<double>(&row[c])) {
        value = fmt::format("{}", *number);  // shortest form that reads back to the same double
        unit = value_unit(column);
      } else {
        text = std::get<std::string>(row[c]);
      }
      out << util::csv_field(id) << ',' << util::csv_field(company) << ',' << util::csv_field(keys.period) << ','
          << util::csv_field(keys.fiscal_period) << ',' << util::csv_field(keys.status) << ',' << util::csv_field(item)
          << ',' << util::csv_field(metric) << ',' << value << ',' << util::csv_field(unit) << ','
          << util::csv_field(text) << '\n';
    }
  }
}

}  // namespace

}  // namespace cloudcast::report::detail

namespace cloudcast::report {

void render_wide_csv(const Table& table, std::ostream& out) {
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    const Column& column = table.columns[c];
    out << (c > 0 ? "," : "")
        << util::csv_field(column.unit.empty() ? column.header : fmt::format("{} ({})", column.header, column.unit));
  }
  out << "\n";
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      out << (c > 0 ? "," : "");
      if (c >= row.size()) continue;
      if (const auto* text = std::get_if<std::string>(&row[c])) out << util::csv_field(*text);
      if (const auto* value = std::get_if<double>(&row[c]); value && std::isfinite(*value))
        out << fmt::format("{}", *value);
    }
    out << "\n";
  }
}

}  // namespace cloudcast::report

namespace cloudcast::report::detail {

void render_csv(const Document& doc, std::ostream& out) {
  out << "table,company,period,fiscal_period,status,item,metric,value,unit,text\n";
  for (const Table& table : doc.tables) render_table(table, out);
}

}  // namespace cloudcast::report::detail
