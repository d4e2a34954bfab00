#pragma once
// A tiny XML well-formedness check for the HTML and SVG renderers' tests: every tag
// closed in order, attributes quoted, entities known. Not a validator: enough to catch
// an unclosed element, a stray '<' or '&' from unescaped text.
#include <string>
#include <string_view>
#include <vector>

namespace cloudcast::test {

// Empty when well-formed, else what is wrong and at which byte.
inline std::string xml_problem(std::string_view xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  auto at = [&](std::string_view what) { return std::string(what) + " at byte " + std::to_string(i); };
  while (i < xml.size()) {
    if (xml[i] == '&') {
      const std::size_t end = xml.find(';', i);
      if (end == std::string_view::npos) return at("unterminated entity");
      const std::string_view name = xml.substr(i + 1, end - i - 1);
      if (name != "amp" && name != "lt" && name != "gt" && name != "quot" && name != "apos" && name.rfind('#', 0) != 0)
        return at("unknown entity &" + std::string(name) + ";");
      i = end + 1;
      continue;
    }
    if (xml[i] == '>') return at("stray '>'");
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    if (xml.substr(i, 4) == "<!--") {
      const std::size_t end = xml.find("-->", i);
      if (end == std::string_view::npos) return at("unterminated comment");
      i = end + 3;
      continue;
    }
    if (xml.substr(i, 2) == "<?" || xml.substr(i, 2) == "<!") {
      const std::size_t end = xml.find('>', i);
      if (end == std::string_view::npos) return at("unterminated declaration");
      i = end + 1;
      continue;
    }
    // A tag: scan to its '>' outside quoted attribute values.
    std::size_t j = i + 1;
    char quote = 0;
    for (; j < xml.size(); ++j) {
      if (quote != 0) {
        if (xml[j] == quote)
          quote = 0;
        else if (xml[j] == '<')
          return at("'<' inside an attribute value");
      } else if (xml[j] == '"' || xml[j] == '\'') {
        quote = xml[j];
      } else if (xml[j] == '>') {
        break;
      } else if (xml[j] == '<') {
        return at("'<' inside a tag");
      }
    }
    if (j >= xml.size()) return at("unterminated tag");
    std::string_view tag = xml.substr(i + 1, j - i - 1);
    const bool closing = !tag.empty() && tag.front() == '/';
    const bool empty = !tag.empty() && tag.back() == '/';
    if (closing) tag.remove_prefix(1);
    const std::string name(tag.substr(0, tag.find_first_of(" \t\n/")));
    if (name.empty()) return at("tag without a name");
    if (closing) {
      if (open.empty() || open.back() != name)
        return at("</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">"));
      open.pop_back();
    } else if (!empty) {
      open.push_back(name);
    }
    i = j + 1;
  }
  if (!open.empty()) return "unclosed <" + open.back() + ">";
  return {};
}

}  // namespace cloudcast::test
