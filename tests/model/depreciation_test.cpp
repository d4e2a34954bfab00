#include "model/depreciation.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

namespace model_depreciation_test {

using namespace cloudcast;

TEST_CASE("straight_line_kernel: a vintage depreciates its whole cost over its life", "[depreciation]") {
  for (double life : {1.0, 12.0, 24.0, 10.5, 0.75}) {
    std::vector<double> k(60);
    model::straight_line_kernel(life, k);
    CHECK(std::accumulate(k.begin(), k.end(), 0.0) == Approx(1).epsilon(1e-14));  // sums to cost
    CHECK(k[0] == Approx(std::min(1.0, life) / life).epsilon(1e-15));
  }
  std::vector<double> k(8);
  model::straight_line_kernel(2.5, k);  // 0.4, 0.4, 0.2, 0, ... (hand-computed)
  CHECK(k[0] == Approx(0.4));
  CHECK(k[2] == Approx(0.2));
  CHECK(k[3] == 0);
}

TEST_CASE("toeplitz_schedule: depreciation = T * capex sums each vintage to its cost", "[depreciation]") {
  const int n = 30, lag = 2;
  std::vector<double> kernel(n);
  model::straight_line_kernel(12, kernel);  // 3 years
  model::Matrix t(n, n);
  model::toeplitz_schedule(kernel, lag, t);
  CHECK(t.isLowerTriangular());
  CHECK(t(lag, 0) == Approx(1.0 / 12));
  CHECK(t(lag - 1, 0) == 0);              // nothing before service
  CHECK(t(lag + 5, 3) == t(lag + 7, 5));  // Toeplitz: constant along diagonals
  // Vintages whose whole life fits in the timeline sum to their cost.
  model::Vector capex = model::Vector::Zero(n);
  capex[0] = 100;
  capex[5] = 50;
  const model::Vector dep = t * capex;
  CHECK(dep.sum() == Approx(150).epsilon(1e-13));
  CHECK(dep[lag] == Approx(100.0 / 12).epsilon(1e-15));
  CHECK(dep[lag + 5] == Approx(100.0 / 12 + 50.0 / 12).epsilon(1e-15));
}

TEST_CASE("existing base: uniform-age run-off writes off the net book value", "[depreciation]") {
  for (double life : {24.0, 20.0, 13.5}) {
    double total = 0;
    for (int k = 0; k < 40; ++k) total += model::existing_depreciation(life, k);
    CHECK(total == Approx(0.5).epsilon(1e-14));  // net book value of a uniform-age base = half its gross
    CHECK(model::existing_depreciation(life, 0) > model::existing_depreciation(life, 1));
    CHECK(model::existing_gross(life, 0) == Approx(1 - 0.5 / life));
    CHECK(model::existing_gross(life, 100) == 0);
  }
}

namespace {

// T * c by the matrix definition: T the lower-triangular Toeplitz schedule of the kernel
// (straight-line depreciation or in-service indicator) for a life, shifted by the lag.
model::Vector schedule_by_matrix(const std::vector<double>& capex, double life, int lag, bool in_service) {
  const auto n = static_cast<int>(capex.size());
  std::vector<double> kernel(static_cast<std::size_t>(n));
  if (in_service)
    model::in_service_kernel(life, kernel);
  else
    model::straight_line_kernel(life, kernel);
  model::Matrix t(n, n);
  model::toeplitz_schedule(kernel, lag, t);
  return t * Eigen::Map<const model::Vector>(capex.data(), n);
}

}  // namespace

TEST_CASE("split_vintage_schedule: prefix sums give T_old c_old + T_new c_new", "[depreciation]") {
  // The engine's O(n) evaluation against the matrix formulation that defines it: vintages
  // up to last_old on one life, later ones on another, for whole and fractional lives,
  // lives longer than the timeline, every lag and every split.
  const int n = 24;
  std::vector<double> capex(n);
  for (int j = 0; j < n; ++j) capex[j] = 100.0 + 37.0 * j - 2.5 * j * j + (j % 3 == 0 ? 55.1 : 0.0);
  for (double life_old : {0.75, 1.0, 12.0, 13.6, 24.0, 120.0}) {
    for (double life_new : {1.0, 2.5, 12.0, 17.3, 30.0}) {
      for (int lag : {0, 1, 3, 8}) {
        for (int last_old : {-1, 11 - lag, n - 1}) {  // all new, the engine's split, all old
          std::vector<double> old_capex(n, 0.0), new_capex(n, 0.0);
          for (int j = 0; j < n; ++j) (j <= last_old ? old_capex : new_capex)[j] = capex[j];
          const model::Vector dep_old = schedule_by_matrix(old_capex, life_old, lag, false);
          const model::Vector dep_new = schedule_by_matrix(new_capex, life_new, lag, false);
          const model::Vector gross_old = schedule_by_matrix(old_capex, life_old, lag, true);
          const model::Vector gross_new = schedule_by_matrix(new_capex, life_new, lag, true);
          model::VintageScratch scratch(n);
          std::vector<double> dep(n), gross(n), gross_later(n);
          model::split_vintage_schedule(capex, lag, last_old, life_old, life_new, scratch, dep, gross, gross_later);
          for (int i = 0; i < n; ++i) {
            INFO("lives " << life_old << "/" << life_new << " lag " << lag << " last old " << last_old << " quarter "
                          << i);
            CHECK(dep[i] == Approx(dep_old[i] + dep_new[i]).epsilon(1e-13).margin(1e-12));  // rounding only
            CHECK(gross[i] == Approx(gross_old[i] + gross_new[i]).epsilon(1e-13).margin(1e-12));
            CHECK(gross_later[i] == Approx(gross_new[i]).epsilon(1e-13).margin(1e-12));
          }
        }
      }
    }
  }
}

TEST_CASE("split_vintage_schedule: from a first quarter on, and a hand-computed vintage", "[depreciation]") {
  const int n = 24;
  std::vector<double> capex(n);
  for (int j = 0; j < n; ++j) capex[j] = 50.0 + 3.0 * j;
  // From quarter 12 on: the same figures there, earlier entries left alone.
  model::VintageScratch scratch(n);
  std::vector<double> dep_all(n), gross_all(n), new_all(n);
  std::vector<double> dep_from(n, -1.0), gross_from(n, -1.0), new_from(n, -1.0);
  model::split_vintage_schedule(capex, 2, 9, 20.0, 13.6, scratch, dep_all, gross_all, new_all);
  model::split_vintage_schedule(capex, 2, 9, 20.0, 13.6, scratch, dep_from, gross_from, new_from, 12);
  for (int i = 0; i < n; ++i) {
    CHECK(dep_from[i] == (i < 12 ? -1.0 : dep_all[i]));
    CHECK(gross_from[i] == (i < 12 ? -1.0 : gross_all[i]));
    CHECK(new_from[i] == (i < 12 ? -1.0 : new_all[i]));
  }
  // Life 2.5, lag 1, capex 10 in quarter 0 only (an old vintage): 4, 4, 2 from quarter 1.
  std::vector<double> one(6, 0.0), dep(6), gross(6), gross_new(6);
  one[0] = 10;
  model::VintageScratch small;  // too short: split_vintage_schedule grows it
  model::split_vintage_schedule(one, 1, 0, 2.5, 8.0, small, dep, gross, gross_new);
  CHECK(dep[0] == 0);
  CHECK(dep[1] == Approx(4));
  CHECK(dep[2] == Approx(4));
  CHECK(dep[3] == Approx(2));
  CHECK(dep[4] == 0);
  CHECK(gross[3] == 10);  // in service for ceil(2.5) = 3 quarters
  CHECK(gross[4] == 0);
  CHECK(gross_new[3] == 0);  // no new vintage
}

TEST_CASE("split_vintage_schedule: both vintage groups, checked by hand", "[depreciation]") {
  // Lag 1, vintages 0..2 old (life 2: half a quarter for 2 quarters), 3..4 new (life 3:
  // a third for 3 quarters), each from the quarter after it is bought. Old: 4 in service
  // in 1-2, 8 in 2-3, 0 in 3-4; new: 6 in 4-6, 10 in 5-7.
  const std::vector<double> capex = {4, 8, 0, 6, 10, 0, 0, 0};
  std::vector<double> dep(8), gross(8), gross_new(8);
  model::VintageScratch scratch(8);
  model::split_vintage_schedule(capex, 1, 2, 2.0, 3.0, scratch, dep, gross, gross_new);
  const double third = 10.0 / 3;
  const std::vector<double> want_dep = {0, 2, 2 + 4, 4 + 0, 0 + 2, 2 + third, 2 + third, third};
  const std::vector<double> want_gross = {0, 4, 12, 8, 6, 16, 16, 10};
  const std::vector<double> want_new = {0, 0, 0, 0, 6, 16, 16, 10};
  for (std::size_t i = 0; i < 8; ++i) {
    INFO("quarter " << i);
    CHECK(dep[i] == Approx(want_dep[i]).epsilon(1e-15).margin(1e-15));
    CHECK(gross[i] == want_gross[i]);  // sums of whole numbers: exact
    CHECK(gross_new[i] == want_new[i]);
  }
}

TEST_CASE("ExistingRunoff: the projection's multiply form equals the run-off formulas", "[depreciation]") {
  for (double life : {24.0, 20.0, 13.5, 1.0}) {
    const model::ExistingRunoff r(life);
    for (int k = 0; k < 40; ++k) {
      CHECK(r.depreciation(k) == Approx(model::existing_depreciation(life, k)).epsilon(1e-14).margin(1e-15));
      CHECK(r.gross(k) == Approx(model::existing_gross(life, k)).epsilon(1e-14).margin(1e-15));
    }
  }
}

}  // namespace model_depreciation_test
