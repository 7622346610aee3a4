// typegrad/nn/init.hpp: initialising parameters from a seeded generator.
#pragma once

#include <cmath>
#include <cstddef>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/data/random.hpp"

namespace typegrad {

/// Sets each listed parameter to a uniform value in [low, high).
template <class Set, class... Leaves>
void init_uniform(Set& theta, random_generator& rng, double low, double high, const Leaves&... params) {
    ((theta[params] = static_cast<typename Set::value_type>(rng.uniform(low, high))), ...);
}

/// Sets each listed parameter to a normal value (mean, sd).
template <class Set, class... Leaves>
void init_normal(Set& theta, random_generator& rng, double mean, double sd, const Leaves&... params) {
    ((theta[params] = static_cast<typename Set::value_type>(rng.normal(mean, sd))), ...);
}

/// Glorot (Xavier) uniform initialisation of the weights of one layer with fan_in inputs and fan_out
/// outputs per unit: uniform in +-sqrt(6/(fan_in + fan_out)). Biases are usually left at 0.
template <class Set, class... Leaves>
void init_glorot(Set& theta, random_generator& rng, std::size_t fan_in, std::size_t fan_out, const Leaves&... weights) {
    const double limit = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
    init_uniform(theta, rng, -limit, limit, weights...);
}

}  // namespace typegrad
