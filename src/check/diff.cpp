#include "cloudcast/check/diff.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>

#include "cloudcast/error.hpp"
#include "cloudcast/model/metrics.hpp"
#include "cloudcast/util/json_read.hpp"

namespace cloudcast::check {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

// Fields that name an element of an array of objects, most telling first. When none of
// them tells the elements apart, the elements' own string fields are tried in order
// (the first column of a generic table row), then the array index.
constexpr std::array<std::string_view, 15> kKeyFields{"id",      "company", "name",   "scenario",   "model",
                                                      "metric",  "series",  "driver", "period",     "quarter",
                                                      "horizon", "run",     "title",  "percentile", "label"};

// Top-level keys that say what a document is: when they differ the documents are not
// comparable (exit 3) rather than drifted (exit 1).
constexpr std::array<std::string_view, 2> kIdentityKeys{"schema_version", "command"};

// Metadata whose change is expected with new inputs: reported as a note.
constexpr std::array<std::string_view, 2> kDigestKeys{"inputs_digest", "manifest_digest"};

// Provenance labels: where the inputs came from ("built-in" or a --data folder). The
// same figures from a copy of the data are no move, so a difference is a note, never
// part of the gate (issue 10).
constexpr std::array<std::string_view, 2> kProvenanceKeys{"data_origin", "origin"};

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string describe(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::boolean:
      return "a boolean";
    default:
      return "a number";
  }
}

bool is_numeric_or_null(const Json& value) { return value.is_number() || value.is_null(); }

bool is_scalar_key(const Json& value) {
  return value.is_string() || value.is_number_integer() || value.is_number_unsigned();
}

std::string key_part(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump();  // an integer (is_scalar_key)
}

std::string element_key(const Json& element, const std::vector<std::string>& fields) {
  std::string key;
  for (const auto& field : fields) {
    if (!key.empty()) key.push_back('/');
    key.append(key_part(element.at(field)));
  }
  return key;
}

std::size_t distinct_keys(const Json& array, const std::vector<std::string>& fields) {
  std::set<std::string> keys;
  for (const auto& element : array) keys.insert(element_key(element, fields));
  return keys.size();
}

bool all_have(const Json& array, const std::string& field) {
  return std::all_of(array.begin(), array.end(), [&](const Json& element) {
    const auto it = element.find(field);
    return it != element.end() && is_scalar_key(*it);
  });
}

// The fields whose values name each element of both arrays uniquely, or nullopt when
// the arrays must be compared by index. Fields are added greedily, a field only when it
// tells more elements apart, so "period" alone names quarters.
std::optional<std::vector<std::string>> key_fields(const Json& baseline, const Json& current) {
  if (baseline.empty() && current.empty()) return std::nullopt;
  const auto is_object = [](const Json& element) { return element.is_object(); };
  if (!std::all_of(baseline.begin(), baseline.end(), is_object) ||
      !std::all_of(current.begin(), current.end(), is_object))
    return std::nullopt;
  std::vector<std::string> candidates(kKeyFields.begin(), kKeyFields.end());
  const Json& first = baseline.empty() ? current.front() : baseline.front();
  for (const auto& [field, value] : first.items())
    if (value.is_string()) candidates.push_back(field);
  std::vector<std::string> chosen;
  std::size_t distinct = 0;
  for (const auto& candidate : candidates) {
    if (std::find(chosen.begin(), chosen.end(), candidate) != chosen.end()) continue;
    if (!all_have(baseline, candidate) || !all_have(current, candidate)) continue;
    std::vector<std::string> trial = chosen;
    trial.push_back(candidate);
    const std::size_t now = distinct_keys(baseline, trial) + distinct_keys(current, trial);
    if (now <= distinct) continue;
    chosen = std::move(trial);
    distinct = now;
    if (distinct == baseline.size() + current.size()) return chosen;
  }
  return std::nullopt;
}

bool is_keyed_array(const Json& value) {
  return value.is_array() && !value.empty() && key_fields(value, value).has_value();
}

std::string join(const std::vector<std::string>& segments) {
  std::string path;
  for (const auto& segment : segments) {
    if (!path.empty() && segment.front() != '[') path += '/';
    path += segment;
  }
  return path.empty() ? "(root)" : path;
}

// A label's text: strings as they are, anything else as a short excerpt.
std::string quote(const Json& value) {
  return value.is_string() ? value.get<std::string>() : util::json_excerpt(value);
}

double sort_key(const Change& change) {
  if (!change.numeric || !change.baseline || !change.current) return change.moved ? kInf : 0.0;
  if (change.ratio) return std::fabs(*change.current - *change.baseline);  // a point counts as 1 %
  if (const auto relative = change.relative_change()) return std::fabs(*relative);
  return change.moved ? kInf : 0.0;  // baseline 0, current not
}

