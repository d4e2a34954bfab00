// Chart geometry: one linear scale per axis, categories (quarters, drivers) spaced
// evenly, values placed on "nice" ticks. Text is escaped; numbers are printed with one
// decimal so the same chart always gives the same bytes.
#include "report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>

#include "cloudcast/report/render.hpp"

namespace cloudcast::report {

namespace {

// Colour-blind-safe (Okabe-Ito) series colours, one per company or series.
constexpr std::array<std::string_view, 7> kColors{"#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                                  "#E69F00", "#56B4E9", "#000000"};
constexpr std::string_view kFont = "font-family=\"sans-serif\"";

struct Scale {
  double from_low, from_high, to_low, to_high;
  double operator()(double v) const { return to_low + (v - from_low) / (from_high - from_low) * (to_high - to_low); }
};

std::string color(std::size_t i) { return std::string(kColors[i % kColors.size()]); }

std::string value_label(double v, const Chart& chart, int decimals) {
  return chart.percent ? format_number(100 * v, decimals) + "%" : format_number(v, decimals);
}

// Digits a tick label needs so neighbouring ticks differ.
int tick_decimals(const std::vector<double>& ticks, bool percent) {
  if (ticks.size() < 2) return 0;
  const double step = std::fabs(ticks[1] - ticks[0]) * (percent ? 100 : 1);
  return std::clamp(static_cast<int>(-std::floor(std::log10(step) + 1e-9)), 0, 4);
}

std::string svg_open(const Chart& chart, int width, int height) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{}\" class=\"chart\" width=\"{}\" height=\"{}\" "
      "viewBox=\"0 0 {} {}\" role=\"img\">\n<title>{}</title>\n"
      "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n"
      "<text x=\"10\" y=\"20\" {} font-size=\"14\" font-weight=\"bold\">{}</text>\n",
      xml_escape(chart.id), width, height, width, height, xml_escape(chart.title), width, height, kFont,
      xml_escape(chart.title));
}

// Horizontal value axis lines and labels (line and fan charts) or vertical ones (tornado).
void value_axis(std::string& svg, const Chart& chart, const std::vector<double>& ticks, const Scale& scale,
                double across_low, double across_high, bool vertical_lines) {
  const int decimals = tick_decimals(ticks, chart.percent);
  for (const double t : ticks) {
    const double p = scale(t);
    if (vertical_lines) {
      svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#dddddd\"/>\n", p,
                         across_low, p, across_high);
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"10\" text-anchor=\"middle\">{}</text>\n", p,
                         across_high + 14, kFont, xml_escape(value_label(t, chart, decimals)));
    } else {
      svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#dddddd\"/>\n",
                         across_low, p, across_high, p);
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"10\" text-anchor=\"end\">{}</text>\n",
                         across_low - 6, p + 3, kFont, xml_escape(value_label(t, chart, decimals)));
    }
  }
}

std::vector<std::string> categories(const Chart& chart) {
  std::set<std::string> all;  // quarters ("2025Q4") sort as text
  for (const auto& s : chart.series)
    for (const auto& p : s.points) all.insert(p.x);
  return {all.begin(), all.end()};
}

std::string path_of(const std::vector<std::pair<double, double>>& points) {
  std::string d;
  for (std::size_t i = 0; i < points.size(); ++i)
    d += fmt::format("{}{:.1f},{:.1f}", i == 0 ? "M" : " L", points[i].first, points[i].second);
  return d;
}

std::string legend(const Chart& chart, double x, double y) {
  std::string svg;
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const double row = y + 18.0 * static_cast<double>(i);
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\" stroke-width=\"3\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"11\">{}</text>\n",
        x, row, x + 18, row, color(i), x + 24, row + 4, kFont, xml_escape(chart.series[i].name));
  }
  return svg;
}

