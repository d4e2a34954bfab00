// docs/scenarios.md's driver tables against the code ("docs quote what the code does
// today"). Every row "| `driver` | unit, range | base | why |" under "## Drivers" is
// checked: the drivers are exactly model::drivers() plus the few that are words or
// quarters (kWordDrivers); "unit, range" starts with the table's unit and holds its range
// "[min, max]" ("or null" exactly when null is allowed); "base" follows the convention the
// page states and equals what the built-in scenarios load, for every company and every
// built-in scenario (a scenario the cell does not name must load the base values).

#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cloudcast/dataset/load.hpp"
#include "cloudcast/model/scenario.hpp"
#include "support/source_file.hpp"

namespace docs_scenarios_md_test {

using namespace cloudcast;

namespace {

constexpr const char* kPage = "docs/scenarios.md";

struct Row {
  int line;
  std::string driver, unit, base;
};

// Unicode minus (the page's typography) to ASCII, backticks and quotes dropped.
std::string plain(const std::string& text) {
  const std::string_view minus = testing::kUnicodeMinus;
  std::string s;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, minus.size(), minus) == 0) {
      s += '-';
      i += minus.size() - 1;
    } else if (text[i] != '`' && text[i] != '"') {
      s += text[i];
    }
  }
  const auto b = s.find_first_not_of(' ');
  const auto e = s.find_last_not_of(' ');
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::string::size_type from = 0;
  for (std::string::size_type at; (at = s.find(sep, from)) != std::string::npos; from = at + sep.size())
    out.push_back(s.substr(from, at - from));
  out.push_back(s.substr(from));
  return out;
}

// The rows of every table in the "## Drivers" section.
std::vector<Row> driver_rows(const std::string& page) {
  std::vector<Row> rows;
  std::istringstream in(page);
  bool in_drivers = false;
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.rfind("## ", 0) == 0) in_drivers = line == "## Drivers";
    if (!in_drivers || line.rfind("| `", 0) != 0) continue;
    const auto cells = split(line.substr(2), " | ");
    REQUIRE(cells.size() >= 4);
    const auto name_end = cells[0].find('`', 1);
    rows.push_back({n, cells[0].substr(1, name_end - 1), cells[1], cells[2]});
  }
  return rows;
}

std::string read_page() { return testing::read_source_file(kPage); }

// A driver value: a number (NaN = null) or a word ("baseline", "flat", "2025Q1").
struct Value {
  bool is_word = false;
  std::string word;
  double number = 0;
  std::string text() const {
    if (is_word) return word;
    return std::isnan(number) ? "null" : fmt::format("{}", number);
  }
  bool operator==(const Value& o) const {
    if (is_word || o.is_word) return is_word == o.is_word && word == o.word;
    if (std::isnan(number) || std::isnan(o.number)) return std::isnan(number) && std::isnan(o.number);
    return std::abs(number - o.number) <= 1e-12 * std::max(1.0, std::abs(number));
  }
};

Value word(std::string w) { return {true, std::move(w), 0}; }
Value number(double x) { return {false, "", x}; }

Value parse_value(const std::string& text) {
  const std::string t = plain(text);
  if (t == "null") return number(std::nan(""));
  const std::string digits = t.rfind('+', 0) == 0 ? t.substr(1) : t;
  std::size_t used = 0;
  try {
    const double x = std::stod(digits, &used);
    if (used == digits.size()) return number(x);
  } catch (const std::exception&) {
  }
  return word(t);
}

// The drivers the page documents that are not numbers of the driver table: read from
// the scenario by hand.
const std::map<std::string, Value (*)(const model::Scenario&, const model::CompanyDrivers&)> kWordDrivers{
    {"capex_start",
     [](const model::Scenario&, const model::CompanyDrivers& d) { return word(d.capex_start.to_string()); }},
    {"capex.phasing",
     [](const model::Scenario&, const model::CompanyDrivers& d) {
       return word(d.capex_phasing == model::Phasing::flat           ? "flat"
                   : d.capex_phasing == model::Phasing::front_loaded ? "front_loaded"
                                                                     : "explicit");
     }},
    {"terminal_method",
     [](const model::Scenario&, const model::CompanyDrivers& d) {
       return word(d.terminal_method == model::TerminalMethod::growth ? "growth" : "multiple");
     }},
    {"ai_share_quarter",
     [](const model::Scenario&, const model::CompanyDrivers& d) {
       return d.ai_share_quarter ? word(d.ai_share_quarter->to_string()) : number(std::nan(""));
     }},
    {"fx.cny_per_usd", [](const model::Scenario& s, const model::CompanyDrivers&) { return number(s.fx.cny_per_usd); }},
    {"fx.annual_change",
     [](const model::Scenario& s, const model::CompanyDrivers&) { return number(s.fx.annual_change); }},
};

