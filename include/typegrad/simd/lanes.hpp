// typegrad/simd/lanes.hpp: packs of doubles in SIMD lanes (GCC/Clang vector extensions), and the few
// lane-wise helpers that the vectorizable elementary functions (typegrad/simd/vmath.hpp) are written with.
//
// A "lane type" is plain double or one of pack2, pack4, pack8: code written against a lane type with
// arithmetic, comparisons and select() runs unchanged on one sample (double) or on N samples at once. The
// comparison of two packs gives a mask (a vector of 64-bit integers, all bits set where true); of two
// doubles, a bool.
//
// native_pack is as wide as the enabled instruction set: 8 lanes with AVX-512F, 4 with AVX, else 2 (SSE2,
// which every x86-64 has). A pack wider than that still works (the compiler splits it), but passing a
// 32- or 64-byte vector by value without AVX changes the calling convention, so GCC and Clang warn
// (-Wpsabi) where such a function is defined or called out of line; this header and vmath.hpp keep that
// warning off inside themselves, but GCC's has no source location and only -Wno-psabi silences it.
// native_pack never causes it.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <utility>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace typegrad::simd {

/// How many doubles fill one register of the instruction set this translation unit is compiled for.
#if defined(__AVX512F__)
inline constexpr int native_lanes = 8;
#elif defined(__AVX__)
inline constexpr int native_lanes = 4;
#else
inline constexpr int native_lanes = 2;
#endif

using pack2 = double __attribute__((vector_size(16)));
using pack4 = double __attribute__((vector_size(32)));
using pack8 = double __attribute__((vector_size(64)));

namespace detail {
template <int N>
struct pack_for;
template <>
struct pack_for<1> { using type = double; };
template <>
struct pack_for<2> { using type = pack2; };
template <>
struct pack_for<4> { using type = pack4; };
template <>
struct pack_for<8> { using type = pack8; };

template <class V>
struct lane_traits {};
template <>
struct lane_traits<double> {
    static constexpr int lanes = 1;
    using mask = bool;
    using bits = std::uint64_t;
};
template <>
struct lane_traits<pack2> {
    static constexpr int lanes = 2;
    using mask = decltype(pack2{} < pack2{});
    using bits = std::uint64_t __attribute__((vector_size(16)));
};
template <>
struct lane_traits<pack4> {
    static constexpr int lanes = 4;
    using mask = decltype(pack4{} < pack4{});
    using bits = std::uint64_t __attribute__((vector_size(32)));
};
template <>
struct lane_traits<pack8> {
    static constexpr int lanes = 8;
    using mask = decltype(pack8{} < pack8{});
    using bits = std::uint64_t __attribute__((vector_size(64)));
};
}  // namespace detail

/// The pack of N doubles (N = 1, 2, 4, 8; pack_of<1> is double).
template <int N>
using pack_of = typename detail::pack_for<N>::type;

/// The pack that fills one register: native_lanes doubles.
using native_pack = pack_of<native_lanes>;

/// double, pack2, pack4 or pack8.
template <class V>
concept lane_type = std::is_same_v<V, double> || std::is_same_v<V, pack2> || std::is_same_v<V, pack4> ||
                    std::is_same_v<V, pack8>;

/// How many doubles a lane type holds (1 for double).
template <lane_type V>
inline constexpr int lanes_of = detail::lane_traits<V>::lanes;

/// What comparing two V gives: bool for double, a vector of 64-bit integers (0 or all ones) for a pack.
template <lane_type V>
using mask_of = typename detail::lane_traits<V>::mask;

/// The unsigned 64-bit integers with V's shape (std::uint64_t for double), for bit manipulation.
template <lane_type V>
using bits_of = typename detail::lane_traits<V>::bits;

/// The IEEE-754 bits of each lane.
template <lane_type V>
constexpr bits_of<V> to_bits(V x) noexcept {
    return std::bit_cast<bits_of<V>>(x);
}

/// The lanes whose IEEE-754 bits are b.
template <lane_type V>
constexpr V from_bits(bits_of<V> b) noexcept {
    return std::bit_cast<V>(b);
}

/// Every lane equal to x (the sign of zero and NaN payloads are kept).
template <lane_type V>
constexpr V broadcast(double x) noexcept {
    if constexpr (std::is_same_v<V, double>) {
        return x;
    } else {
        return [x]<std::size_t... I>(std::index_sequence<I...>) {
            return V{(static_cast<void>(I), x)...};
        }(std::make_index_sequence<lanes_of<V>>{});
    }
}

/// Per lane, a where m is true, else b (for double: m ? a : b).
template <lane_type V>
constexpr V select(mask_of<V> m, V a, V b) noexcept {
    if constexpr (std::is_same_v<V, double>) {
        // A blend of the bits rather than m ? a : b: GCC turns the conditional into branches (and moves
        // work into them), which stops it from vectorizing a loop over doubles; the blend it vectorizes
        // (GCC 12 needs SSE4.2 or AVX for the bool -> 64-bit mask; Clang vectorizes it on SSE2 too).
        const std::uint64_t mb = std::uint64_t{0} - static_cast<std::uint64_t>(m);
        return from_bits<V>((to_bits(a) & mb) | (to_bits(b) & ~mb));
    } else {
        const auto mb = std::bit_cast<bits_of<V>>(m);
        return from_bits<V>((to_bits(a) & mb) | (to_bits(b) & ~mb));
    }
}

/// Lanes true in both masks.
template <class M>
constexpr M mask_and(M a, M b) noexcept {
    if constexpr (std::is_same_v<M, bool>) return a & b;  // no short circuit: no branch
    else return a & b;
}

/// Lanes true in either mask.
template <class M>
constexpr M mask_or(M a, M b) noexcept {
    if constexpr (std::is_same_v<M, bool>) return a | b;
    else return a | b;
}

/// Lanes false in the mask.
template <class M>
constexpr M mask_not(M a) noexcept {
    if constexpr (std::is_same_v<M, bool>) return !a;
    else return ~a;
}

/// lanes_of<V> consecutive doubles from p (any alignment).
template <lane_type V>
inline V load(const double* p) noexcept {
    V v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

/// Writes the lanes of v to lanes_of<V> consecutive doubles at p (any alignment).
template <lane_type V>
inline void store(double* p, V v) noexcept {
    std::memcpy(p, &v, sizeof v);
}

/// Lane i of v (for double, v itself).
template <lane_type V>
constexpr double lane(V v, int i) noexcept {
    if constexpr (std::is_same_v<V, double>) {
        static_cast<void>(i);
        return v;
    } else {
        return v[i];
    }
}

/// The sum of the lanes in a fixed order, ((v0 + v1) + v2) + ..., so that it never depends on the
/// compiler or the instruction set: a batched sum is reproducible bit for bit.
template <lane_type V>
constexpr double hsum(V v) noexcept {
    if constexpr (std::is_same_v<V, double>) {
        return v;
    } else {
        double s = v[0];
        for (int i = 1; i < lanes_of<V>; ++i) s += v[i];
        return s;
    }
}

}  // namespace typegrad::simd

#pragma GCC diagnostic pop
