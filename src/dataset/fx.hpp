#pragma once
// CNY per USD by calendar quarter and conversion between the two. History comes from
// the dataset (fx.json); projected quarters come from a path the caller passes (a
// scenario's FX path), which takes precedence over the data for the quarters it covers.

#include <map>
#include <string>

#include "cloudcast/dataset/dataset.hpp"

namespace cloudcast::dataset {

// The open range a CNY per USD rate must lie in, in fx.json and in a scenario's FX path:
// ten times either way of any rate since 1990 (4.7..8.7); outside it is a slip.
inline constexpr double kMinCnyPerUsd = 0.1;
inline constexpr double kMaxCnyPerUsd = 100;

class FxTable {
 public:
  // Rates from the data, then the path's quarters on top (path values must be finite
  // and > 0: DataError otherwise).
  explicit FxTable(const Dataset& data, const std::map<Quarter, double>& path = {});

  // CNY per USD in that quarter. DataError naming the quarter and the quarters that
  // have a rate when there is none.
  double cny_per_usd(Quarter quarter) const;

  // The rate for a quarter with how it was found. exact: that quarter's rate (DataError
  // without one). carry_forward: the latest rate at or before the quarter, saying which
  // quarter it came from (DataError when every rate is later) - for reported history
  // between the sparse period-end rates; callers should say they carried a rate.
  enum class Fill { exact, carry_forward };
  struct Lookup {
    double cny_per_usd = 0;
    Quarter from;  // the quarter whose rate was used
  };
  Lookup lookup(Quarter quarter, Fill fill = Fill::exact) const;
  bool has_rate(Quarter quarter) const { return rates_.count(quarter) != 0; }

  // Converts an amount in `currency` ("CNY" or "USD") to USD and back. USD passes
  // through untouched (no rate needed); any other currency is a DataError.
  double to_usd(double amount, const std::string& currency, Quarter quarter) const;
  double from_usd(double amount_usd, const std::string& currency, Quarter quarter) const;

  const std::map<Quarter, double>& rates() const { return rates_; }

 private:
  std::map<Quarter, double> rates_;
};

}  // namespace cloudcast::dataset
