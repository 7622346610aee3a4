// typegrad/core/op_contract.hpp: what an op must provide. The contract in prose is doc/ops.md.
//
// A unary op is a struct with
//   static constexpr std::string_view name;                     // how it prints: name(arg)
//   template <class T> static local<T> forward(T x);            // f(x), plus one intermediate (aux)
//   template <class T> static T partial(T x, local<T> f);       // f'(x), may reuse f.value and f.aux
//   template <class A> static auto derivative(const A& a);      // f'(a) as an expression
// A binary op likewise, with forward(T a, T b), partials(T a, T b, local<T> f) returning
// partial_pair<T>{df/da, df/db}, and derivative(a, b, da, db) returning the whole chain-rule term.
#pragma once

#include <string_view>

#include "typegrad/core/nodes.hpp"

// Whether the sweeps compute an add or subtract of a product, and a sum over samples of squares and
// products, as one expression each (p * q + b, total + r * r), so that the compiler may fuse the
// multiply and the add into one instruction where it would for the same source written with numbers.
// On where the target has fused multiply-add instructions (x86 with FMA, as under -march=native;
// ARMv8), off elsewhere: there the pair is a multiply and an add either way, and clang vectorizes them
// better as separate statements. Define it as 0 or 1 before including typegrad to choose.
#ifndef TYPEGRAD_FUSE_PRODUCTS
#if defined(__FMA__) || defined(__FP_FAST_FMA) || defined(__ARM_FEATURE_FMA)
#define TYPEGRAD_FUSE_PRODUCTS 1
#else
#define TYPEGRAD_FUSE_PRODUCTS 0
#endif
#endif

namespace typegrad {

/// What an op's forward step leaves for the reverse sweep: its value, and one intermediate of the
/// forward computation that the partial may reuse (softplus keeps exp(-|z|), so its derivative costs no
/// second exp). Ops with nothing to keep set aux to 0; unused stores vanish after inlining.
template <class T>
struct local {
    T value;
    T aux;
};

/// A binary op's local partial derivatives.
template <class T>
struct partial_pair {
    T lhs;
    T rhs;
};

/// Whether Op's forward and partial(s) may run on a batch of lanes (simd::batch<W>): an op says so with
/// `static constexpr bool batchable = true;` when its maths is written with typegrad::math (math::exp,
/// math::select, ...; no `?:` or `if` on values). Batched sweeps run other ops lane by lane with their
/// double code, so every op works batched; batchable ones run in SIMD.
namespace detail {
/// TYPEGRAD_FUSE_PRODUCTS as a bool, for the sweeps.
inline constexpr bool fuse_products = TYPEGRAD_FUSE_PRODUCTS != 0;
}  // namespace detail

template <class Op>
inline constexpr bool batchable_v = requires { requires Op::batchable; };

template <class Op>
concept named_op = requires {
    { Op::name } -> std::convertible_to<std::string_view>;
};

template <class Op>
concept unary_op = named_op<Op> && requires(double x, local<double> f) {
    { Op::forward(x) } -> std::same_as<local<double>>;
    { Op::partial(x, f) } -> std::same_as<double>;
};

template <class Op>
concept binary_op = named_op<Op> && requires(double x, local<double> f) {
    { Op::forward(x, x) } -> std::same_as<local<double>>;
    { Op::partials(x, x, f) } -> std::same_as<partial_pair<double>>;
};

namespace detail {
// Each check below names the one member an op lacks; see doc/ops.md for the contract.
template <class Op>
constexpr void check_unary_op() {
    static_assert(named_op<Op>, "typegrad: an op needs 'static constexpr std::string_view name' (see doc/ops.md)");
    static_assert(requires(double x) { { Op::forward(x) } -> std::same_as<local<double>>; },
                  "typegrad: a unary op needs 'template <class T> static local<T> forward(T x)' (see doc/ops.md)");
    static_assert(requires(double x, local<double> f) { { Op::partial(x, f) } -> std::same_as<double>; },
                  "typegrad: a unary op needs 'template <class T> static T partial(T x, local<T> f)' (see doc/ops.md)");
}

// Checked where d() takes the derivative, not in apply(): an op's derivative rule usually builds nodes
// of the same op (exp' = exp), and checking it while building would recurse.
template <class Op, class A>
constexpr void check_unary_derivative() {
    static_assert(requires(const A& a) { { Op::derivative(a) } -> expression; },
                  "typegrad: a unary op needs 'template <class A> static auto derivative(const A& a)' returning an expression (see doc/ops.md)");
}

template <class Op>
constexpr void check_binary_op() {
    static_assert(named_op<Op>, "typegrad: an op needs 'static constexpr std::string_view name' (see doc/ops.md)");
    static_assert(requires(double x) { { Op::forward(x, x) } -> std::same_as<local<double>>; },
                  "typegrad: a binary op needs 'template <class T> static local<T> forward(T a, T b)' (see doc/ops.md)");
    static_assert(requires(double x, local<double> f) { { Op::partials(x, x, f) } -> std::same_as<partial_pair<double>>; },
                  "typegrad: a binary op needs 'template <class T> static partial_pair<T> partials(T a, T b, local<T> f)' (see doc/ops.md)");
}

template <class Op, class A, class B, class DA, class DB>
constexpr void check_binary_derivative() {
    static_assert(requires(const A& a, const B& b, const DA& da, const DB& db) { { Op::derivative(a, b, da, db) } -> expression; },
                  "typegrad: a binary op needs 'template <class A, class B, class DA, class DB> static auto derivative(a, b, da, db)' returning an expression (see doc/ops.md)");
}
}  // namespace detail

namespace detail {
/// The node of unary op Op applied to an operand of type A, as apply<Op> makes it.
template <class Op, class A>
using unary_of = unary_node<Op, expression_t<A>>;

/// The function object of a built-in unary op (`softplus(z)`, `square(e)`): makes the op's node
/// itself, not through apply, which would be one more function named after the operand; g++ mangles
/// each such name at a cost that grows with the square of the operand's size (`square(y - net)` of a
/// thousand-node network). The built-in ops are tested against the contract that apply checks.
template <class Op>
struct op_fn {
    template <operand A>
    constexpr auto operator()(const A& a) const {
        return unary_of<Op, A>{expression_t<A>(a)};
    }
};
}  // namespace detail

/// Applies a unary op to an operand: how user-defined ops, and the built-in ops' derivatives, make their
/// nodes.
template <class Op, operand A>
constexpr auto apply(const A& a) {
    detail::check_unary_op<Op>();
    return unary_node<Op, detail::expression_t<A>>{detail::expression_t<A>(a)};
}

/// Applies a binary op to two operands.
template <class Op, operand A, operand B>
constexpr auto apply(const A& a, const B& b) {
    detail::check_binary_op<Op>();
    return binary_node<Op, detail::expression_t<A>, detail::expression_t<B>>{detail::expression_t<A>(a),
                                                                            detail::expression_t<B>(b)};
}

}  // namespace typegrad
