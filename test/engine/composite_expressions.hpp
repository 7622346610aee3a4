// The composite expressions checked by composite_test.cpp, composite_more_test.cpp,
// composite_shared_test.cpp and composite_literal_test.cpp (see composite_test.cpp), with compile-time
// checks of the claims made about them: depth, which ops each uses, shared subexpressions, and the
// pairs that differ only in a run-time literal.
//
// Expressions e01..e53 are fixed; e54..e60 are pairs: eNN(k) for two values of the literal k, each pair
// one type. Depth counts op nodes on the longest root-to-leaf path (leaves count 0); every expression
// has depth >= 4 (static_assert below).
//
// Which expressions use each op (checked exactly by the static_asserts at the end of this file):
//   op                 uses  expressions
//   a + b                54  01 02 03 04 05 06 07 08 09 10 11 12 13 14 16 17 19 20 21 22 23 24 25 26 27
//                            28 29 31 32 33 34 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 55
//                            56 57 59 60
//   a - b                37  01 03 04 05 06 09 11 14 15 17 18 20 22 23 26 27 29 30 32 33 34 35 36 38 39
//                            40 42 44 45 48 50 52 54 56 57 58 60
//   a * b                60  all (01..60)
//   a / b                10  21 22 25 33 36 42 48 51 52 53
//   -a (negate)          10  12 15 21 24 25 38 40 49 50 52
//   square               20  01 03 04 06 11 15 20 22 23 25 28 33 34 40 41 47 48 53 54 59
//   pow<N>                5  11 14 19 30 48
//   pow(a, b)             4  13 46 53 57
//   exp                  11  10 12 15 18 21 27 33 40 42 52 55
//   log                  10  06 10 16 26 28 31 43 50 52 55
//   log1p                 6  12 18 20 41 53 59
//   sqrt                  8  11 17 20 22 27 34 43 59
//   abs                   6  12 22 23 32 43 58
//   sinh                  8  16 17 29 35 36 45 51 58
//   cosh                  8  16 17 27 29 35 36 45 51
//   relu                  4  04 29 40 60
//   leaky_relu<0.1>       3  05 28 47
//   elu (any alpha)       5  06 31 44 49 56
//     elu<> (alpha 1)     3  06 31 49
//     elu<0.5>            4  06 44 49 56
//   softplus             11  01 07 13 19 24 26 38 46 52 54 57
//   sigmoid              10  02 13 19 25 30 31 39 50 56 57
//   tanh                 12  14 25 26 32 36 37 47 51 53 56 59 60
//   silu                  5  03 09 18 44 60
//   gelu                  5  03 08 34 41 58
//   step                  3  24 26 32
//   sign                  3  23 27 47
//
// Shared subexpressions (an op subtree without literals that occurs twice) together with a parameter
// that occurs at two leaves: exactly 37..52 (16 expressions). Literal pairs: 54..60 (7 pairs, checked
// at both literals, whose values must differ). With the pairs' second members, 67 expressions in all.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "laws.hpp"