Value actual(const model::Scenario& s, const model::CompanyDrivers& d, const std::string& driver) {
  if (auto it = kWordDrivers.find(driver); it != kWordDrivers.end()) return it->second(s, d);
  if (driver == "core_growth" && d.core_from_baseline) return word("baseline");
  return number(model::driver(d, driver));
}

std::string display(const std::string& company) {
  std::string s = company;
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// One part of a base cell: "0.9", "0.9 (Microsoft 0.8, Google 0.85)" or "Alibaba 0.2,
// Microsoft 0.2, ...": a value per company it names ("" = every company). Empty on a
// part that does not follow the convention, with `error` saying why.
std::map<std::string, Value> parse_part(const std::string& text, const std::vector<std::string>& companies,
                                        std::string& error) {
  std::map<std::string, Value> out;
  auto company_list = [&](const std::string& list) {
    for (const std::string& item : split(list, ", ")) {
      const auto space = item.find(' ');
      const auto it = std::find_if(companies.begin(), companies.end(),
                                   [&](const std::string& c) { return item.substr(0, space) == display(c); });
      if (space == std::string::npos || it == companies.end()) {
        error = fmt::format("'{}' is not 'Company value'", item);
        return;
      }
      out[*it] = parse_value(item.substr(space + 1));
    }
  };
  const auto first = text.substr(0, text.find(' '));
  if (std::any_of(companies.begin(), companies.end(), [&](const std::string& c) { return first == display(c); })) {
    company_list(text);
  } else if (const auto open = text.find(" ("); open != std::string::npos) {
    if (text.back() != ')') error = fmt::format("'{}' does not end with ')'", text);
    out[""] = parse_value(text.substr(0, open));
    company_list(text.substr(open + 2, text.size() - open - 3));
  } else {
    out[""] = parse_value(text);
  }
  if (!error.empty()) out.clear();
  return out;
}

// What the page's base column says against what the built-in scenarios load: one
// message per disagreement, naming the page's line, the driver, scenario and company.
std::vector<std::string> base_problems(const std::vector<Row>& rows,
                                       const std::map<std::string, model::Scenario>& scenarios) {
  std::vector<std::string> problems;
  const model::Scenario& base = scenarios.at("base");
  std::vector<std::string> companies;
  for (const auto& c : base.companies) companies.push_back(c.company);
  for (const Row& row : rows) {
    const auto say = [&](const std::string& what) {
      problems.push_back(fmt::format("{}:{}: {}: {}", kPage, row.line, row.driver, what));
    };
    // scenario -> company ("" = all) -> value; "base" first.
    std::map<std::string, std::map<std::string, Value>> stated;
    bool readable = true;
    const auto parts = split(row.base, "; ");
    for (std::size_t i = 0; i < parts.size(); ++i) {
      std::string scenario = "base";
      std::string text = plain(parts[i]);
      if (i > 0) {
        scenario = text.substr(0, text.find(' '));
        text = text.substr(std::min(text.size(), scenario.size() + 1));
        if (scenario == "base" || !scenarios.count(scenario)) {
          say(fmt::format("'{}' is not a built-in scenario other than base (base column \"{}\")", scenario, row.base));
          readable = false;
          continue;
        }
      }
      std::string error;
      stated[scenario] = parse_part(text, companies, error);
      if (!error.empty()) {
        say(fmt::format("base column \"{}\": {}", row.base, error));
        readable = false;
      }
    }
    for (const std::string& c : companies) {
      if (readable && !stated["base"].count(c) && !stated["base"].count("")) {
        say(fmt::format("the base column gives no value for {} (\"{}\")", display(c), row.base));
        readable = false;
      }
    }
    if (!readable) continue;
    for (const auto& [name, scenario] : scenarios) {
      for (const auto& c : scenario.companies) {
        // The scenario's statement for the company, else its statement for all, else base's.
        const Value* want = nullptr;
        for (const std::string& s : {name, std::string("base")}) {
          if (!stated.count(s)) continue;
          const auto& m = stated.at(s);
          if (m.count(c.company))
            want = &m.at(c.company);
          else if (m.count(""))
            want = &m.at("");
          if (want) break;
        }
        const Value got = actual(scenario, c.drivers, row.driver);
        if (!(got == *want))
          say(fmt::format("{} {}: the page says {}, data/scenarios/{}.json loads {}", name, c.company, want->text(),
                          name, got.text()));
      }
    }
  }
  return problems;
}

const std::map<std::string, model::Scenario>& builtin_scenarios() {
  static const std::map<std::string, model::Scenario> scenarios = [] {
    const dataset::Dataset data = dataset::load_builtin_dataset();
    std::map<std::string, model::Scenario> out;
    for (const std::string& name : model::builtin_scenario_names()) out.emplace(name, model::load_scenario(name, data));
    return out;
  }();
  return scenarios;
}

}  // namespace

