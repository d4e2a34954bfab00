#include "dataset/field_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/schema.hpp"

namespace cloudcast::dataset {

using nlohmann::json;

namespace {

// A key cut to an excerpt first: the pointer of a 5,000-byte unknown key made a 5 KB
// message. Keys cloudcast reads are short, so their pointers are whole.
std::string pointer_join(const std::string& parent, std::string_view key) {
  return parent + "/" + util::json_pointer_token(util::text_excerpt(key));
}

}  // namespace

FieldReader::FieldReader(const json& node, std::string display, std::string pointer)
    : node_(node), display_(std::move(display)), pointer_(std::move(pointer)) {}

void FieldReader::fail(std::string_view key, const std::string& what) const {
  const std::string place = key.empty() ? pointer_ : pointer_join(pointer_, key);
  throw DataError(fmt::format("{}:{}: {}", display_, place.empty() ? "/" : place, what));
}

void FieldReader::expect_object(std::string_view what) const {
  if (!node_.is_object()) fail("", fmt::format("expected {} (a JSON object), got {}", what, util::json_excerpt(node_)));
}

void FieldReader::check_keys(const std::vector<std::string>& known) const {
  for (const auto& [key, value] : node_.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end())
      fail(key, util::unknown_name_message("key", key, known));
  }
}

const json& FieldReader::required(std::string_view key) const {
  const auto it = node_.find(std::string(key));
  if (it == node_.end()) fail("", fmt::format("missing field \"{}\"", key));
  return *it;
}

bool FieldReader::has(std::string_view key) const { return node_.contains(std::string(key)); }

std::string FieldReader::string(std::string_view key, bool non_empty) const {
  const json& value = required(key);
  if (!value.is_string()) fail(key, fmt::format("expected a string, got {}", util::json_excerpt(value)));
  std::string text = value.get<std::string>();
  if (non_empty && text.empty()) fail(key, "expected a non-empty string, got \"\"");
  return text;
}

std::string FieldReader::optional_string(std::string_view key) const {
  return has(key) ? string(key, false) : std::string();
}

double FieldReader::number(std::string_view key) const {
  const json& value = required(key);
  if (!value.is_number()) fail(key, fmt::format("expected a finite number, got {}", util::json_excerpt(value)));
  // JSON has no NaN or infinity, and the reader refuses a literal beyond the double
  // range (1e999), so every number read is finite.
  return value.get<double>();
}

std::optional<double> FieldReader::optional_number(std::string_view key) const {
  if (!has(key)) return std::nullopt;
  return number(key);
}

long long FieldReader::integer(std::string_view key) const {
  const json& value = required(key);
  if (!value.is_number_integer()) fail(key, fmt::format("expected an integer, got {}", util::json_excerpt(value)));
  return value.get<long long>();
}

Quarter FieldReader::quarter(std::string_view key) const {
  const std::string text = string(key);
  const auto q = parse_quarter(text);
  if (!q)
    fail(key, fmt::format("expected a calendar quarter such as \"2025Q2\", got \"{}\"", util::text_excerpt(text)));
  if (q->year < kFirstDataYear || q->year > kLastDataYear)
    fail(key, fmt::format("quarter {} is outside {}..{}; expected a year in that range", text, kFirstDataYear,
                          kLastDataYear));
  return *q;
}

const json& FieldReader::array(std::string_view key) const {
  const json& value = required(key);
  if (!value.is_array()) fail(key, fmt::format("expected an array, got {}", util::json_excerpt(value)));
  return value;
}

std::vector<std::string> FieldReader::strings(std::string_view key) const {
  std::vector<std::string> out;
  if (!has(key)) return out;
  const json& list = array(key);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string())
      element(list, key, i).fail("", fmt::format("expected a string, got {}", util::json_excerpt(list[i])));
    out.push_back(list[i].get<std::string>());
  }
  return out;
}

Basis FieldReader::basis(std::string_view key) const {
  const std::string text = string(key);
  if (const auto b = parse_basis(text)) return *b;
  fail(key, util::unknown_name_message("basis", text, basis_names()));
}

Confidence FieldReader::confidence(std::string_view key) const {
  const std::string text = string(key);
  if (const auto c = parse_confidence(text)) return *c;
  fail(key, util::unknown_name_message("confidence", text, confidence_names()));
}

void FieldReader::schema_version() const {
  const long long version = integer("schema_version");
  if (version != kSchemaVersion)
    fail("schema_version", fmt::format("unsupported schema_version {}; expected {}", version, kSchemaVersion));
}

FieldReader FieldReader::element(const json& list, std::string_view key, std::size_t i) const {
  return FieldReader(list[i], display_, fmt::format("{}/{}", pointer_join(pointer_, key), i));
}

}  // namespace cloudcast::dataset
