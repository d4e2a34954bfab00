#include "cloudcast/forecast/series_csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::forecast {

namespace {

struct Field {
  std::string_view text;
  std::size_t column;  // 1-based character column where the field starts
};

std::vector<Field> split_line(std::string_view line) {
  std::vector<Field> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    std::string_view f = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::size_t col = start + 1;
    // Tolerate surrounding spaces and double quotes (R's write.csv quotes strings).
    while (!f.empty() && f.front() == ' ') f.remove_prefix(1), ++col;
    while (!f.empty() && f.back() == ' ') f.remove_suffix(1);
    if (f.size() >= 2 && f.front() == '"' && f.back() == '"') f = f.substr(1, f.size() - 2);
    fields.push_back({f, col});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return fields;
}

struct Row {
  long long index;
  double value;
  bool test;
  std::size_t line;
  std::size_t index_col;
};

}  // namespace

std::vector<Series> parse_series_csv(std::string_view text, std::string_view file) {
  auto fail = [&](std::size_t line, std::size_t col, const std::string& what) {
    return DataError(fmt::format("{}:{}:{}: {}", file, line, col, what));
  };
  // A UTF-8 byte order mark (Excel's "CSV UTF-8") is an encoding marker, not header text.
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    lines.push_back(l);
    pos = end + 1;
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  if (lines.empty()) throw fail(1, 1, "empty file; expected a header line series_id,index,value[,kind] and data rows");

  const std::vector<Field> header = split_line(lines[0]);
  std::optional<std::size_t> c_id, c_index, c_value, c_kind;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string_view h = header[i].text;
    if (h == "series_id") c_id = i;
    else if (h == "index") c_index = i;
    else if (h == "value") c_value = i;
    else if (h == "kind") c_kind = i;
  }
  if (!c_id || !c_index || !c_value)
    throw fail(1, 1, fmt::format("header '{}' lacks a column; expected series_id, index and value (and optionally kind)", lines[0]));
  if (lines.size() == 1) throw fail(2, 1, "no data rows; expected at least one row after the header");

  std::vector<std::string> order;
  std::map<std::string, std::vector<Row>, std::less<>> rows;
  // Line of each (series, index) seen, for the duplicate check: one hash lookup a row
  // (scanning the earlier rows made 100,000 rows take 8.5 s).
  std::map<std::string, std::unordered_map<long long, std::size_t>, std::less<>> line_of;
  for (std::size_t li = 1; li < lines.size(); ++li) {
    const std::size_t line_no = li + 1;
    if (lines[li].empty()) continue;
    const std::vector<Field> f = split_line(lines[li]);
    if (f.size() != header.size())
      throw fail(line_no, 1, fmt::format("{} fields; expected {} as in the header", f.size(), header.size()));
    const Field& id = f[*c_id];
    if (id.text.empty()) throw fail(line_no, id.column, "empty series_id; expected a name");
    const Field& idx = f[*c_index];
    const auto index = util::try_parse_int(idx.text, 1, 1'000'000);
    if (!index) throw fail(line_no, idx.column, fmt::format("index '{}'; expected an integer in [1, 1000000]", idx.text));
    const Field& val = f[*c_value];
    const auto value = util::try_parse_double(val.text);
    if (!value) {
      std::string lower;
      for (char c : val.text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const bool missing = lower == "nan" || lower == "na" || lower == "inf" || lower == "-inf" || lower == "+inf" ||
                           lower == "infinity" || lower == "-infinity";
      throw fail(line_no, val.column,
                 missing ? fmt::format("value '{}' is missing or infinite; expected a finite number", val.text)
                         : fmt::format("value '{}' is not a number; expected a finite number", val.text));
    }
    bool test = false;
    if (c_kind) {
      const Field& k = f[*c_kind];
      if (k.text == "test") test = true;
      else if (k.text != "train") throw fail(line_no, k.column, fmt::format("kind '{}'; expected train or test", k.text));
    }
    auto [it, inserted] = rows.try_emplace(std::string(id.text));
    if (inserted) order.emplace_back(id.text);
    auto& lines_of_series = line_of[it->first];
    if (const auto [seen, first] = lines_of_series.try_emplace(*index, line_no); !first)
      throw fail(line_no, idx.column, fmt::format("duplicate index {} for series {} (first on line {}); expected each index once", *index, id.text, seen->second));
    it->second.push_back({*index, *value, test, line_no, idx.column});
  }

  std::vector<Series> out;
  for (const std::string& id : order) {
    std::vector<Row>& r = rows.find(id)->second;
    std::sort(r.begin(), r.end(), [](const Row& a, const Row& b) { return a.index < b.index; });
    Series s;
    s.id = id;
    std::size_t first_line = r.front().line;
    for (const Row& row : r) first_line = std::min(first_line, row.line);
    s.place = fmt::format("{}:{}:1", file, first_line);
    for (std::size_t i = 0; i < r.size(); ++i) {
      if (r[i].index != static_cast<long long>(i) + 1)
        throw fail(r[i].line, r[i].index_col, fmt::format("series {} jumps to index {}; expected index {} (no gaps, starting at 1)", id, r[i].index, i + 1));
      if (!r[i].test && i > 0 && r[i - 1].test)
        throw fail(r[i].line, 1, fmt::format("series {}: train row after a test row; expected the test rows last", id));
      s.values.push_back(r[i].value);
      if (!r[i].test) s.n_train = i + 1;
    }
    if (s.n_train == 0) throw fail(r.front().line, 1, fmt::format("series {} has only test rows; expected training values", id));
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Series> load_series_csv(const std::filesystem::path& path) {
  const std::string text = util::read_file(path);
  return parse_series_csv(text, path.string());
}

}  // namespace cloudcast::forecast
