#include "model/depreciation.hpp"

#include <algorithm>
#include <cmath>

namespace cloudcast::model {

void straight_line_kernel(double life, std::span<double> out) {
  for (std::size_t k = 0; k < out.size(); ++k) {
    const double a = std::min(static_cast<double>(k), life);
    const double b = std::min(static_cast<double>(k + 1), life);
    out[k] = (b - a) / life;
  }
}

void in_service_kernel(double life, std::span<double> out) {
  for (std::size_t k = 0; k < out.size(); ++k) out[k] = static_cast<double>(k) < life ? 1.0 : 0.0;
}

void toeplitz_schedule(std::span<const double> kernel, int lag, Eigen::Ref<Matrix> m) {
  const Eigen::Index n = m.rows();
  m.setZero();
  // Column j is the schedule of vintage j: the kernel shifted down by j + lag.
  for (Eigen::Index j = 0; j < n; ++j) {
    for (Eigen::Index i = j + lag; i < n; ++i) {
      const auto k = static_cast<std::size_t>(i - j - lag);
      if (k >= kernel.size()) break;
      m(i, j) = kernel[k];
    }
  }
}

namespace {

// One straight-line life in the form the window sums need: f = floor(L) quarters at 1/L,
// then (L - f)/L; s = ceil(L) quarters in service.
struct StraightLine {
  explicit StraightLine(double life)
      : full(floor_of(life)), tail(life - full), span(ceil_of(life - 1e-9)), inv_life(1.0 / life) {}
  // floor and ceil as int; for x in [0, 2^31) by truncation (x86-64's baseline has no
  // rounding instruction, and std::floor's emulation costs a path dozens of instructions).
  static int floor_of(double x) { return x >= 0 && x < 0x1p31 ? static_cast<int>(x) : static_cast<int>(std::floor(x)); }
  static int ceil_of(double x) {
    if (!(x >= 0 && x < 0x1p31)) return static_cast<int>(std::ceil(x));
    const int whole = static_cast<int>(x);
    return whole + (whole < x ? 1 : 0);
  }

  int full;
  double tail;
  int span;
  double inv_life;
};

// Rows [begin, end) with m = i - lag >= 0: per group, the depreciation window sum
// (prefix[m + 1] - prefix[m - f + 1] + tail c[m - f]) / L and the gross window
// prefix[m + 1] - prefix[m - s + 1]. The group arrays are read at negative indices
// (their zeros, VintageScratch); f and s are at most n + 1, below which every index is
// a zero as it would be at any longer life. Distinct arrays, so the loop vectorises.
void vintage_rows(int begin, int end, int lag, const StraightLine& old_line, int old_full, int old_span,
                  const StraightLine& new_line, int new_full, int new_span, const double* __restrict prefix_old,
                  const double* __restrict prefix_new, const double* __restrict capex_old,
                  const double* __restrict capex_new, double* __restrict depreciation, double* __restrict gross,
                  double* __restrict gross_new) {
  const double old_tail = old_line.tail, old_inv = old_line.inv_life;
  const double new_tail = new_line.tail, new_inv = new_line.inv_life;
  for (int i = begin; i < end; ++i) {
    const int m = i - lag;
    const double old_dep =
        (prefix_old[m + 1] - prefix_old[m - old_full + 1] + old_tail * capex_old[m - old_full]) * old_inv;
    const double new_dep =
        (prefix_new[m + 1] - prefix_new[m - new_full + 1] + new_tail * capex_new[m - new_full]) * new_inv;
    const double new_gross = prefix_new[m + 1] - prefix_new[m - new_span + 1];
    depreciation[i] = old_dep + new_dep;
    gross[i] = (prefix_old[m + 1] - prefix_old[m - old_span + 1]) + new_gross;
    gross_new[i] = new_gross;
  }
}

}  // namespace

void split_vintage_schedule(std::span<const double> capex, int lag, int last_old, double life_old, double life_new,
                            VintageScratch& scratch, std::span<double> depreciation, std::span<double> gross,
                            std::span<double> gross_new, int first) {
  const int n = static_cast<int>(capex.size());
  if (scratch.quarters < capex.size()) scratch = VintageScratch(capex.size());
  const auto pad = static_cast<std::ptrdiff_t>(scratch.quarters + 1);  // zeros before index 0
  double* prefix_old = scratch.prefix_old.data() + pad;
  double* prefix_new = scratch.prefix_new.data() + pad;
  double* capex_old = scratch.capex_old.data() + pad;
  double* capex_new = scratch.capex_new.data() + pad;
  // Each group's prefix sums over its own capex, and its capex (0 in the other group's
  // quarters), as far as row n - 1 reads them (m + 1 <= n - lag). The running sums live
  // in registers: reading them back from the arrays would put a store-to-load round trip
  // in every step.
  const int used = std::clamp(n - lag, 0, n);
  const int split = std::clamp(last_old + 1, 0, used);
  double old_sum = 0, new_sum = 0;
  prefix_old[0] = prefix_new[0] = 0;
  for (int j = 0; j < split; ++j) {
    old_sum += capex[j];
    prefix_old[j + 1] = old_sum;
    prefix_new[j + 1] = new_sum;
    capex_old[j] = capex[j];
    capex_new[j] = 0;
  }
  for (int j = split; j < used; ++j) {
    new_sum += capex[j];
    prefix_old[j + 1] = old_sum;
    prefix_new[j + 1] = new_sum;
    capex_old[j] = 0;
    capex_new[j] = capex[j];
  }
  const StraightLine line_old(life_old), line_new(life_new);
  int i = std::max(first, 0);
  for (; i < n && i < lag; ++i) depreciation[i] = gross[i] = gross_new[i] = 0;  // nothing in service yet
  const auto window = [n](int quarters) { return std::clamp(quarters, 0, n + 1); };
  vintage_rows(i, n, lag, line_old, window(line_old.full), window(line_old.span), line_new, window(line_new.full),
               window(line_new.span), prefix_old, prefix_new, capex_old, capex_new, depreciation.data(), gross.data(),
               gross_new.data());
}

}  // namespace cloudcast::model
