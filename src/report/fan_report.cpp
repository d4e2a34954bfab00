#include "report/fan_report.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace cloudcast::report {

std::string draw_fan(const FanRow& row, double axis_low, double axis_high, int width) {
  if (width < 1) return {};
  const auto n = static_cast<std::size_t>(width);
  std::vector<std::string_view> cells(n, " ");
  const bool finite = std::isfinite(row.p5) && std::isfinite(row.p95) && std::isfinite(row.p50) &&
                      std::isfinite(axis_low) && std::isfinite(axis_high);
  if (!finite) return std::string(n, ' ');
  const double span = axis_high - axis_low;
  // Character index of a value: the cell whose interval contains it.
  auto at = [&](double x) {
    if (!(span > 0)) return static_cast<std::size_t>(n / 2);
    const double position = (x - axis_low) / span * static_cast<double>(n);
    return static_cast<std::size_t>(std::clamp(std::floor(position), 0.0, static_cast<double>(n - 1)));
  };
  for (std::size_t i = at(row.p5); i <= at(row.p95); ++i) cells[i] = "░";
  for (std::size_t i = at(row.p25); i <= at(row.p75); ++i) cells[i] = "▓";
  cells[at(row.p50)] = "┃";
  std::string text;
  for (auto c : cells) text += c;
  // Trailing blanks carry no picture; the renderer pads the column anyway.
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace cloudcast::report
