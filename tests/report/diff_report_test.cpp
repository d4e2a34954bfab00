#include "cloudcast/report/diff_report.hpp"

#include <catch2/catch.hpp>

#include <sstream>

#include "cloudcast/report/render.hpp"

namespace report_diff_report_test {

using namespace cloudcast;

namespace {

check::Change figure(const char* path, double baseline, double current, bool past) {
  check::Change change;
  change.path = path;
  change.baseline = baseline;
  change.current = current;
  change.moved = baseline != current;
  change.past_tolerance = past;
  return change;
}

}  // namespace

TEST_CASE("diff_summary: counts with thousands separators", "[diff_report]") {
  check::Comparison c;
  c.figures = 1284;
  c.rows = {figure("a", 1, 2, true), figure("b", 1, 1.1, false), figure("c", 1, 1.01, false)};
  CHECK(report::diff_summary(c) == "3 of 1,284 figures moved; 1 past tolerance");
  c.rows.clear();
  CHECK(report::diff_summary(c) == "Nothing moved: 0 of 1,284 figures moved; 0 past tolerance");
}

TEST_CASE("diff_report: a Markdown row per moved figure, change and % change computed from the figures",
          "[diff_report]") {
  check::Comparison c;
  c.figures = 4;
  c.rows = {figure("alibaba/2027Q2/revenue", 0.12, 0.09, true)};
  const report::Document doc =
      report::diff_report(c, {.baseline = "a.json", .current = "b.json", .tolerance = {}, .metric_tolerances = 0});
  std::ostringstream md;
  report::render(doc, report::Format::markdown, md);
  CHECK(md.str().find("## 1 of 4 figures moved; 1 past tolerance") != std::string::npos);
  // -0.03 / 0.12 = -25 %
  CHECK(md.str().find("| alibaba/2027Q2/revenue | 0.12 | 0.09 | -0.03 | -25% | past |") != std::string::npos);
  CHECK(doc.json["past_tolerance"] == 1);
  CHECK(doc.json["changes"][0]["relative_change"].get<double>() ==
        Approx(-0.25).epsilon(1e-12));  // same numbers, full precision
  CHECK_FALSE(doc.json["changes"][0].contains("change_points"));
}

TEST_CASE("diff_report: a ratio moves in percentage points, never in relative percent", "[diff_report]") {
  // The case: a margin from 0.5 % to -0.06 % is 100 x (-0.0006 - 0.005) = -0.56
  // points, where the relative change would read -112 %.
  check::Comparison c;
  c.figures = 1;
  check::Change margin = figure("alibaba/2027Q2/operating_margin", 0.005, -0.0006, true);
  margin.ratio = true;
  c.rows = {margin};
  const report::Document doc =
      report::diff_report(c, {.baseline = "a.json", .current = "b.json", .tolerance = {}, .metric_tolerances = 0});
  std::ostringstream md;
  report::render(doc, report::Format::markdown, md);
  CHECK(md.str().find("| alibaba/2027Q2/operating_margin | 0.005 | -0.0006 | -0.56 pts |  | past |") !=
        std::string::npos);
  const auto& row = doc.json["changes"][0];
  CHECK(row["kind"] == "ratio");
  CHECK(row["change_points"].get<double>() == Approx(-0.56).epsilon(1e-12));
  CHECK(row["relative_change"].is_null());
  CHECK(row["change"].get<double>() == Approx(-0.0056).epsilon(1e-12));
}

}  // namespace report_diff_report_test
