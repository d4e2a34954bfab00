#pragma once
// The JSON text of every document cloudcast writes (reports, batch indexes, model dumps).

#include <nlohmann/json.hpp>

#include <string>

namespace cloudcast::util {

// value.dump(indent), except that bytes which are not UTF-8 become U+FFFD: paths come
// from the file system as bytes (`--data $'d\xff'`), and nlohmann's default throws
// type_error 316 on them, which would lose a whole report for one odd file name.
template <class Json>
std::string json_text(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace cloudcast::util
