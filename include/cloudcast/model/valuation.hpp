#pragma once
// The value of the build-out (docs/model.md, "Value of the build-out"): NPV, IRR and
// discounted payback of each company's projected free cash flow (operating income +
// depreciation - cloud capex, the projection's own free_cash_flow) at the scenario's
// WACC, with a terminal value by Gordon growth or an exit multiple. Reads the engine's
// output; never prints.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "cloudcast/model/projection.hpp"
#include "cloudcast/model/scenario.hpp"

namespace cloudcast::model {

// Net present value of flows[t] at the end of period t = 0, 1, ..., n at `rate` per
// period: sum of flows[t] / (1 + rate)^t (flows[0] is not discounted; a spreadsheet's
// NPV(rate, v1..vn) + v0).
double npv(std::span<const double> flows, double rate);

// Internal rate of return per period: the rate r > -1 with npv(flows, r) = 0. nullopt
// ("undefined") when the flows never change sign or no root lies in (-0.99, 100); with
// several roots, the lowest, found by scanning up from -0.99 and bisecting the first
// bracket to 1e-14.
std::optional<double> irr(std::span<const double> flows);

struct CompanyValuation {
  double wacc = 0;  // annual
  double rate = 0;  // quarterly, from wacc (quarterly_rate in scenario.hpp, the engine's)
  TerminalMethod method = TerminalMethod::growth;
  double terminal_growth = 0;  // annual (growth method)
  double exit_multiple = 0;    // x annual EBITDA (multiple method)
  int quarters = 0;            // projected quarters valued
  double pv_cash_flows = 0;    // sum over h of FCF_h / (1 + rate)^h
  double terminal_value = 0;   // at the end of the horizon
  double pv_terminal = 0;      // terminal_value / (1 + rate)^H
  double npv = 0;              // pv_cash_flows + pv_terminal
  std::optional<double> irr;   // annual, (1 + quarterly IRR)^4 - 1; nullopt = undefined
  std::string irr_note;        // why it is undefined
  // Discounted payback: the projected quarter in which the cumulative discounted FCF
  // turns >= 0 after being negative ("2027Q3"), "self-funding" (never negative) or
  // "beyond horizon" (negative at the end), as the engine's undiscounted payback.
  std::string payback;
};

// nullopt when a projected quarter lacks free cash flow, operating income or
// depreciation (then nothing is valued).
std::optional<CompanyValuation> value_company(const CompanyProjection& company, const CompanyDrivers& drivers);

// value_company for every company of the projection, by the scenario's drivers; companies
// without a valuation are left out.
std::vector<std::pair<std::string, CompanyValuation>> value_projection(const Projection& projection,
                                                                       const Scenario& scenario);

}  // namespace cloudcast::model
