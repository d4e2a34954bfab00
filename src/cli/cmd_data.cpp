// cloudcast data: list the companies, show one company's observations, validate data
// files, import figures into the user's overlay, export every figure. Reads the built-in
// data, or --data DIR, with the overlay on top; `validate FILES` reads the files.
#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <iterator>

#include "cli/commands.hpp"
#include "cli/period_option.hpp"
#include "cloudcast/dataset/figures.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "cloudcast/report/dataset_report.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kUsage =
    "list | show COMPANY [--metric NAME | --period cy|fy] | validate [FILES...] | import FILE.csv [--replace] |\n"
    "export\n\n"
    "  list                companies, quarters covered, the revenue series the engine projects from, FX rates\n"
    "  show COMPANY        every observation per metric: period, fiscal label, segment basis, value,\n"
    "                      YoY (same segment basis only), basis, confidence, source; 'overlay' marks\n"
    "                      your imported figures; --period cy|fy: revenue, operating income, margin and\n"
    "                      capex by calendar or fiscal year\n"
    "  validate [FILES]    check the built-in data, --data DIR, or the given company/FX files;\n"
    "                      exit 3 with every message when there are errors (warnings do not fail)\n"
    "  import FILE.csv     check a long CSV of figures (company,period,metric,value,unit,basis,\n"
    "                      segment_basis,confidence,source,note; - for stdin) and keep it in your\n"
    "                      overlay, which every command lays over the data: $CLOUDCAST_DATA_HOME/overlay.csv,\n"
    "                      else $XDG_DATA_HOME/cloudcast/overlay.csv, else ~/.local/share/cloudcast/overlay.csv;\n"
    "                      nothing is written when a row is bad (exit 3)\n"
    "  export              every figure (the data and your overlay) as that CSV, to stdout or -o FILE";

// Errors fail `data validate` with exit 3: every issue goes to stderr in one message
// (warnings too, so the whole picture is in one place).
[[noreturn]] void fail_validation(const std::vector<dataset::Issue>& issues, const std::string& checked) {
  std::size_t errors = 0;
  std::string lines;
  for (const dataset::Issue& issue : issues) {
    const bool error = issue.severity == dataset::Severity::error;
    errors += error ? 1 : 0;
    lines += fmt::format("\n  {}: {}", error ? "error" : "warning", issue.message);
  }
  throw DataError(fmt::format("data validate: {} error{} and {} warning{} in {}:{}", errors, errors == 1 ? "" : "s",
                              issues.size() - errors, issues.size() - errors == 1 ? "" : "s", checked, lines));
}

// data import: the rows laid over the overlay (or replacing it), checked with the data
// they lie on, then written whole; any error leaves the old overlay as it was.
CommandResult import_figures(const GlobalOptions& global, const std::string& input, bool replace) {
  if (global.no_overlay)
    throw UsageError("data import: --no-overlay leaves out the overlay it writes; expected one of them");
  if (!global.user_data)
    throw UsageError("data import: no user data folder; expected CLOUDCAST_DATA_HOME, XDG_DATA_HOME or HOME to be set");
  const fs::path file = *global.overlay();
  const dataset::Dataset base = dataset::load_dataset(global.data_dir);
  std::error_code ec;
  std::vector<dataset::Figure> old;
  if (!replace && fs::exists(file, ec)) old = dataset::parse_figures(util::read_file(file), file.string(), base);
  const bool from_stdin = input == "-";
  // The CLI owns stdin; the dataset layer only sees text and the name to put in messages.
  const std::string text = from_stdin
                               ? std::string{std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()}
                               : util::read_file(input);
  const std::string display = from_stdin ? "stdin" : input;
  const dataset::OverlayUpdate update = dataset::update_overlay(base, old, dataset::parse_figures(text, display, base));
  dataset::Dataset result = base;
  dataset::apply_figures(result, update.overlay);
  dataset::check_dataset(result);
  fs::create_directories(*global.user_data, ec);
  if (ec)
    throw IoError(fmt::format("{}: cannot create the user data folder: {}", global.user_data->string(), ec.message()));
  util::update_file(file, dataset::figures_csv(update.overlay));
  // Read back as every later command will, so the report's digest is theirs.
  return {.doc = report::import_document(update, display, dataset::load_dataset(global.data_dir, file))};
}

}  // namespace

