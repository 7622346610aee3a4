// typegrad/engine/evaluate.hpp: the fused forward and reverse sweeps.
//
// forward: every unique subexpression once, in topological order, into a std::array of slots on the
//          stack (value and the op's kept intermediate).
// reverse: adjoints in reverse topological order, each op's local partials times its node's adjoint,
//          added into its operands' adjoints; subtrees with nothing to differentiate are skipped.
// Every index is a compile-time constant, so after inlining the arrays become registers and the result
// is straight-line code. No heap, no virtual call, no global state; usable in constant expressions for
// ops whose maths is constexpr.
//
// Compile time: the sweeps are pack expansions over the plan's slots inside one function per call
// signature. The per-slot code is a member of a small step type named by its op and slot numbers only
// (unary_step<softplus_op, 12, 11>), never by the whole graph's type, so the compiler's work per node
// does not grow with the graph.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "typegrad/core/math.hpp"
#include "typegrad/core/op_contract.hpp"
#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/bindings.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

namespace detail {

// ---- steps: the code for one slot, named by op and slot numbers only --------------------------------

// An op's forward and partials at T: directly for numbers and batchable ops, else lane by lane (a batch
// of an op that is not batchable runs its double code once per lane).
template <class Op, class T>
constexpr local<T> forward_of(T a) {
    if constexpr (math::is_scalar_v<T> || batchable_v<Op>) {
        return Op::forward(a);
    } else {
        local<T> r;
        for (int l = 0; l < T::width; ++l) {
            const local<double> f = Op::forward(a[l]);
            r.value.set(l, f.value);
            r.aux.set(l, f.aux);
        }
        return r;
    }
}
template <class Op, class T>
constexpr local<T> forward_of(T a, T b) {
    if constexpr (math::is_scalar_v<T> || batchable_v<Op>) {
        return Op::forward(a, b);
    } else {
        local<T> r;
        for (int l = 0; l < T::width; ++l) {
            const local<double> f = Op::forward(a[l], b[l]);
            r.value.set(l, f.value);
            r.aux.set(l, f.aux);
        }
        return r;
    }
}
template <class Op, class T>
constexpr T partial_of(T a, const local<T>& f) {
    if constexpr (math::is_scalar_v<T> || batchable_v<Op>) {
        return Op::partial(a, f);
    } else {
        T r;
        for (int l = 0; l < T::width; ++l) r.set(l, Op::partial(a[l], local<double>{f.value[l], f.aux[l]}));
        return r;
    }
}
template <class Op, class T>
constexpr partial_pair<T> partials_of(T a, T b, const local<T>& f) {
    if constexpr (math::is_scalar_v<T> || batchable_v<Op>) {
        return Op::partials(a, b, f);
    } else {
        partial_pair<T> r;
        for (int l = 0; l < T::width; ++l) {
            const partial_pair<double> d = Op::partials(a[l], b[l], local<double>{f.value[l], f.aux[l]});
            r.lhs.set(l, d.lhs);
            r.rhs.set(l, d.rhs);
        }
        return r;
    }
}

template <class Op, std::size_t S, std::size_t A, bool Active = true>
struct unary_step {
    template <class T, std::size_t N>
    static constexpr void forward(std::array<local<T>, N>& v) {
        v[S] = forward_of<Op>(v[A].value);
    }
    template <class T, std::size_t N>
    static constexpr void backward(const std::array<local<T>, N>& v, std::array<T, N>& adjoint) {
        adjoint[A] += adjoint[S] * partial_of<Op>(v[A].value, v[S]);
    }
};

template <class Op, std::size_t S, std::size_t A, std::size_t B, bool ActiveA = true, bool ActiveB = true>
struct binary_step {
    template <class T, std::size_t N>
    static constexpr void forward(std::array<local<T>, N>& v) {
        v[S] = forward_of<Op>(v[A].value, v[B].value);
    }
    template <class T, std::size_t N>
    static constexpr void backward(const std::array<local<T>, N>& v, std::array<T, N>& adjoint) {
        const partial_pair<T> d = partials_of<Op>(v[A].value, v[B].value, v[S]);
        if constexpr (ActiveA) adjoint[A] += adjoint[S] * d.lhs;
        if constexpr (ActiveB) adjoint[B] += adjoint[S] * d.rhs;
    }
};

template <class Op, node_kind K, std::size_t S, std::size_t A, std::size_t B, bool ActiveA, bool ActiveB>
struct step_of {
    using type = binary_step<Op, S, A, B, ActiveA, ActiveB>;
};
template <class Op, std::size_t S, std::size_t A, std::size_t B, bool ActiveA, bool ActiveB>
struct step_of<Op, node_kind::unary, S, A, B, ActiveA, ActiveB> {
    using type = unary_step<Op, S, A>;
};

/// The step type of slot S of Root (a class, not a function: nothing named after Root is emitted).
template <class Root, std::size_t S, class Active>
using step_t = typename step_of<slot_op_t<Root, S>, plan_v<Root>.kind[S], S, plan_v<Root>.lhs_slot[S], plan_v<Root>.rhs_slot[S],
                                Active::value[plan_v<Root>.lhs_slot[S]], Active::value[plan_v<Root>.rhs_slot[S]]>::type;

/// For the forward sweep, every operand counts as active (the flags only matter going backward).
template <class Root>
struct all_active {
    static constexpr auto value = [] {
        std::array<bool, plan_v<Root>.slots> a{};
        for (auto& x : a) x = true;
        return a;
    }();
};

// ---- where leaves get their values -----------------------------------------------------------------

template <class Root, class... Args>
struct leaf_sources {
    using leaves = slots_of<Root, leaf_kinds>;
    template <std::size_t... J>
    static constexpr auto compute(std::index_sequence<J...>) {
        const leaf_key keys[] = {leaf_key{plan_v<Root>.kind[leaves::value[J]], plan_v<Root>.name[leaves::value[J]]}...,
                                 leaf_key{}};
        std::array<leaf_source, sizeof...(J)> out{};
        for (std::size_t j = 0; j < sizeof...(J); ++j) out[j] = locate<Args...>(keys[j]);
        return out;
    }
    static constexpr auto table = compute(std::make_index_sequence<leaves::count>{});

