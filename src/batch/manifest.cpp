#include "cloudcast/batch/manifest.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "cloudcast/error.hpp"
#include "cloudcast/util/json_read.hpp"
#include "cloudcast/util/parse.hpp"
#include "cloudcast/util/spellcheck.hpp"
#include "util/hash.hpp"

namespace cloudcast::batch {

using Json = nlohmann::ordered_json;

namespace {

// Options batch sets itself: each run renders to every format in "formats" into
// DIR/<name>.<ext>, quietly, with the batch's own --data.
constexpr std::array<std::string_view, 7> kReservedOptions{"format",   "output", "data", "quiet",
                                                           "no-color", "color",  "help"};

constexpr std::array<std::string_view, 6> kRunKeys{"name", "command", "scenario", "companies", "options", "args"};
// A file name holds 255 bytes (NAME_MAX); the longest report extension is ".markdown".
constexpr std::size_t kMaxRunName = 255 - std::string_view(".markdown").size();

// A key as a pointer token, cut to an excerpt first: the pointer of a 5,000-byte key
// made a 10 KB message.
std::string json_pointer_token(std::string_view key) { return util::json_pointer_token(util::text_excerpt(key)); }

class Parser {
 public:
  Parser(std::string_view source, const CommandNames& commands) : source_(source), commands_(commands) {}

  [[noreturn]] void fail(const std::string& pointer, const std::string& what) const {
    throw DataError(fmt::format("{}:{}: {}", source_, pointer.empty() ? "/" : pointer, what));
  }

  const Json& require(const Json& object, const std::string& pointer, const char* key) const {
    const auto it = object.find(key);
    if (it == object.end())
      fail(pointer,
           fmt::format("missing \"{}\"; expected a run like {{\"name\": \"forecast-base\", \"command\": \"forecast\"}}",
                       key));
    return *it;
  }

  std::string string_at(const Json& value, const std::string& pointer) const {
    if (!value.is_string() || value.get<std::string>().empty())
      fail(pointer, fmt::format("expected a non-empty string, got {}", util::json_excerpt(value)));
    return value.get<std::string>();
  }

  std::vector<std::string> strings_at(const Json& value, const std::string& pointer) const {
    if (value.is_string()) return {string_at(value, pointer)};
    if (!value.is_array()) fail(pointer, fmt::format("expected a list of strings, got {}", util::json_excerpt(value)));
    std::vector<std::string> result;
    for (std::size_t i = 0; i < value.size(); ++i)
      result.push_back(string_at(value[i], fmt::format("{}/{}", pointer, i)));
    return result;
  }

  std::vector<Format> formats_at(const Json& value, const std::string& pointer) const {
    std::vector<Format> formats;
    const std::vector<std::string> names = strings_at(value, pointer);
    if (names.empty()) fail(pointer, "empty; expected at least one of table, csv, json, markdown");
    for (std::size_t i = 0; i < names.size(); ++i) {
      Format format{};
      try {
        format = parse_format(names[i]);
      } catch (const UsageError&) {
        fail(fmt::format("{}/{}", pointer, i), util::unknown_name_message("format", names[i], format_names()));
      }
      const std::string_view name = format_name(format);
      if (std::find(formats.begin(), formats.end(), format) != formats.end())
        fail(fmt::format("{}/{}", pointer, i), fmt::format("format '{}' listed twice; expected each once", name));
      formats.push_back(format);
    }
    return formats;
  }

