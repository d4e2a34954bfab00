#include "cloudcast/report/backtest_report.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cloudcast/forecast/registry.hpp"

namespace cloudcast::report {

namespace {

// "a, b, c" for a few names, "a, ..., j and 990 more" for many: a note stays a line.
std::string named_list(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 10;
  if (names.size() <= kShown) return fmt::format("{}", fmt::join(names, ", "));
  return fmt::format("{} and {} more", fmt::join(names.begin(), names.begin() + kShown, ", "), names.size() - kShown);
}

}  // namespace

Document backtest_document(const forecast::BacktestResult& result, const BacktestContext& context) {
  Document doc;
  doc.title = fmt::format("Backtest: {} ({} series, horizon {})", context.source, result.n_series, context.horizon);
  doc.meta["schema_version"] = 1;
  doc.meta["tool_version"] = CLOUDCAST_VERSION;
  doc.meta["inputs_digest"] = context.inputs_digest;
  doc.meta["command"] = "backtest";

  Table summary;
  summary.title = "Accuracy by method (mean over series)";
  summary.id = "accuracy";
  summary.columns = {{"method", "", Kind::text, 0},
                     {"sMAPE", "%", Kind::number, 3},
                     {"MASE", "", Kind::number, 3},
                     {"OWA", "vs naive2", Kind::number, 3},
                     {"series", "", Kind::integer, 0},
                     {"description", "", Kind::text, 0}};
  for (const forecast::MethodScore& m : result.methods) {
    summary.rows.push_back({m.method, m.smape, m.mase, m.owa, static_cast<double>(m.n_series),
                            std::string(forecast::find_model(m.method).description)});
  }
  summary.notes.push_back(
      "sMAPE = mean_h 200|y-f|/(|y|+|f|); MASE = mean_h |y-f| / in-sample mean |x_t - x_{t-4}|; "
      "OWA = (sMAPE/sMAPE_naive2 + MASE/MASE_naive2)/2. Per series, then the plain mean over series.");
  doc.tables.push_back(std::move(summary));

  auto by_horizon = [&](const char* title, bool use_smape) {
    Table t;
    t.title = title;
    t.id = use_smape ? "smape_by_horizon" : "mase_by_horizon";
    t.columns.push_back({"method", "", Kind::text, 0});
    for (int h = 1; h <= context.horizon; ++h)
      t.columns.push_back({fmt::format("h={}", h), use_smape ? "%" : "", Kind::number, use_smape ? 2 : 3});
    for (const forecast::MethodScore& m : result.methods) {
      std::vector<Cell> row{m.method};
      for (std::size_t h = 0; h < m.smape_h.size(); ++h) {
        if (m.count_h[h] == 0) row.emplace_back(std::monostate{});
        else row.emplace_back(use_smape ? m.smape_h[h] : m.mase_h[h]);
      }
      t.rows.push_back(std::move(row));
    }
    return t;
  };
  doc.tables.push_back(by_horizon("sMAPE by horizon", true));
  doc.tables.push_back(by_horizon("MASE by horizon", false));
  Table counts;
  counts.title = "Forecasts scored by horizon";
  counts.id = "forecasts_by_horizon";
  counts.columns.push_back({"h", "", Kind::integer, 0, "h", Role::item});
  counts.columns.push_back({"forecasts", "", Kind::integer, 0});
  if (!result.methods.empty())
    for (std::size_t h = 0; h < result.methods.front().count_h.size(); ++h)
      counts.rows.push_back({static_cast<double>(h + 1), static_cast<double>(result.methods.front().count_h[h])});
  doc.tables.push_back(std::move(counts));

  if (result.n_holdout > 0)
    doc.notes.push_back(fmt::format("{} series scored on their test values (fixed hold-out).", result.n_holdout));
  if (result.n_rolling > 0)
    doc.notes.push_back(fmt::format(
        "{} series scored by rolling origin ({} origins in all); per-horizon means pool every origin.",
        result.n_rolling, result.n_origins));
  if (!result.without_mase.empty())
    doc.notes.push_back(fmt::format(
        "{} series left out of MASE and OWA (their training values repeat every 4 quarters, so MASE's scale is 0; "
        "sMAPE includes them): {}.",
        result.without_mase.size(), named_list(result.without_mase)));
  for (const std::string& note : context.series_notes) doc.notes.push_back(note);
  for (const std::string& note : context.skipped) doc.notes.push_back("skipped " + note);
  doc.notes.push_back(fmt::format("Recommended method: {} (docs/forecasting.md).", forecast::kRecommendedModel));
  return doc;
}

Table forecasts_table(const forecast::BacktestResult& result) {
  Table t;
  t.columns = {{"series_id", "", Kind::text, 0},  {"method", "", Kind::text, 0},    {"h", "", Kind::integer, 0},
               {"forecast", "", Kind::number, 6}, {"lower80", "", Kind::number, 6}, {"upper80", "", Kind::number, 6},
               {"lower95", "", Kind::number, 6},  {"upper95", "", Kind::number, 6}, {"origin", "", Kind::integer, 0}};
  for (const forecast::SeriesForecast& sf : result.forecasts) {
    const forecast::Forecast& f = sf.forecast;
    for (std::size_t h = 0; h < f.mean.size(); ++h)
      t.rows.push_back({sf.series_id, sf.method, static_cast<double>(h + 1), f.mean[h], f.lower80[h], f.upper80[h],
                        f.lower95[h], f.upper95[h], static_cast<double>(sf.origin)});
  }
  return t;
}

}  // namespace cloudcast::report
