// typegrad/engine/graph.hpp: compile-time facts about an expression's graph, and its linearization:
// the unique subexpressions in topological order, each with a slot.
//
// Positions are the nodes of the expression *tree* in post-order (children before parents, left before
// right). Subtrees of the same type are the same computation unless they contain a run-time literal, so
// each position gets an identity: a structural hash of its type, or, for a subtree with a literal, a mark
// that it is never merged. Positions with one identity share one slot; the earliest of them computes it. That
// first occurrence precedes every parent of every occurrence, so the forward sweep may walk the tree
// in post-order and the reverse sweep in reverse post-order, skipping positions that are not first.
// The work is O(n) (a hash table) in constexpr code over arrays, not in recursive type searches.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include "typegrad/core/fixed_string.hpp"
#include "typegrad/core/nodes.hpp"

// The linkage of the tables named after an expression (plan_v, plan_of, products_v, leaf_sources_v,
// activity_v, parameter_names_v, and on clang located_leaves_v and leaf_outputs_v) and of the functions
// that only their initializers call. g++ names (mangles) every variable and function with external
// linkage that code refers to, even one read only in a constant expression, at a cost that grows with
// the square of the expression's size (940 nodes: 21,778 characters for plan_v's name). One with
// internal linkage it names only if it emits it, and these are never emitted: the library reads them in
// constant expressions only (`folded` in evaluate.hpp; to_dot reads a copy of its own). 940 nodes, g++
// 12 -O2: 11.36 -> 10.74 G instructions, with the sweeps spelling the tables out and plan_of a
// variable (see doc/benchmarks.md). So on g++ when optimizing they are `static`; with clang, which
// mangles only what it emits, and with g++ -O0, they are `inline`: -O0 implies -fno-toplevel-reorder,
// with which g++ writes every internal variable into the object file, used or not (a 940-node
// network's tables: 130 KB), and an `inline` one only if code reads it at run time. The price is the
// operators' kind (see TYPEGRAD_OPERATOR_LINKAGE and doc/reference.md, "Linkage"). Define
// TYPEGRAD_TABLE_LINKAGE as `inline` before including typegrad to keep external linkage on g++ too.
#ifndef TYPEGRAD_TABLE_LINKAGE
#if defined(__GNUC__) && !defined(__clang__) && defined(__OPTIMIZE__)
#define TYPEGRAD_TABLE_LINKAGE static
#else
#define TYPEGRAD_TABLE_LINKAGE inline
#endif
#endif

namespace typegrad::detail {

/// Whether E contains the leaf Leaf (used by d(), which visits every subtree anyway).
template <class E, class Leaf>
struct holds_leaf {
    enum : bool { value = std::is_same<E, Leaf>::value };
};
template <class Op, class A, class Leaf>
struct holds_leaf<unary_node<Op, A>, Leaf> {
    enum : bool { value = holds_leaf<A, Leaf>::value };
};
template <class Op, class A, class B, class Leaf>
struct holds_leaf<binary_node<Op, A, B>, Leaf> {
    enum : bool { value = holds_leaf<A, Leaf>::value || holds_leaf<B, Leaf>::value };
};
template <class E, class Leaf>
inline constexpr bool contains_v = holds_leaf<E, Leaf>::value;

// ---- identities ------------------------------------------------------------------------------------

template <class T>
constexpr std::string_view type_name() {
    return __PRETTY_FUNCTION__;  // only used for op and leaf types, which are short
}

constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/// A node's identity: two independent 64-bit structural hashes of its type (a collision would need both
/// to collide); a subtree that holds a literal is marked unique and never merged.
struct node_key {
    std::uint64_t first = 0;
    std::uint64_t second = 0;
    std::uint64_t unique = 0;  // 1 for a subtree with a literal (never merged), else 0

