#pragma once
// Depreciation by vintage. A vintage is one quarter's capex; it enters service after the
// in-service lag and depreciates straight-line over the useful life from that quarter.
// Stacking the per-vintage schedules gives a lower-triangular Toeplitz matrix T with
// T(i, j) = kernel[i - j - lag], so depreciation = T * capex.

#include <algorithm>
#include <span>

#include "model/eigen_types.hpp"
#include "model/vintage_scratch.hpp"

namespace cloudcast::model {

// Straight-line kernel for a life of L quarters (L may be fractional): the share of cost
// written off in the k-th quarter of service, (min(k+1, L) - min(k, L)) / L. Sums to 1
// whenever out.size() >= ceil(L).
void straight_line_kernel(double life_quarters, std::span<double> out);

// In-service indicator: 1 while a vintage is being depreciated (k < ceil(L)), else 0.
void in_service_kernel(double life_quarters, std::span<double> out);

// Fills the n x n lower-triangular Toeplitz matrix M(i, j) = kernel[i - j - lag]
// (0 where i - j - lag < 0). m must already be n x n.
void toeplitz_schedule(std::span<const double> kernel, int lag, Eigen::Ref<Matrix> m);

// The engine's depreciation and gross cost in service of its tracked vintages, the
// products T_old c_old + T_new c_new without the matrices, in O(n). Vintages j <= last_old
// (in service by the last reported quarter) depreciate over life_old quarters, later ones
// over life_new. A straight-line kernel is 1/L for the first f = floor(L) quarters of
// service and (L - f)/L in quarter f, so with m = i - lag, per group,
//   depreciation[i] = (c[m-f+1] + ... + c[m] + (L - f) c[m-f]) / L
//   gross[i]        =  c[m-s+1] + ... + c[m],  s = ceil(L) quarters in service
// (indices below 0 dropped), each window sum a difference of the group's prefix sums
// prefix[j] = c[0] + ... + c[j-1]. Writes depreciation and gross of both groups and
// gross_new of the later group alone, from index `first` on (earlier entries are left
// alone). `scratch` holds the prefix sums; it grows (allocates) when shorter than capex.
// tests/model/depreciation_test.cpp checks it against the matrix products.
void split_vintage_schedule(std::span<const double> capex, int lag, int last_old, double life_old_quarters,
                            double life_new_quarters, VintageScratch& scratch, std::span<double> depreciation,
                            std::span<double> gross, std::span<double> gross_new, int first = 0);

// Run-off of an existing asset base of gross cost 1 with ages spread evenly over the
// life L (so its net book value is 1/2): depreciation in quarter k is
// (F(k+1) - F(k)) / L with F(t) = t - t^2 / (2L) for t <= L (L/2 after), which sums to
// 1/2; gross in service is max(0, 1 - (k + 1/2) / L).
// Two forms. existing_depreciation / existing_gross divide by L as written above; the
// calibration uses them (its golden-section fit of the existing gross settles only to
// about sqrt(machine epsilon), so even last-bit changes of its inputs move the fitted
// figures by ~1e-7 relative: keep them as they are). ExistingRunoff holds 1/L so the
// engine's every-quarter projection multiplies instead of dividing (agrees to rounding).
inline double existing_runoff_integral(double life, double t) { return t >= life ? life / 2 : t - t * t / (2 * life); }
inline double existing_depreciation(double life_quarters, int k) {
  return (existing_runoff_integral(life_quarters, k + 1.0) -
          existing_runoff_integral(life_quarters, static_cast<double>(k))) /
         life_quarters;
}
inline double existing_gross(double life_quarters, int k) { return std::max(0.0, 1.0 - (k + 0.5) / life_quarters); }

struct ExistingRunoff {
  explicit ExistingRunoff(double life_quarters) : life(life_quarters), inv_life(1.0 / life_quarters) {}
  double integral(double t) const { return t >= life ? life / 2 : t - t * t * (0.5 * inv_life); }  // F(t)
  double depreciation(int k) const { return (integral(k + 1.0) - integral(static_cast<double>(k))) * inv_life; }
  double gross(int k) const { return std::max(0.0, 1.0 - (k + 0.5) * inv_life); }
  double life, inv_life;
};

}  // namespace cloudcast::model