namespace composite {
namespace tg = typegrad;

constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto w2 = tg::param<"w2">;
constexpr auto w3 = tg::param<"w3">;
constexpr auto w4 = tg::param<"w4">;
constexpr auto b1 = tg::param<"b1">;
constexpr auto b2 = tg::param<"b2">;
constexpr auto b3 = tg::param<"b3">;

// ---- small networks and activations --------------------------------------------------------------

/// The primer's loss: a softplus network with two hidden units against a target y.
constexpr auto e01 = tg::square(y - (w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3));
constexpr auto e02 = tg::sigmoid(w3 * tg::sigmoid(w1 * x + b1) + w4 * tg::sigmoid(w2 * x + b2) + b3);
constexpr auto e03 = tg::square(tg::silu(w1 * x + b1) - tg::gelu(w2 * x + b2));
constexpr auto e04 = tg::square(y - (w3 * tg::relu(w1 * x + b1) + w4 * tg::relu(w2 * x + b2)));
constexpr auto e05 = w3 * tg::leaky_relu<0.1>(w1 * x - b1) + tg::leaky_relu<0.1>(w2 * x + b2) * w4;
constexpr auto e06 = tg::log(1 + tg::square(tg::elu<>(w1 * x + b1) - tg::elu<0.5>(w2 * x + b2)));
constexpr auto e07 = tg::softplus(w2 * tg::softplus(w1 * x + b1) + b2);
constexpr auto e08 = tg::gelu(w1 * tg::gelu(w2 * x + b2) + b1);
constexpr auto e09 = tg::silu(w1 * x + b1) * tg::silu(w2 * x + b2) - b3;

// ---- exp, log, log1p, sqrt and powers ---------------------------------------------------------------

constexpr auto e10 = tg::log(tg::exp(w1 * x) + tg::exp(w2 * x + b1));  // log-sum-exp
constexpr auto e11 = tg::sqrt(tg::square(w1 * x - b1) + tg::pow<4>(w2 * y + b2) + tg::c<1>);
constexpr auto e12 = tg::log1p(tg::exp(-tg::abs(w1 * x + b1)));
constexpr auto e13 = tg::pow(tg::softplus(w1 * x) + tg::c<1>, tg::sigmoid(w2 * x + b2));
constexpr auto e14 = tg::pow<3>(tg::tanh(w1 * x + b1)) - tg::pow<2>(w2 * x);
constexpr auto e15 = tg::exp(-tg::square(w1 * (x - b1))) * w2;  // a Gaussian bump
constexpr auto e16 = tg::log(tg::cosh(w1 * x + b1)) + tg::sinh(w2 * x) * b2;
constexpr auto e17 = tg::sqrt(tg::cosh(w1 * x) - tg::sinh(w2 * x) * b1 + 2);
constexpr auto e18 = tg::silu(tg::log1p(tg::exp(w1 * x)) - w2);
constexpr auto e19 = tg::pow<-2>(tg::softplus(w1 * x) + tg::sigmoid(w2 * x));
constexpr auto e20 = tg::log1p(tg::sqrt(tg::square(w1 * x - b2) + tg::c<0.5>)) * w3;

// ---- division, negation and piecewise ops -----------------------------------------------------------

constexpr auto e21 = (w1 * x + b1) / (1 + tg::exp(-(w2 * x + b2)));
constexpr auto e22 = tg::abs(w1 * x - w2) / tg::sqrt(tg::square(w3) + tg::square(x * b1) + 1);
constexpr auto e23 = tg::sign(w1 * x - b1) * tg::square(w2 * x + b2) + tg::abs(w3 * x);
constexpr auto e24 = tg::step(w1 * x + b1) * tg::softplus(w2 * x) + tg::step(-(w3 * x) + b2) * w4;
constexpr auto e25 = tg::sigmoid(-tg::tanh(w1 * x + b1)) / (tg::square(w2) + 1);
constexpr auto e26 = tg::step(tg::tanh(w1 * x) - b1) * tg::log(tg::softplus(w2 * x) + tg::c<1>);
constexpr auto e27 = tg::sign(tg::cosh(w1 * x) - tg::c<1.5>) * tg::sqrt(tg::exp(w2 * x) + b3);
constexpr auto e28 = tg::leaky_relu<0.1>(tg::log(tg::square(w1 * x) + b3)) * w2;
constexpr auto e29 = tg::relu(tg::cosh(w1 * x + b1) - tg::c<2>) + tg::relu(tg::sinh(w2 * x) + tg::c<1>);
constexpr auto e30 = tg::sigmoid(tg::pow<3>(w1 * x - b1) * w2);
constexpr auto e31 = tg::elu<>(tg::log(tg::sigmoid(w1 * x + b1)));
constexpr auto e32 = tg::abs(tg::tanh(w1 * x) - tg::tanh(w2 * x)) + tg::step(w3 - x) * w4;
constexpr auto e33 = (tg::square(w1) + tg::square(w2)) / (tg::c<1> + tg::exp(w3 * x + b1)) - b2 / (w4 * w4 + 1);
constexpr auto e34 = tg::gelu(tg::sqrt(tg::square(w1 * x) + tg::square(b1)) - w2 * y);
constexpr auto e35 = tg::cosh(tg::sinh(w1 * x) * b1) - w2;
constexpr auto e36 = tg::tanh(tg::sinh(w1 * x + b1) / tg::cosh(w2 * x - b2));

// ---- shared subexpressions and repeated parameters --------------------------------------------------

constexpr auto e37 = [] {
    const auto h = tg::tanh(w1 * x + b1);
    return h * h + w2 * h;
}();
constexpr auto e38 = [] {  // softplus(z) - softplus(-z) is z
    const auto z = w1 * x + b1;
    return tg::softplus(z) - tg::softplus(-z);
}();
constexpr auto e39 = [] {  // sigmoid's derivative, scaled
    const auto s = tg::sigmoid(w1 * x + b1);
    return s * (tg::c<1> - s) * w2;
}();
constexpr auto e40 = [] {
    const auto r = tg::relu(w1 * x - b1);
    return tg::square(r) + tg::exp(-r) * w2;
}();
constexpr auto e41 = [] {
    const auto g = tg::gelu(w1 * x + b1);
    return tg::log1p(tg::square(g)) + g * w2;
}();
constexpr auto e42 = [] {  // a two-way softmax
    const auto e = tg::exp(w1 * x - b1);
    return e / (e + tg::exp(w2 * x));
}();
constexpr auto e43 = [] {
    const auto a = tg::abs(w1 * x + b2);
    return tg::sqrt(a) * tg::log(a + tg::c<1>);
}();
constexpr auto e44 = [] {
    const auto u = tg::silu(w1 * x);
    const auto v = tg::elu<0.5>(u - b2);
    return v * v * w2 + u;
}();
constexpr auto e45 = [] {  // cosh^2 - sinh^2 is 1
    const auto c = tg::cosh(w1 * x);
    const auto s = tg::sinh(w1 * x);
    return c * c - s * s + w2 * s;
}();
constexpr auto e46 = [] {
    const auto p = tg::softplus(w1 * x + b1);
    return tg::pow(p, p);
}();
constexpr auto e47 = [] {
    const auto t = tg::tanh(w1 * x) + b2;
    const auto l = tg::leaky_relu<0.1>(t);
    return l * tg::sign(t) + tg::square(l);
}();
constexpr auto e48 = [] {
    const auto q = tg::square(w1 * x - y);
    return q / (q + tg::pow<2>(w2));
}();
constexpr auto e49 = [] {
    const auto z = w1 * x + b1;
    return tg::elu<>(z) + tg::elu<0.5>(-z) * w2;
}();
constexpr auto e50 = [] {  // binary cross-entropy of a logistic unit
    const auto s = tg::sigmoid(w1 * x + b1);
    return -(y * tg::log(s) + (tg::c<1> - y) * tg::log(tg::c<1> - s));
}();
constexpr auto e51 = [] {  // sinh/cosh is tanh
    const auto z = w1 * x + b1;
    return tg::sinh(z) / tg::cosh(z) + w2 * tg::tanh(z);
}();
constexpr auto e52 = [] {
    const auto sp = tg::softplus(w1 * x + b1);
    return tg::log(sp) * sp - tg::exp(-sp) / w2;
}();
constexpr auto e53 = tg::pow(tg::c<2>, tg::tanh(w1 * x + b1)) * tg::log1p(tg::square(w2)) / b3;

// ---- pairs that differ only in a run-time literal k -------------------------------------------------

constexpr auto e54(double k) { return tg::square(y - w2 * tg::softplus(w1 * x * k)); }
constexpr auto e55(double k) { return tg::log(tg::exp(w1 * x + k) + tg::exp(w2 * y)) * w3; }
constexpr auto e56(double k) { return tg::elu<0.5>(tg::tanh(w1 * x - k) * w2) + tg::sigmoid(b1 * x); }
constexpr auto e57(double k) { return tg::pow(tg::sigmoid(w1 * x) * k + tg::c<0.1>, w2 - b1) * tg::softplus(b2); }
constexpr auto e58(double k) { return tg::abs(tg::sinh(w1 * x) - k) * tg::gelu(w2 * x); }
constexpr auto e59(double k) { return tg::sqrt(tg::log1p(tg::square(w1 * x) * k) + b3 * b3) * tg::tanh(w2); }
constexpr auto e60(double k) { return tg::relu(tg::silu(w1 * x + b1) - k) * w3 + tg::tanh(b2); }

// ---- parameter values -------------------------------------------------------------------------------

/// The value each parameter starts from unless a test sets it: moderate, so that no intermediate
/// value grows large enough to swamp the derivatives' rounding.
constexpr double default_value(std::string_view name) {
    constexpr std::pair<std::string_view, double> table[] = {
        {"w1", 0.8}, {"w2", -0.6}, {"w3", 1.1}, {"w4", 0.45}, {"b1", 0.3}, {"b2", -0.25}, {"b3", 0.15}};
    for (const auto& [n, v] : table)
        if (n == name) return v;
    return 0.5;
}

/// parameters_of<T>(e) with every parameter at its default value.
template <class T = double, class E>
auto parameters(const E& e) {
    auto theta = tg::parameters_of<T>(e);
    for (auto [name, value] : theta) value = static_cast<T>(default_value(name));
    return theta;
}

// ---- compile-time facts about expression types ------------------------------------------------------

/// Ops that come as a family of templates, counted as one op each.
struct pow_int_family {};
struct leaky_relu_family {};
struct elu_family {};

template <class Op>
struct family {
    using type = Op;
};
template <int N>
struct family<tg::pow_int_op<N>> {
    using type = pow_int_family;
};
template <double Slope>
struct family<tg::leaky_relu_op<Slope>> {
    using type = leaky_relu_family;
};
template <double Alpha>
struct family<tg::elu_op<Alpha>> {
    using type = elu_family;
};
template <class Op>
using family_t = typename family<Op>::type;

/// Longest root-to-leaf path, counting op nodes.
template <class E>
inline constexpr int depth_v = 0;
template <class Op, class A>
inline constexpr int depth_v<tg::unary_node<Op, A>> = 1 + depth_v<A>;
template <class Op, class A, class B>
inline constexpr int depth_v<tg::binary_node<Op, A, B>> = 1 + std::max(depth_v<A>, depth_v<B>);

/// Whether E contains a node of op F: F is an op type (tg::elu_op<0.5>) or a family (elu_family).
template <class E, class F>
inline constexpr bool uses_v = false;
template <class Op, class A, class F>
inline constexpr bool uses_v<tg::unary_node<Op, A>, F> =
    std::is_same_v<Op, F> || std::is_same_v<family_t<Op>, F> || uses_v<A, F>;
template <class Op, class A, class B, class F>
inline constexpr bool uses_v<tg::binary_node<Op, A, B>, F> =
    std::is_same_v<Op, F> || std::is_same_v<family_t<Op>, F> || uses_v<A, F> || uses_v<B, F>;

/// How many subtrees of E have type S.
template <class E, class S>
inline constexpr int occurrences_v = std::is_same_v<E, S>;
template <class Op, class A, class S>
inline constexpr int occurrences_v<tg::unary_node<Op, A>, S> = std::is_same_v<tg::unary_node<Op, A>, S> + occurrences_v<A, S>;
template <class Op, class A, class B, class S>
inline constexpr int occurrences_v<tg::binary_node<Op, A, B>, S> =
    std::is_same_v<tg::binary_node<Op, A, B>, S> + occurrences_v<A, S> + occurrences_v<B, S>;

template <class E>
inline constexpr bool has_literal_v = std::is_same_v<E, tg::literal_node>;
template <class Op, class A>
inline constexpr bool has_literal_v<tg::unary_node<Op, A>> = has_literal_v<A>;
template <class Op, class A, class B>
inline constexpr bool has_literal_v<tg::binary_node<Op, A, B>> = has_literal_v<A> || has_literal_v<B>;

/// Whether some op subtree S of E (S itself inside Root) without literals occurs twice in Root: a
/// shared subexpression, which the engine computes once.
template <class Root, class E>
inline constexpr bool shares_in_v = false;
template <class Root, class Op, class A>
inline constexpr bool shares_in_v<Root, tg::unary_node<Op, A>> =
    (occurrences_v<Root, tg::unary_node<Op, A>> >= 2 && !has_literal_v<tg::unary_node<Op, A>>) || shares_in_v<Root, A>;
template <class Root, class Op, class A, class B>
inline constexpr bool shares_in_v<Root, tg::binary_node<Op, A, B>> =
    (occurrences_v<Root, tg::binary_node<Op, A, B>> >= 2 && !has_literal_v<tg::binary_node<Op, A, B>>) ||
    shares_in_v<Root, A> || shares_in_v<Root, B>;
template <class E>
inline constexpr bool shares_v = shares_in_v<E, E>;

/// Whether some parameter occurs at two or more leaves of Root.
template <class Root, class E>
inline constexpr bool repeats_in_v = E::kind::value == tg::node_kind::parameter && occurrences_v<Root, E> >= 2;
template <class Root, class Op, class A>
inline constexpr bool repeats_in_v<Root, tg::unary_node<Op, A>> = repeats_in_v<Root, A>;
template <class Root, class Op, class A, class B>
inline constexpr bool repeats_in_v<Root, tg::binary_node<Op, A, B>> = repeats_in_v<Root, A> || repeats_in_v<Root, B>;
template <class E>
inline constexpr bool repeats_parameter_v = repeats_in_v<E, E>;

/// A set of expression numbers, 1..63.
struct ids {
    std::array<bool, 64> in{};
    constexpr ids() = default;
    constexpr ids(std::initializer_list<int> list) {
        for (int i : list) in[static_cast<std::size_t>(i)] = true;
    }
    constexpr ids(int first, int last) {  // the range first..last
        for (int i = first; i <= last; ++i) in[static_cast<std::size_t>(i)] = true;
    }
    [[nodiscard]] constexpr int count() const { return static_cast<int>(std::count(in.begin(), in.end(), true)); }
    constexpr bool operator==(const ids&) const = default;
};

template <class... Es>
struct expression_list {};

/// Every distinct expression type, in order: position i holds eNN for NN = i.
using all_expressions = expression_list<
    decltype(e01), decltype(e02), decltype(e03), decltype(e04), decltype(e05), decltype(e06), decltype(e07),
    decltype(e08), decltype(e09), decltype(e10), decltype(e11), decltype(e12), decltype(e13), decltype(e14),
    decltype(e15), decltype(e16), decltype(e17), decltype(e18), decltype(e19), decltype(e20), decltype(e21),
    decltype(e22), decltype(e23), decltype(e24), decltype(e25), decltype(e26), decltype(e27), decltype(e28),
    decltype(e29), decltype(e30), decltype(e31), decltype(e32), decltype(e33), decltype(e34), decltype(e35),
    decltype(e36), decltype(e37), decltype(e38), decltype(e39), decltype(e40), decltype(e41), decltype(e42),
    decltype(e43), decltype(e44), decltype(e45), decltype(e46), decltype(e47), decltype(e48), decltype(e49),
    decltype(e50), decltype(e51), decltype(e52), decltype(e53), decltype(e54(0)), decltype(e55(0)),
    decltype(e56(0)), decltype(e57(0)), decltype(e58(0)), decltype(e59(0)), decltype(e60(0))>;

template <class F, class... Es>
consteval ids used_by(expression_list<Es...>) {
    ids s;
    std::size_t i = 1;
    ((s.in[i++] = uses_v<std::remove_cv_t<Es>, F>), ...);
    return s;
}
template <class F>
inline constexpr ids used_by_v = used_by<F>(all_expressions{});

template <class... Es>
consteval ids sharing(expression_list<Es...>) {
    ids s;
    std::size_t i = 1;
    ((s.in[i++] = shares_v<std::remove_cv_t<Es>>), ...);
    return s;
}

template <class... Es>
consteval ids sharing_and_repeating(expression_list<Es...>) {
    ids s;
    std::size_t i = 1;
    ((s.in[i++] = shares_v<std::remove_cv_t<Es>> && repeats_parameter_v<std::remove_cv_t<Es>>), ...);
    return s;
}

template <class... Es>
consteval ids at_least_4_deep(expression_list<Es...>) {
    ids s;
    std::size_t i = 1;
    ((s.in[i++] = depth_v<std::remove_cv_t<Es>> >= 4), ...);
    return s;
}

template <class E, class... Es>
consteval bool first_of_its_type(std::size_t i) {
    constexpr bool same[] = {std::is_same_v<E, Es>...};
    for (std::size_t j = 0; j < i; ++j)
        if (same[j]) return false;
    return true;
}

/// How many distinct types the list holds.
template <class... Es>
consteval int distinct_types(expression_list<Es...>) {
    int distinct = 0;
    std::size_t i = 0;
    ((distinct += first_of_its_type<Es, Es...>(i++) ? 1 : 0), ...);
    return distinct;
}

// ---- the claims, checked ------------------------------------------------------------------------------

static_assert(distinct_types(all_expressions{}) == 60, "60 expressions of 60 distinct types");
static_assert(at_least_4_deep(all_expressions{}) == ids(1, 60), "every composite expression has depth >= 4");
static_assert(depth_v<std::remove_cv_t<decltype(e01)>> == 8);
static_assert(depth_v<std::remove_cv_t<decltype(e37)>> == 5);

static_assert(used_by_v<tg::add_op> == ids{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31, 32, 33, 34, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 55, 56, 57, 59, 60});
static_assert(used_by_v<tg::subtract_op> == ids{1, 3, 4, 5, 6, 9, 11, 14, 15, 17, 18, 20, 22, 23, 26, 27, 29, 30, 32, 33, 34, 35, 36, 38, 39, 40, 42, 44, 45, 48, 50, 52, 54, 56, 57, 58, 60});
static_assert(used_by_v<tg::multiply_op> == ids(1, 60));
static_assert(used_by_v<tg::divide_op> == ids{21, 22, 25, 33, 36, 42, 48, 51, 52, 53});
static_assert(used_by_v<tg::negate_op> == ids{12, 15, 21, 24, 25, 38, 40, 49, 50, 52});
static_assert(used_by_v<tg::square_op> == ids{1, 3, 4, 6, 11, 15, 20, 22, 23, 25, 28, 33, 34, 40, 41, 47, 48, 53, 54, 59});
static_assert(used_by_v<pow_int_family> == ids{11, 14, 19, 30, 48});
static_assert(used_by_v<tg::pow_op> == ids{13, 46, 53, 57});
static_assert(used_by_v<tg::exp_op> == ids{10, 12, 15, 18, 21, 27, 33, 40, 42, 52, 55});
static_assert(used_by_v<tg::log_op> == ids{6, 10, 16, 26, 28, 31, 43, 50, 52, 55});
static_assert(used_by_v<tg::log1p_op> == ids{12, 18, 20, 41, 53, 59});
static_assert(used_by_v<tg::sqrt_op> == ids{11, 17, 20, 22, 27, 34, 43, 59});
static_assert(used_by_v<tg::abs_op> == ids{12, 22, 23, 32, 43, 58});
static_assert(used_by_v<tg::sinh_op> == ids{16, 17, 29, 35, 36, 45, 51, 58});
static_assert(used_by_v<tg::cosh_op> == ids{16, 17, 27, 29, 35, 36, 45, 51});
static_assert(used_by_v<tg::relu_op> == ids{4, 29, 40, 60});
static_assert(used_by_v<leaky_relu_family> == ids{5, 28, 47});
static_assert(used_by_v<elu_family> == ids{6, 31, 44, 49, 56});
static_assert(used_by_v<tg::elu_op<1.0>> == ids{6, 31, 49});
static_assert(used_by_v<tg::elu_op<0.5>> == ids{6, 44, 49, 56});
static_assert(used_by_v<tg::softplus_op> == ids{1, 7, 13, 19, 24, 26, 38, 46, 52, 54, 57});
static_assert(used_by_v<tg::sigmoid_op> == ids{2, 13, 19, 25, 30, 31, 39, 50, 56, 57});
static_assert(used_by_v<tg::tanh_op> == ids{14, 25, 26, 32, 36, 37, 47, 51, 53, 56, 59, 60});
static_assert(used_by_v<tg::silu_op> == ids{3, 9, 18, 44, 60});
static_assert(used_by_v<tg::gelu_op> == ids{3, 8, 34, 41, 58});
static_assert(used_by_v<tg::step_op> == ids{24, 26, 32});
static_assert(used_by_v<tg::sign_op> == ids{23, 27, 47});

template <class... Fs>
consteval bool each_used_at_least_3_times() {
    return ((used_by_v<Fs>.count() >= 3) && ...);
}
static_assert(each_used_at_least_3_times<tg::add_op, tg::subtract_op, tg::multiply_op, tg::divide_op, tg::negate_op,
                                         tg::square_op, pow_int_family, tg::pow_op, tg::exp_op, tg::log_op, tg::log1p_op,
                                         tg::sqrt_op, tg::abs_op, tg::sinh_op, tg::cosh_op, tg::relu_op,
                                         tg::leaky_relu_op<0.1>, tg::elu_op<1.0>, tg::elu_op<0.5>, tg::softplus_op,
                                         tg::sigmoid_op, tg::tanh_op, tg::silu_op, tg::gelu_op, tg::step_op,
                                         tg::sign_op>());

static_assert(sharing(all_expressions{}) == ids(37, 52), "37..52 share a subexpression; no other does");
static_assert(sharing_and_repeating(all_expressions{}) == ids(37, 52), "and each of them repeats a parameter");
static_assert(sharing(all_expressions{}).count() == 16);

// Each pair is one type (so the two differ only in the literal's value) and has a literal.
static_assert(std::is_same_v<decltype(e54(0.5)), decltype(e54(0.7))> && has_literal_v<decltype(e54(0.5))>);
static_assert(std::is_same_v<decltype(e55(0.2)), decltype(e55(-0.3))> && has_literal_v<decltype(e55(0.2))>);
static_assert(std::is_same_v<decltype(e56(0.1)), decltype(e56(1.5))> && has_literal_v<decltype(e56(0.1))>);
static_assert(std::is_same_v<decltype(e57(2.0)), decltype(e57(3.0))> && has_literal_v<decltype(e57(2.0))>);
static_assert(std::is_same_v<decltype(e58(0.2)), decltype(e58(1.0))> && has_literal_v<decltype(e58(0.2))>);
static_assert(std::is_same_v<decltype(e59(0.5)), decltype(e59(4.0))> && has_literal_v<decltype(e59(0.5))>);
static_assert(std::is_same_v<decltype(e60(0.1)), decltype(e60(0.2))> && has_literal_v<decltype(e60(0.1))>);

// ---- run-time checks ----------------------------------------------------------------------------------

/// The smallest distance, over the nodes of e at these values, from a kink (relu, leaky_relu, elu, abs,
/// step, sign at 0) or a domain edge (log, sqrt, pow's base at 0, log1p at -1, a division by 0, a
/// negative power of 0). Negative when an argument is outside its domain.
template <class Set, class Row>
struct margin_finder {
    using T = typename Set::value_type;
    const Set& theta;
    const Row& row;

