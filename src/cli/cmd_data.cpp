// cloudcast data: list the companies, show one company's observations, or validate
// data files. Reads the built-in data, or --data DIR; `validate FILES` reads the files.
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cloudcast/dataset/load.hpp"
#include "cloudcast/dataset/validate.hpp"
#include "cloudcast/report/dataset_report.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast::cli {

namespace po = boost::program_options;

namespace {

constexpr std::string_view kUsage =
    "list | show COMPANY [--metric NAME] | validate [FILES...]\n\n"
    "  list                companies, quarters covered, the revenue series the engine projects from, FX rates\n"
    "  show COMPANY        every observation per metric: period, fiscal label, segment basis, value,\n"
    "                      YoY (same segment basis only), basis, confidence, source\n"
    "  validate [FILES]    check the built-in data, --data DIR, or the given company/FX files;\n"
    "                      exit 3 with every message when there are errors (warnings do not fail)";

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

}  // namespace

CommandResult run_data(const GlobalOptions& global, const std::vector<std::string>& args) {
  const Command& command = find_command("data");
  po::options_description desc("Options");
  desc.add_options()
      ("metric", po::value<std::string>(), "show: only this metric (revenue, operating_income, capex, ...)");
  // The action and its operands are positional; they stay out of the help's option list.
  po::options_description all = desc;
  all.add_options()
      ("action", po::value<std::string>(), "list, show or validate")
      ("operands", po::value<std::vector<std::string>>()->multitoken(), "COMPANY for show; FILES for validate");
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

  if (action == "list") {
    expect_operands(0, 0, "no arguments");
    return {.doc = report::dataset_list_document(dataset::load_dataset(global.data_dir))};
  }
  if (action == "show") {
    expect_operands(1, 1, "one COMPANY");
    const dataset::Dataset data = dataset::load_dataset(global.data_dir);
    const dataset::Company& company = dataset::find_company(data, operands[0]);
    const std::string metric = values.count("metric") ? values["metric"].as<std::string>() : "";
    return {.doc = report::company_document(data, company, metric)};
  }
  if (action == "validate") {
    std::vector<dataset::Issue> issues;
    std::string checked;
    std::string digest;
    if (operands.empty()) {
      // Parse errors throw from here (one per run: the file cannot be read further);
      // the checks after parsing are all listed.
      const dataset::Dataset data = dataset::load_dataset_unchecked(global.data_dir);
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
  throw UsageError(fmt::format("data: {}; see 'cloudcast data --help'",
                               util::unknown_name_message("action", action, {"list", "show", "validate"})));
}

}  // namespace cloudcast::cli
