#pragma once
// Reading a company's series the way the engine and the reports need them: one value
// per quarter on one segment basis, in time order, and year-over-year growth that is
// never computed across a segment-basis break.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

struct Point {
  Quarter period;
  std::string fiscal_period;
  double value = 0;
  std::string unit;
  Basis basis = Basis::reported;
  Confidence confidence = Confidence::sourced;
  std::string segment_basis;
  std::string origin;  // the observation's place, "data/companies/alibaba.json:/observations/3", for messages
};

// The segment basis a metric is projected on: the basis of its latest observation
// (when the latest quarter has several, the one with more observations). nullopt when
// the company has no observation of the metric.
std::optional<std::string> projection_basis(const Company& company, std::string_view metric);

// The metric's points on the projection basis (or on the given basis), time order,
// one per quarter. Quarters the data lack are absent (validate() warns about gaps), so
// check `period` before assuming the points are contiguous.
std::vector<Point> series(const Company& company, std::string_view metric);
std::vector<Point> series(const Company& company, std::string_view metric, std::string_view segment_basis);

// The last run of consecutive quarters of a series (the part a trend can be fitted to).
std::vector<Point> contiguous_tail(const std::vector<Point>& points);

// Year-over-year growth as a fraction (0.258 = +25.8 %), or no value and the reason:
// no figure a year earlier, a figure only on another segment basis (a basis break), or
// a zero/negative base.
struct Growth {
  std::optional<double> value;
  std::string reason;  // empty when value is set
};
Growth growth_yoy(const Company& company, std::string_view metric, Quarter quarter, std::string_view segment_basis);

}  // namespace cloudcast::dataset
