#include "cloudcast/model/valuation.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace model_valuation_test {

using namespace cloudcast;

TEST_CASE("npv and irr of tiny cash flows, by hand") {
  // -100 now, 60 and 60 at the end of periods 1 and 2, at 10 %:
  // -100 + 60 / 1.1 + 60 / 1.21 = -100 + 54.545454... + 49.586776... = 4.1322314049...
  const std::vector<double> flat{-100, 60, 60};
  CHECK(model::npv(flat, 0.10) == Approx(4.132231404958674).epsilon(1e-14));
  // IRR: with x = 1 / (1 + r), 60 x^2 + 60 x - 100 = 0, x = (-60 + sqrt(60^2 + 4 x 60 x 100))
  // / 120 = (-60 + sqrt(27600)) / 120 = 0.8844373104..., r = 1 / x - 1 = 0.1306623862918...
  REQUIRE(model::irr(flat));
  CHECK(*model::irr(flat) == Approx(0.1306623862918075).epsilon(1e-12));
  // Uneven: -100, 30, 50, 40 at 8 %: -100 + 27.777778 + 42.866941 + 31.753289 = 2.3980084337.
  const std::vector<double> uneven{-100, 30, 50, 40};
  CHECK(model::npv(uneven, 0.08) == Approx(2.3980084336737164).epsilon(1e-13));
  // Its IRR is where the NPV is 0: above 8 % since the NPV there is positive.
  REQUIRE(model::irr(uneven));
  CHECK(std::fabs(model::npv(uneven, *model::irr(uneven))) < 1e-9);
  CHECK(*model::irr(uneven) > 0.08);
  // At a rate of 0 the NPV is the plain sum.
  CHECK(model::npv(uneven, 0) == Approx(20));
}

TEST_CASE("npv and irr against the spreadsheet's annuity closed form") {
  // -C now, then A at the end of each of n periods: NPV = -C + A (1 - (1 + r)^-n) / r.
  // C = 1000, n = 5 and A = C / annuity factor(10 %, 5) = 1000 / 3.7907867694 = 263.7974808
  // make the IRR exactly 10 %; at 8 % the NPV is -1000 + 263.7974808 x 3.9927100371 = 53.2668493.
  const double C = 1000, r = 0.10;
  const int n = 5;
  const double factor = (1 - std::pow(1 + r, -n)) / r;
  const double A = C / factor;
  CHECK(factor == Approx(3.7907867694084505).epsilon(1e-14));
  std::vector<double> flows{-C};
  for (int t = 0; t < n; ++t) flows.push_back(A);
  REQUIRE(model::irr(flows));
  CHECK(*model::irr(flows) == Approx(0.10).epsilon(1e-12));
  const double r8 = 0.08;
  CHECK(model::npv(flows, r8) == Approx(-C + A * (1 - std::pow(1 + r8, -n)) / r8).epsilon(1e-13));
  CHECK(model::npv(flows, r8) == Approx(53.26684932509352).epsilon(1e-12));
}

TEST_CASE("irr is undefined when the cash flows never change sign") {
  CHECK_FALSE(model::irr(std::vector<double>{0, 10, 20}));
  CHECK_FALSE(model::irr(std::vector<double>{-5, -10, 0}));
  CHECK_FALSE(model::irr(std::vector<double>{}));
}

namespace {

// A projection of two reported and four projected quarters with flat figures: FCF 100
// a quarter, operating income 80, depreciation 40 (EBITDA 120 a quarter).
model::CompanyProjection flat_company(double fcf_first) {
  model::CompanyProjection c;
  c.id = "amazon";
  c.currency = "USD";
  for (int i = 0; i < 6; ++i) {
    model::QuarterFigures q;
    q.period = Quarter{2025, 3} + i;
    q.actual = i < 2;
    if (!q.actual) {
      q.free_cash_flow = i == 2 ? fcf_first : 100.0;
      q.operating_income = 80.0;
      q.depreciation = 40.0;
    }
    c.quarters.push_back(q);
  }
  return c;
}

}  // namespace

