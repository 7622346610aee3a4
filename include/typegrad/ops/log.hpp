// typegrad/ops/log.hpp: natural logarithm.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

/// log(a), a > 0.  forward: ln a.  backward: 1/a.  symbolic: d(log a) = da/a.
struct log_op {
    static constexpr std::string_view name = "log";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) { return {math::log(a), T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return T(1) / a; }
    template <class A>
    static constexpr auto derivative(const A& a) { return detail::make_divide(c<1>, a); }
};

struct log_fn : detail::op_fn<log_op> {};
/// log(e): the natural logarithm.
inline constexpr log_fn log{};

}  // namespace typegrad
