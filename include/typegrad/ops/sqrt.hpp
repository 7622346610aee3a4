// typegrad/ops/sqrt.hpp: square root.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

/// sqrt(a), a >= 0.  forward: r = math::sqrt(a).  backward: 1/(2r), reusing r.
/// symbolic: d(sqrt a) = 0.5/sqrt(a)*da.
struct sqrt_op {
    static constexpr std::string_view name = "sqrt";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) { return {math::sqrt(a), T(0)}; }
    template <class T>
    static constexpr T partial(T, local<T> f) { return T(0.5) / f.value; }
    template <class A>
    static constexpr auto derivative(const A& a) { return detail::make_divide(c<0.5>, apply<sqrt_op>(a)); }
};

struct sqrt_fn : detail::op_fn<sqrt_op> {};
/// sqrt(e): the square root.
inline constexpr sqrt_fn sqrt{};

}  // namespace typegrad
