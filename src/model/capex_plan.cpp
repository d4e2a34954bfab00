#include "model/capex_plan.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace cloudcast::model {

void phasing_weights(Phasing phasing, std::span<const double> explicit_weights, std::span<double> out) {
  const std::size_t n = out.size();
  if (n == 0) return;
  for (std::size_t i = 0; i < n; ++i) {
    switch (phasing) {
      case Phasing::flat:
        out[i] = 1.0;
        break;
      case Phasing::front_loaded:
        out[i] = static_cast<double>(n - i);
        break;
      case Phasing::explicit_list:
        out[i] = i < explicit_weights.size() ? explicit_weights[i] : 0.0;
        break;
    }
  }
  double total = std::accumulate(out.begin(), out.end(), 0.0);
  if (!(total > 0)) {  // explicit weights that are all zero: fall back to flat, never divide by 0
    for (auto& w : out) w = 1.0;
    total = static_cast<double>(n);
  }
  for (auto& w : out) w /= total;
}

namespace {

bool reported_at(std::span<const double> reported, int t_last, int j) {
  return j >= 0 && j <= t_last && j < static_cast<int>(reported.size()) && std::isfinite(reported[j]);
}

}  // namespace

int reported_capex_part(Quarter first, Quarter last_reported, std::span<const double> reported, std::span<double> out,
                        std::span<CapexBasis> basis) {
  const int n = static_cast<int>(out.size());
  const int t_last = last_reported - first;  // index of the last reported quarter
  // 1. Reported quarters keep their value; the first reported quarter bounds the history.
  int first_reported = -1;
  for (int j = 0; j < n; ++j) {
    if (reported_at(reported, t_last, j)) {
      out[j] = reported[j];
      basis[j] = CapexBasis::reported;
      if (first_reported < 0) first_reported = j;
    } else {
      out[j] = 0;
      basis[j] = CapexBasis::none;
    }
  }
  return first_reported;
}

void plan_capex(const CompanyDrivers& d, Quarter first, Quarter last_reported, std::span<const double> reported,
                std::span<double> out, std::span<CapexBasis> basis, std::span<const CapexGuide> guides) {
  const int first_reported = reported_capex_part(first, last_reported, reported, out, basis);
  plan_capex_rest(d, first, last_reported, reported, first_reported, out, basis, guides);
}

