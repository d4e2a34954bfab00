#pragma once
// The engine backtest (docs/model.md, "Engine backtest"): the whole engine replayed on the
// companies' own history. For each company and origin O, the data as of O
// (dataset::as_of) go through project() for the scenario, and the projected quarters
// O+1..O+H are scored against what the full data report for them, beside three rules of
// thumb computed from the same information set, on exactly the same cells.
// Pure computation: returns a result, never prints.

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::model {

// A history of at least two years (and the YoY rule's y_{O-4} .. y_{O-7}) before O.
inline constexpr int kBacktestMinHistory = 8;
// The rules read at most two years back, so they are defined up to h = 8.
inline constexpr int kBacktestMaxHorizon = 8;
// The summary pools horizons 1..4 (the targets).
inline constexpr int kBacktestSummaryHorizon = 4;

enum class BacktestMetric { revenue, operating_margin, capex };
inline constexpr std::array<BacktestMetric, 3> kBacktestMetrics{
    BacktestMetric::revenue, BacktestMetric::operating_margin, BacktestMetric::capex};
std::string_view metric_name(BacktestMetric metric);  // "revenue", "operating_margin", "capex"

// Rules of thumb. k = ceil(h / 4) years back, so the quarter read is the same quarter of
// the last year that is known at O:
//   naive           y_O
//   seasonal_naive  y_{O+h-4k}
//   yoy             y_{O+h-4k} · (y_O / y_{O-4})^k   ("same quarter last year × last
//                   quarter's YoY ratio"; for h = 5..8 the ratio is applied twice)
enum class Rule { naive, seasonal_naive, yoy };
inline constexpr std::array<Rule, 3> kRules{Rule::naive, Rule::seasonal_naive, Rule::yoy};
std::string_view rule_name(Rule rule);  // "naive", "seasonal naive", "YoY rule"
// Whether a rule is scored for a metric: margin has no YoY rule (a ratio of margins is
// not a growth rate); revenue and capex have all three.
bool rule_applies(BacktestMetric metric, Rule rule);

// A series as a function of the quarter: nullopt where it has no value.
using QuarterValue = std::function<std::optional<double>(Quarter)>;
// The rule's forecast of quarter origin + h (h >= 1) from values up to `origin`; nullopt
// when a value it reads is missing, or for yoy when y_{O-4} is not positive.
std::optional<double> rule_forecast(Rule rule, const QuarterValue& value, Quarter origin, int h);

// Scores: revenue and capex as absolute % error 100 |f - y| / y (y > 0); margin as
// absolute error in margin points, 100 |f - y| with margins as fractions.
double absolute_percentage_error(double forecast, double actual);
double margin_points_error(double forecast, double actual);

// What a company reported, read on the segment bases projected from `bases_from` (the
// same company as of an origin, so a figure never compares two segment definitions),
// leaving out figures that are only our estimate. Shared by the backtest and `track`.
struct ReportedValues {
  std::map<Quarter, double> revenue, operating_income, capex;  // capex: company-wide, as reported
  // Revenue, operating margin (a fraction; revenue > 0) or company capex; nullopt when
  // not reported.
  std::optional<double> value(BacktestMetric metric, Quarter q) const;
};
ReportedValues reported_values(const dataset::Company& company, const dataset::Company& bases_from);

struct EngineBacktestOptions {
  std::string baseline_model = "trend";
  std::vector<std::string> companies;  // empty = every company in the data
  int horizon = kBacktestMaxHorizon;   // 1..kBacktestMaxHorizon
  std::optional<Quarter> from;         // first origin; nullopt = every origin allowed
};

// One scored cell: every one of `rules` that applies to the metric is set.
struct BacktestCell {
  std::string company;
  Quarter origin;
  int h = 0;
  BacktestMetric metric = BacktestMetric::revenue;
  double actual = 0, ours = 0;
  std::array<std::optional<double>, 3> rules;  // forecasts, by kRules order
};

// Mean error over a set of cells (APE in %, margin in points); rules that do not apply
// to the metric stay empty. The ratios are ours / rule (below 1: ours is better).
// ours_bias tells a miss that is noise from one that is a direction: the mean signed error
// (100 (f - y) / y, or margin points), negative when ours falls short. ours_closer counts
// the cells where ours misses by less than the YoY rule (the naive rule for margin).
struct Score {
  int cells = 0;
  double ours = 0;
  double ours_bias = 0;
  int ours_closer = 0;
  std::array<std::optional<double>, 3> rules;
  std::optional<double> ours_over_naive, ours_over_yoy;
};

struct CompanyHorizonScore {
  std::string company;  // "all" pools the companies
  BacktestMetric metric = BacktestMetric::revenue;
  int h = 0;
  Score score;
};

struct SummaryScore {
  BacktestMetric metric = BacktestMetric::revenue;
  int h_first = 1, h_last = 1;  // horizons pooled
  Score score;
};

// What happened at one (company, origin): scored, or skipped and why.
struct BacktestOrigin {
  std::string company;
  Quarter origin;
  std::string revenue_basis;  // the projection basis at O
  int history = 0;            // contiguous quarters of revenue up to O on that basis
  int cells = 0;              // scored cells, all metrics
  std::string skipped;        // empty when the engine ran
};

struct EngineBacktestResult {
  std::string scenario;
  std::string baseline_model;
  int horizon = 0;
  std::optional<Quarter> from;
  std::vector<BacktestOrigin> origins;          // by company (data order), then origin
  std::vector<BacktestCell> cells;              // by company, origin, metric, h
  std::vector<CompanyHorizonScore> by_company;  // by metric, company (then "all"), h
  std::vector<SummaryScore> summary;            // by metric: horizons 1..min(4, H), then 1
};

// UsageError for a horizon outside [1, kBacktestMaxHorizon], an unknown company id, or a
// `from` that leaves no origin; DataError when no company has any origin.
// A (company, origin) whose truncated data the engine rejects (DataError), or whose
// engine start is not O (no operating income reported for O), is listed as skipped with
// the reason, never scored.
EngineBacktestResult engine_backtest(const dataset::Dataset& data, const Scenario& scenario,
                                     const EngineBacktestOptions& options);

}  // namespace cloudcast::model
