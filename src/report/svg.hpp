#pragma once
// Chart layout for the HTML and SVG renderers: scales, ticks and paths of a
// report::Chart drawn as inline SVG (no script, no external reference). Layout only:
// every value drawn comes from the Chart, which the report builder filled.

#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

// An <svg> element (no XML declaration) `width` pixels wide; the height follows the
// kind (a tornado grows with its rows). Each point carries a <title> with its value,
// so a reader without a mouse-over still finds the figure in the file.
std::string svg_chart(const Chart& chart, int width = 760);

// Axis ticks at "nice" steps (1, 2 or 5 times a power of ten), about `count` of them,
// the first at or below low and the last at or above high. low == high widens the axis.
std::vector<double> nice_ticks(double low, double high, int count = 5);

// &, <, >, " and ' as entities: text and attribute values in XML.
std::string xml_escape(std::string_view text);

}  // namespace cloudcast::report