    template <class E>
    T value(const E& e) const { return tg::eval(e, theta, row); }

    template <class E>
    T operator()(const E& e) const {
        constexpr T none = std::numeric_limits<T>::infinity();
        if constexpr (E::kind::value == tg::node_kind::unary) {
            using F = family_t<typename E::op>;
            T here = none;
            if constexpr (std::is_same_v<F, tg::relu_op> || std::is_same_v<F, leaky_relu_family> ||
                          std::is_same_v<F, elu_family> || std::is_same_v<F, tg::abs_op> ||
                          std::is_same_v<F, tg::step_op> || std::is_same_v<F, tg::sign_op>)
                here = std::fabs(value(e.arg));
            else if constexpr (std::is_same_v<F, tg::log_op> || std::is_same_v<F, tg::sqrt_op>)
                here = value(e.arg);
            else if constexpr (std::is_same_v<F, tg::log1p_op>)
                here = value(e.arg) + T(1);
            else if constexpr (std::is_same_v<F, pow_int_family>)
                here = E::op::power < 0 ? std::fabs(value(e.arg)) : none;
            return std::fmin(here, (*this)(e.arg));
        } else if constexpr (E::kind::value == tg::node_kind::binary) {
            T here = none;
            if constexpr (std::is_same_v<typename E::op, tg::divide_op>) here = std::fabs(value(e.rhs));
            else if constexpr (std::is_same_v<typename E::op, tg::pow_op>) here = value(e.lhs);
            return std::fmin(here, std::fmin((*this)(e.lhs), (*this)(e.rhs)));
        } else {
            return none;
        }
    }
};

/// Checks the laws for e at theta and the inputs, after checking that no node sits within 0.05 of a
/// kink or a domain edge (where a finite difference would straddle it).
template <class E, class Set, class... Args>
void check_composite(std::string_view id, const E& e, const Set& theta, const Args&... args) {
    BOOST_TEST_CONTEXT(id << " = " << tg::to_string(e)) {
        const auto row = tg::sample(args...);
        const auto margin = margin_finder<Set, decltype(row)>{theta, row}(e);
        BOOST_TEST(margin >= 0.05, id << " has a node " << margin << " from a kink or domain edge");
        typegrad_test::check_laws(e, theta, args...);
    }
}

/// For a literal pair: both obey the laws, and the literal changes the value.
template <class E, class Set, class... Args>
void check_literal_pair(std::string_view id, const E& a, const E& b, const Set& theta, const Args&... args) {
    check_composite(id, a, theta, args...);
    check_composite(id, b, theta, args...);
    const auto va = tg::eval(a, theta, args...);
    const auto vb = tg::eval(b, theta, args...);
    BOOST_TEST(std::fabs(va - vb) > 1e-3 * std::fmax(1.0, std::fabs(va)),
               id << " gives " << va << " and " << vb << " for its two literals");
}

}  // namespace composite
