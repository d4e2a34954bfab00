#pragma once
// Cells and columns the projection reports share (forecast and compare, by quarter or
// by year): one place for how a metric's column looks.

#include <optional>
#include <string>

#include "cloudcast/model/metrics.hpp"
#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

// A metric's column: money in the given unit, a fraction as a percentage.
inline Column metric_column(const model::Metric& m, std::string header, const std::string& unit) {
  return m.unit == model::MetricUnit::money ? Column{std::move(header), unit, Kind::number, 0, std::string(m.id)}
                                            : Column{std::move(header), "%", Kind::percent, 1, std::string(m.id)};
}

inline Cell cell(const std::optional<double>& v) { return v ? Cell{*v} : Cell{}; }

}  // namespace cloudcast::report
