// parse_fx (declared in cloudcast/dataset/load.hpp): data/fx.json, the CNY per USD rates
// with one rate per quarter. The conversions that use them are in fx.cpp.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "dataset/field_reader.hpp"
#include "dataset/fx.hpp"

namespace cloudcast::dataset {

using nlohmann::json;

FxFile parse_fx(std::string_view bytes, const std::string& display) {
  const json root = util::parse_json_text(bytes, display, "an FX file (a JSON object)");
  const FieldReader r(root, display, "");
  r.expect_object("an FX file");
  r.check_keys({"schema_version", "pair", "note", "rates"});
  r.schema_version();
  const std::string pair = r.string("pair");
  if (pair != "CNY per USD")
    r.fail("pair", fmt::format("unsupported pair \"{}\"; expected \"CNY per USD\"", util::text_excerpt(pair)));
  FxFile file;
  file.note = r.optional_string("note");
  const json& rates = r.array("rates");
  std::map<std::pair<Quarter, std::string>, std::size_t> seen;
  for (std::size_t i = 0; i < rates.size(); ++i) {
    const FieldReader e = r.element(rates, "rates", i);
    e.expect_object("a rate");
    e.check_keys({"period", "value", "kind", "basis", "confidence", "source", "note"});
    FxRate rate;
    rate.period = e.quarter("period");
    rate.cny_per_usd = e.number("value");
    if (!(rate.cny_per_usd > kMinCnyPerUsd && rate.cny_per_usd < kMaxCnyPerUsd))
      e.fail("value", fmt::format("CNY per USD {}; expected a rate in ({}, {})", rate.cny_per_usd, kMinCnyPerUsd,
                                  kMaxCnyPerUsd));
    rate.kind = e.string("kind");
    if (rate.kind != "period_end" && rate.kind != "average")
      e.fail("kind", util::unknown_name_message("rate kind", rate.kind, {"period_end", "average"}));
    rate.basis = e.basis("basis");
    rate.confidence = e.confidence("confidence");
    rate.source = e.string("source");
    rate.note = e.optional_string("note");
    const auto [it, inserted] = seen.emplace(std::pair{rate.period, rate.kind}, i);
    if (!inserted)
      e.fail("", fmt::format("duplicate {} rate for {}, first at /rates/{}; expected one per quarter", rate.kind,
                             rate.period.to_string(), it->second));
    file.rates.push_back(std::move(rate));
  }
  // One rate per quarter in the table: a file mixing kinds must say which to use.
  std::set<Quarter> quarters;
  for (const FxRate& rate : file.rates)
    if (!quarters.insert(rate.period).second)
      r.fail("rates", fmt::format("two kinds of rate for {}; expected one rate per quarter", rate.period.to_string()));
  std::sort(file.rates.begin(), file.rates.end(), [](const FxRate& a, const FxRate& b) { return a.period < b.period; });
  return file;
}

}  // namespace cloudcast::dataset