// Line and fan charts share the frame: quarters across, values up.
std::string quarter_chart(const Chart& chart, int width) {
  constexpr int height = 340;
  const double left = 72, right = static_cast<double>(width) - 130, top = 52, bottom = height - 44;
  const std::vector<std::string> xs = categories(chart);
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& s : chart.series)
    for (const auto& p : s.points) {
      const bool fan = chart.kind == ChartKind::fan;
      low = std::min({low, p.y, fan ? p.low : p.y});
      high = std::max({high, p.y, fan ? p.high : p.y});
    }
  if (!std::isfinite(low)) low = 0, high = 1;
  const std::vector<double> ticks = nice_ticks(low, high);
  const Scale y{ticks.front(), ticks.back(), bottom, top};
  const double band = xs.empty() ? 1 : (right - left) / static_cast<double>(xs.size());
  auto x_of = [&](const std::string& label) {
    const auto at = std::lower_bound(xs.begin(), xs.end(), label) - xs.begin();
    return left + (static_cast<double>(at) + 0.5) * band;
  };

  std::string svg = svg_open(chart, width, height);
  if (!chart.unit.empty())
    svg += fmt::format("<text x=\"10\" y=\"{:.1f}\" {} font-size=\"10\">{}</text>\n", top - 16, kFont,
                       xml_escape(chart.unit));
  value_axis(svg, chart, ticks, y, left, right, false);
  // Every quarter when they fit, else every 2nd, 4th.. so the labels never overlap.
  const std::size_t every = std::max<std::size_t>(1, (xs.size() + 11) / 12);
  for (std::size_t i = 0; i < xs.size(); i += every)
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"10\" text-anchor=\"middle\">{}</text>\n",
                       x_of(xs[i]), bottom + 16, kFont, xml_escape(xs[i]));
  svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#444444\"/>\n", left,
                     bottom, right, bottom);

  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const ChartSeries& s = chart.series[i];
    const int decimals = chart.percent ? 1 : 0;
    if (chart.kind == ChartKind::fan) {
      std::vector<std::pair<double, double>> outer, inner, median;
      for (const auto& p : s.points) outer.emplace_back(x_of(p.x), y(p.high));
      for (auto p = s.points.rbegin(); p != s.points.rend(); ++p) outer.emplace_back(x_of(p->x), y(p->low));
      for (const auto& p : s.points) inner.emplace_back(x_of(p.x), y(p.inner_high));
      for (auto p = s.points.rbegin(); p != s.points.rend(); ++p) inner.emplace_back(x_of(p->x), y(p->inner_low));
      for (const auto& p : s.points) median.emplace_back(x_of(p.x), y(p.y));
      svg += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"0.18\" stroke=\"none\"/>\n", path_of(outer),
                         color(i));
      svg += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"0.38\" stroke=\"none\"/>\n", path_of(inner),
                         color(i));
      svg +=
          fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path_of(median), color(i));
      for (const auto& p : s.points)
        svg += fmt::format(
            "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{} {}: median {}, P25-P75 {} to {}, "
            "P5-P95 {} to {}</title></circle>\n",
            x_of(p.x), y(p.y), color(i), xml_escape(s.name), xml_escape(p.x), value_label(p.y, chart, decimals),
            value_label(p.inner_low, chart, decimals), value_label(p.inner_high, chart, decimals),
            value_label(p.low, chart, decimals), value_label(p.high, chart, decimals));
      continue;
    }
    // Reported quarters solid, projected ones dashed from the last reported point on.
    std::vector<std::pair<double, double>> actual, projected;
    for (const auto& p : s.points) {
      const std::pair<double, double> at{x_of(p.x), y(p.y)};
      if (!p.projected) actual.push_back(at);
      if (p.projected && projected.empty() && !actual.empty()) projected.push_back(actual.back());
      if (p.projected) projected.push_back(at);
    }
    if (!actual.empty())
      svg +=
          fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path_of(actual), color(i));
    if (!projected.empty())
      svg += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
                         path_of(projected), color(i));
    for (const auto& p : s.points)
      svg +=
          fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.5\" fill=\"{}\"><title>{} {}: {}{}</title></circle>\n",
                      x_of(p.x), y(p.y), color(i), xml_escape(s.name), xml_escape(p.x),
                      value_label(p.y, chart, decimals), p.projected ? " (projected)" : "");
  }
  svg += legend(chart, right + 14, top + 10);
  if (chart.kind == ChartKind::line)
    svg +=
        fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"10\" fill=\"#555555\">dashed: projected</text>\n",
                    right + 14, top + 18.0 * static_cast<double>(chart.series.size()) + 14, kFont);
  else
    svg += fmt::format(
        "<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"10\" fill=\"#555555\">bands: P5-P95, P25-P75; line: "
        "median</text>\n",
        left, static_cast<double>(height) - 8, kFont);
  return svg + "</svg>\n";
}

