#include "cloudcast/report/signals_report.hpp"

#include <fmt/format.h>

#include "dataset/schema.hpp"

namespace cloudcast::report {

namespace {

using model::Direction;
using model::SignalChange;

Cell maybe(const std::optional<double>& x, double scale = 1) { return x ? Cell(*x * scale) : Cell(std::monostate{}); }

std::string direction_name(Direction d) {
  switch (d) {
    case Direction::up:
      return "up";
    case Direction::down:
      return "down";
    case Direction::flat:
      return "flat";
    case Direction::unknown:
      break;
  }
  return "";
}

std::string source_of(const dataset::Signal& s) {
  return s.confidence == dataset::Confidence::recalled ? s.source + " (recalled)" : s.source;
}

std::string as_of(const dataset::Signal& s) { return fmt::format("{} ({})", s.period.to_string(), s.date); }

// One dashboard row: signal, as of, value, unit, change on quarter and year with their
// unit, direction, what it implies, source.
std::vector<Cell> row(std::string signal, std::string when, Cell value, std::string unit, const SignalChange& change,
                      double scale, std::string change_unit, std::string implies, std::string source) {
  // The change's unit only where there is a change to read it against.
  if (!change.quarter && !change.year) change_unit.clear();
  return {std::move(signal),
          std::move(when),
          std::move(value),
          std::move(unit),
          maybe(change.quarter, scale),
          maybe(change.year, scale),
          std::move(change_unit),
          direction_name(change.direction),
          std::move(implies),
          std::move(source)};
}

std::string price_line(const dataset::Signal& a) {
  return fmt::format("{} {} {:+g} %", a.date, a.product, *a.change_pct);
}

Table company_table(const model::CompanySignals& c, const std::string& scenario) {
  const std::string money = dataset::money_unit(c.currency).value_or(c.currency);
  Table t;
  t.title =
      fmt::format("{}: {} — signals at {} ({} scenario)", c.name, c.segment, c.last_reported.to_string(), scenario);
  t.id = "signals_" + c.id;
  t.company = c.id;
  t.columns = {{"signal", "", Kind::text, 0, "signal", Role::item},
               {"as of", "", Kind::text},
               {"value", "", Kind::number, 2},
               {"unit", "", Kind::text},
               {"change on quarter", "", Kind::number, 2},
               {"change on year", "", Kind::number, 2},
               {"change unit", "", Kind::text},
               {"direction", "", Kind::text},
               {"implies", "", Kind::text},
               {"source", "", Kind::text}};
  if (const auto& m = c.margin) {
    t.rows.push_back(row(
        "margin trajectory", m->period.to_string(), m->margin * 100, "%", m->change, 100, "pp",
        fmt::format("base projection {:.1f} % in {}; depreciation {:.1f} % -> {:.1f} % of revenue "
                    "({}..{})",
                    m->projected_margin * 100, m->last_projected.to_string(), m->depreciation_share_first * 100,
                    m->depreciation_share_last * 100, m->first_projected.to_string(), m->last_projected.to_string()),
        fmt::format("reported revenue and {}; base projection",
                    c.profit_measure.empty() ? "operating income" : c.profit_measure)));
  }
  if (const auto& u = c.utilisation) {
    t.rows.push_back(row("capex utilisation", u->period.to_string(), u->value, "x", u->change, 1, "x",
                         fmt::format("annual revenue added {:.0f} {} on {:.0f} {} of cloud capex in service "
                                     "(lag {} quarters, cloud share {:.0f} %)",
                                     u->revenue_added, money, u->capex_in_service, money, u->lag, u->cloud_share * 100),
                         "reported revenue and capex; scenario lag and cloud share"));
  }
  if (c.capacity) {
    t.rows.push_back(row("capacity statement", as_of(*c.capacity), std::monostate{}, "", {}, 1, "",
                         fmt::format("\"{}\" ({})", c.capacity->statement, c.capacity->product),
                         source_of(*c.capacity)));
  }
  if (const auto& b = c.backlog) {
    const bool wider = b->latest.scope == "company";
    t.rows.push_back(row("backlog", as_of(b->latest), *b->latest.value, money, b->change, 100, "%",
                         b->latest.product + (wider ? " (company-wide, wider than the segment)" : ""),
                         source_of(b->latest)));
    t.rows.push_back(row("backlog coverage", b->latest.period.to_string(), b->coverage, "x", b->coverage_change, 1, "x",
                         fmt::format("backlog / next four quarters' revenue {:.0f} {} ({} of 4 quarters from the "
                                     "base projection){}",
                                     b->next_four_revenue, money, b->projected_quarters,
                                     wider ? "; company-wide backlog over segment revenue overstates coverage" : ""),
                         "backlog; reported revenue and base projection"));
  }
  for (const auto& r : c.run_rates) {
    const bool bound = r.latest.low && *r.latest.low == *r.latest.value;
    t.rows.push_back(row("run rate", as_of(r.latest), *r.latest.value, money, r.change, 100, "%",
                         r.latest.product + (bound ? " (a lower bound: \"over\")" : ""), source_of(r.latest)));
  }
  if (const auto& p = c.pricing) {
    std::string implies;
    for (const auto& a : p->actions) implies += (implies.empty() ? "" : "; ") + price_line(a);
    if (p->actions.empty())
      implies = fmt::format("none in {}..{}{}", p->from.to_string(), p->to.to_string(),
                            p->latest_before ? "; latest before: " + price_line(*p->latest_before) : "");
    const dataset::Signal* shown = !p->actions.empty() ? &p->actions.back()
                                   : p->latest_before  ? &*p->latest_before
                                                       : nullptr;
    t.rows.push_back(row("price actions", fmt::format("{}..{}", p->from.to_string(), p->to.to_string()),
                         static_cast<double>(p->actions.size()), "actions", {}, 1, "", implies,
                         shown ? source_of(*shown) : ""));
  }
  if (const auto& b = c.benchmark) {
    const auto& l = b->latest;
    SignalChange places;
    if (b->previous && b->previous->rank && l.rank) {
      places.quarter = *b->previous->rank - *l.rank;  // places gained since the previous reading
      places.direction = *places.quarter > 0 ? Direction::up : *places.quarter < 0 ? Direction::down : Direction::flat;
    }
    std::string implies = fmt::format("{} on {}", l.product, l.leaderboard);
    if (l.rank && l.score) implies += fmt::format(", score {:g}", *l.score);
    if (b->previous)
      implies += fmt::format("; previous {} ({}{})", b->previous->date, b->previous->product,
                             b->previous->rank ? fmt::format(", rank {}", *b->previous->rank) : "");
    t.rows.push_back(row("benchmark standing", as_of(l), l.rank ? Cell(static_cast<double>(*l.rank)) : maybe(l.score),
                         l.rank ? "rank" : "score", places, 1, l.rank ? "places gained" : "", implies, source_of(l)));
  }
  for (const auto& m : c.missing) t.notes.push_back(fmt::format("missing: {} — {}", m.signal, m.reason));
  return t;
}

}  // namespace

Document signals_document(const std::vector<model::CompanySignals>& signals, const std::string& scenario,
                          const std::string& inputs_digest) {
  Document doc;
  doc.title = "Signals to watch: margin, capex utilisation, backlog, pricing, benchmarks";
  doc.meta["schema_version"] = kSignalsSchemaVersion;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = inputs_digest;
  doc.meta["command"] = "signals";
  doc.meta["scenario"] = scenario;
  for (const auto& c : signals) doc.tables.push_back(company_table(c, scenario));
  doc.notes = {
      "backlog coverage = backlog / revenue of the next four quarters (reported where the data have it, else the "
      "base projection); capex utilisation = 4 x (revenue - revenue a year earlier) / cloud capex that entered "
      "service over the year (capex x capex_cloud_share, in-service lag from the scenario)",
      "changes: margin in percentage points, backlog and run rates in percent, ratios as differences; direction "
      "follows the change on the quarter, else on the year",
      "every signal figure carries the date it was given and its source URL (data/sources/signals.csv; "
      "docs/data.md, \"Signals\")"};
  return doc;
}

}  // namespace cloudcast::report
