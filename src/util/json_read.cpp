#include "cloudcast/util/json_read.hpp"

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <vector>

#include "cloudcast/error.hpp"

namespace cloudcast::util {

namespace {

// A pointer into the text that records the address of every character nlohmann's lexer
// reads: the SAX events carry no position, so the handler asks where the lexer is.
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at = nullptr;
  const char** last = nullptr;

  const char& operator*() const {
    *last = at;
    return *at;
  }
  TrackingIterator& operator++() {
    ++at;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator copy = *this;
    ++at;
    return copy;
  }
  friend bool operator==(const TrackingIterator& a, const TrackingIterator& b) { return a.at == b.at; }
};

// Length of the UTF-8 character starting at text[i], or 0 when the bytes there are not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  else
    return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  // Overlong forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
  if (lead == 0xE0 && byte(i + 1) < 0xA0) return 0;
  if (lead == 0xED && byte(i + 1) > 0x9F) return 0;
  if (lead == 0xF0 && byte(i + 1) < 0x90) return 0;
  if (lead == 0xF4 && byte(i + 1) > 0x8F) return 0;
  return length;
}

// Builds the document from nlohmann's SAX events (the parser itself is iterative), and
// refuses what nlohmann's own DOM builder accepts silently: a key given twice (it keeps
// the last) and nesting deep enough to exhaust the stack of any recursive walk later.
template <class Json>
class Builder {
 public:
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;

  Builder(std::string_view text, std::string_view display, std::string_view expected, const char* const* last)
      : text_(text), display_(display), expected_(expected), last_(last) {}

  Json take() { return std::move(root_); }

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(number_unsigned_t value) { return add(Json(value)); }
  bool number_float(number_float_t value, const string_t&) { return add(Json(value)); }
  bool string(string_t& value) { return add(Json(std::move(value))); }
  bool binary(binary_t& value) { return add(Json::binary(std::move(value))); }  // never from JSON text

  bool start_object(std::size_t) { return open(Json::object()); }
  bool start_array(std::size_t) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& key) {
    Frame& frame = frames_.back();
    const std::size_t at = key_start();
    if (const auto [first, inserted] = frame.first_at.emplace(key, at); !inserted) {
      const TextPosition before = text_position(text_, first->second);
      fail(at, fmt::format("duplicate key \"{}\" at {}/{} (first at {}:{}); expected each key once per object",
                           text_excerpt(key), pointer(), json_pointer_token(text_excerpt(key)), before.line,
                           before.column));
    }
    frame.key = key;
    slot_ = &(*frame.value)[key];
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& error) {
    if (error.id == 406) {  // out_of_range: a number literal beyond the double range
      const std::size_t start = position >= last_token.size() ? position - last_token.size() : 0;
      fail(start, fmt::format("number {} is out of range; expected a finite number", text_excerpt(last_token)));
    }
    // nlohmann's text reads "[json.exception.parse_error.101] parse error at line 3,
    // column 5: syntax error while parsing ...; last read: '<token>'": keep the part after
    // the place, with the token cut to an excerpt.
    std::string reason = error.what();
    if (const auto colon = reason.find(": ", reason.find("parse error")); colon != std::string::npos)
      reason = reason.substr(colon + 2);
    constexpr std::string_view kLastRead = "; last read: '";
    if (const auto cut = reason.find(kLastRead); cut != std::string::npos)
      reason = fmt::format("{}{}{}'", reason.substr(0, cut), kLastRead, text_excerpt(last_token));
    if (reason.find("; expected") == std::string::npos) reason += fmt::format("; expected {}", expected_);
    // position counts the bytes read, the failing one included.
    fail(position == 0 ? 0 : position - 1, "invalid JSON: " + reason);
    return false;  // not reached: fail() throws
  }

 private:
  struct Frame {
    Json* value = nullptr;
    std::string key;                              // objects: the member being read
    std::map<std::string, std::size_t> first_at;  // objects: key -> offset of its first use
  };

  [[noreturn]] void fail(std::size_t offset, const std::string& what) const {
    const TextPosition at = text_position(text_, offset);
    throw DataError(fmt::format("{}:{}:{}: {}", display_, at.line, at.column, what));
  }

  // The offset of the last character the lexer read.
  std::size_t last_offset() const { return static_cast<std::size_t>(*last_ - text_.data()); }

  // The offset of the opening quote of the key just read: the lexer stops on the closing
  // quote; inside a JSON string every quote is escaped by an odd run of backslashes.
  std::size_t key_start() const {
    std::size_t at = last_offset();
    while (at > 0) {
      --at;
      if (text_[at] != '"') continue;
      std::size_t backslashes = 0;
      while (backslashes < at && text_[at - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return at;
    }
    return at;
  }

  // The JSON pointer of the innermost open container.
  std::string pointer() const {
    std::string result;
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const Frame& parent = frames_[i];
      result += parent.value->is_array() ? fmt::format("/{}", parent.value->size() - 1)
                                         : fmt::format("/{}", json_pointer_token(text_excerpt(parent.key)));
    }
    return result;
  }

  Json* place(Json&& value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *frames_.back().value;
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return &parent.back();
    }
    *slot_ = std::move(value);
    return slot_;
  }

  bool add(Json&& value) {
    place(std::move(value));
    return true;
  }

  bool open(Json&& container) {
    if (frames_.size() >= kMaxJsonDepth) {
      const Frame& parent = frames_.back();
      const std::string next = parent.value->is_array()
                                   ? fmt::format("/{}", parent.value->size())
                                   : fmt::format("/{}", json_pointer_token(text_excerpt(parent.key)));
      fail(last_offset(), fmt::format("nesting deeper than {} levels at {}{}; expected at most {} nested arrays "
                                      "and objects",
                                      kMaxJsonDepth, pointer(), next, kMaxJsonDepth));
    }
    frames_.push_back(Frame{.value = place(std::move(container))});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  std::string_view text_;
  std::string_view display_;
  std::string_view expected_;
  const char* const* last_;
  Json root_;
  std::vector<Frame> frames_;
  Json* slot_ = nullptr;  // objects: where the value of the key just read goes
};

}  // namespace

