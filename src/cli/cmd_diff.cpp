// cloudcast diff: the CI gate. Parses the flags, resolves the tolerances (built-in
// default, then --tolerances FILE, then --rtol/--atol), compares, and maps the result to
// an exit code: 0 within tolerance, 1 past it, 3 not comparable.
#include <fmt/format.h>

#include <sstream>

#include "cli/commands.hpp"
#include "cloudcast/check/diff.hpp"
#include "cloudcast/report/diff_report.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

CommandResult run_diff(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("diff");
  po::options_description desc("Options");
  desc.add_options()
      ("baseline", po::value<std::string>()->required(), "baseline JSON file or batch folder")
      ("current", po::value<std::string>()->required(), "current JSON file or batch folder")
      ("rtol", po::value<std::string>(), "relative tolerance for every figure (default 1e-9)")
      ("atol", po::value<std::string>(), "absolute tolerance for every figure (default 1e-9)")
      ("tolerances", po::value<std::string>(), "JSON file: {\"default\": {rtol, atol}, \"metrics\": {name: {rtol, atol}}}")
      ("all", "list every figure, not only those that moved");
  po::positional_options_description positional;
  positional.add("baseline", 1).add("current", 1);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, desc, positional, values, help))
    return {.doc = {}, .raw_text = help_text(command, "BASELINE CURRENT [--rtol R] [--atol A] [--tolerances FILE] [--all]", desc),
            .code = ExitCode::ok};

  check::DiffOptions options;
  if (values.count("tolerances")) options.tolerances = check::load_tolerances(values["tolerances"].as<std::string>());
  if (values.count("rtol"))
    options.tolerances.fallback.rtol = util::parse_double(values["rtol"].as<std::string>(), 0.0, 1e300, "--rtol");
  if (values.count("atol"))
    options.tolerances.fallback.atol = util::parse_double(values["atol"].as<std::string>(), 0.0, 1e300, "--atol");
  options.keep_unchanged = values.count("all") > 0;

  const std::string baseline = values["baseline"].as<std::string>();
  const std::string current = values["current"].as<std::string>();
  const check::Comparison comparison = check::compare_paths(baseline, current, options);
  if (!comparison.comparable()) {
    // Name at most a screenful of differences; the first ones say what kind of mismatch it is.
    constexpr std::size_t kShown = 20;
    std::string reasons;
    for (std::size_t i = 0; i < comparison.problems.size() && i < kShown; ++i) reasons += "\n  " + comparison.problems[i];
    if (comparison.problems.size() > kShown)
      reasons += fmt::format("\n  ... and {} more", comparison.problems.size() - kShown);
    throw DataError(fmt::format("{} vs {}: not comparable; expected the same command, schema_version, companies and "
                                "quarters:{}",
                                baseline, current, reasons));
  }

  CommandResult result;
  result.doc = report::diff_report(comparison, {.baseline = baseline,
                                                .current = current,
                                                .tolerance = options.tolerances.fallback,
                                                .metric_tolerances = options.tolerances.metrics.size()});
  result.code = comparison.past_tolerance() > 0 ? ExitCode::check_failed : ExitCode::ok;
  // Markdown by default (ready to paste into a pull request); --format or an --output
  // extension choose otherwise.
  if (!global.format && !global.output) {
    std::ostringstream markdown;
    report::render(result.doc, report::Format::markdown, markdown);
    result.raw_text = markdown.str();
  }
  return result;
}

}  // namespace cloudcast::cli
