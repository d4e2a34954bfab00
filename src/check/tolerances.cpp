#include "cloudcast/check/tolerances.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <cmath>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"

namespace cloudcast::check {

namespace {

std::vector<std::string> split_key(std::string_view key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= key.size()) {
    const auto slash = key.find('/', start);
    const auto end = slash == std::string_view::npos ? key.size() : slash;
    if (end > start) parts.emplace_back(key.substr(start, end - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return parts;
}

// Where the rightmost match of key's segments ends in segments (one past), or 0.
std::size_t match_end(const std::vector<std::string>& segments, const std::vector<std::string>& key) {
  if (key.empty() || key.size() > segments.size()) return 0;
  for (std::size_t end = segments.size(); end >= key.size(); --end) {
    bool match = true;
    for (std::size_t i = 0; i < key.size() && match; ++i) match = segments[end - key.size() + i] == key[i];
    if (match) return end;
  }
  return 0;
}

// JSON pointer escaping (RFC 6901): metric keys may contain '/'.
using util::json_pointer_token;

double read_tolerance(const nlohmann::json& value, std::string_view source, const std::string& pointer) {
  if (!value.is_number() || !std::isfinite(value.get<double>()) || value.get<double>() < 0)
    throw DataError(
        fmt::format("{}:{}: expected a finite number >= 0, got {}", source, pointer, util::json_excerpt(value)));
  return value.get<double>();
}

// Reads {"rtol": x, "atol": y} (either may be missing) at pointer.
void read_pair(const nlohmann::json& object, std::string_view source, const std::string& pointer,
               std::optional<double>& rtol, std::optional<double>& atol) {
  if (!object.is_object())
    throw DataError(fmt::format("{}:{}: expected an object like {{\"rtol\": 1e-9, \"atol\": 1e-9}}, got {}", source,
                                pointer, util::json_excerpt(object)));
  for (const auto& [key, value] : object.items()) {
    const std::string at = fmt::format("{}/{}", pointer, util::json_pointer_token(util::text_excerpt(key)));
    if (key == "rtol") {
      rtol = read_tolerance(value, source, at);
    } else if (key == "atol") {
      atol = read_tolerance(value, source, at);
    } else {
      throw DataError(
          fmt::format("{}:{}: unknown key '{}'; expected rtol or atol", source, at, util::text_excerpt(key)));
    }
  }
}

}  // namespace

bool within(double baseline, double current, const Tolerance& tolerance) {
  if (baseline == current) return true;  // also equal infinities
  return std::fabs(current - baseline) <= tolerance.atol + tolerance.rtol * std::fabs(baseline);
}

Tolerance Tolerances::for_path(const std::vector<std::string>& segments) const {
  Tolerance result = fallback;
  std::size_t best_end = 0;
  std::size_t best_length = 0;
  for (const MetricTolerance& metric : metrics) {
    const std::vector<std::string> key = split_key(metric.key);
    const std::size_t end = match_end(segments, key);
    if (end == 0) continue;
    if (end > best_end || (end == best_end && key.size() > best_length)) {
      best_end = end;
      best_length = key.size();
      result = Tolerance{.rtol = metric.rtol.value_or(fallback.rtol), .atol = metric.atol.value_or(fallback.atol)};
    }
  }
  return result;
}

Tolerances parse_tolerances(const nlohmann::json& json, std::string_view source) {
  if (!json.is_object())
    throw DataError(
        fmt::format("{}:/: expected an object with \"default\" and \"metrics\", got {}", source, json.type_name()));
  Tolerances tolerances;
  for (const auto& [key, value] : json.items()) {
    if (key == "default") {
      std::optional<double> rtol, atol;
      read_pair(value, source, "/default", rtol, atol);
      tolerances.fallback =
          Tolerance{.rtol = rtol.value_or(tolerances.fallback.rtol), .atol = atol.value_or(tolerances.fallback.atol)};
    } else if (key == "metrics") {
      if (!value.is_object())
        throw DataError(fmt::format("{}:/metrics: expected an object of metric name -> {{rtol, atol}}, got {}", source,
                                    value.type_name()));
      for (const auto& [name, pair] : value.items()) {
        if (split_key(name).empty())
          throw DataError(
              fmt::format("{}:/metrics: empty metric name; expected a name like \"operating_margin\"", source));
        MetricTolerance metric{.key = name, .rtol = std::nullopt, .atol = std::nullopt};
        read_pair(pair, source, "/metrics/" + json_pointer_token(util::text_excerpt(name)), metric.rtol, metric.atol);
        tolerances.metrics.push_back(std::move(metric));
      }
    } else if (key != "$comment" && key != "comment") {
      throw DataError(fmt::format("{}:/{}: unknown key '{}'; expected default, metrics or comment", source,
                                  json_pointer_token(util::text_excerpt(key)), util::text_excerpt(key)));
    }
  }
  return tolerances;
}

Tolerances load_tolerances(const std::filesystem::path& path) {
  return parse_tolerances(util::read_json_file(path, "a tolerances object"), path.string());
}

}  // namespace cloudcast::check
