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
double runoff_integral(double life, double t) { return t >= life ? life / 2 : t - t * t / (2 * life); }
}  // namespace

double existing_depreciation(double life, int k) {
  return (runoff_integral(life, k + 1.0) - runoff_integral(life, static_cast<double>(k))) / life;
}

double existing_gross(double life, int k) { return std::max(0.0, 1.0 - (k + 0.5) / life); }

}  // namespace cloudcast::model
