// typegrad/ops/log1p.hpp: log(1 + a), accurate for small a.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

/// log1p(a) = log(1 + a), a > -1.  forward: std::log1p.  backward: 1/(1 + a).
/// symbolic: d(log1p a) = da/(1 + a).
struct log1p_op {
    static constexpr std::string_view name = "log1p";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) { return {math::log1p(a), T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return T(1) / (T(1) + a); }
    template <class A>
    static constexpr auto derivative(const A& a) { return detail::make_divide(c<1>, detail::make_add(c<1>, a)); }
};

struct log1p_fn : detail::op_fn<log1p_op> {};
/// log1p(e): log(1 + e) without the cancellation of log(1 + e) for small e.
inline constexpr log1p_fn log1p{};

}  // namespace typegrad
