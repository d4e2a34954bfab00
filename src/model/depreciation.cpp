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
      : full(static_cast<int>(std::floor(life))),
        tail(life - full),
        span(static_cast<int>(std::ceil(life - 1e-9))),
        inv_life(1.0 / life) {}
  // Depreciation and gross in the quarter vintage m enters service, from the group's
  // prefix sums; tail_capex is the group's capex of vintage m - f (0 when there is none).
  double depreciation(const double* prefix, int m, double tail_capex) const {
    return (prefix[m + 1] - prefix[std::max(0, m - full + 1)] + tail * tail_capex) * inv_life;
  }
  double gross(const double* prefix, int m) const { return prefix[m + 1] - prefix[std::max(0, m - span + 1)]; }

  int full;
  double tail;
  int span;
  double inv_life;
};

}  // namespace

void split_vintage_schedule(std::span<const double> capex, int lag, int last_old, double life_old, double life_new,
                            std::span<double> prefix_old, std::span<double> prefix_new, std::span<double> depreciation,
                            std::span<double> gross, std::span<double> gross_new, int first) {
  const int n = static_cast<int>(capex.size());
  // Each group's prefix sums over its own capex. The running sums live in registers:
  // reading them back from the arrays would put a store-to-load round trip in every step.
  double old_sum = 0, new_sum = 0;
  prefix_old[0] = prefix_new[0] = 0;
  for (int j = 0; j < n; ++j) {
    if (j <= last_old)
      old_sum += capex[j];
    else
      new_sum += capex[j];
    prefix_old[j + 1] = old_sum;
    prefix_new[j + 1] = new_sum;
  }
  const StraightLine line_old(life_old), line_new(life_new);
  int i = std::max(first, 0);
  for (; i < n && i < lag; ++i) depreciation[i] = gross[i] = gross_new[i] = 0;  // nothing in service yet
  for (; i < n; ++i) {
    const int m = i - lag;
    const int tail_old = m - line_old.full, tail_new = m - line_new.full;
    const double old_dep =
        line_old.depreciation(prefix_old.data(), m, tail_old >= 0 && tail_old <= last_old ? capex[tail_old] : 0.0);
    const double new_dep =
        line_new.depreciation(prefix_new.data(), m, tail_new >= 0 && tail_new > last_old ? capex[tail_new] : 0.0);
    const double new_gross = line_new.gross(prefix_new.data(), m);
    depreciation[i] = old_dep + new_dep;
    gross[i] = line_old.gross(prefix_old.data(), m) + new_gross;
    gross_new[i] = new_gross;
  }
}

}  // namespace cloudcast::model
