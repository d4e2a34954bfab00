#include "model/capex_plan.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

namespace model_capex_plan_test {

using namespace cloudcast;
using model::CapexBasis;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Plan {
  std::vector<double> capex;
  std::vector<CapexBasis> basis;
};

// Timeline 2024Q1 .. 2028Q4 (20 quarters), last reported 2025Q4 (index 7).
Plan run(const model::CompanyDrivers& d, const std::vector<double>& reported) {
  Plan p{std::vector<double>(20), std::vector<CapexBasis>(20)};
  model::plan_capex(d, Quarter{2024, 1}, Quarter{2025, 4}, reported, p.capex, p.basis);
  return p;
}

model::CompanyDrivers commitment(model::Phasing phasing) {
  model::CompanyDrivers d;
  d.capex_commitment = 380000;
  d.capex_start = Quarter{2025, 1};
  d.capex_window = 12;
  d.capex_phasing = phasing;
  return d;
}

double window_sum(const Plan& p) { return std::accumulate(p.capex.begin() + 4, p.capex.begin() + 16, 0.0); }

}  // namespace

TEST_CASE("plan_capex: the window sums to the commitment, reported quarters included", "[capex_plan]") {
  // Alibaba-like: 2024Q4 .. 2025Q3 reported, 2025Q4 not.
  const std::vector<double> reported{kNaN, kNaN, kNaN, 31800, 24600, 38676, 31501, kNaN};
  for (auto phasing : {model::Phasing::flat, model::Phasing::front_loaded}) {
    const Plan p = run(commitment(phasing), reported);
    CHECK(window_sum(p) == Approx(380000).epsilon(1e-12));  // identity, rounding only
    CHECK(p.capex[5] == 38676);
    CHECK(p.basis[5] == CapexBasis::reported);
    CHECK(p.basis[7] == CapexBasis::estimate);  // reported quarter, capex never disclosed
    CHECK(p.basis[8] == CapexBasis::plan);
    CHECK(p.basis[0] == CapexBasis::none);
    CHECK(p.basis[3] == CapexBasis::reported);
  }
  // Flat: (380000 - 24600 - 38676 - 31501) / 9 for each open window quarter (hand-computed).
  const Plan flat = run(commitment(model::Phasing::flat), reported);
  const double each = (380000.0 - 24600 - 38676 - 31501) / 9;
  CHECK(flat.capex[7] == Approx(each).epsilon(1e-12));
  CHECK(flat.capex[15] == Approx(each).epsilon(1e-12));
  // After the window: run-rate of the last window quarter, growth 0.
  CHECK(flat.capex[16] == Approx(each).epsilon(1e-12));
}

TEST_CASE("plan_capex: front-loaded weights decline, explicit weights are followed", "[capex_plan]") {
  const std::vector<double> none(8, kNaN);
  const Plan front = run(commitment(model::Phasing::front_loaded), none);
  for (int j = 5; j < 16; ++j) CHECK(front.capex[j] < front.capex[j - 1]);
  // Weights 12..1 over 78: the first quarter takes 12/78 of the commitment.
  CHECK(front.capex[4] == Approx(380000.0 * 12 / 78).epsilon(1e-12));

  auto d = commitment(model::Phasing::explicit_list);
  d.capex_weights = {1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0};
  const Plan ex = run(d, none);
  CHECK(ex.capex[4] == Approx(380000.0 / 12).epsilon(1e-12));
  CHECK(ex.capex[8] == Approx(380000.0 / 6).epsilon(1e-12));
  CHECK(ex.capex[12] == 0);
  CHECK(window_sum(ex) == Approx(380000).epsilon(1e-12));
}

TEST_CASE("plan_capex: without a commitment the run-rate grows at the capex growth", "[capex_plan]") {
  model::CompanyDrivers d;
  d.capex_growth = 0.21550625;  // (1.05)^4 - 1: exactly 5 % a quarter
  const std::vector<double> reported{100, 110, kNaN, 130, 140, 150, 160, 170};
  const Plan p = run(d, reported);
  CHECK(p.capex[2] == 110);  // a gap repeats the previous quarter
  CHECK(p.basis[2] == CapexBasis::estimate);
  CHECK(p.capex[8] == Approx(170 * 1.05).epsilon(1e-12));
  CHECK(p.capex[9] == Approx(170 * 1.05 * 1.05).epsilon(1e-12));
}

TEST_CASE("plan_capex: nothing reported takes the assumed run-rate for the last four quarters", "[capex_plan]") {
  model::CompanyDrivers d;
  d.capex_run_rate = 24000;
  const Plan p = run(d, std::vector<double>(8, kNaN));
  CHECK(p.basis[3] == CapexBasis::none);
  CHECK(p.capex[4] == 24000);
  CHECK(p.basis[7] == CapexBasis::estimate);
  CHECK(p.capex[19] == Approx(24000).epsilon(1e-12));
}

TEST_CASE("phasing_weights: sum to one", "[capex_plan]") {
  std::vector<double> w(7);
  for (auto phasing : {model::Phasing::flat, model::Phasing::front_loaded}) {
    model::phasing_weights(phasing, {}, w);
    CHECK(std::accumulate(w.begin(), w.end(), 0.0) == Approx(1).epsilon(1e-15));
  }
}

}  // namespace model_capex_plan_test
