// typegrad/ops/square.hpp: a^2.
#pragma once

#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

/// square(a) = a^2.  forward: a*a.  backward: 2a.  symbolic: d(a^2) = 2*a*da.
struct square_op {
    static constexpr std::string_view name = "square";
    static constexpr bool batchable = true;
    static constexpr int power = 2;  // prints as a^2

    template <class T>
    static constexpr local<T> forward(T a) { return {a * a, T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return T(2) * a; }
    // total + a^2 as one expression, for a sum of squares (see doc/ops.md).
    template <class T>
    static constexpr T add_to(T total, T a) { return total + a * a; }
    template <class A>
    static constexpr auto derivative(const A& a) { return detail::make_multiply(c<2>, a); }
};

struct square_fn : detail::op_fn<square_op> {};
/// square(e): e^2, e.g. a squared residual `square(y - net)`.
inline constexpr square_fn square{};

}  // namespace typegrad
