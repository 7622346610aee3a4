// The primer's dosage network, shared by the tests: inputs x and y, parameters w1..w4 and b1..b3, and
// net = w3*softplus(w1*x + b1) + w4*softplus(w2*x + b2) + b3 (example/neuron.cpp).
#pragma once

#include <typegrad/gradient.hpp>

namespace typegrad_test::primer {
inline constexpr auto x = typegrad::input<"x">;
inline constexpr auto y = typegrad::input<"y">;
inline constexpr auto w1 = typegrad::param<"w1">;
inline constexpr auto b1 = typegrad::param<"b1">;
inline constexpr auto w2 = typegrad::param<"w2">;
inline constexpr auto b2 = typegrad::param<"b2">;
inline constexpr auto w3 = typegrad::param<"w3">;
inline constexpr auto w4 = typegrad::param<"w4">;
inline constexpr auto b3 = typegrad::param<"b3">;
inline constexpr auto net = w3 * typegrad::softplus(w1 * x + b1) + w4 * typegrad::softplus(w2 * x + b2) + b3;
}  // namespace typegrad_test::primer
