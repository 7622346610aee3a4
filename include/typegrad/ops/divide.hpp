// typegrad/ops/divide.hpp: a / b.
#pragma once

#include "typegrad/ops/arithmetic_fwd.hpp"

namespace typegrad {

/// a / b.  forward: q = a/b.  backward: partials 1/b, -q/b.
/// symbolic: d(a/b) = da/b - a*db/(b*b).
struct divide_op {
    static constexpr std::string_view name = "/";
    static constexpr bool batchable = true;
    static constexpr std::string_view symbol = "/";
    static constexpr int precedence = 2;

    template <class T>
    static constexpr local<T> forward(T a, T b) { return {a / b, T(0)}; }
    template <class T>
    static constexpr partial_pair<T> partials(T, T b, local<T> f) { return {T(1) / b, -f.value / b}; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A& a, const B& b, const DA& da, const DB& db) {
        return detail::make_subtract(detail::make_divide(da, b),
                                     detail::make_divide(detail::make_multiply(a, db), detail::make_multiply(b, b)));
    }
};

namespace detail {
template <expression A, expression B>
constexpr auto make_divide(const A& a, const B& b) {
    static_assert(!is_zero<B>::value, "typegrad: division by the constant c<0>");
    if constexpr (is_one<B>::value) {
        return a;
    } else if constexpr (is_zero<A>::value) {
        return constant_v<0.0>;
    } else if constexpr (is_constant<A>::value && is_constant<B>::value) {
        return constant_v<A::value / B::value>;
    } else if constexpr (is_number<A>::value && is_number<B>::value) {
        return literal_node{number_value(a) / number_value(b)};
    } else {
        return binary_node<divide_op, A, B>{a, b};
    }
}
}  // namespace detail

/// a / b, folding numbers.
template <operand A, operand B>
    requires(expression<A> || expression<B>)
TYPEGRAD_OPERATOR_LINKAGE constexpr auto operator/(const A& a, const B& b) {
    return detail::make_divide(detail::expression_t<A>(a), detail::expression_t<B>(b));
}

}  // namespace typegrad

// The five arithmetic ops build one another; including any one of them brings all five.
#include "typegrad/ops/arithmetic.hpp"