CommandResult run_data(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("data");
  po::options_description desc("Options");
  desc.add_options()
      ("metric", po::value<std::string>(), "show: only this metric (revenue, operating_income, capex, ...)")
      ("replace", "import: the file becomes the whole overlay (default: its rows are laid over the overlay's)");
  std::string period_text = "quarter";
  add_period_option(desc, period_text);
  // The action and its operands are positional; they stay out of the help's option list.
  po::options_description all = desc;
  all.add_options()
      ("action", po::value<std::string>(), "list, show, validate, import or export")
      ("operands", po::value<std::vector<std::string>>()->multitoken(),
       "COMPANY for show; FILES for validate; FILE.csv for import");
  po::positional_options_description positional;
  positional.add("action", 1).add("operands", -1);
  po::variables_map values;
  std::string help;
  if (!parse_arguments(command, args, all, positional, values, help) || !values.count("action"))
    return {.raw_text = help_text(command, kUsage, desc)};

  const std::string action = values["action"].as<std::string>();
  const std::vector<std::string> operands =
      values.count("operands") ? values["operands"].as<std::vector<std::string>>() : std::vector<std::string>{};
  auto expect_operands = [&](std::size_t min, std::size_t max, std::string_view what) {
    if (operands.size() < min || operands.size() > max)
      throw UsageError(fmt::format("data {}: expected {}, got {} argument{}; see 'cloudcast data --help'", action,
                                   what, operands.size(), operands.size() == 1 ? "" : "s"));
  };
  if (values.count("metric") && action != "show")
    throw UsageError(fmt::format("data {}: --metric applies to 'data show' only", action));
  const model::Period period = parse_period_option(period_text);
  if (period != model::Period::quarter && action != "show")
    throw UsageError(fmt::format("data {}: --period applies to 'data show' only", action));
  if (values.count("replace") && action != "import")
    throw UsageError(fmt::format("data {}: --replace applies to 'data import' only", action));

  if (action == "list") {
    expect_operands(0, 0, "no arguments");
    return {.doc = report::dataset_list_document(dataset::load_dataset(global.data_dir, global.overlay()))};
  }
  if (action == "show") {
    expect_operands(1, 1, "one COMPANY");
    const dataset::Dataset data = dataset::load_dataset(global.data_dir, global.overlay());
    const dataset::Company& company = dataset::find_company(data, operands[0]);
    const std::string metric = values.count("metric") ? values["metric"].as<std::string>() : "";
    if (period == model::Period::quarter) return {.doc = report::company_document(data, company, metric)};
    if (!metric.empty())
      throw UsageError("data show: --metric shows one metric's quarters; with --period the year table has revenue, "
                       "operating income, margin and capex");
    return {.doc = report::company_years_document(data, company, period)};
  }
  if (action == "validate") {
    std::vector<dataset::Issue> issues;
    std::string checked;
    std::string digest;
    if (operands.empty()) {
      // Parse errors throw from here (one per run: the file cannot be read further);
      // the checks after parsing are all listed.
      const dataset::Dataset data = dataset::load_dataset_unchecked(global.data_dir, global.overlay());
      issues = dataset::validate(data);
      checked = data.origin == "built-in" ? "the built-in data" : data.origin;
      digest = data.digest;
    } else {
      if (global.data_dir) throw UsageError("data validate: give FILES or --data DIR, not both");
      std::vector<std::filesystem::path> files(operands.begin(), operands.end());
      issues = dataset::validate_files(files);
      checked = operands.size() == 1 ? operands[0] : fmt::format("{} files", operands.size());
    }
    if (dataset::has_errors(issues)) fail_validation(issues, checked);
    return {.doc = report::validation_document(issues, checked, digest)};
  }
  if (action == "import") {
    expect_operands(1, 1, "one FILE.csv (- for stdin)");
    return import_figures(global, operands[0], values.count("replace") > 0);
  }
  if (action == "export") {
    expect_operands(0, 0, "no arguments (-o FILE writes a file)");
    const auto format = global.format ? global.format : format_from_extension(global.output.value_or(""));
    if (format && *format != report::Format::csv && *format != report::Format::table)
      throw UsageError(fmt::format("data export: writes the long CSV only, not {}; expected --format csv or a .csv file",
                                   format_name(*format)));
    // Computed before the CommandResult: GCC 12 built `return {.raw_text = f()}` so that
    // an exception from f() destroyed the never-constructed `doc` (std::terminate, exit
    // 134, on every refused data set; tests/cli/run_damaged_data_test.cpp now runs export).
    std::string csv = dataset::figures_csv(dataset::load_dataset(global.data_dir, global.overlay()));
    return {.raw_text = std::move(csv), .raw_is_output = true};
  }
  throw UsageError(
      fmt::format("data: {}; see 'cloudcast data --help'",
                  util::unknown_name_message("action", action, {"list", "show", "validate", "import", "export"})));
}

}  // namespace cloudcast::cli
