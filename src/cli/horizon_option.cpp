#include "cli/horizon_option.hpp"

#include <fmt/format.h>

#include "cloudcast/model/engine.hpp"
#include "cloudcast/util/parse.hpp"

namespace cloudcast::cli {

void add_horizon_option(boost::program_options::options_description& desc, std::string& text, std::string_view what,
                        bool short_name) {
  const std::string help = fmt::format("{}, 1..{} (default {})", what, model::kMaxHorizon, text);
  desc.add_options()(short_name ? "horizon,H" : "horizon", boost::program_options::value(&text), help.c_str());
}

int parse_horizon(const std::string& text) {
  return static_cast<int>(util::parse_int(text, 1, model::kMaxHorizon, "--horizon"));
}

}  // namespace cloudcast::cli