  // {"horizon": 12, "model": "ets", "verbose": true, "vary": ["a", "b"]} ->
  // --horizon 12 --model ets --verbose --vary a --vary b (in the file's key order).
  std::vector<std::string> options_at(const Json& value, const std::string& pointer) const {
    if (!value.is_object())
      fail(pointer, fmt::format("expected an object of option name -> value, got {}", util::json_excerpt(value)));
    std::vector<std::string> arguments;
    for (const auto& [key, option] : value.items()) {
      const std::string at = pointer + fmt::format("/{}", json_pointer_token(key));
      const std::string name = key.starts_with("--") ? key.substr(2) : key;
      if (std::find(kReservedOptions.begin(), kReservedOptions.end(), name) != kReservedOptions.end())
        fail(at, fmt::format("'{}' is set by batch itself; expected it left out (use \"formats\", the run's "
                             "\"name\" and batch's own --data)",
                             name));
      const auto add = [&](const Json& item, const std::string& item_at) {
        if (item.is_boolean()) {
          if (item.get<bool>()) arguments.push_back("--" + name);
        } else if (item.is_string()) {
          arguments.insert(arguments.end(), {"--" + name, item.get<std::string>()});
        } else if (item.is_number()) {
          arguments.insert(arguments.end(), {"--" + name, item.dump()});  // a number as written
        } else {
          fail(item_at, fmt::format("expected a string, number or boolean, got {}", util::json_excerpt(item)));
        }
      };
      if (option.is_array()) {
        for (std::size_t i = 0; i < option.size(); ++i) add(option[i], fmt::format("{}/{}", at, i));
      } else {
        add(option, at);
      }
    }
    return arguments;
  }

  std::string command_at(const Json& value, const std::string& pointer) const {
    const std::string command = string_at(value, pointer);
    const auto& excluded = commands_.not_in_batch;
    if (std::find(excluded.begin(), excluded.end(), command) != excluded.end())
      fail(pointer, fmt::format("'{}' cannot run inside a batch; expected a report command such as forecast", command));
    const auto& known = commands_.known;
    if (std::find(known.begin(), known.end(), command) == known.end())
      fail(pointer, util::unknown_name_message("command", command, known));
    return command;
  }

  // Replaces {scenario} and {company} in a name template.
  static std::string expand(std::string name, const std::string& placeholder, const std::string& value) {
    for (auto at = name.find(placeholder); at != std::string::npos; at = name.find(placeholder, at + value.size()))
      name.replace(at, placeholder.size(), value);
    return name;
  }

  void check_name(const std::string& name, const std::string& pointer) const {
    const bool valid = !name.empty() && std::isalnum(static_cast<unsigned char>(name.front())) &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
                       });
    if (!valid)
      fail(pointer, fmt::format("run name '{}' is not a plain file name; expected letters, digits, '-', '_' and "
                                "'.', starting with a letter or digit (and {{scenario}}, {{company}} in a matrix)",
                                util::text_excerpt(name)));
    // Its reports are <name>.<ext>: longer, every run failed only at the rename ("File
    // name too long") after its work was done.
    if (name.size() > kMaxRunName)
      fail(pointer, fmt::format("run name '{}' is {} bytes; expected at most {}, so that <name>.markdown fits a "
                                "file name (255 bytes)",
                                util::text_excerpt(name), name.size(), kMaxRunName));
    if (name == "index" || name == "summary")
      fail(pointer, fmt::format("run name '{}' is reserved for the batch's own {}; expected another name", name,
                                name == "index" ? "index.json" : "summary.md"));
  }

  // The manifest's own keys: its name into `manifest`, its defaults (checked) into
  // `defaults`; returns its non-empty list of runs.
  const Json& top_level(const Json& json, Manifest& manifest, Json& defaults) const {
    if (!json.is_object()) fail("", fmt::format("expected an object with \"runs\", got {}", json.type_name()));
    const Json* runs = nullptr;
    for (const auto& [key, value] : json.items()) {
      const std::string at = fmt::format("/{}", json_pointer_token(key));
      if (key == "schema_version") {
        if (value != 1) fail(at, fmt::format("expected 1, got {}", util::json_excerpt(value)));
      } else if (key == "name") {
        manifest.name = string_at(value, at);
      } else if (key == "defaults") {
        if (!value.is_object()) fail(at, fmt::format("expected an object, got {}", util::json_excerpt(value)));
        defaults = value;
      } else if (key == "runs") {
        runs = &value;
      } else if (key != "comment" && key != "$comment") {
        fail(at, fmt::format("unknown key '{}'; expected schema_version, name, defaults, runs or comment",
                             util::text_excerpt(key)));
      }
    }
    if (runs == nullptr) fail("", "missing \"runs\"; expected a list of runs (see docs/batch.md)");
    if (!runs->is_array() || runs->empty())
      fail("/runs", fmt::format("expected a non-empty list of runs, got {}", util::json_excerpt(*runs)));
    for (const auto& [key, value] : defaults.items())
      if (key != "formats" && key != "options")
        fail(fmt::format("/defaults/{}", json_pointer_token(key)),
             fmt::format("unknown key '{}'; expected formats or options", util::text_excerpt(key)));
    if (defaults.contains("options")) options_at(defaults["options"], "/defaults/options");
    if (defaults.contains("formats")) formats_at(defaults["formats"], "/defaults/formats");
    return *runs;
  }

