// cloudcast backtest: score the forecasting models on a series file (fixed hold-out
// where the file has test rows, rolling origin otherwise) or on the built-in company
// revenue histories (rolling origin); with --engine, the whole projection engine on the
// companies' own history against rules of thumb (model/engine_backtest.hpp).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/horizon_option.hpp"
#include "cli/output.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/query.hpp"
#include "cloudcast/forecast/backtest.hpp"
#include "cloudcast/forecast/registry.hpp"
#include "cloudcast/forecast/series_csv.hpp"
#include "cloudcast/model/baseline.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/engine_backtest.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/report/backtest_report.hpp"
#include "cloudcast/report/engine_backtest_report.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

namespace {

std::vector<std::string> split_names(const std::string& text) {
  std::vector<std::string> names;
  std::stringstream in(text);
  for (std::string name; std::getline(in, name, ',');)
    if (!name.empty()) names.push_back(name);
  return names;
}

std::string models_help() {
  std::string text = "comma-separated models (default: all):";
  for (const forecast::Model& m : forecast::models()) text += fmt::format("\n  {:<11} {}", m.name, m.description);
  return text;
}

// A side table (--forecasts-out, --cells-out) as a wide CSV with its own column
// contract, written whole or not at all.
void write_csv(const std::filesystem::path& path, const report::Table& table) {
  util::AtomicFile file(path);
  report::render_wide_csv(table, file.stream());
  file.commit();
}

// Options that belong to one mode only: naming one in the other mode is a usage error,
// never silently ignored.
constexpr std::array kSeriesOnly{"series", "models", "threads", "rolling", "min-train", "forecasts-out"};
constexpr std::array kEngineOnly{"scenario", "model", "company", "from", "cells-out"};

bool given(const po::variables_map& values, const char* name) {
  return values.count(name) && !values[name].defaulted();  // a switch not given is defaulted too
}

CommandResult run_engine_backtest(const GlobalOptions& global, const po::variables_map& values) {
  for (const char* name : kSeriesOnly)
    if (given(values, name))
      throw UsageError(fmt::format("--{}: not an option of backtest --engine; expected one of --scenario, --model, "
                                   "--company, --horizon, --from, --cells-out",
                                   name));
  model::EngineBacktestOptions options;
  options.horizon = static_cast<int>(
      util::parse_int(values["horizon"].as<std::string>(), 1, model::kBacktestMaxHorizon, "--horizon"));
  if (values.count("model")) options.baseline_model = values["model"].as<std::string>();
  if (values.count("company")) options.companies = values["company"].as<std::vector<std::string>>();
  if (values.count("from")) {
    const std::string text = values["from"].as<std::string>();
    options.from = parse_quarter(text);
    if (!options.from) throw UsageError(fmt::format("--from: expected a quarter such as 2024Q2, got '{}'", text));
  }
  std::optional<std::filesystem::path> cells_out;
  if (values.count("cells-out"))
    cells_out = side_output_path(global, "cells-out", values["cells-out"].as<std::string>());
  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  const model::Scenario scenario =
      model::load_scenario(values.count("scenario") ? values["scenario"].as<std::string>() : "base", data);
  const model::EngineBacktestResult result = model::engine_backtest(data, scenario, options);
  if (cells_out) write_csv(*cells_out, report::engine_backtest_cells_table(result));
  return {.doc = report::engine_backtest_document(result, data.origin, data.digest)};
}

}  // namespace

