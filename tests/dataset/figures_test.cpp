#include "cloudcast/dataset/figures.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <fstream>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"
#include "support/temp_dir.hpp"

namespace dataset_figures_test {

using namespace cloudcast;
using namespace cloudcast::dataset;
using Catch::Message;

namespace {

const std::string kHeader = "company,period,metric,value,unit,basis,segment_basis,confidence,source,note\n";
// Alibaba CIG revenue 2025Q2 as shipped (33,398 RMB m), with a new value.
const std::string kRow = "alibaba,2025Q2,revenue,{},RMB m,reported,cig-2023,sourced,S131,\n";

std::string row(const std::string& value) { return fmt::format(fmt::runtime(kRow), value); }

const Dataset& builtin() {
  static const Dataset data = load_builtin_dataset();
  return data;
}

std::vector<Figure> parse(const std::string& text) { return parse_figures(text, "new.csv", builtin()); }

const Observation& find(const Dataset& data, std::string_view company, std::string_view metric, Quarter q,
                        std::string_view basis) {
  for (const Company& c : data.companies)
    for (const Observation& obs : c.observations)
      if (c.id == company && obs.metric == metric && obs.period == q && obs.segment_basis == basis) return obs;
  FAIL("no observation " << company << " " << metric << " " << q.to_string() << " " << basis);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("parse_figures: a row becomes the company file's observation", "[figures]") {
  const auto figures = parse(kHeader +
                             "aliyun,2025Q2,revenue,33400.5,RMB m,restated,cig-2023,recalled,\"S1, p. 3\","
                             "\"said \"\"about\"\"\"\n");
  REQUIRE(figures.size() == 1);
  const Figure& f = figures[0];
  CHECK(f.company == "alibaba");  // an alias reads as the id
  CHECK(f.observation.period == Quarter{2025, 2});
  CHECK(f.observation.fiscal_period == "FY2026Q1");  // from the quarter and Alibaba's March year end
  CHECK(f.observation.value == 33400.5);
  CHECK(f.observation.basis == Basis::restated);
  CHECK(f.observation.confidence == Confidence::recalled);
  CHECK(f.observation.source == "S1, p. 3");
  CHECK(f.observation.note == "said \"about\"");
  CHECK(f.observation.origin == "new.csv:2");
}

TEST_CASE("parse_figures: each bad field is named by file, line, column and column name", "[figures]") {
  CHECK_THROWS_MATCHES(parse(kHeader + row("abc")), DataError,
                       Message("new.csv:2:24: value: expected a finite number, got \"abc\""));
  CHECK_THROWS_MATCHES(parse(kHeader + row("inf")), DataError,
                       Message("new.csv:2:24: value: expected a finite number, got \"inf\""));
  CHECK_THROWS_MATCHES(parse(kHeader + "alibba,2025Q2,revenue,1,RMB m,reported,cig-2023,sourced,S,\n"), DataError,
                       Message("new.csv:2:1: company: unknown company 'alibba'; expected one of alibaba, amazon, "
                               "google, microsoft (did you mean 'alibaba'?)"));
  CHECK_THROWS_MATCHES(
      parse(kHeader + "alibaba,2025Q2,revenu,1,RMB m,reported,cig-2023,sourced,S,\n"), DataError,
      Message("new.csv:2:16: metric: unknown metric 'revenu'; expected one of revenue, operating_income, capex, "
              "capex_incl_finance_leases, capex_net, revenue_growth_yoy, operating_income_growth_yoy, "
              "azure_growth_yoy, azure_growth_yoy_cc, azure_ai_contribution, ai_revenue_run_rate, "
              "ai_revenue_run_rate_growth_yoy, ai_revenue_growth_yoy_min (did you mean 'revenue'?)"));
  CHECK_THROWS_MATCHES(parse(kHeader + "alibaba,2025Q2,revenue,33398,USD m,reported,cig-2023,sourced,S,\n"), DataError,
                       Message("new.csv:2:30: unit: unit \"USD m\" does not fit revenue of a CNY company; expected "
                               "\"RMB m\""));
  CHECK_THROWS_MATCHES(parse(kHeader + row("-5")), DataError,
                       Message("new.csv:2:24: value: negative revenue -5 RMB m; expected a value >= 0"));
  CHECK_THROWS_MATCHES(parse(kHeader + "alibaba,2025Q5,revenue,1,RMB m,reported,cig-2023,sourced,S,\n"), DataError,
                       Message("new.csv:2:9: period: expected a calendar quarter such as 2025Q2, got \"2025Q5\""));
  CHECK_THROWS_MATCHES(parse(kHeader + "alibaba,2025Q2,revenue,1,RMB m,reportd,cig-2023,sourced,S,\n"), DataError,
                       Message("new.csv:2:32: basis: unknown basis 'reportd'; expected one of reported, restated, "
                               "derived, estimate (did you mean 'reported'?)"));
  CHECK_THROWS_MATCHES(parse(kHeader + "alibaba,2025Q2,revenue,1,RMB m,reported,cig-2023,sourced,,\n"), DataError,
                       Message("new.csv:2:58: source: expected a non-empty text, got \"\""));
}

TEST_CASE("parse_figures: row shape, header and duplicates", "[figures]") {
  CHECK_THROWS_MATCHES(parse(kHeader + "alibaba,2025Q2,revenue,1,RMB m,reported,cig-2023,sourced,S\n"), DataError,
                       Message("new.csv:2:1: 9 fields; expected 10 (company, period, metric, value, unit, basis, "
                               "segment_basis, confidence, source, note)"));
  CHECK_THROWS_MATCHES(parse(kHeader + row("1") + "\n" + row("2")), DataError,
                       Message("new.csv:4:1: duplicate alibaba revenue (cig-2023) for 2025Q2, first on line 2; "
                               "expected one row per company, metric, segment basis and quarter"));
  CHECK_THROWS_MATCHES(parse("company,quarter,metric\n"), DataError,
                       Message("new.csv:1:1: header \"company,quarter,metric\"; expected company,period,metric,value,"
                               "unit,basis,segment_basis,confidence,source,note"));
  CHECK_THROWS_MATCHES(parse(""), DataError,
                       Message("new.csv:1:1: empty file; expected the header company,period,metric,value,unit,basis,"
                               "segment_basis,confidence,source,note and one row per figure"));
  CHECK(parse(kHeader).empty());  // a header alone is an empty overlay
}

TEST_CASE("figures_csv: the whole data reads back to the same bytes", "[figures]") {
  const std::string text = figures_csv(builtin());
  CHECK(text.starts_with(kHeader));
  // Alibaba's first revenue row as shipped; whole numbers print without a fraction.
  CHECK(text.find("\nalibaba,2025Q2,revenue,33398,RMB m,reported,cig-2023,sourced,") != std::string::npos);
  const auto figures = parse_figures(text, "export.csv", builtin());
  std::size_t observations = 0;
  for (const Company& c : builtin().companies) observations += c.observations.size();
  CHECK(figures.size() == observations);
  CHECK(figures_csv(figures) == text);
  Dataset again = builtin();
  apply_figures(again, figures);
  CHECK(figures_csv(again) == text);
}

TEST_CASE("figures_csv: shortest round-trip numbers", "[figures]") {
  Figure f{"alibaba", find(builtin(), "alibaba", "revenue", Quarter{2025, 2}, "cig-2023")};
  f.observation.value = 20913.199999999997;  // the float noise issue 10 quotes: printed whole, read back equal
  f.observation.source = "S131, p. 2";
  f.observation.note = "";
  const std::string text = figures_csv(std::vector<Figure>{f});
  CHECK(text ==
        kHeader + "alibaba,2025Q2,revenue,20913.199999999997,RMB m,reported,cig-2023,sourced,\"S131, p. 2\",\n");
  CHECK(parse(text).at(0).observation.value == 20913.199999999997);
  f.observation.value = 0.1 + 0.2;
  CHECK(figures_csv(std::vector<Figure>{f}).find(",0.30000000000000004,") != std::string::npos);
}

TEST_CASE("update_overlay: rows laid over the overlay, only changes kept", "[figures]") {
  // The shipped Alibaba CIG revenue 2025Q1 row (30,127 RMB m), copied exactly.
  const Observation& q1 = find(builtin(), "alibaba", "revenue", Quarter{2025, 1}, "cig-2023");
  const std::string q1_row = figures_csv(std::vector<Figure>{{"alibaba", q1}}).substr(kHeader.size());
  const auto old_overlay = parse(kHeader + row("34000"));
  const auto rows = parse(kHeader + row("35000") + q1_row +
                          "alibaba,2030Q1,ai_revenue_run_rate,5,RMB m,estimate,cig-2023,recalled,mine,a guess\n");
  const OverlayUpdate update = update_overlay(builtin(), old_overlay, rows);
  CHECK(update.rows == 3);
  CHECK(update.replaced == 1);   // 2025Q2: 34,000 in the overlay becomes 35,000
  CHECK(update.added == 1);      // 2030Q1 run rate: no such figure before
  CHECK(update.unchanged == 1);  // 2025Q1: equal to the shipped row in every column
  // Only the two changes are kept, sorted like the data: metric, quarter, segment basis.
  REQUIRE(update.overlay.size() == 2);
  CHECK(update.overlay[0].observation.metric == "ai_revenue_run_rate");
  CHECK(update.overlay[1].observation.period == Quarter{2025, 2});
  CHECK(update.overlay[1].observation.value == 35000);

  // The same row again: equal to the figure in effect, so unchanged; a row equal to the
  // shipped figure takes the overlay's replaced figure out again.
  const OverlayUpdate again = update_overlay(builtin(), update.overlay, parse(kHeader + row("35000")));
  CHECK(again.unchanged == 1);
  CHECK(again.overlay.size() == 2);
  const Observation& q2 = find(builtin(), "alibaba", "revenue", Quarter{2025, 2}, "cig-2023");
  const std::string q2_row = figures_csv(std::vector<Figure>{{"alibaba", q2}}).substr(kHeader.size());
  const OverlayUpdate back = update_overlay(builtin(), update.overlay, parse(kHeader + q2_row));
  CHECK(back.replaced == 1);
  REQUIRE(back.overlay.size() == 1);
  CHECK(back.overlay[0].observation.metric == "ai_revenue_run_rate");
}

TEST_CASE("apply_figures: replaces the same key, adds a new one, marks both", "[figures]") {
  Dataset data = builtin();
  const std::size_t before = find_company(data, "alibaba").observations.size();
  apply_figures(data, parse(kHeader + row("35000") +
                            "alibaba,2030Q1,ai_revenue_run_rate,5,RMB m,estimate,cig-2023,recalled,mine,a guess\n"));
  const Company& alibaba = find_company(data, "alibaba");
  CHECK(alibaba.observations.size() == before + 1);
  const Observation& q2 = find(data, "alibaba", "revenue", Quarter{2025, 2}, "cig-2023");
  CHECK(q2.value == 35000);
  CHECK(q2.from_overlay);
  CHECK(q2.origin == "new.csv:2");
  CHECK(find(data, "alibaba", "ai_revenue_run_rate", Quarter{2030, 1}, "cig-2023").from_overlay);
  CHECK_FALSE(find(data, "alibaba", "revenue", Quarter{2025, 1}, "cig-2023").from_overlay);
  // Still in the loader's order, so an export stays canonical.
  CHECK(std::is_sorted(
      alibaba.observations.begin(), alibaba.observations.end(), [](const Observation& a, const Observation& b) {
        return std::tie(a.metric, a.period, a.segment_basis) < std::tie(b.metric, b.period, b.segment_basis);
      }));
}

TEST_CASE("load_dataset with an overlay file: applied, checked, in the digest", "[figures]") {
  testing::TempDir dir;
  const auto file = dir.path() / "overlay.csv";
  // No file: no overlay, the built-in data as they are.
  const Dataset none = load_dataset(std::nullopt, file);
  CHECK(none.digest == builtin().digest);
  CHECK(none.overlay.empty());

  std::ofstream(file, std::ios::binary) << kHeader;  // a header alone changes nothing
  CHECK(load_dataset(std::nullopt, file).digest == builtin().digest);

  std::ofstream(file, std::ios::binary) << kHeader + row("35000");
  const Dataset data = load_dataset(std::nullopt, file);
  CHECK(data.overlay == file.string());
  CHECK(data.origin == "built-in + overlay " + file.string());
  CHECK(data.digest != builtin().digest);
  CHECK(find(data, "alibaba", "revenue", Quarter{2025, 2}, "cig-2023").value == 35000);

  // A figure the checks refuse fails the load like a --data file, naming the overlay's
  // line: 33,398 typed in thousands against its window 2024Q4..2025Q4, whose median is
  // 2025Q3's 39,824 (30,127, 31,742, 39,824, 43,284 and itself): 3,339,800 / 39,824 = 83.86.
  std::ofstream(file, std::ios::binary) << kHeader + row("3339800");
  CHECK_THROWS_MATCHES(
      load_dataset(std::nullopt, file), DataError,
      Message(file.string() + ":2/value: revenue 2025Q2 = 3.34e+06 RMB m is 83.86 times the median 39824 of "
                              "2024Q4..2025Q4 (cig-2023); expected within 10 times its neighbours (a unit slip, "
                              "billions for millions?)"));
}

}  // namespace dataset_figures_test