// Walks two documents side by side with a stack of its own rather than by recursion, so
// no input can exhaust the call stack (the reader limits nesting too, but compare_json
// takes any document). Each node queues its messages, rows and children in the order a
// depth-first recursion would emit them; the loop replays that order exactly.
class Walker {
 public:
  Walker(const DiffOptions& options, Comparison& out, std::string prefix)
      : options_(options), out_(out), prefix_(std::move(prefix)) {}

  void compare(const Json& baseline, const Json& current) {
    stack_.push_back(Task{.baseline = &baseline, .current = &current, .at = kRoot});
    while (!stack_.empty()) {
      Task task = std::move(stack_.back());
      stack_.pop_back();
      switch (task.kind) {
        case Task::Kind::compare:
          queue_.clear();
          compare_node(*task.baseline, *task.current, task.at);
          std::move(queue_.rbegin(), queue_.rend(), std::back_inserter(stack_));
          break;
        case Task::Kind::problem:
          out_.problems.push_back(std::move(task.text));
          break;
        case Task::Kind::note:
          out_.notes.push_back(std::move(task.text));
          break;
        case Task::Kind::row:
          out_.rows.push_back(std::move(task.change));
          break;
      }
    }
  }

 private:
  // A pair of nodes still to compare, or a result to emit in its turn.
  struct Task {
    enum class Kind { compare, problem, note, row } kind = Kind::compare;
    const Json* baseline = nullptr;
    const Json* current = nullptr;
    std::size_t at = kRoot;  // where the pair sits (segments_)
    std::string text;
    Change change;
  };

  // A path is a node in segments_: its last segment and its parent, so a task carries one
  // index however deep it sits (a copy of the segments per task would be quadratic).
  static constexpr std::size_t kRoot = static_cast<std::size_t>(-1);
  struct Segment {
    std::string name;
    std::size_t parent;
  };

  std::size_t child(std::size_t parent, std::string name) {
    segments_.push_back(Segment{std::move(name), parent});
    return segments_.size() - 1;
  }

  std::vector<std::string> segments_of(std::size_t at) const {
    std::vector<std::string> segments;
    for (; at != kRoot; at = segments_[at].parent) segments.push_back(segments_[at].name);
    std::reverse(segments.begin(), segments.end());
    return segments;
  }

  void compare_node(const Json& baseline, const Json& current, std::size_t at) {
    if (baseline.is_object() && current.is_object()) return compare_objects(baseline, current, at);
    if (baseline.is_array() && current.is_array()) return compare_arrays(baseline, current, at);
    if (is_numeric_or_null(baseline) && is_numeric_or_null(current)) return compare_figures(baseline, current, at);
    const auto is_label = [](const Json& v) { return v.is_string() || v.is_boolean() || v.is_null(); };
    if (is_label(baseline) && is_label(current)) return compare_labels(baseline, current, at);
    problem(at, fmt::format("{} in baseline, {} in current", describe(baseline), describe(current)));
  }

  void visit(const Json& baseline, const Json& current, std::size_t at) {
    queue_.push_back(Task{.baseline = &baseline, .current = &current, .at = at});
  }
  void problem(std::size_t at, const std::string& what) {
    queue_.push_back(
        Task{.kind = Task::Kind::problem, .text = fmt::format("{}{}: {}", prefix_, join(segments_of(at)), what)});
  }
  void note(std::string text) { queue_.push_back(Task{.kind = Task::Kind::note, .text = std::move(text)}); }
  void row(Change change) { queue_.push_back(Task{.kind = Task::Kind::row, .change = std::move(change)}); }

  Change make_change(const std::vector<std::string>& segments) const {
    Change change;
    change.path = prefix_ + join(segments);
    for (const auto& segment : segments)
      if (segment.front() != '[') change.segments.push_back(segment);
    for (const auto& segment : change.segments)
      if (const model::Metric* m = model::find_metric(segment); m && m->unit == model::MetricUnit::fraction)
        change.ratio = true;
    change.tolerance = options_.tolerances.for_path(change.segments);
    return change;
  }

  static std::vector<std::string> with(std::vector<std::string> segments, const std::string& key) {
    segments.push_back(key);
    return segments;
  }

