#include "cloudcast/report/track_report.hpp"

#include <fmt/format.h>

#include <cmath>

#include "cloudcast/types.hpp"

namespace cloudcast::report {

namespace {

using json = nlohmann::ordered_json;
using model::BacktestMetric;

std::string metric_title(BacktestMetric metric) {
  switch (metric) {
    case BacktestMetric::revenue:
      return "revenue";
    case BacktestMetric::operating_margin:
      return "operating margin";
    case BacktestMetric::capex:
      return "company capex";
  }
  return {};
}

json optional_json(const std::optional<double>& v) { return v && std::isfinite(*v) ? json(*v) : json(nullptr); }

Table company_table(const model::TrackResult& r, const std::string& id, const std::string& currency,
                    const TrackReportInfo& info) {
  Table t;
  t.title = fmt::format("{}: projected ({} '{}') against reported", id, model::tracked_kind_name(r.kind), r.scenario);
  const std::string unit = money_unit(currency);
  t.columns = {{"Quarter", "", Kind::text},
               {"Metric", "", Kind::text},
               {"Unit", "", Kind::text},
               {"Projected", "", Kind::number, 1},
               {"Reported", "", Kind::number, 1},
               {"Error", "", Kind::number, 1},
               {"Error", "% of reported", Kind::percent, 1},
               {"Percentile", "", Kind::number, 1},
               {fmt::format("In central {} %", info.band), "", Kind::text}};
  for (const auto& row : r.rows) {
    if (row.company != id) continue;
    const bool margin = row.metric == BacktestMetric::operating_margin;
    // Margins in percentage points so the error column reads as points.
    const double scale = margin ? 100 : 1;
    t.rows.push_back({row.period.to_string(), metric_title(row.metric), margin ? std::string("% / points") : unit,
                      scale * row.projected, scale * row.reported, scale * row.error,
                      margin || row.reported == 0 ? Cell{} : Cell{row.error / row.reported},
                      row.percentile ? Cell{*row.percentile} : Cell{},
                      row.inside ? Cell{std::string(*row.inside ? "yes" : "NO")} : Cell{std::string("-")}});
  }
  if (t.rows.empty()) t.notes.push_back("no projected quarter of this company has been reported since");
  return t;
}

}  // namespace

Document track_document(const model::TrackResult& r, const TrackReportInfo& info) {
  Document doc;
  doc.title = fmt::format("cloudcast track — {} ({} '{}', data cut at {}) against the quarters reported since",
                          info.file, model::tracked_kind_name(r.kind), r.scenario, r.cut.to_string());
  doc.meta["schema_version"] = kTrackSchemaVersion;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = info.inputs_digest;
  doc.meta["command"] = "track";
  doc.meta["seed"] = r.seed;
  doc.meta["paths"] = r.paths;

  for (const auto& [id, currency] : r.companies) doc.tables.push_back(company_table(r, id, currency, info));

  Table ranking;
  ranking.title = fmt::format("Scenarios ranked by the likelihood of the figures reported after {}", r.cut.to_string());
  ranking.columns = {{"Rank", "", Kind::integer},
                     {"Scenario", "", Kind::text},
                     {"Uncertainty", "", Kind::text},
                     {"Cells", "", Kind::integer},
                     {"Log-likelihood", "", Kind::number, 2},
                     {"Behind best", "", Kind::number, 2},
                     {"Weight", "%", Kind::percent, 1}};
  json jranking = json::array();
  for (std::size_t i = 0; i < r.ranking.size(); ++i) {
    const auto& s = r.ranking[i];
    const std::string uncertainty = s.distributions ? "driver distributions + baseline error" : "baseline error only";
    const double behind = r.ranking.front().log_likelihood - s.log_likelihood;
    ranking.rows.push_back({static_cast<double>(i + 1), s.scenario, uncertainty, static_cast<double>(s.cells),
                            s.log_likelihood, behind, s.weight});
    jranking.push_back({{"rank", i + 1},
                        {"scenario", s.scenario},
                        {"distributions", s.distributions},
                        {"cells", s.cells},
                        {"log_likelihood", s.log_likelihood},
                        {"behind_best", behind},
                        {"weight", s.weight}});
  }
  ranking.notes.push_back(fmt::format(
      "each scenario's Monte Carlo ({} paths, seed {}) from the data cut at {} (dataset::as_of); log-likelihood: the "
      "sum over the reported revenue (currency m) and operating margin (fraction) cells of the log density of a normal "
      "fitted to the simulated cell (its mean and sd), cells taken as independent; company capex is left out (it is "
      "the capex plan, not a path metric)",
      r.paths, r.seed, r.cut.to_string()));
  ranking.notes.push_back(
      "a scenario without distributions still varies by the baseline revenue's forecast error that Monte Carlo adds "
      "(its 95 % interval as a random walk): its likelihood is that of the baseline forecast intervals");
  ranking.notes.push_back("weight: exp(log-likelihood - best), normalised: the posterior with equal priors");
  if (!r.ranking.empty()) doc.tables.push_back(std::move(ranking));

  doc.notes.push_back(
      "error = projected - reported (margins in points); reported figures are read on the segment bases projected at "
      "the cut, our estimates left out");
  doc.notes.push_back(
      r.kind == model::TrackedKind::simulate
          ? "projected = the mean over the paths; percentile: where the reported figure lands among the file's "
            "percentiles, with the minimum at 0 and the maximum at 100, interpolated linearly between neighbouring "
            "points (below the minimum 0, above the maximum 100)"
          : "percentile (revenue only): 100 Phi((reported - projected) / sd_h), sd_h = (upper95 - lower95) / (2 x "
            "1.96) of the file's baseline at that horizon, the error Monte Carlo adds; margin and capex have no "
            "distribution in a forecast file");
  if (info.gate)
    doc.notes.push_back(fmt::format("--fail-outside {}: {} reported figure(s) outside the central {} % band", info.band,
                                    r.outside, info.band));
  for (const auto& n : r.notes) doc.notes.push_back(n);

  json body;
  body["source"] = {{"file", info.file}, {"kind", model::tracked_kind_name(r.kind)}, {"scenario", r.scenario}};
  body["cut"] = r.cut.to_string();
  body["latest_reported"] = r.latest ? json(r.latest->to_string()) : json(nullptr);
  body["band"] = info.band;
  body["outside"] = r.outside;
  json companies = json::array();
  for (const auto& [id, currency] : r.companies) {
    json rows = json::array();
    for (const auto& row : r.rows) {
      if (row.company != id) continue;
      rows.push_back(
          {{"period", row.period.to_string()},
           {"metric",
            model::metric_name(row.metric) == "capex" ? "capex_company" : std::string(model::metric_name(row.metric))},
           {"projected", row.projected},
           {"reported", row.reported},
           {"error", row.error},
           {"percentile", optional_json(row.percentile)},
           {"inside", row.inside ? json(*row.inside) : json(nullptr)}});
    }
    companies.push_back({{"id", id}, {"currency", currency}, {"quarters", std::move(rows)}});
  }
  body["companies"] = std::move(companies);
  body["ranking"] = std::move(jranking);
  body["notes"] = doc.notes;
  doc.json = std::move(body);
  return doc;
}

}  // namespace cloudcast::report