TextPosition text_position(std::string_view text, std::size_t offset) {
  TextPosition p;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

std::string json_pointer_token(std::string_view key) {
  std::string escaped;
  for (char c : key) escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
  return escaped;
}

std::string text_excerpt(std::string_view text, std::size_t max_bytes) {
  // Bytes that are not UTF-8 become U+FFFD, so an excerpt is always valid text (messages
  // end up in JSON reports, e.g. a batch index's "error").
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_length(text, i);
    if (out.size() + (length == 0 ? 3 : length) > max_bytes) return out + "...";
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

template <class Json>
std::string json_excerpt(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object:
      return value.empty() ? "{}" : "an object";
    case Json::value_t::array:
      return value.empty() ? "[]" : "an array";
    case Json::value_t::string:
      return fmt::format("\"{}\"", text_excerpt(value.template get_ref<const std::string&>()));
    case Json::value_t::binary:
      return "binary data";
    default:
      return value.dump();  // null, booleans and numbers are short
  }
}

template <class Json>
Json parse_json_text(std::string_view text, std::string_view display, std::string_view expected) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
    throw DataError(fmt::format("{}:1:1: empty file; expected {}", display, expected));
  const char* last = text.data();
  Builder<Json> builder(text, display, expected, &last);
  const TrackingIterator first{text.data(), &last}, end{text.data() + text.size(), &last};
  Json::sax_parse(first, end, &builder);  // every failure throws from the builder
  return builder.take();
}

template nlohmann::json parse_json_text<nlohmann::json>(std::string_view, std::string_view, std::string_view);
template nlohmann::ordered_json parse_json_text<nlohmann::ordered_json>(std::string_view, std::string_view,
                                                                        std::string_view);
template std::string json_excerpt<nlohmann::json>(const nlohmann::json&);
template std::string json_excerpt<nlohmann::ordered_json>(const nlohmann::ordered_json&);

}  // namespace cloudcast::util
