#pragma once
// The long CSV of quarterly figures: what `data import` reads, `data export` writes and
// the user's overlay file holds. One observation per row, under this header:
//
//   company,period,metric,value,unit,basis,segment_basis,confidence,source,note
//
// The columns are the company files' observation fields (docs/data.md) with the company
// id in front and the fiscal label left out (it follows from the quarter). A figure is
// keyed like the data: company, metric, segment basis and calendar quarter. Decision
// docs/decisions/0760-user-overlay.md.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// The header row's column names, in order.
const std::vector<std::string>& figure_columns();

struct Figure {
  std::string company;      // the company's id (an alias in the file is read as the id)
  Observation observation;  // origin "<file>:<line>"
};

// Reads the long CSV against the companies of data (ids and aliases, currencies, fiscal
// years), with the company files' checks. Throws DataError "<display>:<line>:<col>:
// <column>: what; expected ..." for a bad field, "<display>:<line>:1: ..." for a wrong
// field count or a duplicate, and file:line:col for broken CSV quoting.
std::vector<Figure> parse_figures(std::string_view text, const std::string& display, const Dataset& data);

// Every observation of data as the long CSV: companies in data's order, each company's
// observations in its order (metric, quarter, segment basis); numbers in shortest
// round-trip form, so reading the text back gives the same doubles.
std::string figures_csv(const Dataset& data);
// The figures as the long CSV, in the order given.
std::string figures_csv(const std::vector<Figure>& figures);

// Lays the figures over data: each replaces the observation with the same company,
// metric, segment basis and quarter, or is added; either way it is marked from_overlay.
// Keeps each company's observations in the loader's order. The figures must name data's
// companies (parse_figures read them against it).
void apply_figures(Dataset& data, const std::vector<Figure>& figures);

// What `data import` does to an overlay: the new rows laid over the old overlay (a new
// row replaces the old one with the same key), keeping only the figures that differ from
// the data they lie on (a row equal to the base figure in every column is no change).
struct OverlayUpdate {
  std::vector<Figure> overlay;  // the new overlay, sorted by company, metric, quarter, segment basis
  std::size_t rows = 0;         // rows read
  std::size_t unchanged = 0;    // rows equal to the figure in effect before the import
  std::size_t replaced = 0;     // rows that change a figure in effect
  std::size_t added = 0;        // rows for a key with no figure before
};
// base is the data without any overlay; old_overlay the overlay in effect until now.
OverlayUpdate update_overlay(const Dataset& base, const std::vector<Figure>& old_overlay,
                             const std::vector<Figure>& rows);

}  // namespace cloudcast::dataset