TEST_CASE("value_company discounts the projection's free cash flow at the quarterly WACC") {
  model::CompanyDrivers d;
  d.wacc = std::pow(1.02, 4) - 1;             // 2 % a quarter exactly
  d.terminal_growth = std::pow(1.01, 4) - 1;  // 1 % a quarter
  const auto v = model::value_company(flat_company(-300), d);
  REQUIRE(v);
  CHECK(v->rate == Approx(0.02).epsilon(1e-12));
  CHECK(v->quarters == 4);
  // Explicit flows -300, 100, 100, 100 at 2 %: -294.117647 + 96.116878 + 94.232233 + 92.384543
  // = -11.383993.
  const double pv = -300 / 1.02 + 100 / std::pow(1.02, 2) + 100 / std::pow(1.02, 3) + 100 / std::pow(1.02, 4);
  CHECK(v->pv_cash_flows == Approx(pv).epsilon(1e-12));
  CHECK(v->pv_cash_flows == Approx(-11.383993).epsilon(1e-6));
  // Gordon: the last year's mean quarterly FCF (-300 + 300) / 4 = 0 -> terminal value 0.
  CHECK(v->terminal_value == Approx(0).margin(1e-9));
  CHECK(v->npv == Approx(pv).epsilon(1e-12));
  CHECK(v->payback == "beyond horizon");  // cumulative discounted FCF ends at -11.38
  // Flat 100 a quarter: TV = 100 x 1.01 / (0.02 - 0.01) = 10,100 at the end of quarter 4.
  const auto w = model::value_company(flat_company(100), d);
  REQUIRE(w);
  CHECK(w->terminal_value == Approx(10100).epsilon(1e-9));
  CHECK(w->pv_terminal == Approx(10100 / std::pow(1.02, 4)).epsilon(1e-12));
  CHECK(w->payback == "self-funding");
  CHECK_FALSE(w->irr);  // every flow positive: undefined, never inf or nan
  CHECK(w->irr_note.find("undefined") == 0);
  // Exit multiple: 12 x annual EBITDA 4 x 120 = 5,760.
  d.terminal_method = model::TerminalMethod::multiple;
  d.exit_multiple = 12;
  const auto m = model::value_company(flat_company(100), d);
  REQUIRE(m);
  CHECK(m->terminal_value == Approx(5760).epsilon(1e-12));
  // The IRR of -300, 100, 100, 100 + 5,760 is where their NPV is 0; annualised.
  const auto u = model::value_company(flat_company(-300), d);
  REQUIRE(u);
  REQUIRE(u->irr);
  const double q = std::pow(1 + *u->irr, 0.25) - 1;
  CHECK(std::fabs(model::npv(std::vector<double>{0, -300, 100, 100, 100 + 5760}, q)) < 1e-8);
}

TEST_CASE("irr: two sign changes take the scan and give the lowest root") {
  // -100, 230, -132: with y = 1 + r, -100 y^2 + 230 y - 132 = 0, y = (230 -+ 10) / 200:
  // roots at r = 10 % and 20 %; the lowest is reported.
  const std::vector<double> flows{-100, 230, -132};
  REQUIRE(model::irr(flows));
  CHECK(*model::irr(flows) == Approx(0.10).epsilon(1e-12));
  // One sign change with no root in range (the NPV at -99 % and at +10,000 % has one
  // sign): undefined, as the scan says.
  const std::vector<double> tiny{-1, 1e-9};
  CHECK_FALSE(model::irr(tiny));
}

TEST_CASE("value_flows: one point of WACC on a small case, by hand") {
  // FCF -100, 50, 50, 50 over four quarters; Gordon growth 0, so TV = mean FCF / r =
  // 12.5 / r, discounted by (1 + r)^4 = 1 + wacc exactly.
  // wacc 9 %: r = 1.09^(1/4) - 1 = 0.0217781809; PV of the flows -97.8685 + 47.8932 +
  //   46.8724 + 45.8714 = 42.7648; TV 573.9690, its PV 573.9690 / 1.09 = 526.5770;
  //   NPV 569.3419.
  // wacc 10 %: r = 0.0241136891, PV 42.0329, TV 518.3778 / 1.10 = 471.2525: NPV 513.2854.
  // wacc 8 %: r = 0.0194265469, PV 43.5101, TV 643.4494 / 1.08 = 595.7865: NPV 639.2966.
  // So +1 point of WACC costs 56.06, -1 point adds 69.95: a higher WACC, a lower NPV,
  // and the move down is the larger (the Gordon value is convex in r).
  const std::vector<double> fcf{-100, 50, 50, 50}, ebitda{0, 0, 0, 0};
  std::vector<double> scratch(5);
  model::CompanyDrivers d;
  d.terminal_growth = 0;
  auto npv_at = [&](double wacc) {
    d.wacc = wacc;
    return model::value_flows(fcf, ebitda, d, scratch).npv;
  };
  CHECK(npv_at(0.09) == Approx(569.3418677590917).epsilon(1e-12));
  CHECK(npv_at(0.10) == Approx(513.285392259685).epsilon(1e-12));
  CHECK(npv_at(0.08) == Approx(639.2966107437319).epsilon(1e-12));
  CHECK(npv_at(0.10) - npv_at(0.09) == Approx(-56.0564755).epsilon(1e-8));
  CHECK(npv_at(0.08) - npv_at(0.09) == Approx(69.9547430).epsilon(1e-8));
}

}  // namespace model_valuation_test
