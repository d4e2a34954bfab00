#pragma once
// The capex plan: reported quarters keep their value, a commitment's remainder is spread
// over its unreported window quarters by the phasing, and quarters outside the window
// follow the run-rate. Allocation-free so Monte Carlo can call it per path.

#include <span>

#include "cloudcast/model/scenario.hpp"
#include "model/path_engine.hpp"  // CapexBasis, CapexGuide

namespace cloudcast::model {

// Company capex for the quarters first, first+1, ..., first+out.size()-1. reported holds
// the reported value per quarter (NaN = not reported) for quarters up to last_reported
// (its size may be shorter than out). Writes capex and its basis. Window quarters before
// `first` are ignored (the timeline starts early enough for the shipped plans).
// With drivers.use_guidance, each guide's window quarters that neither a report nor a
// commitment fills share what those left of the guided total, flat (basis guidance);
// guides are applied in the order given (shorter windows first: see engine.cpp).
void plan_capex(const CompanyDrivers& drivers, Quarter first, Quarter last_reported, std::span<const double> reported,
                std::span<double> out, std::span<CapexBasis> basis, std::span<const CapexGuide> guides = {});

// plan_capex in two steps, so a caller can compute the first once (it reads no driver):
// reported_capex_part writes the reported quarters (basis reported) and zeros (basis none)
// and returns the index of the first reported quarter, -1 if none; plan_capex_rest, given
// exactly that in out/basis and first_reported, completes the plan. Together they are
// plan_capex.
int reported_capex_part(Quarter first, Quarter last_reported, std::span<const double> reported, std::span<double> out,
                        std::span<CapexBasis> basis);
void plan_capex_rest(const CompanyDrivers& drivers, Quarter first, Quarter last_reported,
                     std::span<const double> reported, int first_reported, std::span<double> out,
                     std::span<CapexBasis> basis, std::span<const CapexGuide> guides = {});

// The template of plan_capex_rest's plan for `drivers` (path_engine.hpp), from the same
// inputs. Not valid when a capex guide fills quarters beside a commitment (the guided
// quarters would then depend on the commitment's total).
CapexPlanTemplate capex_plan_template(const CompanyDrivers& drivers, Quarter first, Quarter last_reported,
                                      std::span<const double> reported, int first_reported,
                                      std::span<const double> reported_part,
                                      std::span<const CapexBasis> reported_part_basis,
                                      std::span<const CapexGuide> guides = {});
// True when the template is valid and `drivers` state its plan drivers bit for bit
// (growth and the commitment's total aside).
bool template_fits(const CapexPlanTemplate& plan, const CompanyDrivers& drivers);
// plan_capex_rest's plan (out and basis, the template's length) for drivers that the
// template fits: the same values, bit for bit (tests/model/capex_plan_test.cpp).
void plan_capex_from_template(const CapexPlanTemplate& plan, const CompanyDrivers& drivers, std::span<double> out,
                              std::span<CapexBasis> basis);

// Phasing weights for n quarters (sum 1): flat, front-loaded (n, n-1, ..., 1) or the
// explicit weights of the listed window quarters (`explicit_weights`, one per quarter).
void phasing_weights(Phasing phasing, std::span<const double> explicit_weights, std::span<double> out);

}  // namespace cloudcast::model
