#pragma once
// Finite or refused (docs/model.md, "Figures the engine refuses"): a projected figure that
// is not finite, or beyond what any economy could carry, never reaches a report. The
// engine checks every path it shows (project(), the Monte Carlo and sensitivity base
// paths) and throws a DataError naming the company, the quarter, the metric and the place
// in the data or the scenario that caused it. The figures a command computes from paths
// (Monte Carlo statistics, sensitivity outputs, tracked and signal figures) pass the same
// bounds at the end (check_result_figure below; the per-result checks the commands call
// are cloudcast/model/result_figures.hpp).

#include <optional>
#include <string>
#include <string_view>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/model/result_figures.hpp"
#include "model/path_engine.hpp"

namespace cloudcast::model {

// Largest projected money figure, in millions of the company's currency a quarter: 1e12 m
// is a thousand times the data's own ceiling (dataset::kMaxMoneyFigure), reached only by
// compounding a driver at the edge of its range over many quarters.
inline constexpr double kMaxProjectedMoney = 1e12;
// Largest projected ratio in absolute value (a margin or capex intensity of 100,000 %):
// a ratio this size means a denominator that collapsed.
inline constexpr double kMaxProjectedFraction = 1e3;

struct BadFigure {
  int h = 0;  // 1..H
  const Metric* metric = nullptr;
  double value = 0;
};

// The first figure (by quarter, then metric in the registry's order) of a path computed
// with the breakdown that is not finite or beyond the limits above; capex_company is
// capex / capex_cloud_share as project() derives it.
std::optional<BadFigure> first_bad_figure(const PathWorkspace& ws, int horizon, double capex_cloud_share);

// Checks the path in `ws` (computed by project_path(calibrated, drivers, ws) with the
// breakdown) and throws DataError when it has a bad figure: "company C, PERIOD metric:
// projected X unit; expected ...; caused by PLACE ...". The cause, in order: an
// implausible observation of the company (dataset::implausible_figures), else the scenario
// driver whose reset to its default brings the path within bounds (its place from
// CompanyDrivers::places), else the company's data and the drivers together.
void check_projected_figures(const dataset::Company& company, const CalibratedCompany& calibrated,
                             const CompanyDrivers& drivers, const PathWorkspace& ws);

// Where a figure of a command's result sits, for the message
// "COMMAND: company C, PERIOD WHAT: X UNIT; expected ...; caused by CAUSE".
struct FigurePlace {
  std::string_view command;  // "simulate"
  std::string_view company;
  std::string period;  // "2031Q4"; empty for a figure of the whole projection
  std::string what;    // "revenue max", "backlog coverage"
};

// How a result figure is bounded: by the limit of its unit (kMaxProjectedMoney,
// kMaxProjectedFraction), or only finite (a log-likelihood has no natural size).
enum class FigureBound { money, fraction, finite };
FigureBound bound_of(MetricUnit unit);

// Throws DataError when x is not finite, or beyond its bound in absolute value; currency
// gives the money unit ("USD" -> "USD m").
void check_result_figure(const FigurePlace& place, FigureBound bound, std::string_view currency, double x,
                         std::string_view cause);

}  // namespace cloudcast::model
