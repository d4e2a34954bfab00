// cloudcast track: a forecast or simulate JSON made earlier against the quarters reported
// since, and the shipped scenarios ranked by how well they explain them. With
// --fail-outside P it is a CI gate: exit 1 when a reported figure lands outside the
// central P % band of the file's projection.
#include <fmt/format.h>

#include <thread>

#include "cli/commands.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/result_figures.hpp"
#include "cloudcast/model/scenario.hpp"
#include "cloudcast/model/track.hpp"
#include "cloudcast/report/track_report.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_track(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("track");
  std::string file, band_text, paths_text = "4000", seed_text = "42";
  std::vector<std::string> scenarios;
  po::options_description desc("Options");
  desc.add_options()("file", po::value(&file)->required(), "forecast or simulate JSON made earlier (--format json)")(
      "fail-outside", po::value(&band_text),
      "exit 1 when a reported figure lands outside the central P % band of the file's projection, 0 < P < 100")(
      "scenario,s", po::value(&scenarios)->composing(), "scenario to rank (repeatable; default every built-in one)")(
      "paths,n", po::value(&paths_text), "Monte Carlo paths per ranked scenario, 100..1e6 (default 4000)")(
      "seed", po::value(&seed_text), "random seed of the ranking's Monte Carlo, 0..2^63-1 (default 42)");
  po::positional_options_description positional;
  positional.add("file", 1);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, positional, values, help))
    return {.raw_text = help_text(command, "FORECAST.json [--fail-outside P] [--scenario S]...", desc)};

  model::TrackOptions options;
  const bool gate = !band_text.empty();
  if (gate) options.band = util::parse_double(band_text, 1e-9, 100 - 1e-9, "--fail-outside");
  options.paths = util::parse_int(paths_text, 100, 1'000'000, "--paths");
  options.seed =
      static_cast<std::uint64_t>(util::parse_int(seed_text, 0, std::numeric_limits<long long>::max(), "--seed"));
  options.threads = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
  options.scenarios = scenarios;

  const std::string text = util::read_file(file);
  const auto root = util::parse_json_text<nlohmann::ordered_json>(
      text, file, "the JSON output of 'cloudcast forecast' or 'cloudcast simulate'");
  const model::TrackedOutput output = model::read_tracked_output(root, file);
  const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
  const model::TrackResult result = model::track(output, data, options);
  model::check_track_figures(result, file);  // finite or refused
  CommandResult out{.doc =
                        report::track_document(result, {.file = file,
                                                        .inputs_digest = model::digest_hex(data.digest + '\n' + text),
                                                        .band = options.band,
                                                        .gate = gate})};
  if (gate && result.outside > 0) out.code = ExitCode::check_failed;
  return out;
}

}  // namespace cloudcast::cli
