// typegrad/ops/elu.hpp: the exponential linear unit.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/step.hpp"

namespace typegrad {

/// elu_grad<alpha>(a) = 1 if a > 0, else alpha*e^a: elu's derivative as a node of its own, so that it
/// stays exact for very negative a (written as elu(a) + alpha it would cancel to 0 near a = -40).
/// backward: 0 if a > 0, else alpha*e^a.  symbolic: d = (elu_grad(a) - step(a))*da.
template <double Alpha>
struct elu_grad_op {
    static constexpr std::string_view name = "elu_grad";
    static constexpr bool batchable = true;
    static constexpr double setting = Alpha;

    template <class T>
    static local<T> forward(T a) {
        if constexpr (math::is_scalar_v<T>) return {a > T(0) ? T(1) : T(Alpha) * math::exp(a), T(0)};
        else return {math::select(a > T(0), T(1), T(Alpha) * math::exp(math::select(a > T(0), T(0), a))), T(0)};
    }
    template <class T>
    static constexpr T partial(T a, local<T> f) { return math::select(a > T(0), T(0), f.value); }
    template <class A>
    static constexpr auto derivative(const A& a) {
        return detail::make_subtract(apply<elu_grad_op>(a), apply<step_op>(a));
    }
};

/// elu<alpha>(a) = a if a > 0, else alpha*(e^a - 1).  forward: alpha*expm1(a) for a <= 0 (no
/// cancellation near 0).  backward: 1 if a > 0, else alpha*e^a (elu'(0) = alpha, as PyTorch).
/// symbolic: d(elu a) = elu_grad(a)*da.
template <double Alpha>
struct elu_op {
    static constexpr std::string_view name = "elu";
    static constexpr bool batchable = true;
    static constexpr double setting = Alpha;

    template <class T>
    static local<T> forward(T a) {
        // Numbers take one branch; lanes compute both, so the exp side sees min(a, 0) (no overflow).
        if constexpr (math::is_scalar_v<T>) return {a > T(0) ? a : T(Alpha) * math::expm1(a), T(0)};
        else return {math::select(a > T(0), a, T(Alpha) * math::expm1(math::select(a > T(0), T(0), a))), T(0)};
    }
    template <class T>
    static T partial(T a, local<T>) {
        if constexpr (math::is_scalar_v<T>) return a > T(0) ? T(1) : T(Alpha) * math::exp(a);
        else return math::select(a > T(0), T(1), T(Alpha) * math::exp(math::select(a > T(0), T(0), a)));
    }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<elu_grad_op<Alpha>>(a); }
};

template <double Alpha>
struct elu_fn : detail::op_fn<elu_op<Alpha>> {};
/// elu<alpha>(e); alpha is a compile-time constant (`elu<>` is alpha = 1, as PyTorch).
template <auto Alpha = 1.0>
inline constexpr elu_fn<static_cast<double>(Alpha)> elu{};

}  // namespace typegrad
