// typegrad/engine/evaluate.hpp: the fused forward and reverse sweeps.
//
// forward: every unique subexpression once, in topological order, into a std::array of slots on the
//          stack (value and the op's kept intermediate).
// reverse: adjoints in reverse topological order, each op's local partials times its node's adjoint,
//          added into its operands' adjoints; subtrees with nothing to differentiate are skipped.
// Every index is a compile-time constant, so after inlining the arrays become registers and the result
// is straight-line code. No heap, no virtual call, no global state; usable in constant expressions for
// ops whose maths is constexpr.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>

#include "typegrad/core/op_contract.hpp"
#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/bindings.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

namespace detail {

template <class E>
using lhs_t = std::remove_cvref_t<decltype(std::declval<E>().lhs)>;
template <class E>
using rhs_t = std::remove_cvref_t<decltype(std::declval<E>().rhs)>;
template <class E>
using arg_t = std::remove_cvref_t<decltype(std::declval<E>().arg)>;

/// Whether the reverse sweep must enter E: it holds a leaf that Wrt differentiates.
template <class E, class Wrt>
inline constexpr bool active_v = [] {
    if constexpr (E::kind == node_kind::parameter || E::kind == node_kind::input)
        return Wrt::template index_of_leaf<E> != Wrt::npos;
    else return false;
}();
template <class Op, class A, class Wrt>
inline constexpr bool active_v<unary_node<Op, A>, Wrt> = active_v<A, Wrt>;
template <class Op, class A, class B, class Wrt>
inline constexpr bool active_v<binary_node<Op, A, B>, Wrt> = active_v<A, Wrt> || active_v<B, Wrt>;

/// Forward sweep at post-order position P of the root expression Root.
template <class Root, std::size_t P, class Node, class T, std::size_t S, class Env>
constexpr void forward_at(const Node& node, std::array<local<T>, S>& slots, const Env& env) {
    constexpr auto& plan = plan_v<Root>;
    if constexpr (plan.first[P]) {
        constexpr std::size_t s = plan.slot[P];
        if constexpr (Node::kind == node_kind::parameter || Node::kind == node_kind::input) {
            slots[s] = {env.template value_of<T, Node>(), T(0)};
        } else if constexpr (Node::kind == node_kind::constant) {
            slots[s] = {static_cast<T>(Node::value), T(0)};
        } else if constexpr (Node::kind == node_kind::literal) {
            slots[s] = {static_cast<T>(node.value), T(0)};
        } else if constexpr (Node::kind == node_kind::unary) {
            constexpr std::size_t pa = P - 1;
            forward_at<Root, pa>(node.arg, slots, env);
            slots[s] = Node::op::forward(slots[plan.slot[pa]].value);
        } else {
            constexpr std::size_t pb = P - 1;
            constexpr std::size_t pa = P - 1 - size_v<rhs_t<Node>>;
            forward_at<Root, pa>(node.lhs, slots, env);
            forward_at<Root, pb>(node.rhs, slots, env);
            slots[s] = Node::op::forward(slots[plan.slot[pa]].value, slots[plan.slot[pb]].value);
        }
    }
}

/// Reverse sweep at position P: passes this node's (complete) adjoint to its operands.
template <class Root, class Wrt, std::size_t P, class Node, class T, std::size_t S, class Out>
constexpr void reverse_at(const Node& node, const std::array<local<T>, S>& slots, std::array<T, S>& adjoints,
                          Out& out) {
    constexpr auto& plan = plan_v<Root>;
    if constexpr (plan.first[P] && active_v<Node, Wrt>) {
        constexpr std::size_t s = plan.slot[P];
        if constexpr (Node::kind == node_kind::parameter || Node::kind == node_kind::input) {
            out[Wrt::template index_of_leaf<Node>] = adjoints[s];
        } else if constexpr (Node::kind == node_kind::unary) {
            constexpr std::size_t pa = P - 1;
            constexpr std::size_t sa = plan.slot[pa];
            adjoints[sa] += adjoints[s] * Node::op::partial(slots[sa].value, slots[s]);
            reverse_at<Root, Wrt, pa>(node.arg, slots, adjoints, out);
        } else if constexpr (Node::kind == node_kind::binary) {
            constexpr std::size_t pb = P - 1;
            constexpr std::size_t pa = P - 1 - size_v<rhs_t<Node>>;
            constexpr std::size_t sa = plan.slot[pa];
            constexpr std::size_t sb = plan.slot[pb];
            const partial_pair<T> d = Node::op::partials(slots[sa].value, slots[sb].value, slots[s]);
            if constexpr (active_v<lhs_t<Node>, Wrt>) adjoints[sa] += adjoints[s] * d.lhs;
            if constexpr (active_v<rhs_t<Node>, Wrt>) adjoints[sb] += adjoints[s] * d.rhs;
            reverse_at<Root, Wrt, pb>(node.rhs, slots, adjoints, out);
            reverse_at<Root, Wrt, pa>(node.lhs, slots, adjoints, out);
        }
    }
}

template <class T, std::size_t... I>
constexpr std::array<T, sizeof...(I)> filled(T value, std::index_sequence<I...>) {
    return {{((void)I, value)...}};
}

template <class T, class E, class Env>
constexpr T forward_sweep(const E& e, const Env& env) {
    constexpr auto& plan = plan_v<E>;
    std::array<local<T>, plan.slots> slots;
    forward_at<E, size_v<E> - 1>(e, slots, env);
    return slots[plan.slot[size_v<E> - 1]].value;
}

/// One forward and one reverse sweep; writes d e / d leaf into out[Wrt::index_of_leaf<leaf>].
template <class T, class Wrt, class E, class Env, class Out>
constexpr T fused_sweep(const E& e, const Env& env, Out& out) {
    constexpr auto& plan = plan_v<E>;
    constexpr std::size_t root = size_v<E> - 1;
    std::array<local<T>, plan.slots> slots;
    forward_at<E, root>(e, slots, env);
    // Adjoints start at -0.0, the identity of +, so the first `+=` of each folds to a plain store. The
    // array is filled by a braced initializer, not a loop, so that g++ keeps every entry in a register.
    std::array<T, plan.slots> adjoints = filled<T>(-T(0), std::make_index_sequence<plan.slots>{});
    adjoints[plan.slot[root]] = T(1);
    reverse_at<E, Wrt, root>(e, slots, adjoints, out);
    return slots[plan.slot[root]].value;
}

}  // namespace detail

