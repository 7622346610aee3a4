// typegrad/ops/arithmetic_fwd.hpp: the folding builders behind + - * / and unary minus. Each is defined
// beside its op (ops/add.hpp, ...); the declarations let the ops' derivative rules use one another.
#pragma once

#include "typegrad/core/op_contract.hpp"

// The arithmetic operators' linkage. g++ gives every function template instantiation with external
// linkage a COMDAT group named by its mangled name, and names it before it drops the ones never emitted
// (an operator that only builds an expression is never emitted). An operator's name spells both operand
// types, so the `+`s of a long sum cost g++ O(n^2) characters of mangling: 7% of its instructions at -O2
// for a 940-node network. With internal linkage an instantiation has no group, and g++ mangles it only if
// it emits it. clang mangles only what it emits, so there the operators keep external linkage.
// Internal linkage has a price (see doc/reference.md, "Linkage"): a header's inline function or
// variable that uses an operator refers to a different function in each translation unit, which the
// standard makes an ODR violation (no compiler reports it, and the copies are the same), and a module
// interface may not export such a use. Define TYPEGRAD_OPERATOR_LINKAGE empty before including typegrad
// to give the operators external linkage on g++ too, at the cost in compile time.
#ifndef TYPEGRAD_OPERATOR_LINKAGE
#if defined(__GNUC__) && !defined(__clang__)
#define TYPEGRAD_OPERATOR_LINKAGE static
#else
#define TYPEGRAD_OPERATOR_LINKAGE
#endif
#endif

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

/// What the operators' folding asks of an operand, as the bits of one enumerator: one small class per
/// operand type, where separate traits (is_zero, is_constant, is_literal, is_op, factor) were several per
/// operand of every operator written (940-node network: 2.47 -> 2.32 G instructions of g++ to build the
/// expression).
enum fold_bits : unsigned {
    fold_zero = 1,
    fold_constant = 2,
    fold_literal = 4,
    fold_negate = 8,
    fold_coefficient = 16
};
template <class E>
struct fold_shape {
    enum : unsigned { value = 0 };
};
template <double V>
struct fold_shape<constant_node<V>> {
    enum : unsigned {
        value = (V == 0.0 ? unsigned{fold_zero} : 0u) | unsigned{fold_constant} | unsigned{fold_coefficient}
    };
};
template <>
struct fold_shape<literal_node> {
    enum : unsigned { value = unsigned{fold_literal} | unsigned{fold_coefficient} };
};
template <double V, class R>
struct fold_shape<binary_node<multiply_op, constant_node<V>, R>> {
    enum : unsigned { value = fold_coefficient };
};
template <class R>
struct fold_shape<binary_node<multiply_op, literal_node, R>> {
    enum : unsigned { value = fold_coefficient };
};
template <class A>
struct fold_shape<unary_node<negate_op, A>> {
    enum : unsigned { value = unsigned{fold_negate} | unsigned{fold_coefficient} };
};

/// Whether a + b or a - b folds to something other than a sum or difference node, from the operands'
/// fold_shape values (make_add's and make_subtract's cases: a zero, two constants, two numbers, a negated
/// right side). operator+ and operator- build the node themselves otherwise.
constexpr bool sum_folds(unsigned a, unsigned b) {
    constexpr unsigned number = unsigned{fold_constant} | unsigned{fold_literal};
    return ((a | b) & fold_zero) != 0 || ((a & fold_constant) != 0 && (b & fold_constant) != 0) ||
           ((a & number) != 0 && (b & number) != 0) || (b & fold_negate) != 0;
}

/// Whether a * b is something other than a product node of a and b as they are, from the operands'
/// fold_shape values (make_multiply's cases: either operand carries a numeric factor, as factor<E> says).
constexpr bool multiply_folds(unsigned a, unsigned b) { return ((a | b) & fold_coefficient) != 0; }

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
