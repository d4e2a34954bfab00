// Resolving a scenario (declared in cloudcast/model/scenario.hpp): a built-in name or a
// file path, its chain of bases applied base first, its name and its digest.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

#include "cloudcast/dataset/dataset.hpp"
#include "cloudcast/error.hpp"
#include "cloudcast/util/atomic_file.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "model/embedded_scenarios.hpp"
#include "model/scenario_read.hpp"

namespace cloudcast::model {

namespace {

using json = nlohmann::json;

json parse_json(std::string_view text, std::string_view place) {
  return util::parse_json_text(text, place, "a JSON scenario object");
}

struct Source {
  std::string text;
  std::string place;          // shown in messages
  std::string identity;       // for cycle detection
  std::filesystem::path dir;  // where a relative "base" path is resolved
  bool builtin = false;
};

std::optional<std::string_view> builtin_text(std::string_view name) {
  for (const auto& f : embedded_scenarios())
    if (f.name == name) return f.text;
  return std::nullopt;
}

Source open_source(std::string_view name_or_path, const std::filesystem::path& dir) {
  if (auto text = builtin_text(name_or_path)) {
    return {std::string(*text),
            fmt::format("data/scenarios/{}.json", name_or_path),
            "builtin:" + std::string(name_or_path),
            {},
            true};
  }
  const std::filesystem::path path = dir.empty() ? std::filesystem::path(name_or_path) : dir / name_or_path;
  // exists() without an error_code throws on a name the system refuses (longer than
  // NAME_MAX, found by fuzz_scenario): such a name is no file, so it is an unknown name.
  std::error_code exists_error;
  const bool looks_like_path = name_or_path.find('/') != std::string_view::npos ||
                               name_or_path.find('.') != std::string_view::npos ||
                               std::filesystem::exists(path, exists_error);
  if (!looks_like_path) {
    throw UsageError(util::unknown_name_message("scenario", name_or_path, builtin_scenario_names()) +
                     "; or give a path to a scenario .json file");
  }
  Source s;
  s.text = util::read_file(path, true);  // a pipe too: --scenario <(echo ...)
  s.place = path.string();
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(path, ec);
  s.identity = ec ? path.string() : canonical.string();
  s.dir = path.parent_path();
  return s;
}

// Applies src and its bases, base first. Returns whether src itself sets "name".
bool load_chain(Scenario& s, Source src, std::vector<std::string>& visiting, std::string& bytes) {
  if (std::find(visiting.begin(), visiting.end(), src.identity) != visiting.end()) {
    throw DataError(
        fmt::format("{}:/base: the chain of bases is cyclic ({} -> {}); expected a chain ending in a "
                    "scenario without \"base\"",
                    src.place, fmt::join(visiting, " -> "), src.identity));
  }
  visiting.push_back(src.identity);
  const json doc = parse_json(src.text, src.place);
  expect_object(doc, src.place, "a scenario");
  if (doc.contains("base")) {
    const json& base = doc["base"];
    if (!base.is_string() || base.get<std::string>().empty())
      throw DataError(fmt::format("{}:/base: expected the name or path of the base scenario; got {}", src.place,
                                  util::json_excerpt(base)));
    Source parent;
    try {
      parent = open_source(base.get<std::string>(), src.builtin ? std::filesystem::path() : src.dir);
    } catch (const Error& e) {
      throw DataError(fmt::format("{}:/base: cannot load base scenario '{}': {}", src.place,
                                  util::text_excerpt(base.get<std::string>()), e.what()));
    }
    load_chain(s, std::move(parent), visiting, bytes);
  }
  apply_layer(s, doc, src.place);
  s.chain.push_back(src.builtin ? src.identity.substr(8) : src.place);
  bytes += src.text;
  bytes += '\0';
  return doc.contains("name");
}

// The name of an unnamed scenario that is not a file (stdin, a pipe, inline text): what
// it was laid over and where it came from, "base + overlay (stdin)"; just the place
// when it has no base.
std::string overlay_name(const Scenario& s, std::string_view place) {
  return s.name.empty() ? std::string(place) : fmt::format("{} + overlay ({})", s.name, place);
}

Scenario empty_scenario(const dataset::Dataset& data) {
  Scenario s;
  for (const auto& c : data.companies) s.companies.push_back({c.id, CompanyDrivers{}});
  return s;
}

}  // namespace

std::vector<std::string> builtin_scenario_names() {
  std::vector<std::string> names;
  for (const auto& f : embedded_scenarios()) names.emplace_back(f.name);
  std::sort(names.begin(), names.end());
  return names;
}

Scenario load_scenario(std::string_view name_or_path, const dataset::Dataset& data) {
  if (name_or_path.empty())
    throw UsageError("--scenario: expected a scenario name or a file path; got an empty string");
  Scenario s = empty_scenario(data);
  Source src = open_source(name_or_path, {});
  const std::string place = src.place;
  std::string default_name = src.builtin ? std::string(name_or_path) : std::filesystem::path(src.place).stem().string();
  // A pipe (--scenario <(echo ...)) has no name worth showing: its stem is a descriptor number.
  std::error_code ec;
  const bool pipe = !src.builtin && !std::filesystem::is_regular_file(src.place, ec);
  std::vector<std::string> visiting;
  std::string bytes;
  // A variant without its own "name" is called after its file, not after its base.
  if (!load_chain(s, std::move(src), visiting, bytes)) s.name = pipe ? overlay_name(s, place) : default_name;
  validate_scenario(s, place);
  s.digest = digest_hex(bytes);
  return s;
}

Scenario parse_scenario(std::string_view text, std::string_view place, const dataset::Dataset& data) {
  Scenario s = empty_scenario(data);
  const json doc = parse_json(text, place);
  expect_object(doc, std::string(place), "a scenario");
  std::string bytes;
  std::vector<std::string> visiting;
  if (doc.contains("base")) {
    // Inline text resolves its base among the built-ins and relative to the working folder.
    load_chain(s, Source{std::string(text), std::string(place), "inline:" + std::string(place), {}, false}, visiting,
               bytes);
  } else {
    apply_layer(s, doc, std::string(place));
    s.chain.emplace_back(place);
    bytes = std::string(text);
  }
  if (!doc.contains("name")) s.name = overlay_name(s, place);
  validate_scenario(s, std::string(place));
  s.digest = digest_hex(bytes);
  return s;
}

}  // namespace cloudcast::model
