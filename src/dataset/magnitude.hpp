#pragma once
// Figures no company reports: checks of an observation's size against the world and
// against its own series, so a unit slip (billions typed as millions, 1e308) is refused
// at loading with its place instead of reaching the engine (docs/data.md, "Magnitude
// checks"). `data validate` lists them as errors; the engine reads the same list to name
// the observation behind a projected figure it refuses (src/model/figure_check.cpp).

#include <string>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// Largest money figure a quarter may hold, in millions of the company's currency: 1e9 m
// (10^15 currency units) is about ten years of world output in USD; no segment comes
// within four orders of magnitude of it.
inline constexpr double kMaxMoneyFigure = 1e9;
// A non-negative money figure (revenue, capex, ...) more than this many times the median
// of its window (itself and up to two quarters either side on the same segment basis; the
// lower median for an even count), or less than that median divided by it, is a slip:
// in the shipped data (to 2026Q1) the largest ratio is 1.54 (Microsoft capex 2025Q4).
inline constexpr double kNeighbourFactor = 10;
// Operating income may not exceed revenue (a margin above 100 %) nor fall below
// -kNeighbourFactor times it (a margin below -1,000 %) in the same quarter and basis.

struct ImplausibleFigure {
  const Observation* observation = nullptr;  // into the company passed in
  std::string message;                       // "file:/observations/i/value: what; expected ..."
};

// Every implausible observation of the company, in the order of its observations.
std::vector<ImplausibleFigure> implausible_figures(const Company& company);

}  // namespace cloudcast::dataset
