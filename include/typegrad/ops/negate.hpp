// typegrad/ops/negate.hpp: unary minus.
#pragma once

#include "typegrad/ops/arithmetic_fwd.hpp"

namespace typegrad {

/// -a.  forward: -a.  backward: d(-a)/da = -1.  symbolic: d(-a) = -da.
struct negate_op {
    static constexpr std::string_view name = "-";
    static constexpr bool batchable = true;
    static constexpr std::string_view symbol = "-";
    static constexpr int precedence = 3;

    template <class T>
    static constexpr local<T> forward(T a) { return {-a, T(0)}; }
    template <class T>
    static constexpr T partial(T, local<T>) { return T(-1); }
    template <class A>
    static constexpr auto derivative(const A&) { return detail::constant_v<-1.0>; }
};

namespace detail {
template <expression A>
constexpr auto make_negate(const A& a) {
    if constexpr (is_constant<A>::value) {
        return constant_v<-A::value>;
    } else if constexpr (is_literal<A>::value) {
        return literal_node{-a.value};
    } else if constexpr (is_op<A, negate_op>::value) {
        return a.arg;  // -(-e) is e
    } else if constexpr (factor<A>::has_coefficient) {
        return make_multiply(constant_v<-1.0>, a);  // -(3*e) is -3*e
    } else {
        return unary_node<negate_op, A>{a};
    }
}
}  // namespace detail

/// -a, folding constants and double negation.
template <expression A>
TYPEGRAD_OPERATOR_LINKAGE constexpr auto operator-(const A& a) {
    return detail::make_negate(a);
}

}  // namespace typegrad

// The five arithmetic ops build one another; including any one of them brings all five.
#include "typegrad/ops/arithmetic.hpp"
