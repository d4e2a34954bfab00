// The workbook renderer (libxlsxwriter): a sheet per table, numbers stored as numbers
// with a number format (thousands for money, 0.0% for fractions), and a provenance
// sheet (title, tool version, inputs digest, data origin and sources, notes).
// libxlsxwriter writes to a path: the workbook goes to a temporary file that is then
// copied into the stream, so the caller's write-whole-or-nothing rule still holds.
#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "cloudcast/error.hpp"
#include "report/renderers.hpp"

namespace cloudcast::report::detail {

namespace {

// Excel's sheet names: at most 31 characters, none of []:*?/\, unique in the book.
std::string sheet_name(std::string name, std::set<std::string>& used) {
  for (char& c : name)
    if (std::string_view("[]:*?/\\").find(c) != std::string_view::npos) c = '_';
  if (name.empty()) name = "table";
  std::string candidate = name.substr(0, 31);
  for (int n = 2; used.count(candidate) != 0; ++n) {
    const std::string suffix = fmt::format("~{}", n);
    candidate = name.substr(0, 31 - suffix.size()) + suffix;
  }
  used.insert(candidate);
  return candidate;
}

std::string number_format(const Column& column) {
  // fmt, not "." + std::string: GCC 12 warns (-Wrestrict, a false positive) on the latter.
  const std::string decimals =
      column.decimals > 0 ? fmt::format(".{}", std::string(static_cast<std::size_t>(column.decimals), '0')) : "";
  switch (column.kind) {
    case Kind::percent:
      return fmt::format("0{}%", decimals);
    case Kind::integer:
      return "#,##0";
    case Kind::number:
    case Kind::text:
      return fmt::format("#,##0{}", decimals);
  }
  return "General";
}

class Workbook {
 public:
  explicit Workbook(const std::filesystem::path& path) : book_(workbook_new(path.c_str())) {
    if (book_ == nullptr) throw IoError(fmt::format("{}: cannot create the workbook", path.string()));
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    wrap_ = workbook_add_format(book_);
    format_set_text_wrap(wrap_);
  }
  Workbook(const Workbook&) = delete;
  Workbook& operator=(const Workbook&) = delete;
  ~Workbook() {
    if (book_ != nullptr) workbook_close(book_);
  }

  lxw_format* number(const Column& column) {
    const std::string code = number_format(column);
    auto [it, added] = formats_.try_emplace(code, nullptr);
    if (added) {
      it->second = workbook_add_format(book_);
      format_set_num_format(it->second, it->first.c_str());
    }
    return it->second;
  }

  void add_table(const Table& table) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, sheet_name(table_id(table), used_).c_str());
    lxw_row_t r = 0;
    if (!table.title.empty()) worksheet_write_string(sheet, r++, 0, table.title.c_str(), bold_);
    const lxw_row_t header = r;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const Column& column = table.columns[c];
      const std::string text = column.unit.empty() ? column.header : fmt::format("{} ({})", column.header, column.unit);
      worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), text.c_str(), bold_);
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           std::max(10.0, static_cast<double>(text.size()) + 2), nullptr);
    }
    ++r;
    for (const auto& row : table.rows) {
      for (std::size_t c = 0; c < table.columns.size() && c < row.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        if (const auto* text = std::get_if<std::string>(&row[c]))
          worksheet_write_string(sheet, r, col, text->c_str(), nullptr);
        if (const auto* value = std::get_if<double>(&row[c]); value && std::isfinite(*value))
          worksheet_write_number(sheet, r, col, *value, number(table.columns[c]));
      }
      ++r;
    }
    worksheet_freeze_panes(sheet, header + 1, 0);
    ++r;
    for (const auto& note : table.notes) worksheet_write_string(sheet, r++, 0, note.c_str(), nullptr);
  }

  void add_provenance(const Document& doc) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, sheet_name("provenance", used_).c_str());
    worksheet_set_column(sheet, 0, 0, 22, nullptr);
    worksheet_set_column(sheet, 1, 1, 110, wrap_);
    lxw_row_t r = 0;
    auto row = [&](const std::string& field, const std::string& value) {
      worksheet_write_string(sheet, r, 0, field.c_str(), bold_);
      worksheet_write_string(sheet, r++, 1, value.c_str(), nullptr);
    };
    row("report", doc.title);
    for (const auto& [key, value] : doc.meta.items())
      row(key, value.is_string() ? value.get<std::string>() : value.dump());
    for (const auto& [field, value] : doc.provenance) row(field, value);
    for (const auto& note : doc.notes) row("note", note);
  }

  void close(const std::filesystem::path& path) {
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR)
      throw IoError(fmt::format("{}: cannot write the workbook: {}", path.string(), lxw_strerror(error)));
  }

 private:
  lxw_workbook* book_;
  lxw_format* bold_ = nullptr;
  lxw_format* wrap_ = nullptr;
  std::map<std::string, lxw_format*> formats_;
  std::set<std::string> used_;
};

// A temporary file removed on every path out.
struct TempPath {
  std::filesystem::path path;
  TempPath() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cloudcast-XXXXXX.xlsx").string();
    const int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0) throw IoError("cannot create a temporary file for the workbook in " + pattern);
    ::close(fd);
    path = pattern;
  }
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;
  ~TempPath() {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

}  // namespace

void render_xlsx(const Document& doc, std::ostream& out) {
  const TempPath temp;
  {
    Workbook book(temp.path);
    for (const Table& table : doc.tables) book.add_table(table);
    book.add_provenance(doc);
    book.close(temp.path);
  }
  std::ifstream in(temp.path, std::ios::binary);
  out << in.rdbuf();
  if (!in || !out) throw IoError(fmt::format("{}: cannot read the workbook back", temp.path.string()));
}

}  // namespace cloudcast::report::detail
