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