TEST_CASE("docs/scenarios.md: the driver tables list exactly the drivers of the code", "[docs]") {
  const auto rows = driver_rows(read_page());
  std::map<std::string, int> documented;  // driver -> rows
  for (const Row& row : rows) ++documented[row.driver];
  for (const auto& info : model::drivers()) {
    const std::string name(info.name);
    INFO(name);
    CHECK(documented[name] == 1);  // once, in some table of "## Drivers"
    documented.erase(name);
  }
  for (const auto& [name, count] : documented) {
    INFO(fmt::format("{}: '{}' is documented {} time(s) but is neither in model::drivers() nor a word driver", kPage,
                     name, count));
    CHECK((kWordDrivers.count(name) == 1 && count == 1));
  }
}

TEST_CASE("docs/scenarios.md: each driver's unit and range are the driver table's", "[docs]") {
  const auto rows = driver_rows(read_page());
  for (const Row& row : rows) {
    const auto table = model::drivers();
    const auto it = std::find_if(table.begin(), table.end(), [&](const auto& d) { return d.name == row.driver; });
    if (it == table.end()) continue;  // a word driver, or one the first test case names
    const model::DriverInfo& info = *it;
    const std::string cell = plain(row.unit);
    INFO(fmt::format("{}:{}: {}: unit, range \"{}\"; the code has {} [{}, {}]{}", kPage, row.line, row.driver, cell,
                     info.unit, info.min, info.max, info.allow_unset ? " or null" : ""));
    CHECK(cell.rfind(std::string(info.unit), 0) == 0);
    const auto open = cell.find('[');
    const auto close = cell.find(']', open);
    const auto bounds = split(
        open == std::string::npos || close == std::string::npos ? "" : cell.substr(open + 1, close - open - 1), ", ");
    CHECK(bounds.size() == 2);  // one range "[min, max]"
    if (bounds.size() == 2) {
      CHECK(parse_value(bounds[0]) == number(info.min));
      CHECK(parse_value(bounds[1]) == number(info.max));
    }
    CHECK((cell.find("or null") != std::string::npos) == info.allow_unset);
  }
}

TEST_CASE("docs/scenarios.md: the base column is what the built-in scenarios load", "[docs]") {
  const auto problems = base_problems(driver_rows(read_page()), builtin_scenarios());
  for (const std::string& p : problems) FAIL_CHECK(p);
  CHECK(problems.empty());
}

TEST_CASE("docs/scenarios.md check: a stale base value names its line, scenario and company", "[docs]") {
  // v0.1's initial utilisation, which decision 0730 replaced by 0.4: the check must see it.
  const std::string page =
      "## Drivers\n"
      "\n"
      "| driver | unit, range | base | why |\n"
      "|---|---|---|---|\n"
      "| `ai_initial_utilization` | share, [0.01, 1] | 0.85 (Microsoft 0.9, Alibaba 0.8) | stale |\n"
      "| `max_utilization` | share, [0.01, 1] | 0.9; bear 0.8 | bear does not set it |\n"
      "| `ai_capex_share` | share, [0, 1] | Alibaba 0.8, Microsoft 0.6 | two companies missing |\n";
  const auto problems = base_problems(driver_rows(page), builtin_scenarios());
  const auto count = [&](const std::string& text) {
    return std::count_if(problems.begin(), problems.end(),
                         [&](const std::string& p) { return p.find(text) != std::string::npos; });
  };
  CHECK(count("docs/scenarios.md:5: ai_initial_utilization: base alibaba: the page says 0.8, "
              "data/scenarios/base.json loads 0.4") == 1);
  CHECK(count("docs/scenarios.md:5: ai_initial_utilization: base amazon: the page says 0.85, "
              "data/scenarios/base.json loads 0.4") == 1);
  CHECK(count("docs/scenarios.md:6: max_utilization: bear alibaba: the page says 0.8, "
              "data/scenarios/bear.json loads 0.9") == 1);
  CHECK(count("docs/scenarios.md:7: ai_capex_share: the base column gives no value for Amazon") == 1);
  // Every scenario (6) x company (4) is compared: 24 stale utilisations, 4 in bear only;
  // a row without a value for every company is named once and not compared.
  CHECK(count("ai_initial_utilization") == 24);
  CHECK(count("max_utilization") == 4);
  CHECK(count("ai_capex_share") == 1);
}

}  // namespace docs_scenarios_md_test
