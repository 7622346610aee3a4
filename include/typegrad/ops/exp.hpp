// typegrad/ops/exp.hpp: e^a.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

/// exp(a).  forward: e^a.  backward: e^a, the forward value itself.  symbolic: d(e^a) = e^a*da.
struct exp_op {
    static constexpr std::string_view name = "exp";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) { return {math::exp(a), T(0)}; }
    template <class T>
    static constexpr T partial(T, local<T> f) { return f.value; }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<exp_op>(a); }
};

struct exp_fn : detail::op_fn<exp_op> {};
/// exp(e): e raised to the expression.
inline constexpr exp_fn exp{};

}  // namespace typegrad
