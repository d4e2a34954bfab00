#pragma once
// The value types every report is made of. Numbers stay numbers here (a renderer
// decides how they look), so CSV and JSON carry full precision and the terminal
// table carries thousands separators.

#include <nlohmann/json.hpp>

#include <string>
#include <variant>
#include <vector>

namespace cloudcast::report {

// How a number column is shown. Fractions are stored as fractions (0.26) and shown
// as percentages (26.0 %) by the text and Markdown renderers.
enum class Kind { text, number, integer, percent };

struct Column {
  std::string header;
  std::string unit;  // "RMB m", "USD m", "%", "" — shown in headers
  Kind kind = Kind::number;
  int decimals = 0;  // digits after the point in text and Markdown output
};

// An empty cell (monostate) is a missing value: blank in text, empty in CSV, null in JSON.
using Cell = std::variant<std::monostate, std::string, double>;

struct Table {
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> notes;  // printed under the table (sources, caveats)
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
};

}  // namespace cloudcast::report
