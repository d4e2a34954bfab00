#pragma once
// The field reader of the company and FX files (private to the dataset layer): one JSON
// object with its pointer, so every message is "file:/json/pointer: what; expected ...".

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

class FieldReader {
 public:
  FieldReader(const nlohmann::json& node, std::string display, std::string pointer);

  // DataError "<display>:<pointer>[/key]: what" (the pointer "/" for the root).
  [[noreturn]] void fail(std::string_view key, const std::string& what) const;
  void expect_object(std::string_view what) const;
  // Unknown keys are typos more often than extensions: names the closest known key.
  void check_keys(const std::vector<std::string>& known) const;

  const nlohmann::json& required(std::string_view key) const;
  bool has(std::string_view key) const;

  std::string string(std::string_view key, bool non_empty = true) const;
  // "" when the key is absent; an empty string is allowed.
  std::string optional_string(std::string_view key) const;
  double number(std::string_view key) const;
  // nullopt when the key is absent.
  std::optional<double> optional_number(std::string_view key) const;
  long long integer(std::string_view key) const;
  // A calendar quarter such as "2025Q2" with a year in kFirstDataYear..kLastDataYear (dataset/schema.hpp).
  Quarter quarter(std::string_view key) const;
  const nlohmann::json& array(std::string_view key) const;
  // An array of strings; none when the key is absent.
  std::vector<std::string> strings(std::string_view key) const;
  Basis basis(std::string_view key) const;
  Confidence confidence(std::string_view key) const;
  // "schema_version" equal to kSchemaVersion.
  void schema_version() const;

  // The reader of list[i], where list is this object's `key`.
  FieldReader element(const nlohmann::json& list, std::string_view key, std::size_t i) const;
  const std::string& pointer() const { return pointer_; }
  const std::string& display() const { return display_; }

 private:
  const nlohmann::json& node_;
  std::string display_;
  std::string pointer_;
};

}  // namespace cloudcast::dataset