namespace {

// plan_capex_rest; with `record`, also notes where each quarter's value comes from.
void plan_rest(const CompanyDrivers& d, Quarter first, Quarter last_reported, std::span<const double> reported,
               int first_reported, std::span<double> out, std::span<CapexBasis> basis,
               std::span<const CapexGuide> guides, CapexPlanTemplate* record) {
  const int n = static_cast<int>(out.size());
  const int t_last = last_reported - first;  // index of the last reported quarter
  const double g = quarterly_rate(d.capex_growth);
  const bool committed = d.capex_commitment > 0;
  const int window = static_cast<int>(std::lround(d.capex_window));
  const int w0 = d.capex_start - first;  // window index range [w0, w0 + window)
  auto reported_at = [&](int j) { return model::reported_at(reported, t_last, j); };

  // 1b. Nothing reported at all: the last four reported quarters take the assumed
  //     run-rate (estimate), so the projection has a level to grow from.
  if (first_reported < 0 && d.capex_run_rate > 0) {
    for (int j = std::max(0, t_last - 3); j <= t_last && j < n; ++j) {
      out[j] = d.capex_run_rate;
      basis[j] = CapexBasis::estimate;
    }
    first_reported = std::max(0, t_last - 3);
  }

  // 2. A commitment: what reported quarters have not spent goes to the other window
  //    quarters by the phasing, so the window sums to the commitment exactly.
  if (committed) {
    double spent = 0;
    int open = 0;
    for (int j = std::max(w0, 0); j < std::min(w0 + window, n); ++j) {
      if (reported_at(j))
        spent += reported[j];
      else
        ++open;
    }
    const double remaining = std::max(0.0, d.capex_commitment - spent);
    if (record) record->spent = spent;
    // Phasing over the open quarters, in window order; explicit weights are those of
    // the open quarters' positions in the window. Small fixed buffer: window <= 40.
    double weights[40];
    double explicit_open[40];
    int k = 0;
    for (int i = 0; i < window; ++i) {
      const int j = w0 + i;
      if (j < 0 || j >= n || reported_at(j)) continue;
      explicit_open[k++] = i < static_cast<int>(d.capex_weights.size()) ? d.capex_weights[i] : 0.0;
    }
    phasing_weights(d.capex_phasing, std::span<const double>(explicit_open, k), std::span<double>(weights, open));
    k = 0;
    for (int j = std::max(w0, 0); j < std::min(w0 + window, n); ++j) {
      if (reported_at(j)) continue;
      if (record) record->commitment.push_back({.quarter = j, .weight = weights[k]});
      out[j] = remaining * weights[k++];
      basis[j] = j <= t_last ? CapexBasis::estimate : CapexBasis::plan;
    }
  }

  // 2b. Guidance: a guided window's quarters that no report or commitment fills share
  //     what those left of the guided total, flat, so the window sums to the guide.
  if (d.use_guidance >= 0.5) {
    for (const CapexGuide& guide : guides) {
      double taken = 0;
      int open = 0;
      for (int j = std::max(guide.first, 0); j <= std::min(guide.last, n - 1); ++j) {
        if (basis[j] == CapexBasis::none)
          ++open;
        else
          taken += out[j];
      }
      if (open == 0) continue;
      if (record && committed) record->valid = false;  // `taken` may hold the commitment's quarters
      const double each = std::max(0.0, guide.total - taken) / open;
      for (int j = std::max(guide.first, 0); j <= std::min(guide.last, n - 1); ++j) {
        if (basis[j] != CapexBasis::none) continue;
        out[j] = each;
        basis[j] = CapexBasis::guidance;
      }
      if (first_reported < 0 || guide.first < first_reported) first_reported = std::max(guide.first, 0);
    }
  }

  // 3. Everything else: a gap up to the last reported quarter repeats the previous
  //    quarter (estimate); a projected quarter grows the run-rate by the capex growth.
  //    (previous holds out[j - 1], so the growth chain runs in a register.)
  double previous = 0;
  for (int j = 0; j < n; ++j) {
    if (basis[j] == CapexBasis::none) {
      if (j > t_last) {
        out[j] = j > 0 ? previous * (1.0 + g) : 0.0;
        basis[j] = CapexBasis::plan;
        if (record && j > 0) record->derived.push_back({.quarter = j, .grows = true});
      } else if (first_reported >= 0 && j > first_reported) {
        out[j] = previous;
        basis[j] = CapexBasis::estimate;
        if (record) record->derived.push_back({.quarter = j, .grows = false});
      }  // else before any reported capex: inside the existing asset base
    }
    previous = out[j];
  }
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

}  // namespace

void plan_capex_rest(const CompanyDrivers& d, Quarter first, Quarter last_reported, std::span<const double> reported,
                     int first_reported, std::span<double> out, std::span<CapexBasis> basis,
                     std::span<const CapexGuide> guides) {
  plan_rest(d, first, last_reported, reported, first_reported, out, basis, guides, nullptr);
}

CapexPlanTemplate capex_plan_template(const CompanyDrivers& d, Quarter first, Quarter last_reported,
                                      std::span<const double> reported, int first_reported,
                                      std::span<const double> reported_part,
                                      std::span<const CapexBasis> reported_part_basis,
                                      std::span<const CapexGuide> guides) {
  CapexPlanTemplate t{.valid = true,
                      .committed = d.capex_commitment > 0,
                      .guided = d.use_guidance >= 0.5,
                      .window = d.capex_window,
                      .run_rate = d.capex_run_rate,
                      .start = d.capex_start,
                      .phasing = d.capex_phasing,
                      .weights = d.capex_weights,
                      .values = {reported_part.begin(), reported_part.end()},
                      .basis = {reported_part_basis.begin(), reported_part_basis.end()}};
  if (t.values.size() != t.basis.size()) return {};
  plan_rest(d, first, last_reported, reported, first_reported, t.values, t.basis, guides, &t);
  return t;
}

bool template_fits(const CapexPlanTemplate& t, const CompanyDrivers& d) {
  if (!t.valid || (d.capex_commitment > 0) != t.committed || (d.use_guidance >= 0.5) != t.guided ||
      !same_bits(d.capex_window, t.window) || !same_bits(d.capex_run_rate, t.run_rate) || d.capex_start != t.start ||
      d.capex_phasing != t.phasing || d.capex_weights.size() != t.weights.size())
    return false;
  for (std::size_t i = 0; i < t.weights.size(); ++i)
    if (!same_bits(d.capex_weights[i], t.weights[i])) return false;
  return true;
}

void plan_capex_from_template(const CapexPlanTemplate& t, const CompanyDrivers& d, std::span<double> out,
                              std::span<CapexBasis> basis) {
  std::copy(t.values.begin(), t.values.end(), out.begin());
  std::copy(t.basis.begin(), t.basis.end(), basis.begin());
  if (t.committed) {
    const double remaining = std::max(0.0, d.capex_commitment - t.spent);
    for (const auto& share : t.commitment) out[share.quarter] = remaining * share.weight;
  }
  // In timeline order, so each reads its predecessor's final value, as step 3 does; a
  // run of derived quarters carries it in a register (a store-to-load round trip a
  // quarter otherwise).
  const double growth = 1.0 + quarterly_rate(d.capex_growth);
  int last = -2;
  double value = 0;
  for (const auto& x : t.derived) {
    const double previous = x.quarter - 1 == last ? value : out[x.quarter - 1];
    value = x.grows ? previous * growth : previous;
    out[x.quarter] = value;
    last = x.quarter;
  }
}

}  // namespace cloudcast::model