CommandResult run_backtest(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("backtest");
  const std::string models_text = models_help();
  const std::string baseline_help = fmt::format("--engine: statistical baseline of core revenue: {} (default trend)",
                                                fmt::join(model::baseline_models(), ", "));
  const std::string horizon_help = fmt::format("quarters ahead to forecast, 1..{} (--engine: 1..{})",
                                               model::kMaxHorizon, model::kBacktestMaxHorizon);
  po::options_description desc("Options", 120, 70);
  desc.add_options()
      ("series", po::value<std::string>(), "CSV file series_id,index,value[,kind] (default: built-in company revenue)")
      ("horizon", po::value<std::string>()->default_value("8"), horizon_help.c_str())
      ("models", po::value<std::string>(), models_text.c_str())
      ("threads", po::value<std::string>()->default_value("1"), "threads over series, 1..256 (results do not depend on it)")
      ("rolling", po::bool_switch(), "rolling origin even for series with test rows (train and test joined)")
      ("min-train", po::value<std::string>()->default_value("8"), "first rolling origin: values used to fit, 4..1000")
      ("forecasts-out", po::value<std::string>(), "also write every forecast and interval to this CSV file")
      ("engine", po::bool_switch(), "backtest the whole projection engine on the companies' own history against "
                                    "rules of thumb (horizon 1..8); instead of --series")
      ("scenario", po::value<std::string>(), "--engine: built-in scenario name or scenario .json file (default base)")
      ("model", po::value<std::string>(), baseline_help.c_str())
      ("company", po::value<std::vector<std::string>>()->composing(), "--engine: company id (repeatable; default all)")
      ("from", po::value<std::string>(), "--engine: first origin quarter, e.g. 2024Q2 (default every origin allowed)")
      ("cells-out", po::value<std::string>(), "--engine: also write every scored cell (actual, ours, each rule) to this CSV file");
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};
  if (values["engine"].as<bool>()) {
    if (values.count("series")) throw UsageError("--series and --engine: expected one of the two, got both");
    return run_engine_backtest(global, values);
  }
  for (const char* name : kEngineOnly)
    if (values.count(name))
      throw UsageError(fmt::format("--{}: an option of backtest --engine only; expected --engine with it", name));

  forecast::BacktestOptions options;
  options.horizon = parse_horizon(values["horizon"].as<std::string>());
  options.threads = static_cast<int>(util::parse_int(values["threads"].as<std::string>(), 1, 256, "--threads"));
  options.min_train = static_cast<int>(util::parse_int(values["min-train"].as<std::string>(), 4, 1000, "--min-train"));
  options.rolling = values["rolling"].as<bool>();
  if (values.count("models")) {
    options.models = split_names(values["models"].as<std::string>());
    if (options.models.empty()) throw UsageError("--models: empty list; expected model names separated by commas");
    for (const std::string& name : options.models) forecast::find_model(name);  // unknown name: UsageError now
  } else {
    options.models = forecast::model_names();
  }

  std::optional<std::filesystem::path> forecasts_out;
  if (values.count("forecasts-out"))
    forecasts_out = side_output_path(global, "forecasts-out", values["forecasts-out"].as<std::string>());

  report::BacktestContext context;
  context.horizon = options.horizon;
  context.threads = options.threads;
  std::vector<forecast::Series> series;
  if (values.count("series")) {
    const std::string path = values["series"].as<std::string>();
    const std::string bytes = util::read_file(path);
    series = forecast::parse_series_csv(bytes, path);
    context.source = path;
    context.inputs_digest = dataset::inputs_digest({{"series.csv", path, bytes}});
  } else {
    // Each company's revenue on its latest segment basis, last contiguous run of
    // quarters (growth is never read across a basis break), scored by rolling origin.
    const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
    const std::size_t need = forecast::rolling_required_length(options);
    for (const dataset::Company& company : data.companies) {
      const std::vector<dataset::Point> points = dataset::contiguous_tail(dataset::series(company, "revenue"));
      if (points.size() < need) {
        context.skipped.push_back(fmt::format(
            "{}: {} contiguous quarters of revenue{}; rolling origin with these models needs {} (try --min-train or --models)",
            company.id, points.size(), points.empty() ? "" : " on basis " + points.front().segment_basis, need));
        continue;
      }
      forecast::Series s;
      s.id = company.id;
      for (const dataset::Point& p : points) s.values.push_back(p.value);
      s.n_train = s.values.size();
      context.series_notes.push_back(fmt::format("{}: revenue {} to {} ({} quarters, {}, basis {})", company.id,
                                                 points.front().period.to_string(), points.back().period.to_string(),
                                                 points.size(), points.front().unit, points.front().segment_basis));
      series.push_back(std::move(s));
    }
    if (series.empty())
      throw DataError(fmt::format("{}: no company has enough revenue history for this backtest; {}", data.origin,
                                  context.skipped.empty() ? "no companies" : context.skipped.front()));
    context.source = fmt::format("{} company data, revenue", data.origin);
    context.inputs_digest = data.digest;
    options.rolling = true;
  }

  const forecast::BacktestResult result = forecast::backtest(series, options);
  if (forecasts_out) write_csv(*forecasts_out, report::forecasts_table(result));
  return {.doc = report::backtest_document(result, context)};
}

}  // namespace cloudcast::cli
