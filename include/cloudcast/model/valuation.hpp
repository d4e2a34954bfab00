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

#include "cloudcast/model/metrics.hpp"
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
// bracket to 1e-14. Flows with one sign change have one root at most (Descartes' rule of
// signs), bisected straight from the whole range: the same root, without the scan.
std::optional<double> irr(std::span<const double> flows);

// The value of projected quarters h = 1..n from their free cash flow fcf[h - 1] and EBITDA
// ebitda[h - 1] (operating income + depreciation) at the drivers' WACC and terminal value:
// the one computation behind value_company (forecast) and each Monte Carlo path
// (simulate). Allocates nothing: `scratch` holds at least n + 1 doubles.
struct FlowValuation {
  double pv_cash_flows = 0, terminal_value = 0, pv_terminal = 0, npv = 0;
  // Annual; nullopt = undefined, also when the first nonzero flow is an inflow (no
  // investment to return).
  std::optional<double> irr;
  bool sign_change = false;       // the flows with the terminal value change sign
  bool investment_first = false;  // the first nonzero flow is an outflow
  // The h (1-based) in which the cumulative discounted FCF turns >= 0 after being
  // negative, when it ends >= 0; 0 = none.
  int payback = 0;
  bool dipped = false;  // the cumulative discounted FCF was negative in some quarter
};
FlowValuation value_flows(std::span<const double> fcf, std::span<const double> ebitda, const CompanyDrivers& drivers,
                          std::span<double> scratch);

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

// The figures of a whole projection that Monte Carlo draws per path (OutputLayout::values),
// in layout order: id (JSON key, --metric), label, unit (the IRR is a fraction a year).
struct ValueInfo {
  std::string_view id, label;
  MetricUnit unit;
};
std::span<const ValueInfo> path_values();
// nullptr for an id that is not one of path_values().
const ValueInfo* find_value(std::string_view id);

// nullopt when a projected quarter lacks free cash flow, operating income or
// depreciation (then nothing is valued).
std::optional<CompanyValuation> value_company(const CompanyProjection& company, const CompanyDrivers& drivers);

// value_company for every company of the projection, by the scenario's drivers; companies
// without a valuation are left out.
std::vector<std::pair<std::string, CompanyValuation>> value_projection(const Projection& projection,
                                                                       const Scenario& scenario);

}  // namespace cloudcast::model
