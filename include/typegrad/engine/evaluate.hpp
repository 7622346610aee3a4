// typegrad/engine/evaluate.hpp: the fused forward and reverse sweeps.
//
// forward: every unique subexpression once, in topological order, into a std::array of slots on the
//          stack (value and the op's kept intermediate); a leaf is read from its argument by the first
//          step that uses it, so no value is loaded long before it is needed.
// reverse: adjoints in reverse topological order, each op's local partials times its node's adjoint,
//          added into its operands' adjoints; subtrees with nothing to differentiate are skipped; a
//          leaf's derivative is written out by the last step the reverse sweep visits that uses it.
// Every index is a compile-time constant, so after inlining the arrays become registers and the result
// is straight-line code. No heap, no virtual call, no global state; usable in constant expressions for
// ops whose maths is constexpr.
//
// Compile time: the sweeps are pack expansions over the plan's slots inside one function per call
// signature. A slot's code is a call of a step function of its op and shape only
// (forward_step<softplus_op, unary, ...>::run), with the slots as arguments: a few dozen functions for
// a graph of thousands of nodes, none named after the graph.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <type_traits>
#include <utility>

#include "typegrad/core/math.hpp"
#include "typegrad/core/op_contract.hpp"
#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/bindings.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

struct multiply_op;

