// typegrad/ops/tanh.hpp: hyperbolic tangent.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/hyperbolic.hpp"
#include "typegrad/ops/square.hpp"

namespace typegrad {

/// tanh(a).
/// forward: std::tanh(a) for |a| < 0.55; beyond, (1 - e)/(1 + e) with e = exp(-2|a|), which is then
///          cancellation-free, and e is kept for the reverse sweep. One libm call either way.
/// backward: 1 - t^2 where that is exact enough (|a| < 0.55, so t^2 < 0.25); 4e/(1 + e)^2 beyond,
///           where 1 - t^2 would cancel (at a = 10 it would lose 8 digits).
/// symbolic: d(tanh a) = 1/cosh(a)^2*da, stable for the same reason.
struct tanh_op {
    static constexpr std::string_view name = "tanh";
    static constexpr bool batchable = true;
    static constexpr double switch_point = 0.55;

    template <class T>
    static local<T> forward(T a) {
        if constexpr (math::is_scalar_v<T>) {
            if (math::abs(a) < T(switch_point)) return {math::tanh(a), T(-1)};
            const T e = math::exp(T(-2) * math::abs(a));
            const T t = (T(1) - e) / (T(1) + e);
            return {a < T(0) ? -t : t, e};
        } else {  // lanes: both branches, then a choice per lane
            const T e = math::exp(T(-2) * math::abs(a));
            const T t = (T(1) - e) / (T(1) + e);
            const auto central = math::abs(a) < T(switch_point);
            return {math::select(central, math::tanh(a), math::select(a < T(0), -t, t)),
                    math::select(central, T(-1), e)};
        }
    }
    template <class T>
    static constexpr T partial(T, local<T> f) {
        const T d = T(1) + f.aux;  // aux -1 marks the central branch
        if constexpr (math::is_scalar_v<T>) {
            if (f.aux < T(0)) return T(1) - f.value * f.value;
            return T(4) * f.aux / (d * d);
        } else {
            return math::select(f.aux < T(0), T(1) - f.value * f.value, T(4) * f.aux / (d * d));
        }
    }
    template <class A>
    static constexpr auto derivative(const A& a) {
        return detail::make_divide(c<1>, apply<square_op>(apply<cosh_op>(a)));
    }
};

struct tanh_fn : detail::op_fn<tanh_op> {};
/// tanh(e): the hyperbolic tangent.
inline constexpr tanh_fn tanh{};

}  // namespace typegrad
