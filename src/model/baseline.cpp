#include "cloudcast/model/baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::model {

std::vector<std::string> baseline_models() { return {"trend"}; }

forecast::Forecast baseline_forecast(std::span<const double> history, int horizon, std::string_view model) {
  const auto models = baseline_models();
  if (std::find(models.begin(), models.end(), model) == models.end())
    throw UsageError("--model: " + util::unknown_name_message("model", model, models));
  if (history.size() < 2) throw DataError(fmt::format("baseline: {} quarter(s) of history; expected at least 2", history.size()));
  for (double y : history)
    if (!(y > 0) || !std::isfinite(y)) throw DataError(fmt::format("baseline: revenue {} is not positive; expected positive values", y));

  const std::size_t n = std::min<std::size_t>(history.size(), kBaselineWindow);
  const auto tail = history.subspan(history.size() - n);
  // Least squares of log y on t = 0..n-1.
  const double nd = static_cast<double>(n);
  double t_mean = (nd - 1) / 2.0, y_mean = 0;
  for (double y : tail) y_mean += std::log(y);
  y_mean /= nd;
  double sxy = 0, sxx = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double dt = static_cast<double>(t) - t_mean;
    sxy += dt * (std::log(tail[t]) - y_mean);
    sxx += dt * dt;
  }
  const double slope = sxy / sxx;
  double sse = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double fitted = y_mean + slope * (static_cast<double>(t) - t_mean);
    sse += std::pow(std::log(tail[t]) - fitted, 2);
  }
  const double s = n > 2 ? std::sqrt(sse / (nd - 2)) : 0.0;

  forecast::Forecast f;
  f.method = "trend";
  f.description = fmt::format("log-linear trend over the last {} quarters, {:+.1f}% a quarter, anchored at the last quarter",
                              n, 100 * (std::exp(slope) - 1));
  const double last = std::log(history.back());
  for (int h = 1; h <= horizon; ++h) {
    const double mu = last + slope * h;
    const double spread = s * std::sqrt(static_cast<double>(h));
    f.mean.push_back(std::exp(mu));
    f.lower80.push_back(std::exp(mu - 1.2815515655446004 * spread));
    f.upper80.push_back(std::exp(mu + 1.2815515655446004 * spread));
    f.lower95.push_back(std::exp(mu - 1.959963984540054 * spread));
    f.upper95.push_back(std::exp(mu + 1.959963984540054 * spread));
  }
  return f;
}

}  // namespace cloudcast::model