    constexpr bool operator==(const node_key&) const = default;
    constexpr bool operator<(const node_key& o) const {
        if (first != o.first) return first < o.first;
        if (second != o.second) return second < o.second;
        return unique < o.unique;
    }
};

inline constexpr std::uint64_t seed_one = 14695981039346656037ull;
inline constexpr std::uint64_t seed_two = 0x84222325cbf29ce4ull;

template <class Op>
struct op_hash {
    enum : std::uint64_t { first = fnv1a(type_name<Op>(), seed_one), second = fnv1a(type_name<Op>(), seed_two) };
};

// ---- the distinct op types of a graph ----------------------------------------------------------------
// A graph has few distinct ops (+, *, softplus, ...), so the list is built per subtree type by merging
// the operands' short lists (node_info<E>::ops, below); the sweep finds a slot's op by its index in the
// list, not by finding the slot's node type (which would need a search over the whole graph's types per
// slot).

template <class... Ops>
struct op_list {
    static constexpr std::size_t size = sizeof...(Ops);
    static constexpr std::array<std::uint64_t, sizeof...(Ops) + 1> hashes{op_hash<Ops>::first..., 0};
};

template <class List, class Op>
struct with_op;
template <class... Ops, class Op>
struct with_op<op_list<Ops...>, Op> {
    using type = std::conditional_t<(std::is_same_v<Ops, Op> || ...), op_list<Ops...>, op_list<Ops..., Op>>;
};

template <class A, class B>
struct merge_ops;
template <class A>
struct merge_ops<A, op_list<>> {
    using type = A;
};
template <class A, class Op, class... Rest>
struct merge_ops<A, op_list<Op, Rest...>> {
    using type = typename merge_ops<typename with_op<A, Op>::type, op_list<Rest...>>::type;
};

// ---- what the plan needs of each subtree type, memoised ----------------------------------------------
// One class per subtree type holds all of it, as enumerators: g++ registers (and mangles) every
// variable-template instantiation and static data member, which for per-subtree facts costs O(n * depth)
// in names, while enumerators cost nothing. And every class instantiated per subtree type costs both
// compilers time and memory: one class here instead of four (size, literal, hash, record facts) took the
// 940-node network from 2.84 to 2.67 s with g++ -O2 and 2.15 to 2.02 s with clang, and g++'s memory at
// 4,184 nodes from 1,030 to 951 MB; its op list too, instead of a fifth class, 2.78 -> 2.74 s (g++) and
// 2.06 -> 1.98 s (clang).

/// What the record of a subtree type E needs of it, as enumerators: `size` (positions), `literal`
/// (whether it holds a run-time literal, and so is never merged), `first`/`second` (two independent
/// structural hashes of the type: a collision would need both to collide), `lhs_back`/`rhs_back` (its
/// operands' distances back from its own position in post-order, 0: none) and `op` (an op's hash,
/// op_hash<Op>::first); a leaf's `name` and a constant's `value` (static members, the leaves' own); and
/// `ops`, the distinct op types in E (an op_list).
template <class E>
struct node_info {
    static_assert(!std::is_const<E>::value && !std::is_reference<E>::value,
                  "typegrad internal: a plan is made of an expression type without const or reference");
};

/// The name and value of everything that is not a parameter, an input or a constant.
struct no_facts {
    static constexpr std::string_view name{};
    static constexpr double value = 0;
};
/// The enumerators shared by leaves.
struct leaf_info : no_facts {
    enum : std::uint64_t { size = 1, lhs_back = 0, rhs_back = 0, op = 0 };
    using ops = op_list<>;
};
template <node_kind Kind, fixed_string Name>
struct named_leaf_info : leaf_info {
    enum : std::uint64_t {
        literal = 0,
        first = mix(seed_one + static_cast<std::uint64_t>(Kind), fnv1a(Name.view(), seed_one)),
        second = mix(seed_two + static_cast<std::uint64_t>(Kind), fnv1a(Name.view(), seed_two))
    };
    static constexpr std::string_view name = Name.view();
};
template <fixed_string Name>
struct node_info<parameter_node<Name>> : named_leaf_info<node_kind::parameter, Name> {};
template <fixed_string Name>
struct node_info<input_node<Name>> : named_leaf_info<node_kind::input, Name> {};
template <double V>
struct node_info<constant_node<V>> : leaf_info {
    enum : std::uint64_t {
        literal = 0,
        first = mix(seed_one + 7, std::bit_cast<std::uint64_t>(V)),
        second = mix(seed_two + 7, std::bit_cast<std::uint64_t>(V))
    };
    static constexpr double value = V;
};
template <>
struct node_info<literal_node> : leaf_info {
    enum : std::uint64_t { literal = 1, first = 0, second = 0 };  // never compared by hash
};
// Arithmetic on the enumerators converts them to std::uint64_t first: an operand of enumeration type
// makes `+` an overload resolution, which here, inside namespace typegrad, finds typegrad's own
// operator templates and checks their constraints for each node type; that cost clang a quarter of its
// time here (940 nodes: 2.04 -> 1.84 s with clang, 2.77 -> 2.69 s with g++).
template <class Op, class A>
struct node_info<unary_node<Op, A>> : no_facts {
    enum : std::uint64_t {
        size = std::uint64_t{node_info<A>::size} + 1,
        literal = node_info<A>::literal,
        first = mix(mix(op_hash<Op>::first, 1), node_info<A>::first),
        second = mix(mix(op_hash<Op>::second, 1), node_info<A>::second),
        lhs_back = 1,
        rhs_back = 0,
        op = op_hash<Op>::first
    };
    using ops = typename with_op<typename node_info<A>::ops, Op>::type;
};
template <class Op, class A, class B>
struct node_info<binary_node<Op, A, B>> : no_facts {
    enum : std::uint64_t {
        size = std::uint64_t{node_info<A>::size} + std::uint64_t{node_info<B>::size} + 1,
        literal = std::uint64_t{node_info<A>::literal} | std::uint64_t{node_info<B>::literal},
        first = mix(mix(mix(op_hash<Op>::first, 2), node_info<A>::first), node_info<B>::first),
        second = mix(mix(mix(op_hash<Op>::second, 2), node_info<A>::second), node_info<B>::second),
        lhs_back = std::uint64_t{node_info<B>::size} + 1,
        rhs_back = 1,
        op = op_hash<Op>::first
    };
    using ops = typename with_op<typename merge_ops<typename node_info<A>::ops, typename node_info<B>::ops>::type, Op>::type;
};

/// Number of positions (tree nodes) in E.
template <class E>
inline constexpr std::size_t size_v = node_info<E>::size;

/// One position's record: its identity, kind and operands (as distances back from its own position in
/// post-order, 0 for none), and what the sweep needs of the node itself: a leaf's name, a constant's
/// value, an op's hash (op_hash<Op>::first).
struct node_record {
    node_key key{};
    node_kind kind = node_kind::constant;
    std::size_t lhs = 0;  // the operand's distance back (unary: the operand)
    std::size_t rhs = 0;
    std::string_view name{};  // parameters and inputs
    double value = 0;         // constants
    std::uint64_t op = 0;     // ops: op_hash<Op>::first
};

// ---- the positions' records ---------------------------------------------------------------------------
// Two ways to the same records, one per compiler, each the cheaper for it (both are tested against each
// other on both compilers):
// - g++ names (mangles) every function it instantiates, at a cost that grows with the square of the name,
//   and a function per subtree type is named after that subtree: for a long sum, O(n) names of O(n)
//   length each. So on g++ the positions are listed as types (class templates, which are never mangled),
//   and one braced initializer makes every record from class members that are short-named or
//   enumerators (plan_of). 4,184 nodes: 28.9 -> 26.5 s of g++ 12 -O2; 940 nodes 3.11 -> 2.98 s.
// - clang mangles only what it emits, and stores a template's arguments once per instantiation, so the
//   lists (one per subtree, as long as the subtree) cost it memory: 622 -> 728 MB at 4,184 nodes. So on
//   clang a function per subtree type writes its records in post-order (record_filler).

/// The positions of an expression, as node types in post-order.
template <class... Ns>
struct node_list {};

template <class L, class R, class N>
struct joined;
template <class... X, class... Y, class N>
struct joined<node_list<X...>, node_list<Y...>, N> {
    using type = node_list<X..., Y..., N>;
};

template <class E>
struct post_order {  // leaves
    static_assert(E::kind::value != node_kind::unary && E::kind::value != node_kind::binary,
                  "typegrad internal: a plan is made of an expression type without const or reference");
    using type = node_list<E>;
};
template <class Op, class A>
struct post_order<unary_node<Op, A>> {
    using type = typename joined<typename post_order<A>::type, node_list<>, unary_node<Op, A>>::type;
};
template <class Op, class A, class B>
struct post_order<binary_node<Op, A, B>> {
    using type = typename joined<typename post_order<A>::type, typename post_order<B>::type, binary_node<Op, A, B>>::type;
};

/// The index of the op with hash h in List.
template <class List>
constexpr std::size_t op_index(std::uint64_t h) {
    for (std::size_t i = 0; i < List::size; ++i)
        if (List::hashes[i] == h) return i;
    return List::size;
}

template <std::size_t I, class List>
struct op_at;
template <std::size_t I, class Op, class... Rest>
struct op_at<I, op_list<Op, Rest...>> : op_at<I - 1, op_list<Rest...>> {};
template <class Op, class... Rest>
struct op_at<0, op_list<Op, Rest...>> {
    using type = Op;
};

// ---- the plan --------------------------------------------------------------------------------------

constexpr unsigned kind_bit(node_kind k) { return 1u << static_cast<unsigned>(k); }
inline constexpr unsigned leaf_kinds = kind_bit(node_kind::parameter) | kind_bit(node_kind::input);
inline constexpr unsigned op_kinds = kind_bit(node_kind::unary) | kind_bit(node_kind::binary);

/// No slot: the first use of a slot that no op uses (the root).
inline constexpr std::size_t no_slot = static_cast<std::size_t>(-1);

/// Some of a plan's slots, in order: items[0] ... items[count - 1].
template <std::size_t N>
struct slot_list {
    std::size_t count = 0;
    std::size_t items[N > 0 ? N : 1]{};
};

/// The linearization of an expression with N positions: U = `slots` unique subexpressions, numbered in
/// topological order (the order of their first occurrences in post-order).
/// Plain arrays, not std::array: the sweeps subscript them with constants thousands of times, and a
/// plain subscript costs the compilers' constant evaluators no function call.
template <std::size_t N>
struct plan {
    std::size_t slot[N]{};              // the slot of each position
    bool first[N]{};                    // whether this position is its slot's first occurrence
    std::size_t position_of_slot[N]{};  // slot -> its first position (entries < slots)
    node_kind kind[N]{};                // per slot
    std::size_t lhs_slot[N]{};          // per slot: operand slots
    std::size_t rhs_slot[N]{};
    std::string_view name[N]{};  // per slot: a leaf's name
    double value[N]{};           // per slot: a constant's value
    std::uint64_t op[N]{};       // per slot: an op's hash
    std::size_t slots = 0;

