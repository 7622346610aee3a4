// typegrad/ops/hyperbolic.hpp: sinh and cosh, each the other's derivative.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

struct cosh_op;

/// sinh(a).  forward: std::sinh.  backward: cosh(a).  symbolic: d(sinh a) = cosh(a)*da.
struct sinh_op {
    static constexpr std::string_view name = "sinh";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) { return {math::sinh(a), T(0)}; }
    template <class T>
    static T partial(T a, local<T>) { return math::cosh(a); }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<cosh_op>(a); }
};

/// cosh(a).  forward: std::cosh.  backward: sinh(a).  symbolic: d(cosh a) = sinh(a)*da.
struct cosh_op {
    static constexpr std::string_view name = "cosh";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) { return {math::cosh(a), T(0)}; }
    template <class T>
    static T partial(T a, local<T>) { return math::sinh(a); }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<sinh_op>(a); }
};

struct sinh_fn : detail::op_fn<sinh_op> {};
/// sinh(e): the hyperbolic sine.
inline constexpr sinh_fn sinh{};

struct cosh_fn : detail::op_fn<cosh_op> {};
/// cosh(e): the hyperbolic cosine.
inline constexpr cosh_fn cosh{};

}  // namespace typegrad
