#pragma once
// The vocabulary of the data files: known metrics and what their values mean, the
// currencies, and the names of the Basis and Confidence values. docs/data.md lists it.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

inline constexpr int kSchemaVersion = 1;

// What a metric's value is measured in.
enum class MetricKind {
  money,    // millions of the company's reporting currency ("RMB m", "USD m")
  percent,  // a percentage (26 = 26 %)
  points,   // percentage points ("pp")
};

struct MetricInfo {
  std::string_view name;  // stable snake_case id used in the files and the JSON output
  MetricKind kind;
  bool non_negative;        // a negative value is a data error (revenue, capex)
  std::string_view level;   // for a growth metric, the level it is the growth of ("" otherwise)
  std::string_view description;
};

std::span<const MetricInfo> metrics();
const MetricInfo* find_metric(std::string_view name);
// The metrics' names in the table's order, for "expected one of" messages.
std::vector<std::string> metric_names();

// The years a quarter in the data may fall in: wide enough for any history, narrow
// enough to catch a typo such as 20255Q1 or 1025Q1.
inline constexpr int kFirstDataYear = 1990;
inline constexpr int kLastDataYear = 2100;

// What is wrong with an observation's value and unit, if anything: the field and the
// message ("unit \"USD m\" does not fit revenue of a CNY company; expected \"RMB m\"",
// "negative revenue -3 RMB m; expected a value >= 0"). Every reader of figures (the
// company files, the long CSV) checks with this one function.
struct FieldProblem {
  std::string_view field;  // "unit" or "value"
  std::string message;
};
std::optional<FieldProblem> check_value_unit(const MetricInfo& metric, double value, std::string_view unit,
                                             std::string_view currency);

// Currency::find(currency)->unit() ("RMB m"), nullopt for an unknown currency; and the
// known codes (Currency::all()), for the loader's messages.
std::optional<std::string> money_unit(std::string_view currency);
std::span<const std::string_view> currencies();

std::string_view to_string(Basis basis);
std::string_view to_string(Confidence confidence);
std::optional<Basis> parse_basis(std::string_view text);
std::optional<Confidence> parse_confidence(std::string_view text);
// The names parse_basis / parse_confidence accept, for "expected one of" messages.
std::vector<std::string> basis_names();
std::vector<std::string> confidence_names();

}  // namespace cloudcast::dataset