  void compare_objects(const Json& baseline, const Json& current, std::size_t at) {
    const bool root = at == kRoot;
    for (const auto& [key, value] : current.items())
      if (!baseline.contains(key) && !ignored_keys().contains(key))
        problem(at, fmt::format("key '{}' only in current", util::text_excerpt(key)));
    // An object's one keyed array (companies, quarters) adds no segment of its own, so
    // paths read "alibaba/2027Q2/operating_margin" rather than "companies/alibaba/quarters/...".
    std::size_t keyed_arrays = 0;
    for (const auto& [key, value] : baseline.items()) keyed_arrays += is_keyed_array(value) ? 1 : 0;
    for (const auto& [key, value] : baseline.items()) {
      const auto other = current.find(key);
      if (ignored_keys().contains(key)) {
        const bool digest = std::find(kDigestKeys.begin(), kDigestKeys.end(), key) != kDigestKeys.end();
        const bool provenance = std::find(kProvenanceKeys.begin(), kProvenanceKeys.end(), key) != kProvenanceKeys.end();
        if (digest && other != current.end() && *other != value)
          note(fmt::format("{}{} differs ({} -> {}): expected when the data or scenario changed", prefix_,
                           join(with(segments_of(at), key)), quote(value), quote(*other)));
        if (provenance && other != current.end() && *other != value)
          note(
              fmt::format("{}{} differs ({} -> {}): where the inputs came from, not a figure; "
                          "not part of the check",
                          prefix_, join(with(segments_of(at), key)), quote(value), quote(*other)));
        continue;
      }
      if (other == current.end()) {
        problem(at, fmt::format("key '{}' only in baseline", util::text_excerpt(key)));
        continue;
      }
      if (root && std::find(kIdentityKeys.begin(), kIdentityKeys.end(), key) != kIdentityKeys.end()) {
        if (value != *other)
          problem(at, fmt::format("{} is {} in baseline, {} in current", key, util::json_excerpt(value),
                                  util::json_excerpt(*other)));
        continue;
      }
      const bool omit = keyed_arrays == 1 && is_keyed_array(value);
      visit(value, *other, omit ? at : child(at, key));
    }
  }

  void compare_arrays(const Json& baseline, const Json& current, std::size_t at) {
    if (const auto fields = key_fields(baseline, current)) {
      std::map<std::string, const Json*> in_current;
      for (const auto& element : current) in_current.emplace(element_key(element, *fields), &element);
      std::set<std::string> seen;
      for (const auto& element : baseline) {
        const std::string key = element_key(element, *fields);
        seen.insert(key);
        const auto other = in_current.find(key);
        if (other == in_current.end()) {
          problem(at, fmt::format("'{}' only in baseline", util::text_excerpt(key)));
          continue;
        }
        visit(element, *other->second, child(at, key));
      }
      for (const auto& element : current) {
        const std::string key = element_key(element, *fields);
        if (!seen.contains(key)) problem(at, fmt::format("'{}' only in current", util::text_excerpt(key)));
      }
      return;
    }
    const auto all_strings = [](const Json& array) {
      return std::all_of(array.begin(), array.end(), [](const Json& v) { return v.is_string(); });
    };
    if (baseline.size() != current.size() && !(all_strings(baseline) && all_strings(current))) {
      problem(at, fmt::format("{} elements in baseline, {} in current", baseline.size(), current.size()));
      return;
    }
    // Lists of text (notes, warnings) may grow or shrink: the extra lines are changed
    // labels, shown against "(absent)", not a change of shape.
    for (std::size_t i = std::min(baseline.size(), current.size()); i < std::max(baseline.size(), current.size());
         ++i) {
      Change change = make_change(with(segments_of(at), fmt::format("[{}]", i)));
      change.numeric = false;
      change.baseline_text = i < baseline.size() ? quote(baseline[i]) : "(absent)";
      change.current_text = i < current.size() ? quote(current[i]) : "(absent)";
      change.moved = change.past_tolerance = true;
      row(std::move(change));
    }
    for (std::size_t i = 0; i < std::min(baseline.size(), current.size()); ++i)
      visit(baseline[i], current[i], child(at, fmt::format("[{}]", i)));
  }

  void compare_figures(const Json& baseline, const Json& current, std::size_t at) {
    if (baseline.is_null() && current.is_null()) return;  // an absent figure on both sides
    ++out_.figures;
    Change change = make_change(segments_of(at));
    if (!baseline.is_null()) change.baseline = baseline.get<double>();
    if (!current.is_null()) change.current = current.get<double>();
    if (change.baseline && change.current) {
      change.moved = *change.baseline != *change.current;
      change.past_tolerance = !within(*change.baseline, *change.current, change.tolerance);
    } else {
      // A figure that appeared or vanished has no size to be tolerated.
      change.moved = change.past_tolerance = true;
    }
    if (change.moved || options_.keep_unchanged) row(std::move(change));
  }

  void compare_labels(const Json& baseline, const Json& current, std::size_t at) {
    if (baseline == current) return;
    Change change = make_change(segments_of(at));
    change.numeric = false;
    change.baseline_text = quote(baseline);
    change.current_text = quote(current);
    // Labels (actual flags, statuses, names) have no tolerance: any change counts.
    change.moved = change.past_tolerance = true;
    row(std::move(change));
  }

