// typegrad/ops/arithmetic_fwd.hpp: the folding builders behind + - * / and unary minus. Each is defined
// beside its op (ops/add.hpp, ...); the declarations let the ops' derivative rules use one another.
#pragma once

#include "typegrad/core/op_contract.hpp"

namespace typegrad {
struct negate_op;
struct add_op;
struct subtract_op;
struct multiply_op;
struct divide_op;
}  // namespace typegrad

namespace typegrad::detail {

template <expression A>
constexpr auto make_negate(const A& a);
template <expression A, expression B>
constexpr auto make_add(const A& a, const B& b);
template <expression A, expression B>
constexpr auto make_subtract(const A& a, const B& b);
template <expression A, expression B>
constexpr auto make_multiply(const A& a, const B& b);
template <expression A, expression B>
constexpr auto make_divide(const A& a, const B& b);

/// A compile-time constant with -0.0 normalised to 0.0, so every zero is the one type c<0>.
template <double V>
inline constexpr constant_node<(V == 0.0 ? 0.0 : V)> constant_v{};

template <class T>
struct is_number : std::bool_constant<is_constant<T>::value || is_literal<T>::value> {};

/// Whether a + b or a - b folds to something other than a sum or difference node (make_add's and
/// make_subtract's cases: a zero, two constants, two numbers, a negated right side). operator+ and
/// operator- build the node themselves otherwise.
template <class A, class B>
struct sum_folds : std::bool_constant<is_zero<A>::value || is_zero<B>::value ||
                                      (is_constant<A>::value && is_constant<B>::value) ||
                                      (is_number<A>::value && is_number<B>::value) || is_op<B, negate_op>::value> {};

/// The value of a constant or literal node.
template <class E>
constexpr double number_value(const E& e) {
    if constexpr (is_constant<E>::value) return E::value;
    else return e.value;
}

/// A product in normal form is `k * rest`, where k is a compile-time constant or a run-time literal.
/// factor<E> splits E into that coefficient and the rest.
template <class E>
struct factor {
    static constexpr double constant = 1.0;  // the compile-time part of the coefficient
    static constexpr bool has_literal = false;
    static constexpr bool has_rest = true;
    static constexpr bool has_coefficient = false;
    static constexpr double literal(const E&) { return 1.0; }
    static constexpr const E& rest(const E& e) { return e; }
};
template <double V>
struct factor<constant_node<V>> {
    static constexpr double constant = V;
    static constexpr bool has_literal = false;
    static constexpr bool has_rest = false;
    static constexpr bool has_coefficient = true;
    static constexpr double literal(const constant_node<V>&) { return 1.0; }
};
template <>
struct factor<literal_node> {
    static constexpr double constant = 1.0;
    static constexpr bool has_literal = true;
    static constexpr bool has_rest = false;
    static constexpr bool has_coefficient = true;
    static constexpr double literal(const literal_node& e) { return e.value; }
};
template <double V, class R>
struct factor<binary_node<multiply_op, constant_node<V>, R>> {
    static constexpr double constant = V;
    static constexpr bool has_literal = false;
    static constexpr bool has_rest = true;
    static constexpr bool has_coefficient = true;
    static constexpr double literal(const binary_node<multiply_op, constant_node<V>, R>&) { return 1.0; }
    static constexpr const R& rest(const binary_node<multiply_op, constant_node<V>, R>& e) { return e.rhs; }
};
template <class R>
struct factor<binary_node<multiply_op, literal_node, R>> {
    static constexpr double constant = 1.0;
    static constexpr bool has_literal = true;
    static constexpr bool has_rest = true;
    static constexpr bool has_coefficient = true;
    static constexpr double literal(const binary_node<multiply_op, literal_node, R>& e) { return e.lhs.value; }
    static constexpr const R& rest(const binary_node<multiply_op, literal_node, R>& e) { return e.rhs; }
};

template <class A>
struct factor<unary_node<negate_op, A>> {  // -a is -1 * a: the sign joins the coefficient
    static constexpr double constant = -1.0;
    static constexpr bool has_literal = false;
    static constexpr bool has_rest = true;
    static constexpr bool has_coefficient = true;
    static constexpr double literal(const unary_node<negate_op, A>&) { return 1.0; }
    static constexpr const A& rest(const unary_node<negate_op, A>& e) { return e.arg; }
};
}  // namespace typegrad::detail