  // A run's matrix: the scenarios and the one-company sets it expands to, in place of the
  // run's own "scenario" and "companies" (never both).
  void matrix_at(const Json& entry, const std::string& at, std::vector<std::optional<std::string>>& scenarios,
                 std::vector<std::vector<std::string>>& company_sets) const {
    const Json& matrix = entry["matrix"];
    if (!matrix.is_object())
      fail(at + "/matrix",
           fmt::format("expected {{\"scenario\": [...], \"company\": [...]}}, got {}", util::json_excerpt(matrix)));
    for (const auto& [key, value] : matrix.items()) {
      const std::string mat = fmt::format("{}/matrix/{}", at, json_pointer_token(key));
      if (key == "scenario") {
        if (entry.contains("scenario")) fail(mat, "both \"scenario\" and matrix.scenario; expected one of them");
        scenarios.clear();
        for (const auto& s : strings_at(value, mat)) scenarios.emplace_back(s);
      } else if (key == "company") {
        if (entry.contains("companies")) fail(mat, "both \"companies\" and matrix.company; expected one of them");
        company_sets.clear();
        for (const auto& c : strings_at(value, mat)) company_sets.push_back({c});
      } else {
        fail(mat, fmt::format("unknown matrix dimension '{}'; expected scenario or company", key));
      }
      if (value.empty()) fail(mat, "empty; expected at least one value");
    }
  }

