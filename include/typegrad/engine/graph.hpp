// typegrad/engine/graph.hpp: compile-time facts about an expression's graph, and its linearization:
// the unique subexpressions in topological order, each with a slot.
//
// Positions are the nodes of the expression *tree* in post-order (children before parents, left before
// right). Subtrees of the same type are the same computation unless they contain a run-time literal, so
// each position gets an identity: a structural hash of its type, or, for a subtree with a literal, its
// own position. Positions with one identity share one slot; the earliest of them computes it. That
// first occurrence precedes every parent of every occurrence, so the forward sweep may walk the tree
// in post-order and the reverse sweep in reverse post-order, skipping positions that are not first.
// The work is O(n log n) in constexpr code over arrays, not in recursive type searches.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

#include "typegrad/core/nodes.hpp"

namespace typegrad::detail {

// ---- sizes and membership, memoised per subtree type ----------------------------------------------

/// Number of positions (tree nodes) in E.
template <class E>
inline constexpr std::size_t size_v = 1;
template <class Op, class A>
inline constexpr std::size_t size_v<unary_node<Op, A>> = 1 + size_v<A>;
template <class Op, class A, class B>
inline constexpr std::size_t size_v<binary_node<Op, A, B>> = 1 + size_v<A> + size_v<B>;

/// Whether E contains a run-time literal (and so is never merged by type).
template <class E>
inline constexpr bool has_literal_v = std::is_same_v<E, literal_node>;
template <class Op, class A>
inline constexpr bool has_literal_v<unary_node<Op, A>> = has_literal_v<A>;
template <class Op, class A, class B>
inline constexpr bool has_literal_v<binary_node<Op, A, B>> = has_literal_v<A> || has_literal_v<B>;

/// Whether E contains the leaf Leaf.
template <class E, class Leaf>
inline constexpr bool contains_v = std::is_same_v<E, Leaf>;
template <class Op, class A, class Leaf>
inline constexpr bool contains_v<unary_node<Op, A>, Leaf> = contains_v<A, Leaf>;
template <class Op, class A, class B, class Leaf>
inline constexpr bool contains_v<binary_node<Op, A, B>, Leaf> = contains_v<A, Leaf> || contains_v<B, Leaf>;

/// Number of parameter positions in E (with repeats).
template <class E>
inline constexpr std::size_t parameter_count_v = E::kind == node_kind::parameter ? 1 : 0;
template <class Op, class A>
inline constexpr std::size_t parameter_count_v<unary_node<Op, A>> = parameter_count_v<A>;
template <class Op, class A, class B>
inline constexpr std::size_t parameter_count_v<binary_node<Op, A, B>> = parameter_count_v<A> + parameter_count_v<B>;

// ---- identities ------------------------------------------------------------------------------------

template <class T>
constexpr std::string_view type_name() {
    return __PRETTY_FUNCTION__;  // only used for op and leaf types, which are short
}

constexpr std::uint64_t fnv1a(std::string_view text, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (char ch : text) {
        h ^= static_cast<unsigned char>(ch);
        h *= 1099511628211ull;
    }
    return h;
}

constexpr std::uint64_t mix(std::uint64_t a, std::uint64_t b) {
    std::uint64_t z = a ^ (b + 0x9e3779b97f4a7c15ull + (a << 6) + (a >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/// A node's identity: two independent 64-bit structural hashes of its type (a collision would need both
/// to collide), or a position for subtrees that hold a literal.
struct node_key {
    std::uint64_t first = 0;
    std::uint64_t second = 0;
    std::uint64_t unique = 0;  // position + 1 for a subtree with a literal, else 0

    constexpr bool operator==(const node_key&) const = default;
    constexpr bool operator<(const node_key& o) const {
        if (first != o.first) return first < o.first;
        if (second != o.second) return second < o.second;
        return unique < o.unique;
    }
};

inline constexpr std::uint64_t seed_one = 14695981039346656037ull;
inline constexpr std::uint64_t seed_two = 0x84222325cbf29ce4ull;

template <class E>
struct type_hash {
    // Leaves: kind and name; constants: their bits.
    static constexpr std::uint64_t compute(std::uint64_t seed) {
        if constexpr (E::kind == node_kind::parameter || E::kind == node_kind::input) {
            return mix(seed + static_cast<std::uint64_t>(E::kind), fnv1a(E::name.view(), seed));
        } else if constexpr (E::kind == node_kind::constant) {
            return mix(seed + 7, std::bit_cast<std::uint64_t>(E::value));
        } else {
            return mix(seed, 99);  // literals: never compared by hash
        }
    }
    static constexpr std::uint64_t first = compute(seed_one);
    static constexpr std::uint64_t second = compute(seed_two);
};
template <class Op, class A>
struct type_hash<unary_node<Op, A>> {
    static constexpr std::uint64_t first = mix(mix(fnv1a(type_name<Op>(), seed_one), 1), type_hash<A>::first);
    static constexpr std::uint64_t second = mix(mix(fnv1a(type_name<Op>(), seed_two), 1), type_hash<A>::second);
};
template <class Op, class A, class B>
struct type_hash<binary_node<Op, A, B>> {
    static constexpr std::uint64_t first =
        mix(mix(mix(fnv1a(type_name<Op>(), seed_one), 2), type_hash<A>::first), type_hash<B>::first);
    static constexpr std::uint64_t second =
        mix(mix(mix(fnv1a(type_name<Op>(), seed_two), 2), type_hash<A>::second), type_hash<B>::second);
};

/// Writes the keys of E's positions, in post-order, starting at `position`.
template <class E>
constexpr void fill_keys(node_key* keys, std::size_t& position) {
    if constexpr (E::kind == node_kind::unary) {
        fill_keys<std::remove_cvref_t<decltype(std::declval<E>().arg)>>(keys, position);
    } else if constexpr (E::kind == node_kind::binary) {
        fill_keys<std::remove_cvref_t<decltype(std::declval<E>().lhs)>>(keys, position);
        fill_keys<std::remove_cvref_t<decltype(std::declval<E>().rhs)>>(keys, position);
    }
    if constexpr (has_literal_v<E>) keys[position] = node_key{0, 0, position + 1};
    else keys[position] = node_key{type_hash<E>::first, type_hash<E>::second, 0};
    ++position;
}

// ---- the plan --------------------------------------------------------------------------------------

/// The linearization of an expression with N positions.
template <std::size_t N>
struct plan {
    std::array<std::size_t, N> slot{};  // the slot each position reads and (if first) writes
    std::array<bool, N> first{};        // whether this position is the first occurrence of its slot
    std::size_t slots = 0;              // number of unique subexpressions
};

/// Sorts `order` (indices into keys) by (key, index): a bottom-up merge sort, O(n log n) steps.
template <std::size_t N>
constexpr void sort_positions(const std::array<node_key, N>& keys, std::array<std::size_t, N>& order) {
    std::array<std::size_t, N> buffer{};
    auto less = [&](std::size_t a, std::size_t b) {
        if (keys[a] < keys[b]) return true;
        if (keys[b] < keys[a]) return false;
        return a < b;
    };
    for (std::size_t width = 1; width < N; width *= 2) {
        for (std::size_t lo = 0; lo < N; lo += 2 * width) {
            const std::size_t mid = lo + width < N ? lo + width : N;
            const std::size_t hi = lo + 2 * width < N ? lo + 2 * width : N;
            std::size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) buffer[k++] = less(order[j], order[i]) ? order[j++] : order[i++];
            while (i < mid) buffer[k++] = order[i++];
            while (j < hi) buffer[k++] = order[j++];
        }
        order = buffer;
    }
}

template <class E>
constexpr auto make_plan() {
    constexpr std::size_t n = size_v<E>;
    std::array<node_key, n> keys{};
    std::size_t position = 0;
    fill_keys<E>(keys.data(), position);

    std::array<std::size_t, n> order{};
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    sort_positions(keys, order);

    std::array<std::size_t, n> representative{};  // the first position with the same key
    for (std::size_t i = 0; i < n; ++i) {
        const bool starts_group = i == 0 || !(keys[order[i]] == keys[order[i - 1]]);
        representative[order[i]] = starts_group ? order[i] : representative[order[i - 1]];
    }
    plan<n> result{};
    for (std::size_t p = 0; p < n; ++p) {
        result.first[p] = representative[p] == p;
        result.slot[p] = result.first[p] ? result.slots++ : result.slot[representative[p]];
    }
    return result;
}

/// The linearization of E, computed once per expression type.
template <class E>
inline constexpr auto plan_v = make_plan<E>();

}  // namespace typegrad::detail
