#include "cloudcast/util/spellcheck.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>

#include "cloudcast/util/json_read.hpp"

namespace cloudcast::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // One row of the classic dynamic programme is enough.
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitution});
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  constexpr std::size_t kMaxEdits = 3;
  std::optional<std::string> best;
  std::size_t best_distance = kMaxEdits + 1;
  for (const auto& candidate : candidates) {
    const std::size_t d = edit_distance(word, candidate);
    if (d < best_distance && 2 * d < std::max<std::size_t>(word.size(), 2)) {
      best = candidate;
      best_distance = d;
    }
  }
  return best;
}

std::string unknown_name_message(std::string_view kind, std::string_view word,
                                 const std::vector<std::string>& candidates) {
  // An excerpt of the word: a 5,000-byte key in a file made a 10 KB message.
  std::string message =
      fmt::format("unknown {} '{}'; expected one of {}", kind, text_excerpt(word), fmt::join(candidates, ", "));
  if (auto match = closest_match(word, candidates)) message += fmt::format(" (did you mean '{}'?)", *match);
  return message;
}

}  // namespace cloudcast::util
