#pragma once
// "Did you mean" support, after ninja's SpellcheckStringV.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::util {

// Levenshtein distance between two strings (case-sensitive).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to word, if it is within a small distance (at most 3 edits
// and less than half the word's length); nullopt when nothing is close.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "unknown company 'alibba'; expected one of alibaba, amazon (did you mean 'alibaba'?)"
std::string unknown_name_message(std::string_view kind, std::string_view word,
                                 const std::vector<std::string>& candidates);

}  // namespace cloudcast::util
