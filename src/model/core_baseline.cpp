#include "model/core_baseline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "cloudcast/error.hpp"
#include "cloudcast/model/baseline.hpp"
#include "forecast/simple.hpp"

namespace cloudcast::model {

namespace {

std::size_t quarter_of_year(Quarter q) { return static_cast<std::size_t>(q.quarter - 1); }

// C_t = R_t - A_t with A_t = s_T R_T (1 + g)^((t - T) / 4), into core; the index of the
// first quarter whose core is not positive, or -1.
int back_out_ai(std::span<const double> revenue, double ai_share, double ai_growth, std::span<double> core) {
  const int n = static_cast<int>(revenue.size());
  const double ai_last = ai_share * revenue.back();
  int bad = -1;
  for (int i = 0; i < n; ++i) {
    const auto u = static_cast<std::size_t>(i);
    core[u] = revenue[u] - ai_last * std::pow(1 + ai_growth, (i - (n - 1)) / 4.0);
    if (bad < 0 && !(core[u] > 0)) bad = i;
  }
  return bad;
}

// The core history divided by its quarters' seasonal factors.
void seasonally_adjust(std::span<const double> core, const forecast::SeasonalFactors& s, Quarter first,
                       std::span<double> adjusted) {
  const std::size_t q0 = quarter_of_year(first);
  for (std::size_t i = 0; i < core.size(); ++i) adjusted[i] = core[i] / s.factor[(q0 + i) % 4];
}

// The adjusted core's forecast times the factors of the projected quarters; ratio[h - 1]
// = S(T + h) / S(T).
void reseasonalise(forecast::Forecast& f, const forecast::SeasonalFactors& s, Quarter last, int horizon,
                   std::span<double> ratio) {
  const std::size_t q_last = quarter_of_year(last);
  const double factor_last = s.factor[q_last];
  for (int h = 1; h <= horizon; ++h) {
    const double factor = s.factor[(q_last + static_cast<std::size_t>(h)) % 4];
    const auto u = static_cast<std::size_t>(h - 1);
    for (auto* v : {&f.mean, &f.lower80, &f.upper80, &f.lower95, &f.upper95})
      if (u < v->size()) (*v)[u] *= factor;
    ratio[u] = factor / factor_last;
  }
}

}  // namespace

double ai_share_at(double share, Quarter stated, Quarter last, double ai_growth, double revenue_growth) {
  if (last == stated) return share;
  const double relative = (1 + ai_growth) / (1 + revenue_growth);
  return std::min(0.95, share * std::pow(relative, (last - stated) / 4.0));
}

AiStatement ai_statement(const CompanyDrivers& d, Quarter last, double revenue_growth) {
  AiStatement s;
  s.growth = (1 + d.ai_volume_growth) * (1 + d.ai_price_change) - 1;
  const double trailing = std::isnan(revenue_growth) ? s.growth : revenue_growth;
  s.share = d.ai_share_quarter ? ai_share_at(d.ai_share, *d.ai_share_quarter, last, s.growth, trailing) : d.ai_share;
  s.scale = d.ai_share > 0 ? s.share / d.ai_share : 1.0;
  return s;
}

StatementPlan statement_plan(const CompanyDrivers& d, Quarter last, double revenue_growth) {
  StatementPlan plan;
  plan.restated = d.ai_share_quarter && *d.ai_share_quarter != last;
  plan.years = d.ai_share_quarter ? (last - *d.ai_share_quarter) / 4.0 : 0.0;
  plan.revenue_growth = revenue_growth;
  return plan;
}

void revenue_equivalent(const forecast::Forecast& core, double ai_share, std::span<double> level,
                        std::span<double> sd) {
  const double core_scale = 1 / (1 - ai_share);
  // Quarters with a 95 % interval first, then those without (sd 0): loops without a
  // branch, which a Monte Carlo path's refit runs for every company.
  const std::size_t n = core.mean.size(), banded = std::min({n, core.upper95.size(), core.lower95.size()});
  for (std::size_t h = 0; h < n; ++h) level[h] = core.mean[h] * core_scale;
  for (std::size_t h = 0; h < banded; ++h)
    sd[h] = std::max(0.0, (core.upper95[h] - core.lower95[h]) / (2 * forecast::kZ95)) * core_scale;
  for (std::size_t h = banded; h < n; ++h) sd[h] = 0.0;
}

CoreBaseline fit_core_baseline(const CoreBaselineInput& in) {
  const int n = static_cast<int>(in.revenue.size());
  const Quarter last = in.first + (n - 1);
  CoreBaseline out;
  out.core_history.resize(in.revenue.size());
  if (const int i = back_out_ai(in.revenue, in.ai_share, in.ai_growth, out.core_history); i >= 0) {
    const auto u = static_cast<std::size_t>(i);
    const std::string place =
        u < in.origins.size() ? fmt::format("{}/value: company {}: ", in.origins[u], in.company) : std::string();
    throw DataError(fmt::format(
        "{}revenue {}: AI revenue backed out at a {:.1f} % share in {} growing {:.0f} % a year leaves core revenue "
        "{:.0f}; expected a positive core (lower ai_share or raise the AI growth drivers)",
        place, (in.first + i).to_string(), 100 * in.ai_share, last.to_string(), 100 * in.ai_growth,
        out.core_history[u]));
  }
  out.seasonal = forecast::estimate_seasonal_factors(out.core_history, static_cast<int>(quarter_of_year(in.first)));
  std::vector<double> adjusted(in.revenue.size());
  seasonally_adjust(out.core_history, out.seasonal, in.first, adjusted);
  const std::string place =
      in.file.empty() ? std::string("baseline") : fmt::format("{}: company {}: baseline", in.file, in.company);
  out.core = baseline_forecast(adjusted, in.horizon, in.model, place);
  out.seasonal_ratio.resize(static_cast<std::size_t>(in.horizon));
  reseasonalise(out.core, out.seasonal, last, in.horizon, out.seasonal_ratio);
  return out;
}

CoreRefit::CoreRefit(std::span<const double> revenue, Quarter first, int horizon, std::string_view model, bool bands)
    : revenue_(revenue.begin(), revenue.end()),
      core_history_(revenue.size()),
      adjusted_(revenue.size()),
      scratch_(revenue.size()),
      first_(first),
      horizon_(horizon),
      model_(model),
      bands_(bands),
      seasonal_ratio_(static_cast<std::size_t>(horizon)) {
  const auto h = static_cast<std::size_t>(horizon);
  for (int k = 1; k <= horizon; ++k) root_h_.push_back(std::sqrt(static_cast<double>(k)));
  core_.mean.assign(h, 0.0);
  if (bands_) {
    core_.lower95.assign(h, 0.0);
    core_.upper95.assign(h, 0.0);
  }
}

bool CoreRefit::fit(double ai_share, double ai_growth) {
  if (model_ != "trend") {
    try {
      CoreBaseline b = fit_core_baseline({.revenue = revenue_,
                                          .first = first_,
                                          .ai_share = ai_share,
                                          .ai_growth = ai_growth,
                                          .horizon = horizon_,
                                          .model = model_});
      core_ = std::move(b.core);
      std::copy(b.seasonal_ratio.begin(), b.seasonal_ratio.end(), seasonal_ratio_.begin());
      return true;
    } catch (const DataError&) {
      return false;
    }
  }
  // fit_core_baseline's steps with the trend's formulas (forecast_log_trend), in place and
  // with fewer transcendental calls (the refit's cost is almost all pow, log and exp):
  // the back-cast's (1 + g)^((t - T)/4) and the trend's exp(mu_h) as running products,
  // the interval as exp(mu_h) x exp(-+ z spread_h). Equal to fit_core_baseline up to a
  // few ulps a quarter (tests/model/core_baseline_test.cpp: 1e-12 relative).
  const std::size_t n = revenue_.size();
  const double ai_last = ai_share * revenue_.back();
  const double step = std::pow(1 + ai_growth, -0.25);  // one quarter further back
  double weight = 1;
  for (std::size_t i = n; i-- > 0; weight *= step) {
    core_history_[i] = revenue_[i] - ai_last * weight;
    if (!(core_history_[i] > 0)) return false;
  }
  const forecast::SeasonalFactors seasonal = forecast::estimate_seasonal_factors(
      core_history_, static_cast<int>(quarter_of_year(first_)), scratch_, forecast::SeasonalOutputs::factors);
  seasonally_adjust(core_history_, seasonal, first_, adjusted_);
  const forecast::LogTrend trend = forecast::fit_log_trend(adjusted_);
  const double growth = std::exp(trend.slope);
  double mean = std::exp(trend.last);
  // reseasonalise()'s products in the same loop: each figure times its quarter's factor
  // after it is formed, as there, so the same bits without a second pass over five series.
  const std::size_t q_last = quarter_of_year(first_ + (static_cast<int>(n) - 1));
  const double factor_last = seasonal.factor[q_last];
  for (int h = 1; h <= horizon_; ++h) {
    const auto u = static_cast<std::size_t>(h - 1);
    const double factor = seasonal.factor[(q_last + static_cast<std::size_t>(h)) % 4];
    mean *= growth;
    core_.mean[u] = mean * factor;
    seasonal_ratio_[u] = factor / factor_last;
    if (!bands_) continue;
    const double width = std::exp(forecast::kZ95 * trend.s * root_h_[u]);
    core_.lower95[u] = mean / width * factor;
    core_.upper95[u] = mean * width * factor;
  }
  return true;
}

CoreRefitBatch::CoreRefitBatch(std::span<const double> revenue, Quarter first, int horizon, std::string_view model,
                               bool bands)
    : refit_(revenue, first, horizon, model, bands),
      horizon_(horizon),
      bands_(bands),
      sd_unused_(bands ? 0 : static_cast<std::size_t>(horizon)) {
  if (model == "trend") lanes_.emplace(revenue, static_cast<int>(quarter_of_year(first)), horizon, bands);
}

void CoreRefitBatch::fit(std::span<const double> share, std::span<const double> growth, std::span<double> level,
                         std::span<double> sd, std::span<double> ratio, std::span<unsigned char> valid) {
  if (lanes_) {
    refit_lanes(*lanes_, {.share = share.data(),
                          .growth = growth.data(),
                          .count = share.size(),
                          .level = level.data(),
                          .sd = sd.data(),
                          .ratio = ratio.data(),
                          .valid = valid.data()});
    return;
  }
  const auto h = static_cast<std::size_t>(horizon_);
  for (std::size_t i = 0; i < share.size(); ++i) {
    valid[i] = refit_.fit(share[i], growth[i]) ? 1 : 0;
    if (!valid[i]) continue;
    revenue_equivalent(refit_.core(), share[i], level.subspan(i * h, h),
                       bands_ ? sd.subspan(i * h, h) : std::span<double>(sd_unused_));
    const auto r = refit_.seasonal_ratio();
    std::copy(r.begin(), r.end(), ratio.begin() + static_cast<std::ptrdiff_t>(i * h));
  }
}

}  // namespace cloudcast::model
