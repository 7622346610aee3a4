// The same expressions, parameter set and gradient used from two translation units.
#pragma once

#include <typegrad.hpp>

namespace odr {
namespace tg = typegrad;
inline constexpr auto x = tg::input<"x">;
inline constexpr auto y = tg::input<"y">;
inline constexpr auto w = tg::param<"w">;
inline constexpr auto b = tg::param<"b">;
inline constexpr auto loss = tg::square(y - tg::softplus(w * x + b));
using parameters = tg::parameter_set_for_t<double, decltype(loss)>;

double gradient_a(const parameters& theta, parameters& g);
double gradient_b(const parameters& theta, parameters& g);
}  // namespace odr
