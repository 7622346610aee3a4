// typegrad/ops/abs.hpp: absolute value.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/step.hpp"

namespace typegrad {

/// abs(a) = |a|.  forward: |a| (constexpr).  backward: sign(a), 0 at a = 0 as in PyTorch.
/// symbolic: d|a| = sign(a)*da.
struct abs_op {
    static constexpr std::string_view name = "abs";
    static constexpr bool batchable = true;

    template <class T>
    static constexpr local<T> forward(T a) { return {math::abs(a), T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return sign_op::forward(a).value; }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<sign_op>(a); }
};

struct abs_fn : detail::op_fn<abs_op> {};
/// abs(e): |e|.
inline constexpr abs_fn abs{};

}  // namespace typegrad
