// typegrad/ops/subtract.hpp: a - b.
#pragma once

#include "typegrad/ops/arithmetic_fwd.hpp"

namespace typegrad {

/// a - b.  forward: a - b.  backward: partials 1, -1.  symbolic: d(a - b) = da - db.
struct subtract_op {
    static constexpr std::string_view name = "-";
    static constexpr bool batchable = true;
    static constexpr std::string_view symbol = " - ";
    static constexpr int precedence = 1;

    template <class T>
    static constexpr local<T> forward(T a, T b) { return {a - b, T(0)}; }
    template <class T>
    static constexpr partial_pair<T> partials(T, T, local<T>) { return {T(1), T(-1)}; }
    // p * q - b and a - p * q as single expressions, for an operand that is a product (see doc/ops.md).
    template <class T>
    static constexpr T forward_product_lhs(T p, T q, T b) { return p * q - b; }
    template <class T>
    static constexpr T forward_product_rhs(T a, T p, T q) { return a - p * q; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A&, const B&, const DA& da, const DB& db) {
        return detail::make_subtract(da, db);
    }
};

namespace detail {
template <expression A, expression B>
constexpr auto make_subtract(const A& a, const B& b) {
    if constexpr (is_zero<B>::value) {
        return a;
    } else if constexpr (is_zero<A>::value) {
        return make_negate(b);
    } else if constexpr (is_constant<A>::value && is_constant<B>::value) {
        return constant_v<A::value - B::value>;
    } else if constexpr (is_number<A>::value && is_number<B>::value) {
        return literal_node{number_value(a) - number_value(b)};
    } else if constexpr (is_op<B, negate_op>::value) {
        return make_add(a, b.arg);  // a - (-b) is a + b
    } else {
        return binary_node<subtract_op, A, B>{a, b};
    }
}
}  // namespace detail

/// a - b, folding zeros and numbers.
template <operand A, operand B>
    requires(expression<A> || expression<B>)
TYPEGRAD_OPERATOR_LINKAGE constexpr auto operator-(const A& a, const B& b) {
    using EA = detail::expression_t<A>;
    using EB = detail::expression_t<B>;
    // As operator+: a difference that folds nothing is built here, with no make_subtract in between
    // (one function fewer named after both operands, which g++ mangles).
    if constexpr (detail::sum_folds(detail::fold_shape<EA>::value, detail::fold_shape<EB>::value))
        return detail::make_subtract(EA(a), EB(b));
    else
        return binary_node<subtract_op, EA, EB>{EA(a), EB(b)};
}

}  // namespace typegrad

// The five arithmetic ops build one another; including any one of them brings all five.
#include "typegrad/ops/arithmetic.hpp"
