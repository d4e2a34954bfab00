#include "dataset/fx.hpp"

#include <fmt/format.h>

#include <cmath>

#include "cloudcast/error.hpp"

namespace cloudcast::dataset {

FxTable::FxTable(const Dataset& data, const std::map<Quarter, double>& path) {
  for (const FxRate& rate : data.fx) rates_[rate.period] = rate.cny_per_usd;
  for (const auto& [quarter, rate] : path) {
    if (!std::isfinite(rate) || rate <= 0)
      throw DataError(fmt::format("FX path {}: CNY per USD {}; expected a finite number > 0", quarter.to_string(), rate));
    rates_[quarter] = rate;
  }
}

double FxTable::cny_per_usd(Quarter quarter) const {
  if (const auto it = rates_.find(quarter); it != rates_.end()) return it->second;
  std::string have;
  for (const auto& [q, rate] : rates_) have += (have.empty() ? "" : ", ") + q.to_string();
  throw DataError(fmt::format("no CNY per USD rate for {}; the data have {} (pass an FX path for other quarters)",
                              quarter.to_string(), have.empty() ? "none" : have));
}

FxTable::Lookup FxTable::lookup(Quarter quarter, Fill fill) const {
  if (fill == Fill::exact) return {cny_per_usd(quarter), quarter};
  auto it = rates_.upper_bound(quarter);  // first rate after the quarter
  if (it == rates_.begin())
    throw DataError(fmt::format("no CNY per USD rate at or before {}; the first rate is for {}", quarter.to_string(),
                                rates_.empty() ? std::string("(none)") : rates_.begin()->first.to_string()));
  --it;
  return {it->second, it->first};
}

double FxTable::to_usd(double amount, const std::string& currency, Quarter quarter) const {
  if (currency == "USD") return amount;
  if (currency == "CNY") return amount / cny_per_usd(quarter);
  throw DataError(fmt::format("cannot convert {} to USD; expected CNY or USD", currency));
}

double FxTable::from_usd(double amount_usd, const std::string& currency, Quarter quarter) const {
  if (currency == "USD") return amount_usd;
  if (currency == "CNY") return amount_usd * cny_per_usd(quarter);
  throw DataError(fmt::format("cannot convert USD to {}; expected CNY or USD", currency));
}

}  // namespace cloudcast::dataset