namespace detail {

// ---- steps: the code for one slot, a function of its op and shape, the slots its arguments -----------

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

/// An operand's extra work in a step, named by a number (no_edge: none). Going forward: the operand is a
/// leaf that this step uses first, read from entry Edge / 4 of source group Edge % 4 (see leaf_sources_v).
/// Going backward: the operand is a wanted leaf that this step uses first (so the reverse sweep has
/// passed every other use), its derivative written out to entry Edge. So a leaf is read where the sweep
/// first needs it, not at the start (which would keep every parameter live, in a register or spilled,
/// until its use), its derivative written as soon as it is complete, and a leaf costs no code of its own.
inline constexpr std::size_t no_edge = static_cast<std::size_t>(-1);

/// The element of the braced initializers that run a pack's steps in order, `{in_order{}, (step,
/// in_order{})...}`: an empty type, so that g++ stores nothing for it. An int array's elements are
/// stores that nothing reads, and g++'s value numbering walks back over each of them for every later
/// load and store (940-node network, with sweep's dead slot stores: 19.8 -> 19.0 G instructions, -O2).
struct in_order {};

// The edge's group is a template argument (it selects a pointer array), its entry a function argument
// (a constant at every call): so there is one function per group, not one per leaf.
template <std::size_t Group, class T, std::size_t N, class Sources>
[[gnu::always_inline]] constexpr void read_leaf(std::array<local<T>, N>& v, std::size_t slot, const Sources& where,
                                                std::size_t entry) {
    if constexpr (Group != no_edge) v[slot] = {static_cast<T>(*std::get<Group>(where)[entry]), T(0)};
    else (void)v, (void)slot, (void)where, (void)entry;
}

template <bool Write, bool Accumulate, class T, class Out>
[[gnu::always_inline]] constexpr void write_leaf(Out& out, std::size_t entry, const T& derivative) {
    if constexpr (!Write) (void)out, (void)entry, (void)derivative;
    else if constexpr (Accumulate) out[entry] += derivative;
    else out[entry] = derivative;
}

/// A wanted leaf's last chain-rule term, `adjoint + g * partial`, written out (with Accumulate, added to
/// out's entry as `out + adjoint + g * partial`); with First (the leaf's only term), `g * partial`. One
/// expression that ends in the product, like hand-written `sum += g * x`, so that a compiler which fuses
/// a multiply and an add only within one expression (clang's default -ffp-contract=on) may do so here.
/// Two copies: always_inline for a small graph's sweep (inlined into its caller, see fused_sweep), and
/// not for a large graph's `sweep`, because g++'s early inliner inlines nothing into an always_inline
/// function: its `out[entry]` would stay a call, and a reverse step that holds a call is too big for the
/// early inliner (see sweep).
template <bool Accumulate, bool First, class T, class Out>
[[gnu::always_inline]] constexpr void write_last(Out& out, std::size_t entry, const T& adjoint, const T& g,
                                                 const T& partial) {
    if constexpr (First) {
        (void)adjoint;
        if constexpr (Accumulate) out[entry] = out[entry] + g * partial;
        else out[entry] = g * partial;
    } else {
        if constexpr (Accumulate) out[entry] = out[entry] + adjoint + g * partial;
        else out[entry] = adjoint + g * partial;
    }
}
template <bool Accumulate, bool First, class T, class Out>
constexpr void write_last_early(Out& out, std::size_t entry, const T& adjoint, const T& g, const T& partial) {
    if constexpr (First) {
        (void)adjoint;
        if constexpr (Accumulate) out[entry] = out[entry] + g * partial;
        else out[entry] = g * partial;
    } else {
        if constexpr (Accumulate) out[entry] = out[entry] + adjoint + g * partial;
        else out[entry] = adjoint + g * partial;
    }
}

/// A forward edge's group (no_edge for none) and entry.
constexpr std::size_t edge_group(std::size_t edge) { return edge == no_edge ? no_edge : edge % 4; }
constexpr std::size_t edge_entry(std::size_t edge) { return edge == no_edge ? 0 : edge / 4; }

// g++'s identical code folding would merge a step's functions for graphs that differ only in size (the
// slots are arguments, so their code is the same), and once inlined, the merged code reads an array of
// one size through the type of another: correct, but g++ -Warray-bounds reports it. The steps opt out.
#if defined(__GNUC__) && !defined(__clang__)
#define TYPEGRAD_STEP_ATTRIBUTES [[gnu::no_icf]]
#else
#define TYPEGRAD_STEP_ATTRIBUTES
#endif

/// The forward step of an op slot: slot s from operand slots a (and b). The slots are arguments, constants
/// at every call, so that a step is one function per op and shape, not one per slot (a compiler
/// compiles each function on its own before inlining it, and a function per slot cost more than the
/// code it inlines to).
/// GroupA, GroupB: the source group from which each operand is read here, where the sweep first uses it
/// (no_edge: none), entry entry_a or entry_b (see read_leaf).
/// Side: an operand (1: left, 2: right; 0: neither) that is a product of slots p and q that no other step
/// uses, computed here from p and q in one expression (p * q + b), as the same source written with
/// numbers would be, so that a compiler fuses the multiply and the add exactly where it would in
/// hand-written code. The product's own step still runs (its slot feeds the reverse sweep's
/// bookkeeping) and its unused value vanishes after inlining.
template <class Op, node_kind K, std::size_t GroupA, std::size_t GroupB, std::size_t Side>
struct forward_step {
    template <class T, std::size_t N, class Sources>
    TYPEGRAD_STEP_ATTRIBUTES static constexpr void run(std::array<local<T>, N>& v, const Sources& where, std::size_t s,
                                                       std::size_t a, std::size_t b, std::size_t entry_a,
                                                       std::size_t entry_b, std::size_t p, std::size_t q) {
        read_leaf<GroupA>(v, a, where, entry_a);
        if constexpr (K == node_kind::unary) {
            v[s] = forward_of<Op>(v[a].value);
        } else {
            read_leaf<GroupB>(v, b, where, entry_b);
            if constexpr (Side != 0 && (math::is_scalar_v<T> || batchable_v<Op>)) {
                if constexpr (Side == 1) v[s] = {Op::forward_product_lhs(v[p].value, v[q].value, v[b].value), T(0)};
                else v[s] = {Op::forward_product_rhs(v[a].value, v[p].value, v[q].value), T(0)};
            } else {
                v[s] = forward_of<Op>(v[a].value, v[b].value);
            }
        }
    }
};

/// The reverse step of an op slot: slot s's adjoint into those of operand slots a (and b).
/// ActiveA, ActiveB: whether each operand needs an adjoint; EdgeA, EdgeB: whether the operand is a wanted
/// leaf that this step is the last to use (its derivative goes out to entry out_a or out_b); Same:
/// whether both operands are one slot (x * x); FirstA, FirstB: whether this step adds the operand's first
/// term (the reverse sweep reaches no other use of it before); Early: whether the step is one of a large
/// graph's `sweep` (write_last_early, see write_last).
template <class Op, node_kind K, bool ActiveA, bool ActiveB, bool EdgeA, bool EdgeB, bool Same, bool FirstA, bool FirstB,
          bool Early>
struct backward_step {
    template <bool Accumulate, class T, std::size_t N, class Out>
    TYPEGRAD_STEP_ATTRIBUTES static constexpr void run(const std::array<local<T>, N>& v, std::array<T, N>& adjoint,
                                                       Out& out, std::size_t s, std::size_t a, std::size_t b,
                                                       std::size_t out_a, std::size_t out_b) {
        if constexpr (K == node_kind::unary) {
            if constexpr (EdgeA && Early)
                write_last_early<Accumulate, FirstA>(out, out_a, adjoint[a], adjoint[s], partial_of<Op>(v[a].value, v[s]));
            else if constexpr (EdgeA)
                write_last<Accumulate, FirstA>(out, out_a, adjoint[a], adjoint[s], partial_of<Op>(v[a].value, v[s]));
            else if constexpr (FirstA) adjoint[a] = adjoint[s] * partial_of<Op>(v[a].value, v[s]);
            else adjoint[a] += adjoint[s] * partial_of<Op>(v[a].value, v[s]);
        } else {
            const partial_pair<T> d = partials_of<Op>(v[a].value, v[b].value, v[s]);
            // A leaf's last term goes straight out, unless both operands are that leaf (x * x: the second
            // term must be added first; such a leaf has an edge on the left only).
            if constexpr (EdgeA && !Same && Early) write_last_early<Accumulate, FirstA>(out, out_a, adjoint[a], adjoint[s], d.lhs);
            else if constexpr (EdgeA && !Same) write_last<Accumulate, FirstA>(out, out_a, adjoint[a], adjoint[s], d.lhs);
            else if constexpr (ActiveA && FirstA) adjoint[a] = adjoint[s] * d.lhs;
            else if constexpr (ActiveA) adjoint[a] += adjoint[s] * d.lhs;
            if constexpr (EdgeB && Early) write_last_early<Accumulate, FirstB>(out, out_b, adjoint[b], adjoint[s], d.rhs);
            else if constexpr (EdgeB) write_last<Accumulate, FirstB>(out, out_b, adjoint[b], adjoint[s], d.rhs);
            else if constexpr (ActiveB && FirstB) adjoint[b] = adjoint[s] * d.rhs;
            else if constexpr (ActiveB) adjoint[b] += adjoint[s] * d.rhs;
            write_leaf<EdgeA && Same, Accumulate>(out, out_a, adjoint[a]);
        }
    }
};
#undef TYPEGRAD_STEP_ATTRIBUTES

/// Whether Op may compute op(p * q, b) and op(a, p * q) from the product's operands (see doc/ops.md),
/// and the sweeps do so (TYPEGRAD_FUSE_PRODUCTS).
template <class Op>
concept has_product_forms = fuse_products && requires(double x) {
    { Op::forward_product_lhs(x, x, x) } -> std::same_as<double>;
    { Op::forward_product_rhs(x, x, x) } -> std::same_as<double>;
};

/// Whether each op of an op_list has product forms (has_product_forms), by index in the list.
template <class List>
struct product_forms;
template <class... Ops>
struct product_forms<op_list<Ops...>> {
    static_assert(sizeof...(Ops) < 256, "typegrad: an expression may use at most 255 distinct ops (a step's shape holds "
                                        "the op's index in 8 bits)");
    static constexpr bool of[sizeof...(Ops) + 1] = {has_product_forms<Ops>..., false};
};

// ---- a step's shape: its template arguments as one number ----------------------------------------------
// Each step's class (forward_step, backward_step) is chosen by a handful of facts of its slot: the op,
// the kind, where its operands are read from or written to. Spelled out per slot, each of them is a
// constant expression that the compiler evaluates in every element of the sweep's pack expansion, and
// the step class a template-id of ten arguments. The tables compute them for all slots at once, packed
// into one number per slot (a shape), and each step class is named by its op list and that number only:
// forward_step_of<Ops, Shape>::type. 940-node network, -O2: g++ 12 10.46 -> 10.19 G instructions,
// clang 19 12.99 -> 11.08 G (see doc/benchmarks.md).
namespace shape {
inline constexpr std::size_t op_bits = 8;     // the op's index in the expression's op list
inline constexpr std::size_t kind_shift = 8;  // node_kind, 4 bits
inline constexpr std::size_t side_shift = 12;  // forward: the fused product's side (0, 1, 2), 4 bits
inline constexpr std::size_t group_a_shift = 16;  // forward: operand a's source group + 1 (0: none), 4 bits
inline constexpr std::size_t group_b_shift = 20;
inline constexpr std::size_t active_a = std::size_t{1} << 12;  // backward: one bit each
inline constexpr std::size_t active_b = std::size_t{1} << 13;
inline constexpr std::size_t edge_a = std::size_t{1} << 14;
inline constexpr std::size_t edge_b = std::size_t{1} << 15;
inline constexpr std::size_t same = std::size_t{1} << 16;
inline constexpr std::size_t first_a = std::size_t{1} << 17;
inline constexpr std::size_t first_b = std::size_t{1} << 18;
inline constexpr std::size_t early = std::size_t{1} << 19;
constexpr std::size_t op_of(std::size_t shape) { return shape & ((std::size_t{1} << op_bits) - 1); }
constexpr node_kind kind_of(std::size_t shape) { return static_cast<node_kind>((shape >> kind_shift) & 15); }
constexpr std::size_t nibble(std::size_t shape, std::size_t shift) { return (shape >> shift) & 15; }
constexpr std::size_t group(std::size_t shape, std::size_t shift) {
    return nibble(shape, shift) == 0 ? no_edge : nibble(shape, shift) - 1;
}
}  // namespace shape

/// Per op slot: which operand is a product (a multiply slot) that no other step uses (1: left, 2: right,
/// 0: neither), and that product's operand slots (see forward_step); and the slot's op (its index in the
/// expression's op list), kind and product side as a shape (see above).
template <std::size_t Slots>
struct product_table {
    std::size_t side[Slots]{};
    std::size_t p[Slots]{};
    std::size_t q[Slots]{};
    std::size_t shape[Slots]{};
};
template <std::size_t Slots, class Plan>
constexpr product_table<Slots> lone_products(const Plan& plan, std::uint64_t multiply, const std::uint64_t* op_hashes,
                                             std::size_t op_count, const bool* op_product_forms) {
    plain_array<std::size_t, Slots> uses{};
    for (std::size_t s = 0; s < plan.slots; ++s) {
        if (plan.kind[s] == node_kind::unary || plan.kind[s] == node_kind::binary) ++uses.items[plan.lhs_slot[s]];
        if (plan.kind[s] == node_kind::binary) ++uses.items[plan.rhs_slot[s]];
    }
    const auto lone_product = [&](std::size_t s) {
        return plan.kind[s] == node_kind::binary && plan.op[s] == multiply && uses.items[s] == 1;
    };
    product_table<Slots> t{};
    for (std::size_t s = 0; s < plan.slots; ++s) {
        if (plan.kind[s] != node_kind::binary) continue;
        const std::size_t a = plan.lhs_slot[s], b = plan.rhs_slot[s];
        const std::size_t product = lone_product(a) ? a : lone_product(b) ? b : no_edge;
        if (product == no_edge) continue;
        t.side[s] = product == a ? 1 : 2;
        t.p[s] = plan.lhs_slot[product];
        t.q[s] = plan.rhs_slot[product];
    }
    for (std::size_t s = 0; s < plan.slots; ++s) {
        if (!(op_kinds & kind_bit(plan.kind[s]))) continue;
        std::size_t i = 0;
        while (i < op_count && op_hashes[i] != plan.op[s]) ++i;
        t.shape[s] = i | static_cast<std::size_t>(plan.kind[s]) << shape::kind_shift |
                     (op_product_forms[i] ? t.side[s] : 0) << shape::side_shift;
    }
    return t;
}
template <class Root>
TYPEGRAD_TABLE_LINKAGE constexpr auto products_v = lone_products<plan_v<Root>.slots>(
    plan_v<Root>, op_hash<multiply_op>::first, node_info<Root>::ops::hashes.data(), node_info<Root>::ops::size,
    product_forms<typename node_info<Root>::ops>::of);

/// The largest graph (in slots) whose gradient's sweep is inlined into its caller (fused_sweep); a larger
/// one's is a function of its own, `sweep`, which g++ compiles much faster (see there). A small graph's
/// sweep is usually called in a loop over samples, where a call would cost more than its steps.
inline constexpr std::size_t inline_sweep_slots = 256;

/// Operand edges of each op slot (plain arrays: a constant subscript costs no call to evaluate).
template <std::size_t Slots>
struct edge_table {
    std::size_t lhs[Slots]{};
    std::size_t rhs[Slots]{};
};

/// Edges for the leaves whose `edge` entry is not no_edge: that entry on the first use of each, no_edge
/// elsewhere. (Functions here take the plan and arrays as arguments and are templates of sizes only: g++
/// names every function it sees, and names that hold a large expression's type cost it time to mangle.)
template <std::size_t Slots, class Plan>
constexpr edge_table<Slots> edges_of(const Plan& plan, const std::size_t* first, const std::size_t* edge) {
    edge_table<Slots> e{};
    for (std::size_t s = 0; s < plan.slots; ++s) {
        e.lhs[s] = no_edge;
        e.rhs[s] = no_edge;
        if (plan.kind[s] != node_kind::unary && plan.kind[s] != node_kind::binary) continue;
        const std::size_t a = plan.lhs_slot[s];
        if (first[a] == s) e.lhs[s] = edge[a];
        const std::size_t b = plan.rhs_slot[s];
        if (plan.kind[s] == node_kind::binary && b != a && first[b] == s) e.rhs[s] = edge[b];
    }
    return e;
}

// ---- where leaves get their values -----------------------------------------------------------------

/// The value types an argument supplies to each source group: parameter sets, direct bindings, samples.
/// no_value_type: none; mixed_value_types: more than one (a sample of double and int columns).
struct no_value_type {};
struct mixed_value_types {};

/// The one value type among Ts other than no_value_type, no_value_type if none, else mixed_value_types.
template <class... Ts>
struct one_type {
    static constexpr std::size_t first = [] {
        constexpr bool present[] = {!std::is_same<Ts, no_value_type>::value..., true};
        std::size_t i = 0;
        while (!present[i]) ++i;
        return i;
    }();
    using candidate = std::tuple_element_t<first, std::tuple<Ts..., no_value_type>>;
    static constexpr bool same = [] {
        constexpr bool fits[] = {(std::is_same<Ts, no_value_type>::value || std::is_same<Ts, candidate>::value)..., true};
        for (bool f : fits)
            if (!f) return false;
        return true;
    }();
    using type = std::conditional_t<same, candidate, mixed_value_types>;
};

template <class Arg>
struct supplies {
    using set = no_value_type;
    using direct = no_value_type;
    using sample = no_value_type;
};
template <class T, fixed_string... Names>
struct supplies<parameter_set<T, Names...>> : supplies<void> {
    using set = T;
};
template <class Set, class Element>
struct supplies<parameter_map<Set, Element>> : supplies<void> {
    using set = std::remove_const_t<Element>;
};
template <class Leaf, class U>
struct supplies<binding<Leaf, U>> : supplies<void> {
    using direct = U;
};
template <class... Bindings>
struct supplies<sample_t<Bindings...>> : supplies<void> {
    using sample = typename one_type<decltype(Bindings::value)...>::type;
};

/// Pointers to one source group's leaf values, in the order of source_table::group_leaves; a group whose
/// arguments supply more than one value type gets none (its leaves are loaded at the sweep's start).
template <class U, std::size_t N>
struct group_pointers {
    using type = std::array<const U*, N>;
};
template <std::size_t N>
struct group_pointers<mixed_value_types, N> {
    using type = std::array<const double*, 0>;
};
template <std::size_t N>
struct group_pointers<no_value_type, N> {
    using type = std::array<const double*, 0>;
};

/// Where the leaves of a call get their values, and what the forward sweep does with that, as one table
/// (one variable per call signature: g++ mangles the name of each, and these names hold the
/// expression's type). Leaves are numbered as in the plan's leaf list.
template <std::size_t Slots, std::size_t Leaves>
struct source_table {
    // Source groups, numbered as in the tuple of pointer arrays the forward sweep builds: parameter
    // sets, direct bindings, samples. Per group: whether its leaves are read in place (its arguments
    // hold values of one type), and its leaves (as leaf numbers).
    bool read_in_place[3]{};
    slot_list<Leaves> group_leaves[3]{};
    // Per slot: whether it is a leaf read in place, and then its source group and entry in the group.
    bool read[Slots]{};
    std::size_t group[Slots]{};
    std::size_t position[Slots]{};
    // The forward sweep's edges: a leaf read in place is read by the step that uses it first (its edge:
    // position * 4 + group).
    edge_table<Slots> edges{};
    bool root_read = false;  // whether the root itself is a leaf read in place (used by no step)
    std::array<leaf_source, Leaves> located{};  // per leaf: the argument that binds it (locate_leaves)
    std::size_t forward_shape[Slots]{};  // per op slot: its forward step's shape (see forward_step_of)
};

/// Where each leaf of `plan` gets its value among arguments Args... (functions of sizes and of the
/// arguments' types, not of the expression's). On clang the lookups are a constant evaluation of their
/// own: with the rest of the table, a thousand leaves would exceed its default budget of steps (see
/// leaf_sources_v).
template <std::size_t Leaves, class... Args, class Plan>
TYPEGRAD_TABLE_LINKAGE constexpr std::array<leaf_source, Leaves> locate_leaves(const Plan& plan) {
    std::array<leaf_source, Leaves> r{};
    leaf_source* out = r.data();  // (std::array's [] is a call for a constant evaluator, this is not)
    for (std::size_t j = 0; j < Leaves; ++j) {
        const std::size_t s = plan.leaves.items[j];
        out[j] = locate<Args...>(leaf_key{plan.kind[s], plan.name[s]});
    }
    return r;
}
/// The source table of the leaves of `plan` for arguments Args..., given where each leaf's value is.
template <std::size_t Slots, std::size_t Leaves, class... Args, class Plan>
TYPEGRAD_TABLE_LINKAGE constexpr source_table<Slots, Leaves> make_sources(const Plan& plan, const std::array<leaf_source, Leaves>& located,
                                                                      const std::size_t* shapes) {
    using set_type = typename one_type<typename supplies<Args>::set...>::type;
    using direct_type = typename one_type<typename supplies<Args>::direct...>::type;
    using sample_type = typename one_type<typename supplies<Args>::sample...>::type;
    constexpr source groups[3] = {source::parameter_set, source::direct, source::sample};
    source_table<Slots, Leaves> r{};
    r.read_in_place[0] = !std::is_same<set_type, mixed_value_types>::value;
    r.read_in_place[1] = !std::is_same<direct_type, mixed_value_types>::value;
    r.read_in_place[2] = !std::is_same<sample_type, mixed_value_types>::value;
    std::size_t edge[Slots]{};
    for (auto& x : edge) x = no_edge;
    for (std::size_t g = 0; g < 3; ++g) {
        auto& list = r.group_leaves[g];
        for (std::size_t j = 0; j < Leaves; ++j)
            if (located.data()[j].from == groups[g]) list.items[list.count++] = j;
        if (!r.read_in_place[g]) continue;
        for (std::size_t c = 0; c < list.count; ++c) {
            const std::size_t s = plan.leaves.items[list.items[c]];
            r.read[s] = true;
            r.group[s] = g;
            r.position[s] = c;
            edge[s] = c * 4 + g;
        }
    }
    r.edges = edges_of<Slots>(plan, plan.first_use, edge);
    r.root_read = r.read[plan.slots - 1];
    r.located = located;
    for (std::size_t s = 0; s < plan.slots; ++s) {
        const std::size_t a = edge_group(r.edges.lhs[s]), b = edge_group(r.edges.rhs[s]);
        r.forward_shape[s] = shapes[s] | (a == no_edge ? 0 : a + 1) << shape::group_a_shift |
                             (b == no_edge ? 0 : b + 1) << shape::group_b_shift;
    }
    return r;
}

// The source table of a call: where each leaf of Root gets its value among arguments Args...
// (see TYPEGRAD_TABLE_LINKAGE). g++: the lookups and the table in one constant evaluation (its default
// budget, 2^25 operations, holds both at thousands of leaves). clang: two, each within its budget of
// 2^20 steps.
#if defined(__GNUC__) && !defined(__clang__)
template <class Root, class... Args>
TYPEGRAD_TABLE_LINKAGE constexpr auto leaf_sources_v = make_sources<plan_v<Root>.slots, plan_v<Root>.leaves.count, Args...>(
    plan_v<Root>, locate_leaves<plan_v<Root>.leaves.count, Args...>(plan_v<Root>), products_v<Root>.shape);
#else
template <class Root, class... Args>
TYPEGRAD_TABLE_LINKAGE constexpr auto located_leaves_v = locate_leaves<plan_v<Root>.leaves.count, Args...>(plan_v<Root>);
template <class Root, class... Args>
TYPEGRAD_TABLE_LINKAGE constexpr auto leaf_sources_v =
    make_sources<plan_v<Root>.slots, plan_v<Root>.leaves.count, Args...>(plan_v<Root>, located_leaves_v<Root, Args...>,
                                                                         products_v<Root>.shape);
#endif

/// The forward step of a shape (see source_table::forward_shape), for an expression whose op list is Ops.
template <class Ops, std::size_t Shape>
struct forward_step_of {
    using type = forward_step<typename op_at<shape::op_of(Shape), Ops>::type, shape::kind_of(Shape),
                              shape::group(Shape, shape::group_a_shift), shape::group(Shape, shape::group_b_shift),
                              shape::nibble(Shape, shape::side_shift)>;
};
/// The forward step of op slot S of Root in a call with arguments Args... (whose leaves are read as
/// leaf_sources_v says).
template <class Root, std::size_t S, class... Args>
using forward_step_t = typename forward_step_of<typename node_info<Root>::ops, leaf_sources_v<Root, Args...>.forward_shape[S]>::type;

/// The pointer arrays through which a call's forward sweep reads its leaves (see source_table).
template <class Root, class... Args>
struct source_pointers {
    using set_type = typename one_type<typename supplies<Args>::set...>::type;
    using direct_type = typename one_type<typename supplies<Args>::direct...>::type;
    using sample_type = typename one_type<typename supplies<Args>::sample...>::type;
    using type = std::tuple<typename group_pointers<set_type, leaf_sources_v<Root, Args...>.group_leaves[0].count>::type,
                            typename group_pointers<direct_type, leaf_sources_v<Root, Args...>.group_leaves[1].count>::type,
                            typename group_pointers<sample_type, leaf_sources_v<Root, Args...>.group_leaves[2].count>::type>;
};

/// The run-time literals of E in post-order (only subtrees that hold one are visited).
template <class E>
constexpr void collect_literals(const E& e, double* out, std::size_t& k) {
    if constexpr (!node_info<E>::literal) {
        (void)e, (void)out, (void)k;
    } else if constexpr (E::kind::value == node_kind::literal) {
        out[k++] = e.value;
    } else if constexpr (E::kind::value == node_kind::unary) {
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

/// A call's arguments, by reference, one base per argument: the sweep reaches argument I by a cast to
/// its base (`static_cast<const argument_at<I, Args...>&>(args).ref`), or through argument_ref<I>(args),
/// one function per argument, where many leaves read the same argument (parameter sets, samples); not
/// through std::tuple, whose constructors and get are some 200 functions named after every argument
/// type, a parameter set of a thousand names among them, and g++ mangles each such name at a cost that
/// grows with it. Made as
/// `arguments<Args...>{{{args}...}}`.
template <std::size_t I, class A>
struct argument {
    const A& ref;
};
template <class Is, class... Args>
struct argument_bases;
template <std::size_t... I, class... Args>
struct argument_bases<std::index_sequence<I...>, Args...> : argument<I, Args>... {};
template <class... Args>
struct arguments : argument_bases<std::index_sequence_for<Args...>, Args...> {};
/// The base of arguments<Args...> that holds argument I.
template <std::size_t I, class... Args>
using argument_at = argument<I, std::tuple_element_t<I, std::tuple<Args...>>>;
/// Argument I, for the sweeps' reads of parameter sets and samples, one per leaf: a cast to a base costs
/// g++ a walk over the template arguments of the function it is written in, which for `sweep` run to
/// thousands of index-sequence entries (g++ asks whether the function is a template before it computes
/// the base's offset); here the walk is over I and Args alone (4,184 nodes, g++ 12 -O2: the walks took
/// 2.45 G instructions; 67.16 -> 65.54 G in all). A direct binding, which one leaf reads, is cast in
/// place: an argument_ref per binding would be one more name per binding.
template <std::size_t I, class... Args>
[[gnu::always_inline]] constexpr const auto& argument_ref(const arguments<Args...>& args) {
    return static_cast<const argument_at<I, Args...>&>(args).ref;
}

/// x, computed by the front end. The sweeps pass slot numbers and table entries, reads of constant tables
/// at constant indices, as function arguments and subscripts; as plain expressions g++ leaves them for its
/// optimizer to fold, one lookup in a table's initializer at a time, and keeps each table referenced (so
/// named, and its name mangled) until then: 940-node network, g++ 12 -O2, 11.92 -> 11.36 G instructions.
consteval std::size_t folded(std::size_t x) { return x; }

// The tables of the sweep of expression Root for a call with arguments Args... (and output Wrt), as the
// sweep's code names them. On g++ they are written out at each use: a constexpr local reference is still
// a variable at run time, which refers to the table, so g++ would name the table (see
// TYPEGRAD_TABLE_LINKAGE). On clang, which names only what it emits, each function that uses them binds
// them to local references first (TYPEGRAD_BIND_*): written out, each use is a template-id of its own in
// clang's syntax tree (4,184 nodes: 475 -> 525 MB, 19.3 -> 20.3 CPU s).
#if defined(__GNUC__) && !defined(__clang__)
#define TYPEGRAD_PLAN plan_v<Root>
#define TYPEGRAD_SOURCES leaf_sources_v<Root, Args...>
#define TYPEGRAD_ACTIVITY activity_v<Root, Wrt>
#define TYPEGRAD_BIND_PLAN static_assert(true)
#define TYPEGRAD_BIND_SOURCES static_assert(true)
#define TYPEGRAD_BIND_ACTIVITY static_assert(true)
#else
#define TYPEGRAD_PLAN plan
#define TYPEGRAD_SOURCES sources
#define TYPEGRAD_ACTIVITY activity
#define TYPEGRAD_BIND_PLAN [[maybe_unused]] constexpr const auto& plan = plan_v<Root>
#define TYPEGRAD_BIND_SOURCES [[maybe_unused]] constexpr const auto& sources = leaf_sources_v<Root, Args...>
#define TYPEGRAD_BIND_ACTIVITY [[maybe_unused]] constexpr const auto& activity = activity_v<Root, Wrt>
#endif
// The source of leaf I of source group G (a leaf_source: argument and entry).
#define TYPEGRAD_LEAF_SOURCE(G, I) TYPEGRAD_SOURCES.located[TYPEGRAD_SOURCES.group_leaves[G].items[I]]

// What a forward sweep does besides its steps: where each source group's leaf values live (`where`,
// read by the steps that first use them; a group whose arguments hold values of several types is
// loaded here instead, converted to T), the constants and the run-time literals. Macros, as the steps
// below: the code must be written in the body of the function that owns the slot arrays (see sweep),
// and a function of its own that is inlined into that body makes different code for small graphs.
#define TYPEGRAD_LOAD_SOURCES                                                                                         \
    if constexpr (TYPEGRAD_SOURCES.read_in_place[0]) {                                                                \
        std::get<0>(where) = {&argument_ref<TYPEGRAD_LEAF_SOURCE(0, P).arg>(args)                                     \
                                   .values[folded(TYPEGRAD_LEAF_SOURCE(0, P).index)]...};                             \
    } else {                                                                                                          \
        [[maybe_unused]] const in_order loads[] = {                                                                   \
            in_order{},                                                                                               \
            (v[folded(TYPEGRAD_PLAN.leaves.items[TYPEGRAD_SOURCES.group_leaves[0].items[P]])] = {                     \
                 static_cast<T>(argument_ref<TYPEGRAD_LEAF_SOURCE(0, P).arg>(args)                                    \
                                    .values[folded(TYPEGRAD_LEAF_SOURCE(0, P).index)]),                               \
                 T(0)},                                                                                               \
             in_order{})...};                                                                                         \
    }                                                                                                                 \
    if constexpr (TYPEGRAD_SOURCES.read_in_place[1]) {                                                                \
        std::get<1>(where) = {&static_cast<const argument_at<TYPEGRAD_LEAF_SOURCE(1, D).arg, Args...>&>(args)         \
                                   .ref.value...};                                                                    \
    } else {                                                                                                          \
        [[maybe_unused]] const in_order loads[] = {                                                                   \
            in_order{},                                                                                               \
            (v[folded(TYPEGRAD_PLAN.leaves.items[TYPEGRAD_SOURCES.group_leaves[1].items[D]])] = {                     \
                 static_cast<T>(static_cast<const argument_at<TYPEGRAD_LEAF_SOURCE(1, D).arg, Args...>&>(args)        \
                                    .ref.value),                                                                      \
                 T(0)},                                                                                               \
             in_order{})...};                                                                                         \
    }                                                                                                                 \
    if constexpr (TYPEGRAD_SOURCES.read_in_place[2]) {                                                                \
        std::get<2>(where) = {&std::get<TYPEGRAD_LEAF_SOURCE(2, M).index>(                                            \
                                   argument_ref<TYPEGRAD_LEAF_SOURCE(2, M).arg>(args).bindings)                       \
                                   .value...};                                                                        \
    } else {                                                                                                          \
        [[maybe_unused]] const in_order loads[] = {                                                                   \
            in_order{},                                                                                               \
            (v[folded(TYPEGRAD_PLAN.leaves.items[TYPEGRAD_SOURCES.group_leaves[2].items[M]])] = {                     \
                 static_cast<T>(std::get<TYPEGRAD_LEAF_SOURCE(2, M).index>(                                           \
                                    argument_ref<TYPEGRAD_LEAF_SOURCE(2, M).arg>(args).bindings)                      \
                                    .value),                                                                          \
                 T(0)},                                                                                               \
             in_order{})...};                                                                                         \
    }                                                                                                                 \
    [[maybe_unused]] const in_order constant_loads[] = {                                                              \
        in_order{}, (v[folded(TYPEGRAD_PLAN.constants.items[C])] = {                                                  \
                         static_cast<T>(TYPEGRAD_PLAN.value[TYPEGRAD_PLAN.constants.items[C]]), T(0)},                \
                     in_order{})...};                                                                                 \
    if constexpr (sizeof...(L) > 0) {                                                                                 \
        double values[sizeof...(L)]{};                                                                                \
        std::size_t k = 0;                                                                                            \
        collect_literals(e, values, k);                                                                               \
        [[maybe_unused]] const in_order literal_loads[] = {                                                           \
            in_order{},                                                                                               \
            (v[folded(TYPEGRAD_PLAN.literals.items[L])] = {static_cast<T>(values[L]), T(0)}, in_order{})...};         \
    } else {                                                                                                          \
        (void)e;                                                                                                      \
    }                                                                                                                 \
    if constexpr (TYPEGRAD_SOURCES.root_read) {                                                                       \
        constexpr std::size_t root = TYPEGRAD_PLAN.slots - 1;                                                         \
        v[root] = {static_cast<T>(*std::get<TYPEGRAD_SOURCES.group[root]>(where)[folded(TYPEGRAD_SOURCES.position[root])]),\
                   T(0)};                                                                                             \
    }                                                                                                                 \
                                                                                                                      \
    static_assert(true)

// The forward steps, as one braced initializer (not a fold expression: it runs left to right and has no
// operand limit). The slot arguments are constants (see folded).
#define TYPEGRAD_FORWARD_STEPS                                                                                        \
    [[maybe_unused]] const in_order forward_steps[] = {                                                               \
        in_order{},                                                                                                   \
        (forward_step_t<Root, TYPEGRAD_PLAN.ops.items[O], Args...>::template run<T>(                                  \
             v, where, folded(TYPEGRAD_PLAN.ops.items[O]), folded(TYPEGRAD_PLAN.lhs_slot[TYPEGRAD_PLAN.ops.items[O]]), \
             folded(TYPEGRAD_PLAN.rhs_slot[TYPEGRAD_PLAN.ops.items[O]]),                                              \
             folded(edge_entry(TYPEGRAD_SOURCES.edges.lhs[TYPEGRAD_PLAN.ops.items[O]])),                              \
             folded(edge_entry(TYPEGRAD_SOURCES.edges.rhs[TYPEGRAD_PLAN.ops.items[O]])),                              \
             folded(products_v<Root>.p[TYPEGRAD_PLAN.ops.items[O]]),                                                  \
             folded(products_v<Root>.q[TYPEGRAD_PLAN.ops.items[O]])),                                                 \
         in_order{})...}

/// The forward sweep into v.
template <class T, class... Args, std::size_t N, std::size_t... P, std::size_t... D, std::size_t... M,
          std::size_t... C, std::size_t... L, std::size_t... O, class Root>
[[gnu::always_inline]] constexpr void run_forward(const Root& e, std::array<local<T>, N>& v, const arguments<Args...>& args,
                           std::index_sequence<P...>, std::index_sequence<D...>, std::index_sequence<M...>,
                           std::index_sequence<C...>, std::index_sequence<L...>, std::index_sequence<O...>) {
    TYPEGRAD_BIND_PLAN;
    TYPEGRAD_BIND_SOURCES;
    typename source_pointers<Root, Args...>::type where{};
    TYPEGRAD_LOAD_SOURCES;
    TYPEGRAD_FORWARD_STEPS;
}

/// What the reverse sweep needs to know of the leaves it differentiates, as one table (see source_table).
/// Slots: the plan's slots; Size: the output's size.
template <std::size_t Slots, std::size_t Size>
struct activity_table {
    bool active[Slots]{};  // per slot: whether its subtree holds a wanted leaf (it needs an adjoint)
    slot_list<Slots> ops;  // the reverse sweep's steps: the active op slots, in reverse topological order
    std::size_t out_of_slot[Slots]{};  // per slot: a wanted leaf's output index (else npos)
    /// Each wanted leaf's derivative is written out by the step that uses it first, the last of its uses
    /// that the reverse sweep visits.
    edge_table<Slots> edges{};
    /// Per op slot: whether its step adds the first term to its operand's adjoint (the first active use
    /// of that operand in reverse topological order).
    bool first_lhs[Slots]{};
    bool first_rhs[Slots]{};
    slot_list<Size> unused;  // the output entries that no leaf writes (parameters the expression does not use)
    std::size_t root_out = no_edge;  // the root's output index if it is itself a wanted leaf (used by no step), else npos
    std::size_t backward_shape[Slots]{};  // per active op slot: its reverse step's shape (see backward_step_of)
};

/// Each leaf's output index in Wrt (npos: not wanted); like locate_leaves, a constant evaluation of its own
/// on clang (see activity_v).
template <std::size_t Leaves, class Wrt, class Plan>
TYPEGRAD_TABLE_LINKAGE constexpr std::array<std::size_t, Leaves> leaf_outputs(const Plan& plan) {
    std::array<std::size_t, Leaves> r{};
    std::size_t* out = r.data();
    for (std::size_t j = 0; j < Leaves; ++j) {
        const std::size_t s = plan.leaves.items[j];
        out[j] = Wrt::index_of_key(plan.kind[s], plan.name[s]);
    }
    return r;
}
/// The activity table of `plan` for output Wrt, given each leaf's output index (functions of the plan's
/// size and of Wrt, not of the expression's type).
template <std::size_t Slots, std::size_t Leaves, class Wrt, class Plan>
TYPEGRAD_TABLE_LINKAGE constexpr activity_table<Slots, Wrt::size()> make_activity(const Plan& plan, const std::array<std::size_t, Leaves>& outputs,
                                                                                const std::size_t* shapes) {
    static_assert(Wrt::npos == no_edge);
    activity_table<Slots, Wrt::size()> r{};
    for (auto& o : r.out_of_slot) o = Wrt::npos;
    bool used[Wrt::size() > 0 ? Wrt::size() : 1]{};
    for (std::size_t j = 0; j < Leaves; ++j) {
        const std::size_t s = plan.leaves.items[j];
        const std::size_t k = outputs.data()[j];
        r.out_of_slot[s] = k;
        r.active[s] = k != Wrt::npos;
        if (k != Wrt::npos) used[k] = true;
    }
    for (std::size_t s = 0; s < plan.slots; ++s) {
        if (plan.kind[s] == node_kind::unary) r.active[s] = r.active[plan.lhs_slot[s]];
        if (plan.kind[s] == node_kind::binary) r.active[s] = r.active[plan.lhs_slot[s]] || r.active[plan.rhs_slot[s]];
    }
    for (std::size_t s = plan.slots; s-- > 0;)
        if (r.active[s] && (op_kinds & kind_bit(plan.kind[s]))) r.ops.items[r.ops.count++] = s;
    r.edges = edges_of<Slots>(plan, plan.first_use, r.out_of_slot);
    bool seen[Slots]{};
    for (std::size_t c = 0; c < r.ops.count; ++c) {
        const std::size_t s = r.ops.items[c], a = plan.lhs_slot[s], b = plan.rhs_slot[s];
        if (r.active[a] && !seen[a]) r.first_lhs[s] = seen[a] = true;
        if (plan.kind[s] == node_kind::binary && r.active[b] && !seen[b]) r.first_rhs[s] = seen[b] = true;
    }
    for (std::size_t i = 0; i < Wrt::size(); ++i)
        if (!used[i]) r.unused.items[r.unused.count++] = i;
    r.root_out = r.out_of_slot[plan.slots - 1];
    const bool early = plan.slots > inline_sweep_slots;
    for (std::size_t c = 0; c < r.ops.count; ++c) {
        const std::size_t s = r.ops.items[c], a = plan.lhs_slot[s], b = plan.rhs_slot[s];
        const bool binary = plan.kind[s] == node_kind::binary;
        std::size_t k = shapes[s] & ((std::size_t{1} << shape::side_shift) - 1);  // the op and the kind
        if (r.active[a]) k |= shape::active_a;
        if (binary && r.active[b]) k |= shape::active_b;
        if (r.edges.lhs[s] != no_edge) k |= shape::edge_a;
        if (r.edges.rhs[s] != no_edge) k |= shape::edge_b;
        if (binary && a == b) k |= shape::same;
        if (early && r.first_lhs[s]) k |= shape::first_a;
        if (early && r.first_rhs[s]) k |= shape::first_b;
        if (early) k |= shape::early;
        r.backward_shape[s] = k;
    }
    return r;
}

/// Which slots the reverse sweep must visit: those whose subtree holds a leaf that Wrt differentiates.
/// (As leaf_sources_v: one constant evaluation on g++, two on clang.)
#if defined(__GNUC__) && !defined(__clang__)
template <class Root, class Wrt>
TYPEGRAD_TABLE_LINKAGE constexpr auto activity_v = make_activity<plan_v<Root>.slots, plan_v<Root>.leaves.count, Wrt>(
    plan_v<Root>, leaf_outputs<plan_v<Root>.leaves.count, Wrt>(plan_v<Root>), products_v<Root>.shape);
#else
template <class Root, class Wrt>
TYPEGRAD_TABLE_LINKAGE constexpr auto leaf_outputs_v = leaf_outputs<plan_v<Root>.leaves.count, Wrt>(plan_v<Root>);
template <class Root, class Wrt>
TYPEGRAD_TABLE_LINKAGE constexpr auto activity_v =
    make_activity<plan_v<Root>.slots, plan_v<Root>.leaves.count, Wrt>(plan_v<Root>, leaf_outputs_v<Root, Wrt>,
                                                                      products_v<Root>.shape);
#endif

/// The reverse step of a shape (see activity_table::backward_shape), for an expression whose op list is Ops.
template <class Ops, std::size_t Shape>
struct backward_step_of {
    using type = backward_step<typename op_at<shape::op_of(Shape), Ops>::type, shape::kind_of(Shape),
                               (Shape & shape::active_a) != 0, (Shape & shape::active_b) != 0, (Shape & shape::edge_a) != 0,
                               (Shape & shape::edge_b) != 0, (Shape & shape::same) != 0, (Shape & shape::first_a) != 0,
                               (Shape & shape::first_b) != 0, (Shape & shape::early) != 0>;
};
/// The reverse step of op slot S of Root for output Wrt (see activity_v).
template <class Root, std::size_t S, class Wrt>
using backward_step_t = typename backward_step_of<typename node_info<Root>::ops, activity_v<Root, Wrt>.backward_shape[S]>::type;

// The reverse steps, as the forward ones (TYPEGRAD_FORWARD_STEPS).
#define TYPEGRAD_REVERSE_STEPS                                                                                        \
    [[maybe_unused]] const in_order reverse_steps[] = {                                                               \
        in_order{},                                                                                                   \
        (backward_step_t<Root, TYPEGRAD_ACTIVITY.ops.items[R], Wrt>::template run<Accumulate, T>(                     \
             v, adjoint, out, folded(TYPEGRAD_ACTIVITY.ops.items[R]),                                                 \
             folded(TYPEGRAD_PLAN.lhs_slot[TYPEGRAD_ACTIVITY.ops.items[R]]),                                          \
             folded(TYPEGRAD_PLAN.rhs_slot[TYPEGRAD_ACTIVITY.ops.items[R]]),                                          \
             folded(TYPEGRAD_ACTIVITY.edges.lhs[TYPEGRAD_ACTIVITY.ops.items[R]]),                                     \
             folded(TYPEGRAD_ACTIVITY.edges.rhs[TYPEGRAD_ACTIVITY.ops.items[R]])),                                    \
         in_order{})...}

/// The reverse sweep of a small graph (see inline_sweep_slots).
template <class T, class Root, class Wrt, bool Accumulate, std::size_t N, class Out, std::size_t... R>
[[gnu::always_inline]] constexpr void run_reverse(const std::array<local<T>, N>& v, std::array<T, N>& adjoint, Out& out,
                                                  std::index_sequence<R...>) {
    TYPEGRAD_BIND_PLAN;
    TYPEGRAD_BIND_ACTIVITY;
    TYPEGRAD_REVERSE_STEPS;
    if constexpr (TYPEGRAD_ACTIVITY.root_out != Wrt::npos)
        write_leaf<true, Accumulate>(out, folded(TYPEGRAD_ACTIVITY.root_out), adjoint[N - 1]);
}

/// Whether a plan has a leaf of this kind and name. A function of the plan's type, not of the expression's:
/// g++ names (and mangles) every function and static data member it sees, and one named after a
/// thousand-node expression costs it several milliseconds.
template <class Plan>
constexpr bool plan_has_leaf(const Plan& plan, node_kind kind, std::string_view name) {
    for (std::size_t j = 0; j < plan.leaves.count; ++j) {
        const std::size_t s = plan.leaves.items[j];
        if (plan.kind[s] == kind && name_equal(plan.name[s], name)) return true;
    }
    return false;
}

/// Whether Root uses the leaf that Arg binds (true for arguments that are not direct bindings).
template <class Root, class Arg>
struct uses_leaf : std::true_type {};
template <class Root, class Leaf, class U>
struct uses_leaf<Root, binding<Leaf, U>>
    : std::bool_constant<plan_has_leaf(plan_v<Root>, Leaf::kind::value, Leaf::name.view())> {};

template <class... Checks>
struct check_list {};
/// A check that passed; failing checks keep their names, which say what failed.
struct check_passed {};
template <bool Passed, class Check>
using check_or_passed = std::conditional_t<Passed, check_passed, Check>;

/// The first of the leaves whose sources `located` lists that is unbound or bound twice directly
/// (Leaves if none).
template <std::size_t Leaves>
constexpr std::size_t first_bad_leaf(const std::array<leaf_source, Leaves>& located) {
    const leaf_source* l = located.data();
    for (std::size_t j = 0; j < Leaves; ++j)
        if (l[j].from == source::none || l[j].direct_count > 1) return j;
    return Leaves;
}

/// The check of a call's leaves: that of the first leaf that is unbound or bound twice directly, or one
/// that passes. Only that leaf's check is instantiated: making each leaf's name type costs compile time
/// at thousands of leaves, and one error per leaf (a parameter set of another expression leaves them all
/// unbound) would be thousands of errors.
template <class Root, class... Args>
struct first_leaf_check {
    template <std::size_t J, bool Bad = (J < plan_v<Root>.leaves.count)>
    struct pick {
        using type = check_passed;
    };
    template <std::size_t J>
    struct pick<J, true> {
        using type = check_leaf<slot_leaf_t<Root, plan_v<Root>.leaves.items[J]>,
                                leaf_sources_v<Root, Args...>.located[J].from != source::none,
                                leaf_sources_v<Root, Args...>.located[J].direct_count <= 1>;
    };
    using type = typename pick<first_bad_leaf(leaf_sources_v<Root, Args...>.located)>::type;
};

/// Every check of a call's arguments: each argument is of a known kind, each direct binding is used,
/// each leaf is bound, and at most once directly. An alias, so that an error's chain of instantiations
/// goes from the checks straight to the entry point: no frame in between prints the expression's type.
template <class Root, class... Args>
using call_checks_t = check_list<check_or_passed<is_argument<Args>::value, check_known<Args>>...,
                                 check_or_passed<uses_leaf<Root, Args>::value, check_arg<Args, false>>...,
                                 typename first_leaf_check<Root, Args...>::type>;

/// Instantiates the checks; called at each public entry point as check(call_checks_t<E, Args...>{}).
template <class... Checks>
constexpr void check(check_list<Checks...>) {
    [[maybe_unused]] constexpr std::size_t sizes[] = {0, sizeof(Checks)...};
}

template <class T, class... Args, class Root>
[[gnu::always_inline]] constexpr std::array<local<T>, plan_v<Root>.slots> forward_sweep(const Root& e,
                                                                                        const arguments<Args...>& args) {
    TYPEGRAD_BIND_PLAN;
    TYPEGRAD_BIND_SOURCES;
    std::array<local<T>, TYPEGRAD_PLAN.slots> v;
    run_forward<T>(e, v, args, std::make_index_sequence<TYPEGRAD_SOURCES.group_leaves[0].count>{},
                   std::make_index_sequence<TYPEGRAD_SOURCES.group_leaves[1].count>{},
                   std::make_index_sequence<TYPEGRAD_SOURCES.group_leaves[2].count>{},
                   std::make_index_sequence<TYPEGRAD_PLAN.constants.count>{},
                   std::make_index_sequence<TYPEGRAD_PLAN.literals.count>{}, std::make_index_sequence<TYPEGRAD_PLAN.ops.count>{});
    return v;
}

/// Zeroes the output entries that no leaf writes (the sweep writes every other entry).
template <class T, class Root, class Wrt, class Out, std::size_t... Z>
[[gnu::always_inline]] constexpr void zero_unused(Out& out, std::index_sequence<Z...>) {
    TYPEGRAD_BIND_ACTIVITY;
    [[maybe_unused]] const in_order zeros[] = {in_order{},
                                               (out[folded(TYPEGRAD_ACTIVITY.unused.items[Z])] = T(0), in_order{})...};
}

/// Whether Op may add its value to a running sum in one expression: add_to(total, a) = total + op(a)
/// (binary: add_to(total, a, b)); see doc/ops.md. Used if TYPEGRAD_FUSE_PRODUCTS.
template <class Op>
concept has_unary_sum_form = fuse_products && requires(double x) {
    { Op::add_to(x, x) } -> std::same_as<double>;
};
template <class Op>
concept has_binary_sum_form = fuse_products && requires(double x) {
    { Op::add_to(x, x, x) } -> std::same_as<double>;
};

/// total + the root's value, as one expression with the root op's arithmetic where the op offers it
/// (square: total + a * a), so that a sum over samples fuses like hand-written `s += r * r`.
template <class T, class Root, std::size_t N>
[[gnu::always_inline]] constexpr T add_root(T total, const std::array<local<T>, N>& v) {
    TYPEGRAD_BIND_PLAN;
    constexpr std::size_t root = N - 1;
    if constexpr (TYPEGRAD_PLAN.kind[root] == node_kind::unary) {
        using Op = slot_op_t<Root, root>;
        if constexpr (has_unary_sum_form<Op> && (math::is_scalar_v<T> || batchable_v<Op>))
            return Op::add_to(total, v[folded(TYPEGRAD_PLAN.lhs_slot[root])].value);
        else return total + v[root].value;
    } else if constexpr (TYPEGRAD_PLAN.kind[root] == node_kind::binary) {
        using Op = slot_op_t<Root, root>;
        if constexpr (has_binary_sum_form<Op> && (math::is_scalar_v<T> || batchable_v<Op>))
            return Op::add_to(total, v[folded(TYPEGRAD_PLAN.lhs_slot[root])].value,
                              v[folded(TYPEGRAD_PLAN.rhs_slot[root])].value);
        else return total + v[root].value;
    } else {
        return total + v[root].value;
    }
}

// The expression's type is the last template parameter of the sweeps and entry points named after it
// (sweep, fused_sweep, forward_sweep, run_forward, eval, value_and_gradient, value_and_gradient_into).
// g++'s mangler looks each part of a name up in its substitution table, the types the name has spelled
// so far, one entry after another; after a large expression's type that table holds every one of its
// subtrees, so the parameter set's names and the index sequences spelled after it each cost a search
// through thousands of entries (4,184 nodes, g++ 12 -O2: mangling took 10.6 G of 71.6 G instructions,
// 6.2 G with the expression last). (run_reverse and zero_unused, which spell the parameter set after
// it, serve small graphs only.)

/// A large graph's forward and reverse sweep (see inline_sweep_slots), in one function that owns the slot
/// arrays and calls every step in its own body: g++'s early inliner then inlines the steps (it does not
/// consider calls that reach a function through always_inline ones, and inlines nothing into an
/// always_inline function), and its early scalar replacement makes the arrays registers before the
/// passes that would otherwise follow every value through memory (940-node network: g++ 12 -O2 2.53 ->
/// 1.85 s). Not always_inline, for the same reason. Writes d e / d leaf into out (see fused_sweep) and
/// returns e's value, or total + e's value.
template <class T, class Wrt, bool Accumulate, class... Args, class Out, std::size_t... P, std::size_t... D,
          std::size_t... M, std::size_t... C, std::size_t... L, std::size_t... O, std::size_t... R, std::size_t... Z,
          std::size_t... S, class Root>
constexpr T sweep(const Root& e, const arguments<Args...>& args, Out& out, [[maybe_unused]] T total,
                  std::index_sequence<P...>, std::index_sequence<D...>, std::index_sequence<M...>, std::index_sequence<C...>,
                  std::index_sequence<L...>, std::index_sequence<O...>, std::index_sequence<R...>,
                  std::index_sequence<Z...>, std::index_sequence<S...>) {
    TYPEGRAD_BIND_PLAN;
    TYPEGRAD_BIND_SOURCES;
    TYPEGRAD_BIND_ACTIVITY;
    constexpr std::size_t slots = TYPEGRAD_PLAN.slots;
    std::array<local<T>, slots> v;
    typename source_pointers<Root, Args...>::type where{};
    TYPEGRAD_LOAD_SOURCES;
    TYPEGRAD_FORWARD_STEPS;
    // Each adjoint's first term is stored over its start value (FirstA, FirstB), so no entry is read
    // before it is written; the -0.0 fill keeps every entry defined. A braced initializer, not a loop,
    // so that g++ keeps every entry in a register.
    std::array<T, slots> adjoint = filled<T>(-T(0), std::make_index_sequence<slots>{});
    adjoint[slots - 1] = T(1);  // the root is the last slot
    if constexpr (!Accumulate) {  // (zero_unused's work, without a function named after the expression)
        [[maybe_unused]] const in_order zeros[] = {in_order{},
                                                   (out[folded(TYPEGRAD_ACTIVITY.unused.items[Z])] = T(0), in_order{})...};
    }
    TYPEGRAD_REVERSE_STEPS;
    if constexpr (TYPEGRAD_ACTIVITY.root_out != Wrt::npos)
        write_leaf<true, Accumulate>(out, folded(TYPEGRAD_ACTIVITY.root_out), adjoint[slots - 1]);
#if defined(__GNUC__) && !defined(__clang__)
    // Every slot is read once more, into a variable nothing uses (the reads vanish): g++'s early scalar
    // replacement leaves in memory the part of an entry that is written and never read (a product's
    // unused second value, a weight read only by the step that reads it in), and value numbering then
    // walks back over each such store for every later load and store (940-node network: 19.0 -> 17.7 G
    // instructions of g++ -O2). Through a pointer: v[S] would be a call to inline per read. (clang
    // needs none of this, and its front end would pay for it.)
    [[maybe_unused]] T unused_read{};
    const local<T>* const slot = v.data();
    [[maybe_unused]] const in_order reads[] = {
        in_order{}, (unused_read = slot[S].value, unused_read = slot[S].aux, in_order{})...};
#endif
    if constexpr (Accumulate) return add_root<T, Root>(total, v);
    else return v[slots - 1].value;
}
#undef TYPEGRAD_LOAD_SOURCES
#undef TYPEGRAD_FORWARD_STEPS
#undef TYPEGRAD_REVERSE_STEPS

/// One forward and one reverse sweep; writes d e / d leaf into out[Wrt::index_of_key(kind, name)] and
/// returns e's value, or, if Accumulate (a sum over samples), adds the derivatives into out and returns
/// total + e's value. T may be a batch of lanes (several samples at once).
template <class T, class Wrt, bool Accumulate = false, class... Args, class Out, class Root>
[[gnu::always_inline]] constexpr T fused_sweep(const Root& e, const arguments<Args...>& args, Out& out,
                                               [[maybe_unused]] T total = T(0)) {
    TYPEGRAD_BIND_PLAN;
    TYPEGRAD_BIND_SOURCES;
    TYPEGRAD_BIND_ACTIVITY;
    if constexpr (TYPEGRAD_PLAN.slots <= inline_sweep_slots) {
        constexpr std::size_t slots = TYPEGRAD_PLAN.slots;
        const std::array<local<T>, slots> v = forward_sweep<T>(e, args);
        // Adjoints start at -0.0, the identity of +, so the first `+=` of each folds to a plain store. The
        // array is filled by a braced initializer, not a loop, so that g++ keeps every entry in a register.
        std::array<T, slots> adjoint = filled<T>(-T(0), std::make_index_sequence<slots>{});
        adjoint[slots - 1] = T(1);
        if constexpr (!Accumulate)
            zero_unused<T, Root, Wrt>(out, std::make_index_sequence<TYPEGRAD_ACTIVITY.unused.count>{});
        run_reverse<T, Root, Wrt, Accumulate>(v, adjoint, out, std::make_index_sequence<TYPEGRAD_ACTIVITY.ops.count>{});
        if constexpr (Accumulate) return add_root<T, Root>(total, v);
        else return v[slots - 1].value;
    } else {
        return sweep<T, Wrt, Accumulate>(e, args, out, total,
                                         std::make_index_sequence<TYPEGRAD_SOURCES.group_leaves[0].count>{},
                                         std::make_index_sequence<TYPEGRAD_SOURCES.group_leaves[1].count>{},
                                         std::make_index_sequence<TYPEGRAD_SOURCES.group_leaves[2].count>{},
                                         std::make_index_sequence<TYPEGRAD_PLAN.constants.count>{},
                                         std::make_index_sequence<TYPEGRAD_PLAN.literals.count>{},
                                         std::make_index_sequence<TYPEGRAD_PLAN.ops.count>{},
                                         std::make_index_sequence<TYPEGRAD_ACTIVITY.ops.count>{},
                                         std::make_index_sequence<TYPEGRAD_ACTIVITY.unused.count>{},
                                         std::make_index_sequence<TYPEGRAD_PLAN.slots>{});
    }
}
#undef TYPEGRAD_PLAN
#undef TYPEGRAD_SOURCES
#undef TYPEGRAD_ACTIVITY
#undef TYPEGRAD_BIND_PLAN
#undef TYPEGRAD_BIND_SOURCES
#undef TYPEGRAD_BIND_ACTIVITY
#undef TYPEGRAD_LEAF_SOURCE

}  // namespace detail

/// eval(e, bindings...): the value of e, each shared subexpression computed once.
/// The value type is T if given, else the parameter set's, else double. See example/neuron.cpp.
template <class T = void, class... Args, expression E>
[[nodiscard]] constexpr auto eval(const E& e, const Args&... args) {
    using V = detail::value_type_t<T, Args...>;
    detail::check(detail::call_checks_t<E, Args...>{});
    return detail::forward_sweep<V>(e, detail::arguments<Args...>{{{args}...}})[detail::folded(detail::plan_v<E>.slots - 1)].value;
}

/// What value_and_gradient returns: `auto [value, gradient] = value_and_gradient(...)`.
template <class T, class Gradient>
struct value_and_gradient_result {
    T value;
    Gradient gradient;

    /// Zero value and gradient.
    constexpr value_and_gradient_result() : value(), gradient() {}
    constexpr value_and_gradient_result(const T& v, const Gradient& g) : value(v), gradient(g) {}
    /// The gradient's values left unset, for a sweep that writes all of them. (A constructor, not
    /// aggregate initialization: g++ clears a whole aggregate whose initializer is a constant with an
    /// unset part, which here would be 8 bytes per parameter written for nothing.)
    constexpr explicit value_and_gradient_result(detail::unset_t unset) : value(), gradient(unset) {}
};

/// value_and_gradient_into(gradient, e, theta, bindings...): e's value, with its gradient written into
/// `gradient`, a parameter set or a parameter_map over writable memory of theta's set type (theta: a
/// parameter set or map). Every entry is written (0 for parameters e does not use); nothing is copied,
/// so with maps the parameters are read from, and the gradient written to, memory the caller owns.
template <class Out, class Theta, class... Args, expression E>
constexpr auto value_and_gradient_into(Out&& gradient, const E& e, const Theta& theta, const Args&... args) {
    using Set = typename detail::set_type_of<std::remove_cvref_t<Theta>>::type;
    static_assert(!std::is_void<Set>::value,
                  "typegrad: value_and_gradient_into(gradient, e, theta, ...): theta must be a parameter set or a "
                  "parameter_map (see map_parameters)");
    static_assert(std::is_same<typename detail::set_type_of<std::remove_cvref_t<Out>>::type, Set>::value,
                  "typegrad: value_and_gradient_into(gradient, e, theta, ...): gradient must be a parameter set or a "
                  "parameter_map of theta's set type");
    static_assert(detail::writable<Out>::value,
                  "typegrad: value_and_gradient_into writes the gradient: it must not be a const parameter set or a "
                  "map over read-only (const) memory");
    detail::check(detail::call_checks_t<E, Args..., Theta>{});
    return detail::fused_sweep<typename Set::value_type, Set>(e, detail::arguments<Args..., Theta>{{{args}..., {theta}}},
                                                              gradient.values);
}

/// value_and_gradient(e, theta, bindings...): e's value and its gradient with respect to every
/// parameter in theta (a parameter set, see parameters_of, or a parameter_map over the caller's memory,
/// see map_parameters), from one forward and one reverse sweep. The gradient is a parameter set of
/// theta's set type; parameters e does not use get 0. A direct binding (`w1 = 2.0`) overrides theta's
/// value for this call.
template <class Theta, class... Args, expression E>
    requires detail::is_parameter_source<Theta>::value
[[nodiscard]] constexpr auto value_and_gradient(const E& e, const Theta& theta, const Args&... args) {
    using Set = typename detail::set_type_of<Theta>::type;
    // The sweep writes every entry of the gradient, so the set is not zeroed first.
    // The call's checks, here at the entry point, so that a misuse's error lists no frame in between
    // that prints the expression's type.
    detail::check(detail::call_checks_t<E, Args..., Theta>{});
    // fused_sweep directly, not through value_and_gradient_into, whose checks hold here: a function
    // fewer named after the expression, which g++ mangles (see doc/benchmarks.md).
    value_and_gradient_result<typename Set::value_type, Set> result{detail::unset};
    result.value = detail::fused_sweep<typename Set::value_type, Set>(
        e, detail::arguments<Args..., Theta>{{{args}..., {theta}}}, result.gradient.values);
    return result;
}

/// value_and_gradient(e, wrt(x, w1), bindings...): the value and the derivatives with respect to the
/// listed leaves (parameters or inputs), addressable as gradient[x]. The value type is T if given, else
/// that of a parameter set among the arguments, else double.
template <class T = void, class... Leaves, class... Args, expression E>
[[nodiscard]] constexpr auto value_and_gradient(const E& e, wrt_t<Leaves...>, const Args&... args) {
    using V = detail::value_type_t<T, Args...>;
    detail::check(detail::call_checks_t<E, Args...>{});
    value_and_gradient_result<V, leaf_gradient<V, Leaves...>> result{V(0), {}};
    result.value = detail::fused_sweep<V, wrt_t<Leaves...>>(e, detail::arguments<Args...>{{{args}...}},
                                                            result.gradient.values);
    return result;
}

}  // namespace typegrad