// Tornado: one row per driver, the bar from the base output to the output at the
// driver's low value (one colour) and at its high value (the other).
std::string tornado_chart(const Chart& chart, int width) {
  const std::vector<ChartPoint> empty;
  const std::vector<ChartPoint>& rows = chart.series.empty() ? empty : chart.series.front().points;
  const double row_height = 24, left = 230, right = static_cast<double>(width) - 30, top = 48;
  const double bottom = top + row_height * static_cast<double>(std::max<std::size_t>(rows.size(), 1));
  const int height = static_cast<int>(bottom) + 54;
  double low = std::numeric_limits<double>::infinity(), high = -low;
  for (const auto& p : rows) {
    low = std::min({low, p.y, p.low, p.high});
    high = std::max({high, p.y, p.low, p.high});
  }
  if (!std::isfinite(low)) low = 0, high = 1;
  const std::vector<double> ticks = nice_ticks(low, high);
  const Scale x{ticks.front(), ticks.back(), left, right};
  std::string svg = svg_open(chart, width, height);
  value_axis(svg, chart, ticks, x, top, bottom, true);
  const int decimals = chart.percent ? 2 : 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ChartPoint& p = rows[i];
    const double row_top = top + row_height * static_cast<double>(i);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {} font-size=\"11\" text-anchor=\"end\">{}</text>\n", left - 8,
                       row_top + 16, kFont, xml_escape(p.x));
    const auto bar = [&](double to, std::size_t colour, std::string_view side) {
      const double a = std::min(x(p.y), x(to)), b = std::max(x(p.y), x(to));
      svg += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>{} at its {} value: "
          "{}</title></rect>\n",
          a, row_top + 4, std::max(b - a, 1.0), row_height - 8, color(colour), xml_escape(p.x), side,
          value_label(to, chart, decimals));
    };
    bar(p.low, 0, "low");
    bar(p.high, 1, "high");
  }
  if (!rows.empty())
    svg += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#000000\" "
        "stroke-width=\"2\"><title>base: {}</title></line>\n",
        x(rows.front().y), top - 4, x(rows.front().y), bottom + 4, value_label(rows.front().y, chart, decimals));
  svg += fmt::format(
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"10\" fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\" {} "
      "font-size=\"11\">driver at its low value</text>\n"
      "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"12\" height=\"10\" fill=\"{}\"/><text x=\"{:.1f}\" y=\"{:.1f}\" {} "
      "font-size=\"11\">driver at its high value (black line: base{})</text>\n",
      left, bottom + 24, color(0), left + 16, bottom + 33, kFont, left + 180, bottom + 24, color(1), left + 196,
      bottom + 33, kFont, chart.unit.empty() ? "" : ", " + xml_escape(chart.unit));
  return svg + "</svg>\n";
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double low, double high, int count) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {0, 1};
  if (high < low) std::swap(low, high);
  if (high == low) {
    const double pad = low == 0 ? 1 : std::fabs(low) * 0.1;
    low -= pad;
    high += pad;
  }
  const double raw = (high - low) / std::max(count, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude;
  const double first = std::floor(low / step + 1e-9), last = std::ceil(high / step - 1e-9);
  std::vector<double> ticks;
  for (double k = first; k <= last; ++k) {
    const double t = k * step;
    ticks.push_back(t == 0 ? 0.0 : t);  // no "-0" label
  }
  if (ticks.size() < 2) ticks.push_back(ticks.back() + step);
  return ticks;
}

std::string svg_chart(const Chart& chart, int width) {
  return chart.kind == ChartKind::tornado ? tornado_chart(chart, width) : quarter_chart(chart, width);
}

}  // namespace cloudcast::report
