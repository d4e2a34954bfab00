#pragma once
// How simulate() draws its paths (McOptions::sampling): plain Monte Carlo or Latin
// Hypercube. The sampler itself is the library's own (src/model/sampling.hpp).

#include <string_view>

namespace cloudcast::model {

enum class SamplingMethod { monte_carlo, latin_hypercube };

// "mc" or "lhs"; UsageError naming --sampling otherwise.
SamplingMethod parse_sampling(std::string_view name);
std::string_view sampling_name(SamplingMethod method);

}  // namespace cloudcast::model
