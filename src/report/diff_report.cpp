#include "cloudcast/report/diff_report.hpp"

#include <fmt/format.h>

#include "cloudcast/report/render.hpp"

namespace cloudcast::report {

namespace {

// Ten significant digits show where two close figures part; the change column shows
// the difference itself, so nothing is hidden by the rounding.
std::string figure_text(const std::optional<double>& value) { return value ? fmt::format("{:.10g}", *value) : "null"; }

nlohmann::ordered_json json_number(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

std::string count_text(std::size_t n) { return format_number(static_cast<double>(n), 0); }

}  // namespace

std::string diff_summary(const check::Comparison& comparison) {
  std::string text = fmt::format("{} of {} figures moved; {} past tolerance", count_text(comparison.moved()),
                                 count_text(comparison.figures), count_text(comparison.past_tolerance()));
  if (const std::size_t labels = comparison.labels_changed(); labels > 0)
    text += fmt::format(" ({} label{} changed)", count_text(labels), labels == 1 ? "" : "s");
  if (comparison.moved() == 0 && comparison.labels_changed() == 0) text = "Nothing moved: " + text;
  return text;
}

Document diff_report(const check::Comparison& comparison, const DiffReportInput& input) {
  Document doc;
  doc.title = fmt::format("cloudcast diff: {} -> {}", input.baseline, input.current);
  doc.meta["schema_version"] = 1;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;

  Table table{.title = diff_summary(comparison),
              .columns = {{"Path", "", Kind::text, 0},
                          // Cells are preformatted text; Kind::number only right-aligns them.
                          {"Baseline", "", Kind::number, 0},
                          {"Current", "", Kind::number, 0},
                          {"Change", "", Kind::number, 0},
                          {"% change", "", Kind::number, 0},
                          {"Tolerance", "", Kind::text, 0}},
              .rows = {},
              .notes = {}};
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const check::Change& change : comparison.rows) {
    const std::string verdict = change.past_tolerance ? "past" : "within";
    if (!change.numeric) {
      table.rows.push_back({change.path, change.baseline_text, change.current_text, std::string("label changed"),
                            std::string(), verdict});
      changes.push_back({{"path", change.path},
                         {"kind", "label"},
                         {"baseline", change.baseline_text},
                         {"current", change.current_text},
                         {"past_tolerance", change.past_tolerance}});
      continue;
    }
    const auto delta = change.change();
    // A ratio moves in percentage points ("-3 pts"), never in relative percent: a margin
    // from 0.5 % to -0.06 % is -0.56 points, not -112 %.
    const auto points = change.change_points();
    std::string change_text, percent_text;
    if (points)
      change_text = fmt::format("{:+.4g} pts", *points);
    else if (delta)
      change_text = fmt::format("{:+.6g}", *delta);
    const std::optional<double> relative = change.relative_change();
    if (relative && !change.ratio) percent_text = fmt::format("{:+.4g}%", 100.0 * *relative);
    table.rows.push_back(
        {change.path, figure_text(change.baseline), figure_text(change.current), change_text, percent_text, verdict});
    nlohmann::ordered_json row{
        {"path", change.path},
        {"kind", change.ratio ? "ratio" : "figure"},
        {"baseline", json_number(change.baseline)},
        {"current", json_number(change.current)},
        {"change", json_number(delta)},
        {"relative_change", change.ratio ? nlohmann::ordered_json(nullptr) : json_number(relative)}};
    if (change.ratio) row["change_points"] = json_number(points);
    row["rtol"] = change.tolerance.rtol;
    row["atol"] = change.tolerance.atol;
    row["moved"] = change.moved;
    row["past_tolerance"] = change.past_tolerance;
    changes.push_back(std::move(row));
  }
  doc.notes.push_back(fmt::format(
      "A figure passes when |current - baseline| <= atol + rtol * |baseline|; default rtol {:g}, atol {:g}{}.",
      input.tolerance.rtol, input.tolerance.atol,
      input.metric_tolerances > 0 ? fmt::format(", with {} per-metric override(s)", input.metric_tolerances) : ""));
  for (const auto& note : comparison.notes) doc.notes.push_back(note);
  if (table.rows.empty()) {
    doc.notes.insert(doc.notes.begin(), table.title + ".");
  } else {
    doc.tables.push_back(std::move(table));
  }

  // The JSON form: counts first, then every listed change at full precision.
  nlohmann::ordered_json json;
  json["baseline"] = input.baseline;
  json["current"] = input.current;
  json["figures"] = comparison.figures;
  json["moved"] = comparison.moved();
  json["labels_changed"] = comparison.labels_changed();
  json["past_tolerance"] = comparison.past_tolerance();
  json["summary"] = diff_summary(comparison);
  json["default_tolerance"] = {{"rtol", input.tolerance.rtol}, {"atol", input.tolerance.atol}};
  json["changes"] = std::move(changes);
  json["notes"] = comparison.notes;
  doc.json = std::move(json);
  return doc;
}

}  // namespace cloudcast::report
