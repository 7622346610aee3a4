// typegrad/ops/step.hpp: the Heaviside step and the sign function, the derivatives of relu and abs.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

/// step(a) = 1 if a > 0, else 0 (step(0) = 0, so relu'(0) = 0 as in PyTorch).
/// backward: 0.  symbolic: d(step a) = 0.
struct step_op {
    static constexpr std::string_view name = "step";
    static constexpr bool batchable = true;

    template <class T>
    static constexpr local<T> forward(T a) { return {math::select(a > T(0), T(1), T(0)), T(0)}; }
    template <class T>
    static constexpr T partial(T, local<T>) { return T(0); }
    template <class A>
    static constexpr auto derivative(const A&) { return c<0>; }
};

/// sign(a) = 1, 0 or -1 as a > 0, a = 0, a < 0 (sign(0) = 0, so abs'(0) = 0 as in PyTorch).
/// backward: 0.  symbolic: d(sign a) = 0.
struct sign_op {
    static constexpr std::string_view name = "sign";
    static constexpr bool batchable = true;

    template <class T>
    static constexpr local<T> forward(T a) { return {math::select(a > T(0), T(1), math::select(a < T(0), T(-1), T(0))), T(0)}; }
    template <class T>
    static constexpr T partial(T, local<T>) { return T(0); }
    template <class A>
    static constexpr auto derivative(const A&) { return c<0>; }
};

struct step_fn : detail::op_fn<step_op> {};
/// step(e): 1 where e > 0, else 0.
inline constexpr step_fn step{};

struct sign_fn : detail::op_fn<sign_op> {};
/// sign(e): 1, 0 or -1.
inline constexpr sign_fn sign{};

}  // namespace typegrad
