#pragma once
// The quarterly data as plain values (no behaviour): companies, their observations
// with provenance, and FX rates. Built by load_dataset(), read by every later layer.

#include <optional>
#include <string>
#include <vector>

#include "cloudcast/types.hpp"

namespace cloudcast::dataset {

// How a figure relates to what the company published.
enum class Basis {
  reported,  // as first published
  restated,  // as re-published by the company on a later segment definition
  derived,   // computed by us (back-cast onto a new basis, a difference): says how in `note`
  estimate,  // an assumption standing in for an unreported figure (e.g. plan capex)
};

// Whether the figure was read in a source, or recalled and unverified.
enum class Confidence { sourced, recalled };

struct Observation {
  Quarter period;             // calendar quarter
  std::string fiscal_period;  // the company's own label, "FY2026Q1"
  std::string metric;         // stable snake_case: revenue, operating_income, capex, revenue_growth_yoy, ...
  double value = 0;           // in `unit`
  std::string unit;           // "RMB m", "USD m", "%" ...
  Basis basis = Basis::reported;
  // The segment definition the figure belongs to ("cig-2023", "ic-fy2025"); growth is
  // never computed between two different segment bases.
  std::string segment_basis;
  Confidence confidence = Confidence::sourced;
  std::string source;  // document / dataset the figure was read in
  std::string note;    // how a derived figure was computed, caveats
  std::string origin;  // where it was read, for messages: "data/companies/alibaba.json:/observations/3"
  // Replaced or added by the user's overlay (`data import`, dataset/figures.hpp); origin
  // is then "<overlay.csv>:<line>".
  bool from_overlay = false;
};

// A statement that is not one quarter's figure: an annual total, a multi-year
// commitment, an AI statement. `period` is free text ("FY2025 (2024Q3-2025Q2)",
// "announced 2025Q1"); value is absent for a statement without a number.
struct Disclosure {
  std::string id;  // "capex_commitment_3y", "azure_revenue_annual", "ai_statement", ...
  std::string period;
  std::optional<double> value;
  std::string unit;
  Basis basis = Basis::reported;
  Confidence confidence = Confidence::sourced;
  std::string source;
  std::string statement;
};

// What a company said it expects for a period (capex for a year, next quarter's revenue
// or growth): never a reported figure. The engine may honour it for the quarters it
// covers; a backtest at origin O keeps only items with as_of <= O. docs/data.md.
struct Guidance {
  std::string id;      // unique in the company: "capex_cy2026_feb2026"
  std::string metric;  // capex, capex_net, capex_incl_finance_leases, revenue, revenue_growth_yoy, azure_growth_yoy_cc
  Quarter first;       // first calendar quarter covered
  Quarter last;        // last calendar quarter covered (== first for a next-quarter guide)
  std::string period_label;  // the company's words for the period: "CY2026", "FY2026", "FY2026Q3", "FY2026-FY2028"
  double low = 0;            // in `unit`; low == high for a point guide ("about USD 200 bn")
  double high = 0;
  std::string unit;   // "USD m", "RMB m" (the company's currency) or "%"
  std::string scope;  // the segment basis it is on: "company-wide", "group", "ic-fy2025", "azure-fy2025"
  std::string given;  // the date it was given, "2026-02-04"
  Quarter as_of;      // the last quarter reported when it was given (the information set)
  Confidence confidence = Confidence::sourced;
  std::string source;  // where it was read, with its URL
  std::string note;    // the company's words (about, more than), how the period was read
  std::string origin;  // "data/companies/google.json:/guidance/4", for messages
};

// What a signal is (docs/data.md, "Signals"): the figures analysts watch beside the
// quarterly accounts, each with the date it was given and its source.
enum class SignalKind {
  backlog,             // contracted revenue not yet recognised (backlog, RPO), money
  run_rate,            // an annualised revenue run rate the company stated, money
  capacity_statement,  // a dated "capacity constrained" statement, words
  price_action,        // a dated price change: product and size (change_pct)
  benchmark,           // a leaderboard's dated rank and/or score for the company's model
};

struct Signal {
  SignalKind kind = SignalKind::backlog;
  Quarter period;               // calendar quarter the figure belongs to
  std::string date;             // the day it was given, "2026-02-05" ("2025-06" when the day is unknown)
  std::optional<double> value;  // in `unit` (backlog, run_rate)
  std::string unit;             // "USD m", "RMB m": the company's money unit
  std::optional<double> low;    // a range or a lower bound ("over USD 70 bn": low = value)
  std::optional<double> high;
  std::string scope;                 // "segment", "company" (wider than the segment), "model"
  std::string product;               // what it is about: "AWS", "Qwen API", "gemini-3-pro"
  std::optional<double> change_pct;  // price_action: the change in percent, -45 = a 45 % cut
  std::optional<int> rank;           // benchmark: position on the leaderboard (1 = top)
  std::optional<double> score;       // benchmark: the leaderboard's score
  std::string leaderboard;           // "LMArena Text"
  std::string statement;             // the words, for statements and price actions
  Confidence confidence = Confidence::sourced;
  std::string source;  // URL it was read at
  std::string note;
  std::string origin;  // "data/companies/amazon.json:/signals/3", for messages
};

struct Company {
  std::string id;                         // "alibaba", "microsoft", "amazon", "google"
  std::string name;                       // "Alibaba Group"
  std::string segment;                    // "Cloud Intelligence Group"
  std::string currency;                   // ISO code of the reporting currency: "CNY", "USD"
  int fiscal_year_end_month = 12;         // 3 for Alibaba, 6 for Microsoft, 12 for Amazon and Alphabet
  std::vector<Observation> observations;  // sorted by metric, then period, then segment_basis
  // What operating_income measures when it is not operating income as reported
  // ("adjusted EBITA" for Alibaba); empty = operating income. Qualifies report labels.
  std::string profit_measure;
  std::string capex_scope;                // what `capex` covers: "group", "company-wide", ...
  std::string capex_basis;                // what `capex` measures: reports name it beside capex
  std::vector<std::string> notes;         // segment bases, metric definitions, caveats
  std::vector<Disclosure> disclosures;    // sorted by period text, then id
  std::vector<Guidance> guidance;         // in the file's order (metric, first quarter, date given)
  std::vector<Signal> signals;            // sorted by kind, then period, then date
  std::string origin;                     // the file it was read from

  // Other names the command line accepts for id, from the file's "aliases": "aws", "aliyun".
  std::vector<std::string> aliases;
};

// An FX observation: CNY per USD for one calendar quarter.
struct FxRate {
  Quarter period;
  double cny_per_usd = 0;
  std::string kind;  // "period_end" or "average": what the rate measures
  Basis basis = Basis::derived;
  std::string source;
  Confidence confidence = Confidence::sourced;
  std::string note;
};

struct Dataset {
  std::vector<Company> companies;
  std::vector<FxRate> fx;  // sorted by period
  std::string origin;      // "built-in" or the --data directory
  std::string digest;      // hex digest of the input bytes, for reproducible outputs
  std::string fx_note;     // what the FX rates are (fx.json "note")
  std::string overlay;     // the user's overlay file applied on top, empty when none
};

}  // namespace cloudcast::dataset
