#include "dataset/guidance.hpp"

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <map>
#include <numeric>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/error.hpp"

namespace dataset_guidance_test {

using namespace cloudcast;
using namespace cloudcast::dataset;

namespace {

// A Microsoft-like company file (USD, fiscal year ends in June) with one observation per
// basis the guidance checks look at, and the guidance items given.
std::string company_file(const std::string& guidance) {
  auto obs = [](const char* period, const char* fiscal, const char* metric, const char* unit, const char* basis) {
    return fmt::format(R"({{"period": "{}", "fiscal_period": "{}", "metric": "{}", "value": 10, "unit": "{}", )"
                       R"("basis": "reported", "segment_basis": "{}", "confidence": "sourced", "source": "t"}})",
                       period, fiscal, metric, unit, basis);
  };
  return fmt::format(R"({{"schema_version": 1, "id": "microsoft", "name": "Microsoft", "segment": "IC", )"
                     R"("currency": "USD", "fiscal_year_end_month": 6, "observations": [{}, {}, {}, {}], )"
                     R"("guidance": [{}]}})",
                     obs("2025Q4", "FY2026Q2", "revenue", "USD m", "ic-fy2025"),
                     obs("2024Q1", "FY2024Q3", "revenue", "USD m", "ic-original"),
                     obs("2025Q4", "FY2026Q2", "capex", "USD m", "company-wide"),
                     obs("2025Q4", "FY2026Q2", "azure_growth_yoy_cc", "%", "azure-fy2025"), guidance);
}

// A valid next-quarter revenue guide; `change` replaces fields (raw JSON) or, with an
// empty value, removes them.
std::string item(const std::map<std::string, std::string>& change = {}) {
  std::map<std::string, std::string> fields{{"id", R"("revenue_fy2026q3")"},
                                            {"metric", R"("revenue")"},
                                            {"first", R"("2026Q1")"},
                                            {"last", R"("2026Q1")"},
                                            {"period_label", R"("FY2026Q3")"},
                                            {"low", "34100"},
                                            {"high", "34400"},
                                            {"unit", R"("USD m")"},
                                            {"scope", R"("ic-fy2025")"},
                                            {"given", R"("2026-01-28")"},
                                            {"as_of", R"("2025Q4")"},
                                            {"confidence", R"("sourced")"},
                                            {"source", R"("https://example.org/outlook")"},
                                            {"note", R"("a range")"}};
  for (const auto& [key, value] : change) {
    if (value.empty())
      fields.erase(key);
    else
      fields[key] = value;
  }
  std::string text;
  for (const auto& [key, value] : fields) text += fmt::format("{}\"{}\": {}", text.empty() ? "" : ", ", key, value);
  return "{" + text + "}";
}

Company parse(const std::string& guidance) { return parse_company(company_file(guidance), "m.json"); }

}  // namespace

TEST_CASE("read_guidance: a next-quarter revenue guide is read with its information set", "[guidance]") {
  const Company company = parse(item());
  REQUIRE(company.guidance.size() == 1);
  const Guidance& g = company.guidance[0];
  CHECK(g.id == "revenue_fy2026q3");
  CHECK(g.metric == "revenue");
  CHECK(g.first == Quarter{2026, 1});  // FY2026Q3 of a June year = the March 2026 quarter
  CHECK(g.last == Quarter{2026, 1});
  CHECK(g.low == 34100);
  CHECK(g.high == 34400);
  CHECK(g.scope == "ic-fy2025");
  CHECK(g.as_of == Quarter{2025, 4});
  CHECK(g.given == "2026-01-28");
  CHECK(g.confidence == Confidence::sourced);
  CHECK(g.note == "a range");
  CHECK(g.origin == "m.json:/guidance/0");
  // No guidance key: no items (the files of a --data folder may predate guidance).
  CHECK(parse_company(R"({"schema_version": 1, "id": "x", "name": "X", "segment": "s", "currency": "USD", )"
                      R"("fiscal_year_end_month": 12, "observations": []})",
                      "x.json")
            .guidance.empty());
}

TEST_CASE("read_guidance: period labels name the quarters under the company's fiscal year", "[guidance]") {
  // June year end: FY2026 = 2025Q3..2026Q2.
  const Company fy = parse(item({{"metric", R"("capex")"},
                                 {"scope", R"("company-wide")"},
                                 {"first", R"("2025Q3")"},
                                 {"last", R"("2026Q2")"},
                                 {"period_label", R"("FY2026")"},
                                 {"as_of", R"("2025Q2")"},
                                 {"given", R"("2025-07-30")"}}));
  CHECK(fy.guidance[0].first == Quarter{2025, 3});
  // A calendar year, and whole fiscal years from FY2026 through FY2028 (2025Q3..2028Q2).
  CHECK_NOTHROW(parse(item({{"metric", R"("capex")"},
                            {"scope", R"("company-wide")"},
                            {"first", R"("2026Q1")"},
                            {"last", R"("2026Q4")"},
                            {"period_label", R"("CY2026")"}})));
  CHECK_NOTHROW(parse(item({{"metric", R"("capex")"},
                            {"scope", R"("company-wide")"},
                            {"first", R"("2025Q3")"},
                            {"last", R"("2028Q2")"},
                            {"period_label", R"("FY2026-FY2028")"},
                            {"as_of", R"("2025Q2")"},
                            {"given", R"("2025-07-30")"}})));
  // A guide raised inside its year (as_of after first) is accepted while a quarter is left.
  CHECK_NOTHROW(parse(item({{"metric", R"("capex")"},
                            {"scope", R"("company-wide")"},
                            {"first", R"("2025Q3")"},
                            {"last", R"("2026Q2")"},
                            {"period_label", R"("FY2026")"},
                            {"as_of", R"("2026Q1")"},
                            {"given", R"("2026-04-29")"}})));
  // A growth guide on the Azure definition its observations use.
  CHECK(parse(item({{"metric", R"("azure_growth_yoy_cc")"},
                    {"unit", R"("%")"},
                    {"scope", R"("azure-fy2025")"},
                    {"low", "37"},
                    {"high", "38"}}))
            .guidance[0]
            .high == 38);
}

TEST_CASE("read_guidance: every error names the file, the JSON pointer and the expectation", "[guidance]") {
  using M = std::map<std::string, std::string>;
  const std::vector<std::pair<M, std::string>> cases{
      {{{"high", ""}}, "m.json:/guidance/0: missing field \"high\""},
      {{{"low", "34500"}}, "m.json:/guidance/0/low: low 34500 is above high 34400; expected low <= high"},
      {{{"last", R"("2025Q4")"}},
       "m.json:/guidance/0/last: last 2025Q4 is before first 2026Q1; expected first <= last"},
      {{{"period_label", R"("FY2026Q2")"}},
       "m.json:/guidance/0/period_label: \"FY2026Q2\" is 2025Q4..2025Q4 for a fiscal year ending in month 6, not "
       "2026Q1..2026Q1; expected first and last to be the quarters it names"},
      {{{"period_label", R"("Q3 FY26")"}},
       "m.json:/guidance/0/period_label: expected a period such as \"CY2026\", \"FY2026\", \"FY2026Q3\" or "
       "\"FY2026-FY2028\", got \"Q3 FY26\""},
      {{{"as_of", R"("2026Q1")"}, {"given", R"("2026-04-29")"}},
       "m.json:/guidance/0/as_of: as_of 2026Q1 is not before last 2026Q1: the guidance covers no quarter unreported "
       "when it was given; expected as_of < last"},
      {{{"as_of", R"("2026Q1")"}},
       "m.json:/guidance/0/as_of: as_of 2026Q1 had not ended on 2026-01-28; expected the last quarter reported before "
       "the date given"},
      {{{"given", R"("2026-02-30")"}},
       "m.json:/guidance/0/given: expected a date such as \"2026-02-04\", got "
       "\"2026-02-30\""},
      {{{"unit", R"("RMB m")"}},
       "m.json:/guidance/0/unit: unit \"RMB m\" does not fit revenue guidance of a USD company; expected \"USD m\""},
      {{{"scope", R"("cig-2023")"}},
       "m.json:/guidance/0/scope: scope \"cig-2023\" is not a segment basis of microsoft's revenue observations; "
       "expected one of ic-fy2025, ic-original"},
      {{{"metric", R"("revnue")"}},
       "m.json:/guidance/0/metric: unknown guidance metric 'revnue'; expected one of capex, capex_net, "
       "capex_incl_finance_leases, revenue, revenue_growth_yoy, azure_growth_yoy_cc (did you mean 'revenue'?)"},
      {{{"metric", R"("capex_net")"}},
       "m.json:/guidance/0/metric: microsoft has no capex_net observations; expected guidance only for a metric the "
       "company reports"},
      {{{"lowest", "1"}}, "m.json:/guidance/0/lowest: unknown key 'lowest'"},
      {{{"confidence", R"("guessed")"}}, "m.json:/guidance/0/confidence: unknown confidence 'guessed'"},
      {{{"metric", R"("capex")"}, {"scope", R"("company-wide")"}, {"low", "-1"}, {"high", "5"}},
       "m.json:/guidance/0/low: negative capex -1 USD m; expected a value >= 0"},
      // Wrong types in the data loader's own words (FieldReader; issue 11: one reader).
      {{{"low", "true"}}, "m.json:/guidance/0/low: expected a finite number, got true"},
      {{{"high", R"("34400")"}}, "m.json:/guidance/0/high: expected a finite number, got \"34400\""},
      {{{"metric", "[]"}}, "m.json:/guidance/0/metric: expected a string, got []"},
      {{{"first", R"("2026-Q1")"}},
       "m.json:/guidance/0/first: expected a calendar quarter such as \"2025Q2\", got \"2026-Q1\""},
      {{{"note", "1"}}, "m.json:/guidance/0/note: expected a string, got 1"},
  };
  for (const auto& [change, message] : cases) {
    INFO(message);
    CHECK_THROWS_WITH(parse(item(change)), Catch::StartsWith(message));
    CHECK_THROWS_AS(parse(item(change)), DataError);
  }
  CHECK_THROWS_WITH(parse("5"), "m.json:/guidance/0: expected a guidance item (a JSON object), got 5");
  CHECK_THROWS_WITH(parse(item() + ", " + item()),
                    "m.json:/guidance/1/id: duplicate guidance id \"revenue_fy2026q3\", first at /guidance/0; "
                    "expected one id per item");
}

TEST_CASE("guidance_known_at: only what was given by the origin, a raise replacing the earlier figure", "[guidance]") {
  auto capex = [](const char* id, const char* low, const char* given, const char* as_of) {
    return item({{"id", fmt::format("\"{}\"", id)},
                 {"metric", R"("capex")"},
                 {"scope", R"("company-wide")"},
                 {"first", R"("2025Q3")"},
                 {"last", R"("2026Q2")"},
                 {"period_label", R"("FY2026")"},
                 {"low", low},
                 {"high", low},
                 {"given", fmt::format("\"{}\"", given)},
                 {"as_of", fmt::format("\"{}\"", as_of)}});
  };
  const Company company = parse(capex("jul", "80000", "2025-07-30", "2025Q2") + ", " +
                                capex("oct", "95000", "2025-10-29", "2025Q3") + ", " + item());
  auto ids = [&company](Quarter origin) {
    std::vector<std::string> out;
    for (const Guidance* g : guidance_known_at(company, origin)) out.push_back(g->id);
    return out;
  };
  CHECK(ids(Quarter{2025, 1}).empty());
  CHECK(ids(Quarter{2025, 2}) == std::vector<std::string>{"jul"});
  CHECK(ids(Quarter{2025, 3}) == std::vector<std::string>{"oct"});  // the October raise replaces July's figure
  CHECK(ids(Quarter{2025, 4}) == std::vector<std::string>{"oct", "revenue_fy2026q3"});
}

TEST_CASE("built-in guidance: the sourced figures and Alphabet's capex history", "[guidance]") {
  const Dataset data = load_builtin_dataset();
  auto find = [&data](const char* company, const char* id) -> const Guidance& {
    for (const Guidance& g : find_company(data, company).guidance)
      if (g.id == id) return g;
    FAIL("no guidance " << company << " " << id);
    throw std::logic_error("unreachable");
  };
  const Guidance& alphabet = find("google", "capex_cy2026_feb2026");  // USD 175-185 bn, 4 Feb 2026
  CHECK(alphabet.low == 175000);
  CHECK(alphabet.high == 185000);
  CHECK(alphabet.first == Quarter{2026, 1});
  CHECK(alphabet.as_of == Quarter{2025, 4});
  CHECK(find("amazon", "capex_net_cy2026_feb2026").low == 200000);  // "about USD 200 bn"
  const Guidance& alibaba = find("alibaba", "capex_fy2026_fy2028_feb2025");
  CHECK(alibaba.unit == "RMB m");
  CHECK(alibaba.low == 380000);
  CHECK(alibaba.last == Quarter{2028, 1});  // FY2028 of a March year ends in March 2028
  const Guidance& azure = find("microsoft", "azure_cc_fy2026q3_jan2026");
  CHECK(azure.first == Quarter{2026, 1});
  CHECK(azure.low == 37);
  CHECK(azure.high == 38);
  for (const Company& company : data.companies)
    for (const Guidance& g : company.guidance) {
      INFO(g.origin);
      CHECK(g.source.find("http") != std::string::npos);
    }
  // Alphabet capex: 17 quarters (2022Q1..2026Q1) whose yearly sums are the totals Alphabet
  // quoted (USD m).
  std::map<int, double> by_year;
  int quarters = 0;
  for (const Observation& obs : find_company(data, "google").observations)
    if (obs.metric == "capex") {
      by_year[obs.period.year] += obs.value;
      ++quarters;
    }
  CHECK(quarters == 17);
  CHECK(by_year[2023] == Approx(32251));  // "$32.25 billion in 2023"
  CHECK(by_year[2024] == Approx(52535));  // "2024, when it spent $52.5 billion"
  CHECK(by_year[2025] == Approx(91447));  // "$91.447B in 2025 property & equipment purchases"
  CHECK(by_year[2026] == Approx(35674));  // 2026Q1 alone: "Q1 spending at $35.7 billion"
}

}  // namespace dataset_guidance_test
