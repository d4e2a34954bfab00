#include "cloudcast/model/distribution.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"

// A distribution in a scenario file: reading one (with the place of every mistake) and
// writing one back.

namespace cloudcast::model {

namespace {

std::string_view kind_name(DistKind kind) {
  switch (kind) {
    case DistKind::fixed:
      return "fixed";
    case DistKind::normal:
      return "normal";
    case DistKind::lognormal:
      return "lognormal";
    case DistKind::triangular:
      return "triangular";
    case DistKind::uniform:
      return "uniform";
  }
  return "fixed";
}

}  // namespace

nlohmann::ordered_json Distribution::to_json() const {
  nlohmann::ordered_json j;
  j["dist"] = kind_name(kind);
  switch (kind) {
    case DistKind::fixed:
      j["value"] = a;
      break;
    case DistKind::normal:
      j["mean"] = a;
      j["sd"] = b;
      break;
    case DistKind::lognormal:
      j["mu"] = a;
      j["sigma"] = b;
      break;
    case DistKind::triangular:
      j["min"] = a;
      j["mode"] = b;
      j["max"] = c;
      break;
    case DistKind::uniform:
      j["min"] = a;
      j["max"] = b;
      break;
  }
  if (lo) j["lo"] = *lo;
  if (hi) j["hi"] = *hi;
  if (base) j["base"] = *base;
  return j;
}

Distribution parse_distribution(const nlohmann::json& value, std::string_view place) {
  if (!value.is_object()) throw DataError(fmt::format("{}: expected a number or a distribution object", place));
  const auto dist_it = value.find("dist");
  if (dist_it == value.end() || !dist_it->is_string())
    throw DataError(
        fmt::format("{}/dist: missing; expected \"normal\", \"lognormal\", \"triangular\" or \"uniform\"", place));
  const std::string name = dist_it->get<std::string>();
  static const std::vector<std::string> kNames{"normal", "lognormal", "triangular", "uniform"};
  // Keys allowed for each kind besides dist, lo, hi, base.
  std::vector<std::string> keys;
  if (name == "normal")
    keys = {"mean", "sd"};
  else if (name == "lognormal")
    keys = {"mu", "median", "sigma"};
  else if (name == "triangular")
    keys = {"min", "mode", "max"};
  else if (name == "uniform")
    keys = {"min", "max"};
  else
    throw DataError(fmt::format("{}/dist: {}", place, util::unknown_name_message("distribution", name, kNames)));
  std::vector<std::string> allowed = keys;
  for (const char* k : {"dist", "lo", "hi", "base"}) allowed.emplace_back(k);
  for (const auto& [key, item] : value.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      throw DataError(fmt::format("{}/{}: {}", place, key, util::unknown_name_message("key", key, allowed)));
  }
  auto number = [&](const std::string& key) -> std::optional<double> {
    const auto it = value.find(key);
    if (it == value.end()) return std::nullopt;
    if (!it->is_number() || !std::isfinite(it->get<double>()))
      throw DataError(fmt::format("{}/{}: expected a finite number", place, key));
    return it->get<double>();
  };
  auto required = [&](const std::string& key) {
    const auto v = number(key);
    if (!v)
      throw DataError(
          fmt::format("{}/{}: missing; a {} distribution needs {}", place, key, name, fmt::join(keys, ", ")));
    return *v;
  };
  auto non_negative = [&](const std::string& key, double v) {
    if (v < 0) throw DataError(fmt::format("{}/{}: expected a number >= 0, got {}", place, key, v));
  };
  Distribution d;
  if (name == "normal") {
    d = Distribution::normal(required("mean"), required("sd"));
    non_negative("sd", d.b);
  } else if (name == "lognormal") {
    const auto mu = number("mu");
    const auto median = number("median");
    if (mu.has_value() == median.has_value())
      throw DataError(
          fmt::format("{}: a lognormal distribution needs exactly one of mu (mean of the log) or median", place));
    if (median && *median <= 0)
      throw DataError(fmt::format("{}/median: expected a number > 0, got {}", place, *median));
    d = Distribution::lognormal(mu ? *mu : std::log(*median), required("sigma"));
    non_negative("sigma", d.b);
  } else if (name == "triangular") {
    d = Distribution::triangular(required("min"), required("mode"), required("max"));
    if (!(d.a <= d.b && d.b <= d.c))
      throw DataError(fmt::format("{}: expected min <= mode <= max, got {}, {}, {}", place, d.a, d.b, d.c));
  } else {
    d = Distribution::uniform(required("min"), required("max"));
    if (!(d.a <= d.b)) throw DataError(fmt::format("{}: expected min <= max, got {}, {}", place, d.a, d.b));
  }
  const auto lo = number("lo");
  const auto hi = number("hi");
  if (lo && hi && !(*lo < *hi)) throw DataError(fmt::format("{}: expected lo < hi, got {}, {}", place, *lo, *hi));
  if (lo || hi) {
    d = d.truncated(lo, hi);
    if (d.is_degenerate()) {
      const double v = d.quantile(0.5);
      if ((lo && v < *lo) || (hi && v > *hi))
        throw DataError(fmt::format("{}: the distribution's only value {} lies outside [lo, hi]", place, v));
    } else if (!(d.cdf_hi - d.cdf_lo > 1e-12)) {
      throw DataError(
          fmt::format("{}: [lo, hi] holds no probability of {}; expected bounds overlapping the distribution", place,
                      d.describe()));
    }
  }
  d.base = number("base");
  return d;
}

Distribution parse_driver_distribution(const nlohmann::json& value, double min, double max, std::string_view place) {
  Distribution d = parse_distribution(value, place);
  const double lower = std::max(min, d.lo.value_or(min));
  const double upper = std::min(max, d.hi.value_or(max));
  if (d.is_degenerate()) {
    const double v = d.quantile(0.5);
    if (v < min || v > max)
      throw DataError(fmt::format("{}: the value {} is outside [{}, {}]; expected a value in the driver's range", place,
                                  v, min, max));
  } else if (d.quantile(0) < lower || d.quantile(1) > upper) {
    // Truncate to the driver's range (and any lo/hi given): the engine accepts no value outside it.
    Distribution untruncated = d;
    untruncated.lo.reset();
    untruncated.hi.reset();
    Distribution t = untruncated.truncated(lower, upper);
    if (!(t.cdf_hi - t.cdf_lo > 1e-12))
      throw DataError(
          fmt::format("{}: {} puts no probability inside the driver's range [{}, {}]", place, d.describe(), min, max));
    t.base = d.base;
    d = t;
  }
  if (d.base && (*d.base < min || *d.base > max))
    throw DataError(fmt::format("{}/base: {} is outside [{}, {}]; expected a value in the driver's range", place,
                                *d.base, min, max));
  return d;
}

void note_driver_value(std::vector<DriverDistribution>& list, std::string_view driver, const nlohmann::json& value,
                       double min, double max, std::string_view place) {
  std::erase_if(list, [&](const DriverDistribution& entry) { return entry.driver == driver; });
  if (value.is_object()) list.push_back({std::string(driver), parse_driver_distribution(value, min, max, place)});
}

}  // namespace cloudcast::model
