// cloudcast simulate: Monte Carlo over the scenario's uncertain drivers.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <sstream>
#include <thread>

#include "cli/commands.hpp"
#include "cli/horizon_option.hpp"
#include "cli/output.hpp"
#include "cli/scenario_options.hpp"
#include "cloudcast/model/engine.hpp"
#include "cloudcast/model/override_effect.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/montecarlo_scenario.hpp"
#include "cloudcast/model/result_figures.hpp"
#include "cloudcast/report/projection_report.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/report/simulation_report.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_write.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

namespace {

std::vector<std::string> split_list(const std::vector<std::string>& values) {
  std::vector<std::string> items;
  for (const auto& value : values) {
    std::stringstream in(value);
    for (std::string item; std::getline(in, item, ',');)
      if (!item.empty()) items.push_back(item);
  }
  return items;
}

// Progress on stderr: only on a terminal, not with --quiet, and only once a run has
// taken a second (short runs stay silent). Redraws at most four times a second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  ~Progress() {
    if (drawn_) std::cerr << "\r\x1b[K" << std::flush;
  }
  void operator()(std::int64_t done, std::int64_t total) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    drawn_ = true;
    std::cerr << fmt::format("\rsimulate: {} / {} paths ({:.0f}%)", report::format_number(static_cast<double>(done), 0),
                             report::format_number(static_cast<double>(total), 0),
                             100.0 * static_cast<double>(done) / static_cast<double>(total))
              << std::flush;
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_{};
};

}  // namespace

