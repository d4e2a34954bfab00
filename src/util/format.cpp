#include "cloudcast/format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

#include "cloudcast/error.hpp"
#include "cloudcast/util/spellcheck.hpp"

namespace cloudcast {

namespace {

// The one table of formats: the --format names and the file extensions (the first is the
// one batch writes). A new format is added here and in report::render().
struct FormatEntry {
  Format format;
  std::string_view name;
  std::string_view alias;                      // another --format name, or empty
  std::array<std::string_view, 2> extensions;  // lower case, without the dot; "" unused
};
constexpr std::array<FormatEntry, 7> kFormats{{{Format::table, "table", "", {"txt", ""}},
                                               {Format::csv, "csv", "", {"csv", ""}},
                                               {Format::json, "json", "", {"json", ""}},
                                               {Format::markdown, "markdown", "md", {"md", "markdown"}},
                                               {Format::html, "html", "", {"html", "htm"}},
                                               {Format::svg, "svg", "", {"svg", ""}},
                                               {Format::xlsx, "xlsx", "", {"xlsx", ""}}}};

const FormatEntry& entry_of(Format format) {
  for (const auto& entry : kFormats)
    if (entry.format == format) return entry;
  return kFormats.front();
}

}  // namespace

Format parse_format(std::string_view name) {
  for (const auto& entry : kFormats)
    if (entry.name == name || (!entry.alias.empty() && entry.alias == name)) return entry.format;
  throw UsageError("--format: " + util::unknown_name_message("format", name, format_names()));
}

std::vector<std::string> format_names() {
  std::vector<std::string> names;
  for (const auto& entry : kFormats) names.emplace_back(entry.name);
  return names;
}

std::optional<Format> format_from_extension(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  if (ext.size() < 2) return std::nullopt;  // no extension, or a bare trailing dot
  ext.erase(0, 1);
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& entry : kFormats)
    for (std::string_view known : entry.extensions)
      if (!known.empty() && known == ext) return entry.format;
  return std::nullopt;
}

std::vector<std::string> known_extensions() {
  std::vector<std::string> extensions;
  for (const auto& entry : kFormats)
    for (std::string_view known : entry.extensions)
      if (!known.empty()) extensions.push_back(fmt::format(".{}", known));
  return extensions;
}

std::string_view format_name(Format format) { return entry_of(format).name; }

std::string_view format_extension(Format format) { return entry_of(format).extensions.front(); }

}  // namespace cloudcast
