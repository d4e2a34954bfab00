#pragma once
// Charts picked out of a report's own tables: which columns a builder wants drawn, as
// report::Chart series. Picking only: every value drawn is a cell of the table.

#include <optional>
#include <string>
#include <vector>

#include "cloudcast/report/table.hpp"

namespace cloudcast::report {

// A line per column (by id) of one table, quarters (its Role::period column) across;
// a row whose Role::status cell is "projected" is drawn dashed. Series are named by the
// column's company, else its header. Missing cells are left out.
Chart columns_chart(const Table& table, const std::vector<std::string>& column_ids, std::string id, std::string title);

// One column (by id) of several tables, a line per table named by the table's company:
// e.g. every company's operating margin from forecast's company tables.
Chart across_tables_chart(const std::vector<const Table*>& tables, const std::string& column_id, std::string id,
                          std::string title);

// A fan from a band table's p5, p25, p50, p75, p95 columns (simulate); nullopt when the
// table lacks one of them (other --percentiles).
std::optional<Chart> fan_chart(const Table& bands, std::string title);

// A tornado from a table's driver, output_low and output_high columns around `base`.
Chart tornado_chart(const Table& tornado, double base, std::string title);

}  // namespace cloudcast::report
