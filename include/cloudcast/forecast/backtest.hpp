#pragma once
// Out-of-sample evaluation of forecasting models on many series: sMAPE, MASE
// (seasonal-naive scaling on the training part, period 4) and OWA against Naive2
// (M4 definitions, ../shared/data/m3/README.md), per model and per horizon.
// A series with test values is scored once on them (fixed hold-out); a series without
// is scored by rolling origin: forecasts from every origin n0, n0 + 1, ..., n - 1,
// each scored on the horizons that fall inside the data. Series are processed on
// `threads` std::threads; results are written by series index, so they are identical
// for any thread count.

#include <span>
#include <string>
#include <vector>

#include "cloudcast/forecast/forecast.hpp"
#include "cloudcast/forecast/series_csv.hpp"

namespace cloudcast::forecast {

// sMAPE = mean_h 200 |y - f| / (|y| + |f|)  (terms with y = f = 0 count as 0).
double smape(std::span<const double> actual, std::span<const double> forecast);
// In-sample mean |x_t - x_{t-m}|: MASE's scale. NaN when x has no more than m values.
double mase_scale(std::span<const double> x, int period);
// MASE = mean_h |y - f| / scale.
double mase(std::span<const double> actual, std::span<const double> forecast, double scale);

struct BacktestOptions {
  int horizon = 8;
  int period = 4;
  std::vector<std::string> models;  // registry names; naive2 is always fitted for OWA
  int threads = 1;
  bool rolling = false;   // rolling origin even where a series has test values (train+test joined)
  int min_train = 8;      // first rolling origin: at least this many values (and the models' minimum)
};

// The values a series needs for a rolling-origin backtest with these options: the
// first origin (min_train, the models' minimum length, period + 1 for MASE) plus one
// value to score. Throws UsageError for an unknown model.
std::size_t rolling_required_length(const BacktestOptions& options);

struct MethodScore {
  std::string method;
  double smape = 0, mase = 0, owa = 0;    // means over series (MASE: those with a MASE scale)
  std::vector<double> smape_h, mase_h;    // means over every scored (series, origin) at h
  std::vector<int> count_h;               // forecasts scored at h
  std::size_t n_series = 0;
};

struct SeriesForecast {
  std::string series_id;
  std::string method;
  int origin = 0;  // training values used
  Forecast forecast;
};

struct BacktestResult {
  std::vector<MethodScore> methods;       // in the order of options.models (plus naive2)
  std::vector<SeriesForecast> forecasts;  // by series, then origin, then model
  std::size_t n_series = 0, n_holdout = 0, n_rolling = 0, n_origins = 0;
  // Series left out of MASE (and so of OWA's MASE term): their training values repeat
  // every period (a constant series), so MASE's scale is 0 at some origin. sMAPE keeps them.
  std::vector<std::string> without_mase;
};

// Throws UsageError for an unknown model, DataError naming the series and model when a
// series is too short for a model.
BacktestResult backtest(std::span<const Series> series, const BacktestOptions& options);

}  // namespace cloudcast::forecast
