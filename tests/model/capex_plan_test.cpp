#include "model/capex_plan.hpp"

#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
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

namespace {

// A plan's inputs: drivers, reported capex (8 quarters up to 2025Q4) and capex guides.
struct PlanCase {
  const char* what;
  model::CompanyDrivers d;
  std::vector<double> reported;
  std::vector<model::CapexGuide> guides;
};

model::CapexPlanTemplate make_template(const PlanCase& c) {
  std::vector<double> part(20);
  std::vector<CapexBasis> part_basis(20);
  const int first = model::reported_capex_part(Quarter{2024, 1}, Quarter{2025, 4}, c.reported, part, part_basis);
  return model::capex_plan_template(c.d, Quarter{2024, 1}, Quarter{2025, 4}, c.reported, first, part, part_basis,
                                    c.guides);
}

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

}  // namespace

TEST_CASE("capex_plan_template: any growth and commitment total give plan_capex's plan bit for bit", "[capex_plan]") {
  const std::vector<double> alibaba{100, kNaN, 120, 31800, 24600, 38676, 31501, kNaN};  // a gap at 2024Q2
  std::vector<PlanCase> cases;
  for (auto phasing : {model::Phasing::flat, model::Phasing::front_loaded, model::Phasing::explicit_list}) {
    PlanCase c{"commitment, its window guided and covered", commitment(phasing), alibaba, {{4, 15, 380000}}};
    if (phasing == model::Phasing::explicit_list) c.d.capex_weights = {1, 1, 1, 1, 2, 2, 2, 2, 0.5, 0, 3, 0};
    cases.push_back(c);
  }
  // A window that ends before the last reported quarter: the gap after it repeats the
  // commitment's last quarter, and the growth carries that on.
  PlanCase early{"commitment ending before T, a gap after it",
                 commitment(model::Phasing::flat),
                 {100, kNaN, kNaN, 130, kNaN, kNaN, kNaN, 170},
                 {}};
  early.d.capex_start = Quarter{2024, 2};
  early.d.capex_window = 4;
  cases.push_back(early);
  model::CompanyDrivers plain;
  plain.capex_growth = 0.2;
  cases.push_back({"guides filling open quarters, growth after them",
                   plain,
                   {100, 110, kNaN, 130, 140, 150, 160, 170},
                   {{8, 11, 800}, {12, 15, 1000}, {6, 9, 900}}});
  model::CompanyDrivers run_rate;
  run_rate.capex_run_rate = 24000;
  cases.push_back({"nothing reported, the run-rate", run_rate, std::vector<double>(8, kNaN), {}});
  for (const PlanCase& c : cases) {
    INFO(c.what);
    const model::CapexPlanTemplate t = make_template(c);
    REQUIRE(t.valid);
    for (double growth : {-0.4, 0.0, 0.0731, 1.5}) {
      for (double factor : {1.0, 0.3, 2.7, 1e-9}) {  // 1e-9: less than reported, nothing remains
        model::CompanyDrivers d = c.d;
        d.capex_growth = growth;
        d.capex_commitment *= factor;
        REQUIRE(model::template_fits(t, d));
        Plan expected{std::vector<double>(20), std::vector<CapexBasis>(20)};
        model::plan_capex(d, Quarter{2024, 1}, Quarter{2025, 4}, c.reported, expected.capex, expected.basis, c.guides);
        Plan got{std::vector<double>(20, -1.0), std::vector<CapexBasis>(20)};
        model::plan_capex_from_template(t, d, got.capex, got.basis);
        for (int j = 0; j < 20; ++j) {
          INFO("growth " << growth << " commitment x " << factor << " quarter " << j);
          CHECK(same_bits(got.capex[j], expected.capex[j]));
          CHECK(got.basis[j] == expected.basis[j]);
        }
      }
    }
  }
}

TEST_CASE("capex_plan_template: fits only the plan drivers it was made with", "[capex_plan]") {
  PlanCase c{"explicit", commitment(model::Phasing::explicit_list), std::vector<double>(8, kNaN), {}};
  c.d.capex_weights = std::vector<double>(12, 1.0);
  const model::CapexPlanTemplate t = make_template(c);
  REQUIRE(model::template_fits(t, c.d));
  const auto fits_with = [&](auto change) {
    model::CompanyDrivers d = c.d;
    change(d);
    return model::template_fits(t, d);
  };
  CHECK(fits_with([](auto& d) { d.capex_growth = 0.5; }));
  CHECK(fits_with([](auto& d) { d.capex_commitment = 1; }));
  CHECK(fits_with([](auto& d) { d.capex_cloud_share = 0.5; }));  // applied after the plan
  CHECK_FALSE(fits_with([](auto& d) { d.capex_commitment = 0; }));
  CHECK_FALSE(fits_with([](auto& d) { d.capex_window = 11; }));
  CHECK_FALSE(fits_with([](auto& d) { d.capex_start = Quarter{2025, 2}; }));
  CHECK_FALSE(fits_with([](auto& d) { d.capex_phasing = model::Phasing::flat; }));
  CHECK_FALSE(fits_with([](auto& d) { d.capex_weights[3] = 2; }));
  CHECK_FALSE(fits_with([](auto& d) { d.capex_weights[3] = std::nextafter(1.0, 2.0); }));
  CHECK_FALSE(fits_with([](auto& d) { d.use_guidance = 0; }));
  CHECK_FALSE(fits_with([](auto& d) { d.capex_run_rate = 5; }));
  CHECK_FALSE(model::template_fits(model::CapexPlanTemplate{}, c.d));  // empty: never
  // Equal is not enough: a weight of -0 puts -0 in its quarter where +0 puts +0.
  PlanCase z = c;
  z.d.capex_weights[3] = 0.0;
  const model::CapexPlanTemplate zero = make_template(z);
  CHECK(model::template_fits(zero, z.d));
  z.d.capex_weights[3] = -0.0;
  CHECK_FALSE(model::template_fits(zero, z.d));
}

TEST_CASE("capex_plan_template: a guide filling quarters beside a commitment is not templated", "[capex_plan]") {
  // The guide's open quarters share what the commitment's quarters leave of its total, so
  // they move with the commitment: the template says so and is not used.
  PlanCase c{
      "guide after the window", commitment(model::Phasing::flat), std::vector<double>(8, kNaN), {{16, 19, 50000}}};
  const model::CapexPlanTemplate t = make_template(c);
  CHECK_FALSE(t.valid);
  CHECK_FALSE(model::template_fits(t, c.d));
  c.d.use_guidance = 0;  // guidance off: nothing depends on the commitment but its quarters
  CHECK(make_template(c).valid);
}

TEST_CASE("phasing_weights: sum to one", "[capex_plan]") {
  std::vector<double> w(7);
  for (auto phasing : {model::Phasing::flat, model::Phasing::front_loaded}) {
    model::phasing_weights(phasing, {}, w);
    CHECK(std::accumulate(w.begin(), w.end(), 0.0) == Approx(1).epsilon(1e-15));
  }
}

}  // namespace model_capex_plan_test
