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

void straight_line_schedule(std::span<const double> capex, double life, int lag, std::span<double> prefix,
                            std::span<double> depreciation, std::span<double> gross, int first) {
  const int n = static_cast<int>(capex.size());
  prefix[0] = 0;
  for (int j = 0; j < n; ++j) prefix[j + 1] = prefix[j] + capex[j];
  const int full = static_cast<int>(std::floor(life));      // quarters written off at 1/L
  const double tail = life - full;                           // share of the quarter after them
  const int span = static_cast<int>(std::ceil(life - 1e-9));  // quarters in service
  const double inv_life = 1.0 / life;
  int i = std::max(first, 0);
  for (; i < n && i < lag; ++i) depreciation[i] = gross[i] = 0;  // nothing in service yet
  for (; i < n; ++i) {
    const int m = i - lag;  // the vintage entering service in quarter i
    const double upto = prefix[m + 1];
    const int j_tail = m - full;
    const double tail_part = j_tail >= 0 ? tail * capex[j_tail] : 0.0;
    depreciation[i] = (upto - prefix[std::max(0, m - full + 1)] + tail_part) * inv_life;
    gross[i] = upto - prefix[std::max(0, m - span + 1)];
  }
}

}  // namespace cloudcast::model
