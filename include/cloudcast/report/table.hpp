#pragma once
// The value types every report is made of. Numbers stay numbers here (a renderer
// decides how they look), so CSV and JSON carry full precision and the terminal
// table carries thousands separators.

#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace cloudcast::report {

// How a number column is shown. Fractions are stored as fractions (0.26) and shown
// as percentages (26.0 %) by the text and Markdown renderers.
enum class Kind { text, number, integer, percent };

// What a column is in the long (tidy) CSV: a key of the row (company, calendar period,
// fiscal period, status, or another item such as a method or a driver), or a measure:
// one long row per cell, named by the column's metric.
enum class Role { measure, company, period, fiscal_period, status, item };

struct Column {
  std::string header;
  std::string unit;  // "RMB m", "USD m", "%", "" — shown in headers
  Kind kind = Kind::number;
  int decimals = 0;  // digits after the point in text and Markdown output
  // snake_case id: the JSON key and, for a measure, the long CSV's metric. Empty: the
  // header made snake_case (tables whose headers already are ids, e.g. data show's).
  std::string id = {};
  Role role = Role::measure;
  std::string company = {};  // the company of every cell below (compare's company columns)
};

// An empty cell (monostate) is a missing value: blank in text, empty in CSV, null in JSON.
using Cell = std::variant<std::monostate, std::string, double>;

struct Table {
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // printed under the table (sources, caveats)
  // snake_case id: the long CSV's `table` value and the JSON table id. Empty: the title
  // made snake_case.
  std::string id = {};
  // When the whole table is about one company or one metric (simulate's band tables),
  // the long CSV takes them from here; the columns' ids then name statistics (item).
  std::string company = {};
  std::string metric = {};
};

// A chart for the HTML and SVG renderers: series of points laid out by report/svg.cpp.
// Builders fill them from figures they already hold; the renderers only draw.
enum class ChartKind { line, fan, tornado };

struct ChartPoint {
  std::string x;  // category label: a calendar quarter, or a driver for a tornado
  double y = 0;   // line: the value; fan: the median; tornado: the base output
  // fan: P5, P25, P75, P95; tornado: output at the driver's low and high value.
  double low = 0, high = 0, inner_low = 0, inner_high = 0;
  bool projected = false;  // drawn dashed after the last reported quarter
};

struct ChartSeries {
  std::string name;  // legend: a company id, or "revenue"
  std::vector<ChartPoint> points;
};

struct Chart {
  std::string id;  // snake_case, unique in the document: "revenue_capex_alibaba"
  std::string title;
  std::string unit;      // axis unit: "USD m", or "%" for fractions shown as percent
  bool percent = false;  // values are fractions, labelled as percent
  ChartKind kind = ChartKind::line;
  std::vector<ChartSeries> series;
};

// What a command hands to the renderers. json, when set, is the command's own JSON
// contract (e.g. forecast's companies/quarters tree); otherwise the JSON renderer
// writes the tables. meta (schema_version, tool_version, inputs_digest, seed...) leads
// every JSON document.
struct Document {
  std::string title;
  std::vector<Table> tables;
  std::vector<std::string> notes;
  nlohmann::ordered_json meta = nlohmann::ordered_json::object();
  nlohmann::ordered_json json;  // null unless the command defines its own shape
  std::vector<Chart> charts;    // drawn by the HTML and SVG renderers only
  // Where the figures come from, as (field, value) rows: data origin and digest, the
  // scenario, each source document. The workbook's provenance sheet and HTML footer.
  std::vector<std::pair<std::string, std::string>> provenance;
};

// The id of a column or table: its own, else its header or title made snake_case.
std::string column_id(const Column& column);
std::string table_id(const Table& table);
// "Revenue now" -> "revenue_now", "h=1" -> "h_1", "P5" -> "p5".
std::string snake_case(std::string_view text);

}  // namespace cloudcast::report
