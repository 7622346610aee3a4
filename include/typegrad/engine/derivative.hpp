// typegrad/engine/derivative.hpp: symbolic differentiation, d(e, v).
#pragma once

#include <type_traits>

#include "typegrad/core/op_contract.hpp"
#include "typegrad/engine/graph.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

namespace detail {

/// An error naming V here means: d(e, v) was asked for a derivative with respect to V, which is not a
/// parameter or an input. Differentiate with respect to a leaf such as param<"w1"> or input<"x">.
template <class V>
struct d_requires_a_parameter_or_input {
    static_assert(sizeof(V) == 0 && sizeof(V) != 0,
                  "typegrad: d(e, v) differentiates with respect to a leaf: 'v' must be a parameter or an input, "
                  "not a compound expression or a constant");
};

/// The chain rule, structurally: leaves give 1 or 0, ops give their rule applied to their operands'
/// derivatives. Subtrees that do not contain v give c<0> without being visited. The operators fold
/// as they build, so zeros vanish and ones disappear.
template <class V, class E>
constexpr auto derivative(const E& e) {
    if constexpr (!contains_v<E, V>) {
        return c<0>;
    } else if constexpr (std::is_same<E, V>::value) {
        return c<1>;
    } else if constexpr (E::kind::value == node_kind::unary) {
        using A = std::remove_cvref_t<decltype(e.arg)>;
        check_unary_derivative<typename E::op, A>();
        return make_multiply(E::op::derivative(e.arg), derivative<V>(e.arg));
    } else {
        using A = std::remove_cvref_t<decltype(e.lhs)>;
        using B = std::remove_cvref_t<decltype(e.rhs)>;
        const auto da = derivative<V>(e.lhs);
        const auto db = derivative<V>(e.rhs);
        check_binary_derivative<typename E::op, A, B, decltype(da), decltype(db)>();
        return E::op::derivative(e.lhs, e.rhs, da, db);
    }
}

}  // namespace detail

struct d_fn {
    template <expression E, expression V>
    constexpr auto operator()(const E& e, const V&) const {
        if constexpr (!leaf_expression<V>) {
            (void)sizeof(detail::d_requires_a_parameter_or_input<V>);
            return c<0>;
        } else {
            return detail::derivative<V>(e);
        }
    }
};
/// d(e, v): the derivative of e with respect to the parameter or input v, as a new expression built at
/// compile time by the chain rule and simplified as it is built. Printable, evaluable, and
/// differentiable again: d(d(e, x), x). See example/chain_rule.cpp.
inline constexpr d_fn d{};

}  // namespace typegrad