    // What the sweeps and parameter sets need of the plan, computed with it. Tables of their own would
    // be variables named after the expression, and g++ mangles every such name at a cost that grows
    // with the expression (a few milliseconds each at a thousand nodes).
    slot_list<N> leaves;              // parameter and input slots, in topological order
    slot_list<N> constants;           // compile-time constants
    slot_list<N> literals;            // run-time literals
    slot_list<N> ops;                 // unary and binary op slots
    std::size_t first_use[N]{};       // per slot: the first op slot that uses it as an operand (no_slot: none)
    std::size_t parameter_count = 0;  // distinct parameters (parameter slots)
};

/// The plan of an expression with N positions, from their records in post-order (see plan_of).
template <std::size_t N>
constexpr plan<N> make_plan(const std::array<node_record, N>& all) {
    constexpr std::size_t n = N;

    // Merging by hash table (open addressing, capacity a power of two >= 2n): O(n) expected steps, which
    // keeps clang's default constexpr step limit out of reach at thousands of nodes. Positions are
    // inserted in post-order, so the one found is the first occurrence.
    constexpr std::size_t capacity = std::bit_ceil(2 * n);
    constexpr std::size_t empty = static_cast<std::size_t>(-1);
    std::size_t table[capacity]{};
    for (auto& t : table) t = empty;
    const node_record* records = all.data();  // (std::array's [] is a call for a constant evaluator)
    plan<n> result{};
    for (std::size_t p = 0; p < n; ++p) {
        const node_key& key = records[p].key;
        std::size_t representative = p;
        if (key.unique == 0) {  // (a subtree with a literal is its own slot)
            std::size_t h = static_cast<std::size_t>(key.first) & (capacity - 1);
            while (table[h] != empty && !(records[table[h]].key == key)) h = (h + 1) & (capacity - 1);
            if (table[h] == empty) table[h] = p;
            else representative = table[h];
        }
        result.first[p] = representative == p;
        if (result.first[p]) {
            const std::size_t s = result.slots++;
            result.slot[p] = s;
            result.position_of_slot[s] = p;
            result.kind[s] = records[p].kind;
            // operands precede p in post-order, so their slots are already known
            result.lhs_slot[s] = records[p].lhs != 0 ? result.slot[p - records[p].lhs] : 0;
            result.rhs_slot[s] = records[p].rhs != 0 ? result.slot[p - records[p].rhs] : 0;
            result.name[s] = records[p].name;
            result.value[s] = records[p].value;
            result.op[s] = records[p].op;
        } else {
            result.slot[p] = result.slot[representative];
        }
    }
    for (std::size_t s = 0; s < result.slots; ++s) {
        const unsigned bit = kind_bit(result.kind[s]);
        auto& list = (bit & leaf_kinds) ? result.leaves
                     : (bit & op_kinds) ? result.ops
                     : result.kind[s] == node_kind::constant ? result.constants
                                                               : result.literals;
        list.items[list.count++] = s;
        if (result.kind[s] == node_kind::parameter) ++result.parameter_count;
    }
    for (std::size_t s = 0; s < n; ++s) result.first_use[s] = no_slot;
    for (std::size_t s = result.slots; s-- > 0;) {
        if (result.kind[s] == node_kind::unary || result.kind[s] == node_kind::binary) result.first_use[result.lhs_slot[s]] = s;
        if (result.kind[s] == node_kind::binary) result.first_use[result.rhs_slot[s]] = s;
    }
    return result;
}

/// The plan of the positions a node_list lists (g++'s way). Each record comes from class members that
/// are short-named or enumerators: operands as distances back from the record's own position (0: none),
/// and key.unique = 1 for a subtree with a literal; make_plan turns these into positions. A variable
/// (see TYPEGRAD_TABLE_LINKAGE), not a function: g++ takes 0.3 G more instructions to evaluate a function
/// called with the 940 records of a 940-node network than to initialize a variable with them.
template <class List>
TYPEGRAD_TABLE_LINKAGE constexpr bool plan_of = false;  // (only node lists have a plan)
template <class... Ns>
TYPEGRAD_TABLE_LINKAGE constexpr plan<sizeof...(Ns)> plan_of<node_list<Ns...>> = make_plan<sizeof...(Ns)>({{node_record{
    node_info<Ns>::literal ? node_key{0, 0, 1} : node_key{node_info<Ns>::first, node_info<Ns>::second, 0},
    Ns::kind::value, node_info<Ns>::lhs_back, node_info<Ns>::rhs_back, node_info<Ns>::name, node_info<Ns>::value,
    node_info<Ns>::op}...}});

/// The record of a position holding node E, as plan_of makes it (clang's way: a function per node type).
/// plan_of spells the same record out in its initializer rather than calling this: a function per node
/// type, named after that type, is what g++'s way avoids.
template <class E>
constexpr node_record record_of() {
    return {node_info<E>::literal ? node_key{0, 0, 1} : node_key{node_info<E>::first, node_info<E>::second, 0},
            E::kind::value, node_info<E>::lhs_back, node_info<E>::rhs_back, node_info<E>::name, node_info<E>::value,
            node_info<E>::op};
}
/// Writes the records of E's positions, in post-order, from `position` on (clang's way).
template <class E>
struct record_filler {  // leaves
    static_assert(E::kind::value != node_kind::unary && E::kind::value != node_kind::binary,
                  "typegrad internal: a plan is made of an expression type without const or reference");
    static constexpr void fill(node_record* records, std::size_t& position) { records[position++] = record_of<E>(); }
};
template <class Op, class A>
struct record_filler<unary_node<Op, A>> {
    static constexpr void fill(node_record* records, std::size_t& position) {
        record_filler<A>::fill(records, position);
        records[position++] = record_of<unary_node<Op, A>>();
    }
};
template <class Op, class A, class B>
struct record_filler<binary_node<Op, A, B>> {
    static constexpr void fill(node_record* records, std::size_t& position) {
        record_filler<A>::fill(records, position);
        record_filler<B>::fill(records, position);
        records[position++] = record_of<binary_node<Op, A, B>>();
    }
};
template <class E>
constexpr std::array<node_record, node_info<E>::size> filled_records() {
    std::array<node_record, node_info<E>::size> records{};
    std::size_t position = 0;
    record_filler<E>::fill(records.data(), position);
    return records;
}

/// The linearization of E, computed once per expression type (internal linkage on g++: see
/// TYPEGRAD_TABLE_LINKAGE; every read at run time is a constant first, see `folded` in evaluate.hpp).
#if defined(__clang__)
template <class E>
TYPEGRAD_TABLE_LINKAGE constexpr auto plan_v = make_plan<node_info<E>::size>(filled_records<E>());
#else
template <class E>
TYPEGRAD_TABLE_LINKAGE constexpr auto plan_v = plan_of<typename post_order<E>::type>;
#endif

/// A plain array that constexpr functions can return (at least one entry, as C++ requires).
template <class T, std::size_t N>
struct plain_array {
    T items[N > 0 ? N : 1]{};
};

// ---- what the sweep needs of a slot -------------------------------------------------------------------

/// The op type of op slot S of Root.
template <class Root, std::size_t S>
using slot_op_t = typename op_at<op_index<typename node_info<Root>::ops>(plan_v<Root>.op[S]), typename node_info<Root>::ops>::type;

/// A leaf named by its kind and name alone (diagnostics name the leaf through this).
template <node_kind K, fixed_string Name>
struct named_leaf {
    using kind = kind_is<K>;
    static constexpr auto name = Name;
};

/// The leaf of leaf slot S of Root, as a named_leaf.
template <class Root, std::size_t S>
using slot_leaf_t = named_leaf<plan_v<Root>.kind[S], to_fixed_string<plan_v<Root>.name[S].size()>(plan_v<Root>.name[S])>;

}  // namespace typegrad::detail
