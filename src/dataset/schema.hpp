#pragma once
// The vocabulary of the data files: known metrics and what their values mean, the
// currencies, and the names of the Basis and Confidence values. docs/data.md lists it.

#include <optional>
#include <span>
#include <string>
#include <string_view>

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

// Currency::find(currency)->unit() ("RMB m"), nullopt for an unknown currency; and the
// known codes (Currency::all()), for the loader's messages.
std::optional<std::string> money_unit(std::string_view currency);
std::span<const std::string_view> currencies();

std::string_view to_string(Basis basis);
std::string_view to_string(Confidence confidence);
std::optional<Basis> parse_basis(std::string_view text);
std::optional<Confidence> parse_confidence(std::string_view text);

}  // namespace cloudcast::dataset