    /// The leaf slots whose value comes from `from`, as indices into `leaves` and `table`.
    template <source From>
    struct select {
        static constexpr std::size_t count = [] {
            std::size_t c = 0;
            for (const auto& t : table) c += t.from == From ? 1 : 0;
            return c;
        }();
        static constexpr std::array<std::size_t, count> value = [] {
            std::array<std::size_t, count> out{};
            std::size_t c = 0;
            for (std::size_t j = 0; j < table.size(); ++j)
                if (table[j].from == From) out[c++] = j;
            return out;
        }();
    };
};

/// The run-time literals of E in post-order (only subtrees that hold one are visited).
template <class E>
constexpr void collect_literals(const E& e, double* out, std::size_t& k) {
    if constexpr (!holds_literal<E>::value) {
        (void)e, (void)out, (void)k;
    } else if constexpr (E::kind == node_kind::literal) {
        out[k++] = e.value;
    } else if constexpr (E::kind == node_kind::unary) {
        collect_literals(e.arg, out, k);
    } else {
        collect_literals(e.lhs, out, k);
        collect_literals(e.rhs, out, k);
    }
}

template <class T, std::size_t... I>
constexpr std::array<T, sizeof...(I)> filled(T value, std::index_sequence<I...>) {
    return {{((void)I, value)...}};
}

// ---- the sweeps --------------------------------------------------------------------------------------

template <class T, class Root, class... Args, std::size_t N, std::size_t... P, std::size_t... D, std::size_t... M,
          std::size_t... C, std::size_t... L, std::size_t... O>
[[gnu::always_inline]] constexpr void run_forward(const Root& e, std::array<local<T>, N>& v, const std::tuple<const Args&...>& args,
                           std::index_sequence<P...>, std::index_sequence<D...>, std::index_sequence<M...>,
                           std::index_sequence<C...>, std::index_sequence<L...>, std::index_sequence<O...>) {
    using sources = leaf_sources<Root, Args...>;
    using leaves = slots_of<Root, leaf_kinds>;
    using from_set = typename sources::template select<source::parameter_set>;
    using from_direct = typename sources::template select<source::direct>;
    using from_sample = typename sources::template select<source::sample>;
    using constants = slots_of<Root, kind_bit(node_kind::constant)>;
    using literals = slots_of<Root, kind_bit(node_kind::literal)>;
    using ops = slots_of<Root, op_kinds>;
    // Braced initializers, not fold expressions: they run left to right and have no operand limit.
    [[maybe_unused]] const int loads[] = {
        0,
        (v[leaves::value[from_set::value[P]]] =
             {static_cast<T>(std::get<sources::table[from_set::value[P]].arg>(args)
                                 .values[sources::table[from_set::value[P]].index]),
              T(0)},
         0)...,
        (v[leaves::value[from_direct::value[D]]] =
             {static_cast<T>(std::get<sources::table[from_direct::value[D]].arg>(args).value), T(0)},
         0)...,
        (v[leaves::value[from_sample::value[M]]] =
             {static_cast<T>(std::get<sources::table[from_sample::value[M]].index>(
                                 std::get<sources::table[from_sample::value[M]].arg>(args).bindings)
                                 .value),
              T(0)},
         0)...,
        (v[constants::value[C]] = {static_cast<T>(plan_v<Root>.value[constants::value[C]]), T(0)}, 0)...};
    if constexpr (sizeof...(L) > 0) {
        double values[sizeof...(L)]{};
        std::size_t k = 0;
        collect_literals(e, values, k);
        [[maybe_unused]] const int literal_loads[] = {0, (v[literals::value[L]] = {static_cast<T>(values[L]), T(0)}, 0)...};
    } else {
        (void)e;
    }
    [[maybe_unused]] const int steps[] = {
        0, (step_t<Root, ops::value[O], all_active<Root>>::template forward<T>(v), 0)...};
}

/// Which slots the reverse sweep must visit: those whose subtree holds a leaf that Wrt differentiates.
template <class Root, class Wrt>
struct activity {
    using leaves = slots_of<Root, leaf_kinds>;
    template <std::size_t... J>
    static constexpr auto leaf_indices(std::index_sequence<J...>) {
        return std::array<std::size_t, sizeof...(J)>{
            Wrt::index_of_key(plan_v<Root>.kind[leaves::value[J]], plan_v<Root>.name[leaves::value[J]])...};
    }
    static constexpr auto out_index = leaf_indices(std::make_index_sequence<leaves::count>{});
    static constexpr auto value = [] {
        constexpr const auto& plan = plan_v<Root>;
        std::array<bool, plan.slots> active{};
        for (std::size_t j = 0; j < leaves::count; ++j) active[leaves::value[j]] = out_index[j] != Wrt::npos;
        for (std::size_t s = 0; s < plan.slots; ++s) {
            if (plan.kind[s] == node_kind::unary) active[s] = active[plan.lhs_slot[s]];
            if (plan.kind[s] == node_kind::binary) active[s] = active[plan.lhs_slot[s]] || active[plan.rhs_slot[s]];
        }
        return active;
    }();
    template <unsigned Mask, bool Reverse>
    struct active_slots {
        static constexpr std::size_t count = [] {
            std::size_t c = 0;
            for (std::size_t s = 0; s < plan_v<Root>.slots; ++s) c += (value[s] && (Mask & kind_bit(plan_v<Root>.kind[s]))) ? 1 : 0;
            return c;
        }();
        static constexpr std::array<std::size_t, count> slots = [] {
            std::array<std::size_t, count> out{};
            std::size_t c = 0;
            for (std::size_t s = 0; s < plan_v<Root>.slots; ++s)
                if (value[s] && (Mask & kind_bit(plan_v<Root>.kind[s]))) out[c++] = s;
            if (Reverse)
                for (std::size_t i = 0; i < count / 2; ++i) {
                    const std::size_t t = out[i];
                    out[i] = out[count - 1 - i];
                    out[count - 1 - i] = t;
                }
            return out;
        }();
    };
    using ops = active_slots<op_kinds, true>;
    /// Active leaves: the leaf index j into `leaves` of each.
    static constexpr std::size_t out_count = [] {
        std::size_t c = 0;
        for (auto i : out_index) c += i != Wrt::npos ? 1 : 0;
        return c;
    }();
    static constexpr std::array<std::size_t, out_count> outs = [] {
        std::array<std::size_t, out_count> out{};
        std::size_t c = 0;
        for (std::size_t j = 0; j < out_index.size(); ++j)
            if (out_index[j] != Wrt::npos) out[c++] = j;
        return out;
    }();
};

template <class T, class Root, class Wrt, bool Accumulate, std::size_t N, class Out, std::size_t... R, std::size_t... W>
[[gnu::always_inline]] constexpr void run_reverse(const std::array<local<T>, N>& v, std::array<T, N>& adjoint, Out& out,
                           std::index_sequence<R...>, std::index_sequence<W...>) {
    using act = activity<Root, Wrt>;
    [[maybe_unused]] const int steps[] = {
        0, (step_t<Root, act::ops::slots[R], act>::template backward<T>(v, adjoint), 0)...};
    if constexpr (Accumulate) {
        [[maybe_unused]] const int outs[] = {
            0, (out[act::out_index[act::outs[W]]] += adjoint[act::leaves::value[act::outs[W]]], 0)...};
    } else {
        [[maybe_unused]] const int outs[] = {
            0, (out[act::out_index[act::outs[W]]] = adjoint[act::leaves::value[act::outs[W]]], 0)...};
    }
}

template <class Root, class Arg>
struct uses_leaf {
    static constexpr bool value = true;
};
template <class Root, class Leaf, class U>
struct uses_leaf<Root, binding<Leaf, U>> {
    template <std::size_t... J>
    static constexpr bool any(std::index_sequence<J...>) {
        constexpr std::size_t leaves[] = {slots_of<Root, leaf_kinds>::value[J]..., 0};
        for (std::size_t j = 0; j < sizeof...(J); ++j)
            if (plan_v<Root>.kind[leaves[j]] == Leaf::kind && plan_v<Root>.name[leaves[j]] == Leaf::name.view()) return true;
        return false;
    }
    static constexpr bool value = any(std::make_index_sequence<slots_of<Root, leaf_kinds>::count>{});
};

/// Every check of a call's arguments, at the public entry point: each argument is of a known kind, each
/// direct binding is used, each leaf is bound, and at most once directly.
template <class Root, class... Args, std::size_t... J>
constexpr void check_call(std::index_sequence<J...>) {
    using sources = leaf_sources<Root, Args...>;
    using leaves = slots_of<Root, leaf_kinds>;
    [[maybe_unused]] constexpr std::size_t args_ok[] = {0, sizeof(check_known<Args>)...};
    [[maybe_unused]] constexpr std::size_t used_ok[] = {0, sizeof(check_arg<Args, uses_leaf<Root, Args>::value>)...};
    [[maybe_unused]] constexpr std::size_t leaves_ok[] = {
        0, sizeof(check_leaf<slot_leaf_t<Root, leaves::value[J]>, sources::table[J].from != source::none,
                             sources::table[J].direct_count <= 1>)...};
}

template <class Root, class... Args>
constexpr void check_call() {
    check_call<Root, Args...>(std::make_index_sequence<slots_of<Root, leaf_kinds>::count>{});
}

template <class T, class E, class... Args>
[[gnu::always_inline]] constexpr std::array<local<T>, plan_v<E>.slots> forward_sweep(const E& e, const std::tuple<const Args&...>& args) {
    using sources = leaf_sources<E, Args...>;
    std::array<local<T>, plan_v<E>.slots> v;
    run_forward<T>(e, v, args,
                   std::make_index_sequence<sources::template select<source::parameter_set>::count>{},
                   std::make_index_sequence<sources::template select<source::direct>::count>{},
                   std::make_index_sequence<sources::template select<source::sample>::count>{},
                   std::make_index_sequence<slots_of<E, kind_bit(node_kind::constant)>::count>{},
                   std::make_index_sequence<slots_of<E, kind_bit(node_kind::literal)>::count>{},
                   std::make_index_sequence<slots_of<E, op_kinds>::count>{});
    return v;
}

/// One forward and one reverse sweep; writes d e / d leaf into out[Wrt::index_of_key(kind, name)], or
/// adds it there if Accumulate (a sum over samples). T may be a batch of lanes (several samples at once).
template <class T, class Wrt, bool Accumulate = false, class E, class... Args, class Out>
[[gnu::always_inline]] constexpr T fused_sweep(const E& e, const std::tuple<const Args&...>& args, Out& out) {
    constexpr std::size_t slots = plan_v<E>.slots;
    const std::array<local<T>, slots> v = forward_sweep<T>(e, args);
    // Adjoints start at -0.0, the identity of +, so the first `+=` of each folds to a plain store. The
    // array is filled by a braced initializer, not a loop, so that g++ keeps every entry in a register.
    std::array<T, slots> adjoint = filled<T>(-T(0), std::make_index_sequence<slots>{});
    adjoint[slots - 1] = T(1);  // the root is the last slot
    using act = activity<E, Wrt>;
    run_reverse<T, E, Wrt, Accumulate>(v, adjoint, out, std::make_index_sequence<act::ops::count>{},
                           std::make_index_sequence<act::out_count>{});
    return v[slots - 1].value;
}

}  // namespace detail