/// eval(e, bindings...): the value of e, each shared subexpression computed once.
/// The value type is T if given, else the parameter set's, else double. See example/neuron.cpp.
template <class T = void, expression E, class... Args>
[[nodiscard]] constexpr auto eval(const E& e, const Args&... args) {
    using V = detail::value_type_t<T, Args...>;
    detail::check_arguments<E, Args...>();
    const detail::environment<Args...> env{{args...}};
    return detail::forward_sweep<V>(e, env);
}

/// What value_and_gradient returns: `auto [value, gradient] = value_and_gradient(...)`.
template <class T, class Gradient>
struct value_and_gradient_result {
    T value;
    Gradient gradient;
};

/// value_and_gradient(e, theta, bindings...): e's value and its gradient with respect to every
/// parameter in theta (a parameter set, see parameters_of), from one forward and one reverse sweep.
/// The gradient is a parameter set of theta's type; parameters e does not use get 0.
template <expression E, class T, fixed_string... Names, class... Args>
[[nodiscard]] constexpr auto value_and_gradient(const E& e, const parameter_set<T, Names...>& theta,
                                                const Args&... args) {
    using Set = parameter_set<T, Names...>;
    detail::check_arguments<E, Args..., Set>();
    // A direct binding `w1 = 2.0` overrides theta's w1 for this call (its gradient still goes to theta's slot).
    const detail::environment<Args..., Set> env{{args..., theta}};
    value_and_gradient_result<T, Set> result{T(0), Set{}};
    result.value = detail::fused_sweep<T, Set>(e, env, result.gradient.values);
    return result;
}

/// value_and_gradient(e, wrt(x, w1), bindings...): the value and the derivatives with respect to the
/// listed leaves (parameters or inputs), addressable as gradient[x]. The value type is T if given, else
/// that of a parameter set among the arguments, else double.
template <class T = void, expression E, class... Leaves, class... Args>
[[nodiscard]] constexpr auto value_and_gradient(const E& e, wrt_t<Leaves...>, const Args&... args) {
    using V = detail::value_type_t<T, Args...>;
    detail::check_arguments<E, Args...>();
    const detail::environment<Args...> env{{args...}};
    value_and_gradient_result<V, leaf_gradient<V, Leaves...>> result{V(0), {}};
    result.value = detail::fused_sweep<V, wrt_t<Leaves...>>(e, env, result.gradient.values);
    return result;
}

}  // namespace typegrad
