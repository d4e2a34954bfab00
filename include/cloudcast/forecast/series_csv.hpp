#pragma once
// Reading quarterly series from CSV: a header with columns series_id, index, value and
// optionally kind (train/test), in any order, as ../shared/data/m3/m3-quarterly-dev.csv.
// Rows of a series may be in any order; indices must run 1..n without gaps or repeats
// and test rows must follow every train row. Errors are DataError
// "file:line:col: what; expected ..." (IoError when the file cannot be read).

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::forecast {

struct Series {
  std::string id;
  std::vector<double> values;  // train values followed by test values, in index order
  std::size_t n_train = 0;     // values.size() when the file has no kind column
  std::string place;           // "file:line:col" of the series' first row; empty when built in memory
};

std::vector<Series> parse_series_csv(std::string_view text, std::string_view file_name);
std::vector<Series> load_series_csv(const std::filesystem::path& path);

}  // namespace cloudcast::forecast