  Manifest parse(const Json& json) {
    Manifest manifest;
    Json defaults = Json::object();
    const Json* runs = &top_level(json, manifest, defaults);

    std::map<std::string, std::string> seen;  // run name -> where it was defined
    for (std::size_t i = 0; i < runs->size(); ++i) {
      const std::string at = fmt::format("/runs/{}", i);
      const Json& entry = (*runs)[i];
      if (!entry.is_object()) fail(at, fmt::format("expected a run object, got {}", util::json_excerpt(entry)));
      for (const auto& [key, value] : entry.items())
        if (key != "formats" && key != "matrix" && key != "comment" &&
            std::find(kRunKeys.begin(), kRunKeys.end(), key) == kRunKeys.end())
          fail(at + fmt::format("/{}", json_pointer_token(key)),
               fmt::format("unknown key '{}'; expected name, command, scenario, companies, "
                           "options, args, formats or matrix",
                           util::text_excerpt(key)));
      const std::string name_template = string_at(require(entry, at, "name"), at + "/name");
      const std::string command = command_at(require(entry, at, "command"), at + "/command");

      std::vector<std::optional<std::string>> scenarios{std::nullopt};
      if (entry.contains("scenario")) scenarios = {string_at(entry["scenario"], at + "/scenario")};
      std::vector<std::vector<std::string>> company_sets{{}};
      if (entry.contains("companies")) company_sets = {strings_at(entry["companies"], at + "/companies")};
      if (entry.contains("matrix")) matrix_at(entry, at, scenarios, company_sets);
      const Json& formats = entry.contains("formats")      ? entry["formats"]
                            : defaults.contains("formats") ? defaults["formats"]
                                                           : Json::array({"json"});
      const std::string formats_at_ptr = entry.contains("formats") ? at + "/formats" : "/defaults/formats";
      // A run's options override the defaults' key by key (an option given twice would
      // be a usage error in the command).
      Json merged = defaults.contains("options") ? defaults["options"] : Json::object();
      if (entry.contains("options")) {
        options_at(entry["options"], at + "/options");  // validates with the run's own pointers
        for (const auto& [key, value] : entry["options"].items()) merged[key] = value;
      }
      const std::vector<std::string> options = options_at(merged, at + "/options");
      std::vector<std::string> extra;
      if (entry.contains("args")) extra = strings_at(entry["args"], at + "/args");

      // Scenario outer, company inner: the order is fixed, whatever the key order.
      for (const auto& scenario : scenarios) {
        for (const auto& companies : company_sets) {
          Run run;
          run.position = manifest.runs.size();
          run.name = name_template;
          if (scenario) run.name = expand(run.name, "{scenario}", *scenario);
          if (companies.size() == 1) run.name = expand(run.name, "{company}", companies.front());
          const std::string where = scenarios.size() * company_sets.size() > 1
                                        ? fmt::format("{} (expanded to '{}')", at + "/name", run.name)
                                        : at + "/name";
          check_name(run.name, where);
          if (const auto [it, inserted] = seen.emplace(run.name, at); !inserted)
            fail(where, fmt::format("duplicate run name '{}' (also {}); expected unique names (use {{scenario}} and "
                                    "{{company}} in a matrix run's name)",
                                    run.name, it->second));
          run.command = command;
          run.scenario = scenario;
          run.companies = companies;
          if (scenario) run.arguments.insert(run.arguments.end(), {"--scenario", *scenario});
          for (const auto& company : companies) run.arguments.insert(run.arguments.end(), {"--company", company});
          run.arguments.insert(run.arguments.end(), options.begin(), options.end());
          run.arguments.insert(run.arguments.end(), extra.begin(), extra.end());
          run.formats = formats_at(formats, formats_at_ptr);
          manifest.runs.push_back(std::move(run));
        }
      }
    }
    return manifest;
  }

 private:
  std::string_view source_;
  const CommandNames& commands_;
};

}  // namespace

Manifest parse_manifest(const Json& json, std::string_view source, const CommandNames& commands) {
  return Parser(source, commands).parse(json);
}

Manifest load_manifest(const std::filesystem::path& path, const CommandNames& commands) {
  const Json json = util::read_json_file<Json>(path, "a batch manifest (docs/batch.md)");
  Manifest manifest = parse_manifest(json, path.string(), commands);
  if (manifest.name.empty()) manifest.name = path.stem().string();
  return manifest;
}

Shard parse_shard(std::string_view text) {
  constexpr long long kMaxShards = 100000;
  const auto slash = text.find('/');
  if (slash == std::string_view::npos)
    throw UsageError(fmt::format("--shard: expected I/N such as 2/3, got '{}'", text));
  const auto count = util::try_parse_int(text.substr(slash + 1), 1, kMaxShards);
  const auto index = util::try_parse_int(text.substr(0, slash), 1, count.value_or(kMaxShards));
  if (!count || !index)
    throw UsageError(fmt::format("--shard: expected I/N with 1 <= I <= N <= {}, got '{}'", kMaxShards, text));
  return Shard{.index = static_cast<int>(*index), .count = static_cast<int>(*count)};
}

std::vector<Run> select_shard(const std::vector<Run>& runs, const Shard& shard) {
  std::vector<Run> slice;
  for (const Run& run : runs)
    if (static_cast<int>(run.position % static_cast<std::size_t>(shard.count)) + 1 == shard.index) slice.push_back(run);
  return slice;
}

std::string digest(std::string_view bytes) { return fmt::format("fnv1a64:{:016x}", util::fnv1a64(bytes)); }

}  // namespace cloudcast::batch