CommandResult run_simulate(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("simulate");
  ScenarioArguments scenario_arguments;
  std::string paths_text = "10000", seed_text = "42", horizon_text = "12", model_name = "trend";
  std::string percentiles_text = "5,10,25,50,75,90,95", sampling_text = "mc", precision_text;
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  std::string threads_text = std::to_string(std::min(hardware, 8u));
  std::vector<std::string> metrics_raw, companies, probs;
  bool repair = false, no_baseline_error = false;
  std::string dump_path;
  po::options_description desc("Options");
  desc.add_options()
      ("paths,n", po::value(&paths_text), "number of paths, 1..1e9 (default 10000); the maximum with --precision")
      ("seed", po::value(&seed_text), "random seed, 0..2^64-1 (default 42): results depend only on it and the inputs")
      ("threads,j", po::value(&threads_text), "worker threads (default: the cores, at most 8); never changes results")
      ("percentiles", po::value(&percentiles_text), "percentiles to report, in (0, 100) (default 5,10,25,50,75,90,95)")
      ("metric,m", po::value(&metrics_raw)->composing(),
       "metric(s) with bands, comma-separated or repeated, or 'all'; npv and irr: the build-out's value "
       "(default operating_margin,npv,irr)")
      ("company,c", po::value(&companies)->composing(), "company id (repeatable; default all)")
      ("prob,p", po::value(&probs)->composing(),
       "event probability to report, e.g. \"alibaba.operating_margin@2027Q2 < 0.05\" (repeatable)")
      ("precision", po::value(&precision_text),
       "stop once every 95 % CI half-width is at most X (relative for means and percentiles, absolute for "
       "probabilities), checked after 8192 paths and each doubling")
      ("sampling", po::value(&sampling_text), "mc (plain Monte Carlo, default) or lhs (Latin Hypercube)")
      ("repair-correlation", po::bool_switch(&repair),
       "replace an invalid correlation matrix by the nearest valid one (Higham) and report the distance")
      ("no-baseline-error", po::bool_switch(&no_baseline_error), "leave out the baseline revenue's forecast error")
      ("dump-model", po::value(&dump_path),
       "also write the calibrated model and drivers as JSON to FILE (input of bench/simulate.sh's NumPy reference)");
  add_horizon_option(desc, horizon_text, "quarters to project");
  desc.add_options()
      ("model", po::value(&model_name), "statistical baseline of core revenue (default trend)");
  add_scenario_options(desc, scenario_arguments);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, {}, values, help)) return {.raw_text = help};

  // Options are checked before any work starts.
  model::McOptions options;
  options.paths = util::parse_int(paths_text, 1, 1'000'000'000, "--paths");
  constexpr std::uint64_t kMaxSeed = std::numeric_limits<std::uint64_t>::max();  // 2^64 - 1, as the help says
  const auto seed = util::try_parse_unsigned(seed_text, kMaxSeed);
  if (!seed) throw UsageError(fmt::format("--seed: expected an integer in [0, {}], got '{}'", kMaxSeed, seed_text));
  options.seed = static_cast<std::uint64_t>(*seed);
  options.threads = static_cast<int>(util::parse_int(threads_text, 1, 256, "--threads"));
  options.percentiles.clear();
  for (const auto& item : split_list({percentiles_text})) {
    const double p = util::parse_double(item, 1e-9, 100 - 1e-9, "--percentiles");
    options.percentiles.push_back(p / 100);
  }
  if (options.percentiles.empty()) throw UsageError("--percentiles: expected a list such as 5,50,95");
  std::sort(options.percentiles.begin(), options.percentiles.end());
  options.percentiles.erase(std::unique(options.percentiles.begin(), options.percentiles.end()), options.percentiles.end());
  options.sampling = model::parse_sampling(sampling_text);
  if (!precision_text.empty()) options.precision = util::parse_double(precision_text, 1e-9, 1, "--precision");
  std::vector<std::string> metrics = split_list(metrics_raw);
  if (metrics.empty()) metrics = {"operating_margin", "npv", "irr"};
  if (metrics.size() == 1 && metrics[0] == "all") metrics.clear();
  options.metrics = metrics;
  options.companies = split_list(companies);
  for (const auto& text : probs) options.events.push_back(model::parse_event(text, "--prob"));
  const int horizon = parse_horizon(horizon_text);
  std::optional<std::filesystem::path> dump_file;
  if (values.count("dump-model")) dump_file = side_output_path(global, "dump-model", dump_path);

  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  for (auto& id : options.companies) id = dataset::find_company(data, id).id;
  for (auto& event : options.events) {
    try {
      event.company = dataset::find_company(data, event.company).id;  // --prob "aws.revenue@..." names amazon
    } catch (const UsageError& e) {
      throw UsageError(fmt::format("--prob '{}': {}", event.text, e.what()));
    }
  }
  const ChosenScenario chosen = choose_scenario(scenario_arguments, data);
  const model::Scenario& scenario = chosen.scenario;
  const model::EngineOptions engine{.horizon = horizon, .baseline_model = model_name, .companies = options.companies};
  model::ScenarioProblem problem = model::make_scenario_problem(
      data, scenario,
      {.engine = engine,
       .repair_correlation = repair,
       .baseline_error = !no_baseline_error});
  if (dump_file) {
    util::AtomicFile file(*dump_file);
    file.stream() << util::json_text(problem.reference, 1) << "\n";
    file.commit();
  }
  // The scenario's own events come first, then those asked on the command line; an event
  // asked in both places is reported once.
  std::vector<model::EventExpr> events = problem.events;
  for (auto& asked : options.events) {
    const bool known = std::any_of(events.begin(), events.end(), [&](const model::EventExpr& e) {
      return e.company == asked.company && e.metric == asked.metric && e.quarter == asked.quarter &&
             e.op == asked.op && e.threshold == asked.threshold;
    });
    if (!known) events.push_back(std::move(asked));
  }
  options.events = std::move(events);
  options.companies.clear();  // the problem holds only the companies asked

  Progress progress(global.stderr_is_terminal && !global.quiet);
  options.progress = [&progress](std::int64_t done, std::int64_t total) { progress(done, total); };
  const model::Simulation sim = model::simulate(problem.problem, options);

  report::SimulationReportInfo info;
  info.scenario = scenario.name;
  info.inputs_digest = report::inputs_digest(data, scenario);
  for (const auto& id : sim.layout.companies) info.currencies.push_back(dataset::find_company(data, id).currency);
  model::check_simulation_figures(sim, info.currencies, problem.problem.drivers);  // finite or refused
  info.drivers = problem.problem.drivers;
  info.notes = problem.notes;
  if (!chosen.overrides.empty()) {
    const auto inert = model::inert_override_notes(data, chosen.without_overrides, chosen.overrides, engine,
                                                   model::project(data, scenario, engine));
    info.notes.insert(info.notes.end(), inert.begin(), inert.end());
  }
  info.overrides = scenario.overrides;
  info.terminal = resolve_output(global).format == report::Format::table;
  return {.doc = report::simulation_document(sim, info)};
}

}  // namespace cloudcast::cli