  const DiffOptions& options_;
  Comparison& out_;
  std::string prefix_;
  std::vector<Segment> segments_;  // every path handed to a task
  std::vector<Task> stack_;        // the tasks still to do, the next one last
  std::vector<Task> queue_;        // what the node being compared emits, in order
};

void sort_rows(Comparison& comparison) {
  std::stable_sort(comparison.rows.begin(), comparison.rows.end(), [](const Change& a, const Change& b) {
    const double ka = sort_key(a), kb = sort_key(b);
    if (ka != kb) return ka > kb;
    const double ca = a.change() ? std::fabs(*a.change()) : kInf, cb = b.change() ? std::fabs(*b.change()) : kInf;
    if (ca != cb) return ca > cb;
    return a.path < b.path;
  });
}

Json parse_file(const fs::path& path) {
  return util::read_json_file<Json>(path, "a cloudcast JSON output (--format json)");
}

// Regular files under dir, as sorted paths relative to it.
std::vector<std::string> list_files(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), dir).generic_string());
  if (ec) throw IoError(fmt::format("{}: cannot list folder: {}", dir.string(), ec.message()));
  std::sort(files.begin(), files.end());
  return files;
}

bool is_compared_file(const std::string& relative) {
  return relative.ends_with(".json") && relative != "index.json" && relative.find(".tmp.") == std::string::npos;
}

}  // namespace

const std::set<std::string, std::less<>>& ignored_keys() {
  // tool_version: a new build is what CI compares; inputs_digest/manifest_digest:
  // change with any data edit (noted); data_origin/origin: provenance (noted);
  // timings/duration_seconds: wall-clock noise.
  static const std::set<std::string, std::less<>> keys{
      "tool_version", "inputs_digest", "manifest_digest", "data_origin", "origin", "timings", "duration_seconds"};
  return keys;
}

std::optional<double> Change::change() const {
  if (!numeric || !baseline || !current) return std::nullopt;
  return *current - *baseline;
}

std::optional<double> Change::relative_change() const {
  if (!numeric || !baseline || !current || *baseline == 0.0) return std::nullopt;
  return (*current - *baseline) / std::fabs(*baseline);
}

std::optional<double> Change::change_points() const {
  if (!ratio) return std::nullopt;
  const auto delta = change();
  return delta ? std::optional<double>(100 * *delta) : std::nullopt;
}

std::size_t Comparison::moved() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const Change& c) { return c.numeric && c.moved; }));
}

std::size_t Comparison::labels_changed() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const Change& c) { return !c.numeric && c.moved; }));
}

std::size_t Comparison::past_tolerance() const {
  return static_cast<std::size_t>(
      std::count_if(rows.begin(), rows.end(), [](const Change& c) { return c.past_tolerance; }));
}

Comparison compare_json(const Json& baseline, const Json& current, const DiffOptions& options) {
  Comparison comparison;
  Walker(options, comparison, "").compare(baseline, current);
  sort_rows(comparison);
  return comparison;
}

Comparison compare_paths(const fs::path& baseline, const fs::path& current, const DiffOptions& options) {
  std::error_code ec;
  const bool baseline_dir = fs::is_directory(baseline, ec), current_dir = fs::is_directory(current, ec);
  if (baseline_dir != current_dir)
    throw UsageError(fmt::format("{} is a {}, {} a {}; expected two files or two folders", baseline.string(),
                                 baseline_dir ? "folder" : "file", current.string(), current_dir ? "folder" : "file"));
  if (!baseline_dir) return compare_json(parse_file(baseline), parse_file(current), options);

  Comparison comparison;
  const std::vector<std::string> in_baseline = list_files(baseline), in_current = list_files(current);
  std::size_t skipped = 0;
  bool saw_index = false;
  for (const auto& file : in_baseline) {
    if (file == "index.json") saw_index = true;
    if (!is_compared_file(file)) {
      skipped += file == "index.json" ? 0 : 1;
      continue;
    }
    if (!std::binary_search(in_current.begin(), in_current.end(), file)) {
      comparison.problems.push_back(fmt::format("{}: only in baseline", file));
      continue;
    }
    Walker(options, comparison, file + "#").compare(parse_file(baseline / file), parse_file(current / file));
  }
  for (const auto& file : in_current)
    if (is_compared_file(file) && !std::binary_search(in_baseline.begin(), in_baseline.end(), file))
      comparison.problems.push_back(fmt::format("{}: only in current", file));
  if (saw_index)
    comparison.notes.push_back(
        "index.json not compared: it is batch bookkeeping (statuses, timings); a failed run "
        "shows as its missing output files");
  if (skipped > 0)
    comparison.notes.push_back(fmt::format(
        "{} non-JSON file(s) not compared: CSV, Markdown and table outputs render the same figures as the JSON",
        skipped));
  sort_rows(comparison);
  return comparison;
}

}  // namespace cloudcast::check
