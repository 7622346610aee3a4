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

// The operator that builds w * x, as each translation unit sees it: one function with external linkage,
// a function per translation unit with internal linkage (g++'s default: see TYPEGRAD_OPERATOR_LINKAGE).
using times_operator = decltype(&tg::operator*<tg::parameter_node<"w">, tg::input_node<"x">>);
times_operator times_in_a();
times_operator times_in_b();

// The loss's plan as each translation unit sees it: one variable with external linkage, a variable per
// translation unit with internal linkage (g++'s default when optimizing: see TYPEGRAD_TABLE_LINKAGE).
const void* plan_in_a();
const void* plan_in_b();
}  // namespace odr
