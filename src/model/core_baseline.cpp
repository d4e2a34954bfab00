#include "model/core_baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/model/baseline.hpp"

namespace cloudcast::model {

namespace {

std::size_t quarter_of_year(Quarter q) { return static_cast<std::size_t>(q.quarter - 1); }

}  // namespace

double ai_share_at(double share, Quarter stated, Quarter last, double ai_growth, double revenue_growth) {
  if (last == stated) return share;
  const double relative = (1 + ai_growth) / (1 + revenue_growth);
  return std::min(0.95, share * std::pow(relative, (last - stated) / 4.0));
}

CoreBaseline fit_core_baseline(const CoreBaselineInput& in) {
  const int n = static_cast<int>(in.revenue.size());
  const Quarter last = in.first + (n - 1);
  CoreBaseline out;
  const double ai_last = in.ai_share * in.revenue.back();
  for (int i = 0; i < n; ++i) {
    const double ai = ai_last * std::pow(1 + in.ai_growth, (i - (n - 1)) / 4.0);
    const double core = in.revenue[static_cast<std::size_t>(i)] - ai;
    if (!(core > 0)) {
      const auto u = static_cast<std::size_t>(i);
      const std::string place =
          u < in.origins.size() ? fmt::format("{}/value: company {}: ", in.origins[u], in.company) : std::string();
      throw DataError(fmt::format(
          "{}revenue {}: AI revenue backed out at a {:.1f} % share in {} growing {:.0f} % a year leaves core revenue "
          "{:.0f}; expected a positive core (lower ai_share or raise the AI growth drivers)",
          place, (in.first + i).to_string(), 100 * in.ai_share, last.to_string(), 100 * in.ai_growth, core));
    }
    out.core_history.push_back(core);
  }
  out.seasonal = forecast::estimate_seasonal_factors(out.core_history, static_cast<int>(quarter_of_year(in.first)));
  const auto& factor = out.seasonal.factor;
  std::vector<double> adjusted;
  for (int i = 0; i < n; ++i)
    adjusted.push_back(out.core_history[static_cast<std::size_t>(i)] / factor[quarter_of_year(in.first + i)]);
  const std::string place = in.file.empty() ? std::string("baseline")
                                            : fmt::format("{}: company {}: baseline", in.file, in.company);
  out.core = baseline_forecast(adjusted, in.horizon, in.model, place);
  const double factor_last = factor[quarter_of_year(last)];
  for (int h = 1; h <= in.horizon; ++h) {
    const double f = factor[quarter_of_year(last + h)];
    const auto u = static_cast<std::size_t>(h - 1);
    for (auto* v : {&out.core.mean, &out.core.lower80, &out.core.upper80, &out.core.lower95, &out.core.upper95})
      if (u < v->size()) (*v)[u] *= f;
    out.seasonal_ratio.push_back(f / factor_last);
  }
  return out;
}

}  // namespace cloudcast::model
