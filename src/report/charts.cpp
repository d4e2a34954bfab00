#include "report/charts.hpp"

#include <algorithm>
#include <cmath>

namespace cloudcast::report {

namespace {

std::optional<std::size_t> find_column(const Table& table, std::string_view id) {
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (column_id(table.columns[c]) == id) return c;
  return std::nullopt;
}

std::optional<std::size_t> find_role(const Table& table, Role role) {
  for (std::size_t c = 0; c < table.columns.size(); ++c)
    if (table.columns[c].role == role) return c;
  return std::nullopt;
}

std::optional<double> number_at(const std::vector<Cell>& row, std::optional<std::size_t> c) {
  if (!c || *c >= row.size()) return std::nullopt;
  if (const auto* v = std::get_if<double>(&row[*c]); v && std::isfinite(*v)) return *v;
  return std::nullopt;
}

std::string text_at(const std::vector<Cell>& row, std::optional<std::size_t> c) {
  if (!c || *c >= row.size()) return {};
  if (const auto* t = std::get_if<std::string>(&row[*c])) return *t;
  return {};
}

// The axis unit of a column: "%" for fractions (drawn as percent), else its unit.
void set_unit(Chart& chart, const Column& column) {
  chart.percent = column.kind == Kind::percent;
  chart.unit = chart.percent ? "%" : column.unit;
}

ChartSeries series_of(const Table& table, std::size_t column, std::string name) {
  ChartSeries series{.name = std::move(name)};
  const auto period = find_role(table, Role::period), status = find_role(table, Role::status);
  for (const auto& row : table.rows) {
    const auto value = number_at(row, column);
    if (!value) continue;
    series.points.push_back({.x = text_at(row, period), .y = *value, .projected = text_at(row, status) == "projected"});
  }
  return series;
}

}  // namespace

Chart columns_chart(const Table& table, const std::vector<std::string>& column_ids, std::string id, std::string title) {
  Chart chart{.id = std::move(id), .title = std::move(title)};
  for (const auto& wanted : column_ids) {
    const auto c = find_column(table, wanted);
    if (!c) continue;
    const Column& column = table.columns[*c];
    if (chart.series.empty()) set_unit(chart, column);
    chart.series.push_back(series_of(table, *c, column.company.empty() ? column.header : column.company));
  }
  return chart;
}

Chart across_tables_chart(const std::vector<const Table*>& tables, const std::string& column_id, std::string id,
                          std::string title) {
  Chart chart{.id = std::move(id), .title = std::move(title)};
  for (const Table* table : tables) {
    const auto c = find_column(*table, column_id);
    if (!c) continue;
    if (chart.series.empty()) set_unit(chart, table->columns[*c]);
    chart.series.push_back(series_of(*table, *c, table->company.empty() ? table->title : table->company));
  }
  return chart;
}

std::optional<Chart> fan_chart(const Table& bands, std::string title) {
  const auto p5 = find_column(bands, "p5"), p25 = find_column(bands, "p25"), p50 = find_column(bands, "p50"),
             p75 = find_column(bands, "p75"), p95 = find_column(bands, "p95");
  if (!p5 || !p25 || !p50 || !p75 || !p95) return std::nullopt;
  Chart chart{.id = table_id(bands), .title = std::move(title), .kind = ChartKind::fan};
  set_unit(chart, bands.columns[*p50]);
  ChartSeries series{.name = bands.company};
  const auto period = find_role(bands, Role::period);
  for (const auto& row : bands.rows) {
    const auto a = number_at(row, p5), b = number_at(row, p25), m = number_at(row, p50), d = number_at(row, p75),
               e = number_at(row, p95);
    if (!a || !b || !m || !d || !e) continue;
    series.points.push_back({.x = text_at(row, period),
                             .y = *m,
                             .low = *a,
                             .high = *e,
                             .inner_low = *b,
                             .inner_high = *d,
                             .projected = true});
  }
  chart.series.push_back(std::move(series));
  return chart;
}

Chart tornado_chart(const Table& tornado, double base, std::string title) {
  Chart chart{.id = table_id(tornado), .title = std::move(title), .kind = ChartKind::tornado};
  const auto driver = find_column(tornado, "driver"), low = find_column(tornado, "output_at_low"),
             high = find_column(tornado, "output_at_high");
  if (low) set_unit(chart, tornado.columns[*low]);
  ChartSeries series{.name = "output"};
  for (const auto& row : tornado.rows) {
    const auto a = number_at(row, low), b = number_at(row, high);
    if (!a || !b) continue;
    series.points.push_back({.x = text_at(row, driver), .y = base, .low = *a, .high = *b});
  }
  chart.series.push_back(std::move(series));
  return chart;
}

}  // namespace cloudcast::report
