#pragma once
// The one table of the engine's output metrics: for each, its id, its label, what its
// values are measured in, how it rolls up over a year, and where it lives in the
// engine's figures (QuarterFigures) and in a path's workspace (PathWorkspace). The
// engine, Monte Carlo, sensitivity and every report read it; a new metric is one row
// here (and its member in QuarterFigures / PathWorkspace).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/model/projection.hpp"

namespace cloudcast::model {

// A path's workspace and where it writes a headline metric: private to the engine
// (model/path_engine.hpp), named here only by the members below.
struct PathWorkspace;
struct PathRow;

// What a metric's values are measured in.
enum class MetricUnit : unsigned char {
  money,     // millions of the company's currency (Currency::unit(): "RMB m", "USD m")
  fraction,  // a ratio shown as a percentage (0.25 = 25 %)
};

// How a year (or any run of quarters) of a metric becomes one figure.
enum class Rollup : unsigned char {
  sum,    // a flow: revenue, capex, free cash flow ... add up
  ratio,  // recomputed from the sums of its numerator and denominator metrics
  mean,   // the quarters' average (a ratio whose parts are not figures, see utilization)
  last,   // a stock: the last quarter's value (cumulative capex)
};

struct Metric {
  std::string_view id;      // "operating_margin": JSON keys, --metric, event expressions
  std::string_view label;   // "Operating margin": table titles and chart labels
  std::string_view header;  // the forecast table's short column header; empty = label
  MetricUnit unit;
  Rollup rollup;
  std::string_view numerator, denominator;  // Rollup::ratio: the metrics it divides
  std::optional<double> QuarterFigures::*figure;
  // The workspace array project_path fills, h = 1..H; null for a metric derived after
  // the path (capex_company), which Monte Carlo and sensitivity therefore do not offer.
  std::vector<double> PathWorkspace::*path = nullptr;
  // For the headline metrics project_path writes even without the breakdown: where it
  // can write them straight into a Monte Carlo run's output. Null for the others, which
  // exist only when PathWorkspace::breakdown is set.
  PathRow PathWorkspace::*direct = nullptr;
  // Where it is shown today: the forecast table and the forecast JSON contract.
  bool in_forecast_table = true;
  bool in_forecast_json = true;

  std::string_view column_header() const { return header.empty() ? label : header; }
};

// Every metric, in the order reports list them.
std::span<const Metric> metrics();
// nullptr for an unknown id.
const Metric* find_metric(std::string_view id);
// UsageError "<option>: unknown metric 'x'; did you mean ...?" for an unknown id.
const Metric& metric_or_throw(std::string_view id, std::string_view option);

// The metrics a path computes (Metric::path set), in Monte Carlo's layout order, and
// their ids.
const std::vector<const Metric*>& path_metrics();
const std::vector<std::string>& path_metric_ids();

// A metric's label for one company: a profit metric (operating income, operating margin)
// is qualified by the company's profit measure (dataset::Company::profit_measure), e.g.
// "Operating margin (adjusted EBITA)"; any other metric, or an empty measure, keeps the
// table's label. `header`: the short column header instead.
std::string company_label(const Metric& metric, std::string_view profit_measure, bool header = false);

// How a quarter's figure of a metric was obtained, for the labels of every report:
// "recalled" (reported, but the data marks it recalled, not read in a source), the capex
// basis for capex figures ("reported", "derived", "estimate", "guidance", "plan"),
// else "reported" or "projected".
std::string figure_basis(const QuarterFigures& quarter, const Metric& metric);
// The bases a report marks on a cell (a figure an analyst must not read as reported):
// estimate, recalled, guidance.
bool marked_basis(std::string_view basis);

// A metric's figure over a run of quarters (a fiscal or calendar year) by its Rollup;
// nullopt when a quarter lacks a value it needs or a ratio's denominator sums to 0.
std::optional<double> roll_up(const Metric& metric, std::span<const QuarterFigures> quarters);

}  // namespace cloudcast::model
