#pragma once
// The terminal fan chart: one row per quarter, the P5–P95 band (░), the P25–P75 band
// (▓) and the median (┃) drawn on a shared axis, so the picture lines up with the
// numbers on the same row. Formatting only: the values come from the simulation.

#include <string>

namespace cloudcast::report {

struct FanRow {
  double p5 = 0, p25 = 0, p50 = 0, p75 = 0, p95 = 0;
};

// width characters, positions scaled linearly from [axis_low, axis_high]. A band
// narrower than one character still shows as one; NaN values draw an empty row.
std::string draw_fan(const FanRow& row, double axis_low, double axis_high, int width = 32);

}  // namespace cloudcast::report
