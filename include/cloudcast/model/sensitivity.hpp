#pragma once
// Sensitivity of one output (company.metric@quarter, or company.npv: the value of the
// build-out, model/valuation.hpp) to the scenario's drivers, like a
// spreadsheet's data tables: a tornado (each driver moved to a low and a high value,
// the others at base, ranked by the swing of the output) and a two-way table (two
// drivers on a grid). Deterministic: the engine's project_path at the given values.

#include <optional>
#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/types.hpp"

namespace cloudcast::model {

// How far a driver moves: its distribution's P10 and P90 when it is uncertain (else its
// declared step, DriverInfo::step, or +-percent of its base value), or +-percent for
// every driver.
struct Swing {
  bool use_distribution = true;  // "P10P90"
  double percent = 20;           // "pct:20"
};
// "P10P90" or "pct:X" (X in (0, 100]); UsageError naming --swing otherwise.
Swing parse_swing(std::string_view text);

struct SensitivityOptions {
  std::string metric;             // "alibaba.operating_margin@2027Q4" or "alibaba.npv"
  std::vector<std::string> vary;  // driver names ("useful_life" or "amazon.useful_life"); empty: all
  Swing swing;
  int grid = 5;  // points per axis of the two-way table, 2..21
  EngineOptions engine;
};

struct SensitivityDriver {
  std::string name;  // "alibaba.useful_life"
  std::string unit;
  double base = 0, low = 0, high = 0;
  std::string how;  // "P10/P90 of triangular(3, 5, 6)" or "base -20 % / +20 %"
};

struct TornadoBar {
  SensitivityDriver driver;
  double output_low = 0, output_high = 0;  // the output with the driver at low / high
  double swing = 0;                        // |output_high - output_low|
};

struct TwoWayTable {
  SensitivityDriver rows, columns;
  std::vector<double> row_values, column_values;
  std::vector<double> outputs;  // rows x columns, row-major
};

struct Sensitivity {
  std::string metric_text;  // as asked
  std::string company, metric, currency;
  Quarter quarter;                // the last projected quarter for the NPV
  bool whole_projection = false;  // the output is the NPV of the projection (company.npv)
  double base_output = 0;
  std::vector<TornadoBar> tornado;     // ranked by swing, largest first
  std::optional<TwoWayTable> two_way;  // when exactly two drivers are varied
  std::vector<std::string> notes;
};

// UsageError for a bad metric expression, an unknown driver/company/metric (did you
// mean), or a quarter outside the projection.
Sensitivity analyse_sensitivity(const dataset::Dataset& data, const Scenario& scenario,
                                const SensitivityOptions& options);

}  // namespace cloudcast::model
