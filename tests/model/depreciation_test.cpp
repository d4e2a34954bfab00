#include "model/depreciation.hpp"

#include <catch2/catch.hpp>

#include <numeric>
#include <vector>

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

TEST_CASE("straight_line_schedule: prefix sums give the Toeplitz product T * capex", "[depreciation]") {
  // The engine's O(n) evaluation against the matrix formulation that defines it, for
  // whole and fractional lives, lives longer than the timeline, and every lag.
  const int n = 24;
  std::vector<double> capex(n);
  for (int j = 0; j < n; ++j) capex[j] = 100.0 + 37.0 * j - 2.5 * j * j + (j % 3 == 0 ? 55.0 : 0.0);
  for (double life : {0.75, 1.0, 2.5, 12.0, 13.6, 24.0, 30.0, 120.0}) {
    for (int lag : {0, 1, 3, 8}) {
      std::vector<double> kernel(n), in_service(n), prefix(n + 1), dep(n), gross(n);
      model::straight_line_kernel(life, kernel);
      model::in_service_kernel(life, in_service);
      model::Matrix t(n, n), g(n, n);
      model::toeplitz_schedule(kernel, lag, t);
      model::toeplitz_schedule(in_service, lag, g);
      const model::Vector c = Eigen::Map<const model::Vector>(capex.data(), n);
      const model::Vector dep_matrix = t * c, gross_matrix = g * c;
      model::straight_line_schedule(capex, life, lag, prefix, dep, gross);
      for (int i = 0; i < n; ++i) {
        INFO("life " << life << " lag " << lag << " quarter " << i);
        CHECK(dep[i] == Approx(dep_matrix[i]).epsilon(1e-13).margin(1e-12));  // rounding only
        CHECK(gross[i] == Approx(gross_matrix[i]).epsilon(1e-13).margin(1e-12));
      }
    }
  }
  // From a first quarter on: the same figures there, earlier entries left alone.
  std::vector<double> prefix(n + 1), dep_all(n), gross_all(n), dep_from(n, -1.0), gross_from(n, -1.0);
  model::straight_line_schedule(capex, 13.6, 2, prefix, dep_all, gross_all);
  model::straight_line_schedule(capex, 13.6, 2, prefix, dep_from, gross_from, 12);
  for (int i = 0; i < n; ++i) {
    CHECK(dep_from[i] == (i < 12 ? -1.0 : dep_all[i]));
    CHECK(gross_from[i] == (i < 12 ? -1.0 : gross_all[i]));
  }
  // Hand-computed: life 2.5, lag 1, capex 10 in quarter 0 only -> 4, 4, 2 from quarter 1.
  std::vector<double> one(6, 0.0), prefix6(7), dep(6), gross(6);
  one[0] = 10;
  model::straight_line_schedule(one, 2.5, 1, prefix6, dep, gross);
  CHECK(dep[0] == 0);
  CHECK(dep[1] == Approx(4));
  CHECK(dep[2] == Approx(4));
  CHECK(dep[3] == Approx(2));
  CHECK(dep[4] == 0);
  CHECK(gross[3] == 10);  // in service for ceil(2.5) = 3 quarters
  CHECK(gross[4] == 0);
}

TEST_CASE("split_vintage_schedule: both groups at once, bit for bit the two single schedules added", "[depreciation]") {
  // The engine's old/new vintage split (reported life up to last_old, scenario life
  // after) against straight_line_schedule on each group's capex with the other group's
  // quarters zero, added: exact equality, so switching between them moves no figure.
  const int n = 24;
  std::vector<double> capex(n);
  for (int j = 0; j < n; ++j) capex[j] = 100.0 + 37.0 * j - 2.5 * j * j + (j % 3 == 0 ? 55.1 : 0.0);
  for (double life_old : {0.75, 12.0, 13.6, 24.0}) {
    for (double life_new : {1.0, 2.5, 12.0, 17.3, 30.0}) {
      for (int lag : {0, 1, 3, 8}) {
        for (int first : {0, 12}) {
          const int last_old = 11 - lag;
          std::vector<double> old_capex(n, 0.0), new_capex(n, 0.0);
          for (int j = 0; j < n; ++j) (j <= last_old ? old_capex : new_capex)[j] = capex[j];
          std::vector<double> prefix(n + 1), dep_old(n), gross_old(n), dep_new(n), gross_new(n);
          model::straight_line_schedule(old_capex, life_old, lag, prefix, dep_old, gross_old);
          model::straight_line_schedule(new_capex, life_new, lag, prefix, dep_new, gross_new);
          std::vector<double> prefix_old(n + 1), prefix_new(n + 1), dep(n, -1.0), gross(n, -1.0), gross_later(n, -1.0);
          model::split_vintage_schedule(capex, lag, last_old, life_old, life_new, prefix_old, prefix_new, dep, gross,
                                        gross_later, first);
          for (int i = 0; i < n; ++i) {
            INFO("lives " << life_old << "/" << life_new << " lag " << lag << " first " << first << " quarter " << i);
            CHECK(dep[i] == (i < first ? -1.0 : dep_old[i] + dep_new[i]));
            CHECK(gross[i] == (i < first ? -1.0 : gross_old[i] + gross_new[i]));
            CHECK(gross_later[i] == (i < first ? -1.0 : gross_new[i]));
          }
        }
      }
    }
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
