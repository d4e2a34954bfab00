#pragma once
// Event expressions for probabilities: "alibaba.operating_margin@2027Q2 < 0.05" —
// company.metric@quarter, a comparison (< <= > >=) and a threshold.

#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/types.hpp"

namespace cloudcast::model {

enum class Comparison { less, less_equal, greater, greater_equal };

struct EventExpr {
  std::string text;  // as written
  std::string company;
  std::string metric;
  Quarter quarter;
  Comparison op = Comparison::less;
  double threshold = 0;

  bool holds(double value) const {
    switch (op) {
      case Comparison::less: return value < threshold;
      case Comparison::less_equal: return value <= threshold;
      case Comparison::greater: return value > threshold;
      case Comparison::greater_equal: return value >= threshold;
    }
    return false;
  }
};

// Parses an event. place prefixes errors ("--prob", "file:/events/0"); a command-line
// expression throws UsageError, one from a file (from_file) DataError:
// "--prob 'alibaba.margin@2027Q2 <': missing threshold; expected company.metric@quarter < number".
EventExpr parse_event(std::string_view text, std::string_view place, bool from_file = false);

std::string_view comparison_symbol(Comparison op);

}  // namespace cloudcast::model