/// eval(e, bindings...): the value of e, each shared subexpression computed once.
/// The value type is T if given, else the parameter set's, else double. See example/neuron.cpp.
template <class T = void, expression E, class... Args>
[[nodiscard]] constexpr auto eval(const E& e, const Args&... args) {
    using V = detail::value_type_t<T, Args...>;
    detail::check_call<E, Args...>();
    return detail::forward_sweep<V>(e, std::tuple<const Args&...>{args...})[detail::plan_v<E>.slots - 1].value;
}

/// What value_and_gradient returns: `auto [value, gradient] = value_and_gradient(...)`.
template <class T, class Gradient>
struct value_and_gradient_result {
    T value;
    Gradient gradient;
};

/// value_and_gradient(e, theta, bindings...): e's value and its gradient with respect to every
/// parameter in theta (a parameter set, see parameters_of), from one forward and one reverse sweep.
/// The gradient is a parameter set of theta's type; parameters e does not use get 0. A direct binding
/// (`w1 = 2.0`) overrides theta's value for this call.
template <expression E, class T, fixed_string... Names, class... Args>
[[nodiscard]] constexpr auto value_and_gradient(const E& e, const parameter_set<T, Names...>& theta,
                                                const Args&... args) {
    using Set = parameter_set<T, Names...>;
    detail::check_call<E, Args..., Set>();
    value_and_gradient_result<T, Set> result{T(0), Set{}};
    result.value = detail::fused_sweep<T, Set>(e, std::tuple<const Args&..., const Set&>{args..., theta},
                                               result.gradient.values);
    return result;
}

/// value_and_gradient(e, wrt(x, w1), bindings...): the value and the derivatives with respect to the
/// listed leaves (parameters or inputs), addressable as gradient[x]. The value type is T if given, else
/// that of a parameter set among the arguments, else double.
template <class T = void, expression E, class... Leaves, class... Args>
[[nodiscard]] constexpr auto value_and_gradient(const E& e, wrt_t<Leaves...>, const Args&... args) {
    using V = detail::value_type_t<T, Args...>;
    detail::check_call<E, Args...>();
    value_and_gradient_result<V, leaf_gradient<V, Leaves...>> result{V(0), {}};
    result.value = detail::fused_sweep<V, wrt_t<Leaves...>>(e, std::tuple<const Args&...>{args...},
                                                            result.gradient.values);
    return result;
}

}  // namespace typegrad
