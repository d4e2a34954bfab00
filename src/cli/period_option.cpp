#include "cli/period_option.hpp"

namespace cloudcast::cli {

void add_period_option(boost::program_options::options_description& desc, std::string& text) {
  desc.add_options()("period", boost::program_options::value(&text),
                     "quarter (default), cy (calendar years) or fy (each company's fiscal years): flows summed, "
                     "ratios recomputed from the sums, partial years marked");
}

model::Period parse_period_option(const std::string& text) { return model::parse_period(text); }

}  // namespace cloudcast::cli
