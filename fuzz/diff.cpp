// `cloudcast diff` on two JSON texts: the input is baseline, a NUL byte, current (no
// NUL: the input against itself). Both are read, compared, and the report rendered in
// every format. A document compared with itself has no moved figure.
#include <sstream>
#include <string_view>

#include "cloudcast/check/diff.hpp"
#include "cloudcast/report/diff_report.hpp"
#include "cloudcast/report/render.hpp"
#include "cloudcast/util/json_read.hpp"
#include "fuzz_target.hpp"

using namespace cloudcast;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  const std::size_t nul = text.find('\0');
  const std::string_view baseline_text = text.substr(0, nul);
  const std::string_view current_text = nul == std::string_view::npos ? text : text.substr(nul + 1);
  return fuzz::expect_errors([&] {
    constexpr std::string_view expected = "a cloudcast JSON output (--format json)";
    const auto baseline = util::parse_json_text<nlohmann::ordered_json>(baseline_text, "baseline.json", expected);
    const auto current = util::parse_json_text<nlohmann::ordered_json>(current_text, "current.json", expected);
    const check::DiffOptions options;
    if (check::compare_json(baseline, baseline, options).moved() != 0)
      fuzz::defect("a document compared with itself moved", baseline_text);
    const check::Comparison comparison = check::compare_json(baseline, current, options);
    const report::Document doc =
        report::diff_report(comparison, {.baseline = "baseline.json", .current = "current.json"});
    for (const report::Format format :
         {report::Format::table, report::Format::csv, report::Format::json, report::Format::markdown}) {
      std::ostringstream out;
      report::render(doc, format, out);
    }
  });
}
