// Composite expressions obey the laws, continued: shared subexpressions with repeated parameters
// (e37..e52) and a power of a constant base (e53). See composite_test.cpp for the layout and
// composite_expressions.hpp for the expressions and claims.
#include <cmath>
#include <cstddef>
#include <iterator>
#include <type_traits>

#include <boost/test/unit_test.hpp>

#include "composite_expressions.hpp"

using namespace composite;

// Each compiler makes plans its own way (typegrad/engine/graph.hpp: g++ from a list of node types, clang
// from a function per subtree); both ways must give the same plan, field by field, for every expression
// here (shared subexpressions, repeated leaves, constants, and literals that keep equal subtrees apart).
namespace {
template <class P>
constexpr bool same_plan(const P& a, const P& b) {
    if (a.slots != b.slots || a.parameter_count != b.parameter_count) return false;
    for (std::size_t i = 0; i < std::size(a.slot); ++i) {
        if (a.slot[i] != b.slot[i] || a.first[i] != b.first[i] || a.position_of_slot[i] != b.position_of_slot[i] ||
            a.kind[i] != b.kind[i] || a.lhs_slot[i] != b.lhs_slot[i] || a.rhs_slot[i] != b.rhs_slot[i] ||
            a.name[i] != b.name[i] || a.value[i] != b.value[i] || a.op[i] != b.op[i] || a.first_use[i] != b.first_use[i])
            return false;
    }
    for (auto lists : {&P::leaves, &P::constants, &P::literals, &P::ops}) {
        if ((a.*lists).count != (b.*lists).count) return false;
        for (std::size_t i = 0; i < (a.*lists).count; ++i)
            if ((a.*lists).items[i] != (b.*lists).items[i]) return false;
    }
    return true;
}
// (the expressions are constexpr variables: decltype gives const types, which plans are not made of)
template <class E>
constexpr auto by_types() {
    return tg::detail::plan_of<typename tg::detail::post_order<std::remove_cv_t<E>>::type>;
}
template <class E>
constexpr auto by_functions() {
    return tg::detail::make_plan<tg::detail::node_info<std::remove_cv_t<E>>::size>(
        tg::detail::filled_records<std::remove_cv_t<E>>());
}
template <class... Es>
constexpr bool both_ways_agree() {
    return ((by_types<Es>().slots >= 4 && same_plan(by_types<Es>(), by_functions<Es>())) && ...);
}
static_assert(both_ways_agree<decltype(e01), decltype(e02), decltype(e03), decltype(e04), decltype(e05), decltype(e06), decltype(e07), decltype(e08), decltype(e09), decltype(e10), decltype(e11), decltype(e12), decltype(e13), decltype(e14), decltype(e15), decltype(e16), decltype(e17), decltype(e18), decltype(e19), decltype(e20), decltype(e21), decltype(e22), decltype(e23), decltype(e24), decltype(e25), decltype(e26), decltype(e27), decltype(e28), decltype(e29), decltype(e30), decltype(e31), decltype(e32), decltype(e33), decltype(e34), decltype(e35), decltype(e36), decltype(e37), decltype(e38), decltype(e39), decltype(e40), decltype(e41), decltype(e42), decltype(e43), decltype(e44), decltype(e45), decltype(e46), decltype(e47), decltype(e48), decltype(e49), decltype(e50), decltype(e51), decltype(e52), decltype(e53)>());
static_assert(both_ways_agree<decltype(e54(0.5)), decltype(e55(0.5)), decltype(e56(0.5)), decltype(e57(0.5)), decltype(e58(0.5)), decltype(e59(0.5)), decltype(e60(0.5))>());

// One plan checked by hand, each way: softplus(0.5 * w1 * x) + softplus(0.7 * w1 * x) is built as
// softplus(0.5 * (w1 * x)) + softplus(0.7 * (w1 * x)) (a number factor moves out of a product), 13
// positions; w1, x and w1 * x are shared, the literals and what holds them are not: 10 slots, in the
// order of their first positions: 0.5, w1, x, w1*x, 0.5*(w1*x), its softplus, 0.7, 0.7*(w1*x), its
// softplus, the sum (internals.md's example).
template <class P>
constexpr bool is_the_two_literal_plan(const P& p) {
    using tg::node_kind;
    constexpr node_kind kinds[] = {node_kind::literal, node_kind::parameter, node_kind::input,  node_kind::binary,
                                   node_kind::binary,  node_kind::unary,     node_kind::literal, node_kind::binary,
                                   node_kind::unary,   node_kind::binary};
    constexpr std::size_t lhs[] = {0, 0, 0, 1, 0, 4, 0, 6, 7, 5};
    constexpr std::size_t rhs[] = {0, 0, 0, 2, 3, 0, 0, 3, 0, 8};
    if (std::size(p.slot) != 13 || p.slots != 10) return false;
    for (std::size_t s = 0; s < p.slots; ++s) {
        if (p.kind[s] != kinds[s] || p.lhs_slot[s] != lhs[s]) return false;
        if (p.kind[s] == node_kind::binary && p.rhs_slot[s] != rhs[s]) return false;
    }
    return p.name[1] == "w1" && p.name[2] == "x" && p.leaves.count == 2 && p.literals.count == 2;
}
using two_literals = decltype(tg::softplus(0.5 * w1 * x) + tg::softplus(0.7 * w1 * x));
static_assert(is_the_two_literal_plan(by_types<two_literals>()));
static_assert(is_the_two_literal_plan(by_functions<two_literals>()));
}  // namespace

BOOST_AUTO_TEST_SUITE(composite_laws_shared)

BOOST_AUTO_TEST_CASE(a_constant_base_to_a_tanh_power_obeys_the_laws) {
    check_composite("e53", e53, parameters(e53), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_tanh_unit_used_twice_obeys_the_laws) {
    check_composite("e37", e37, parameters(e37), x = 0.7);
}

BOOST_AUTO_TEST_CASE(softplus_of_z_minus_softplus_of_minus_z_is_z_and_obeys_the_laws) {
    const auto theta = parameters(e38);
    BOOST_TEST(tg::eval(e38, theta, x = 0.7) == 0.8 * 0.7 + 0.3, boost::test_tools::tolerance(1e-15));
    check_composite("e38", e38, theta, x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_sigmoid_times_one_minus_itself_obeys_the_laws) {
    check_composite("e39", e39, parameters(e39), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_shared_relu_obeys_the_laws_when_on_and_when_off) {
    check_composite("e40", e40, parameters(e40), x = 0.7);
    check_composite("e40", e40, parameters(e40), x = -0.5);
}

BOOST_AUTO_TEST_CASE(a_shared_gelu_obeys_the_laws) {
    check_composite("e41", e41, parameters(e41), x = 0.7);
    check_composite("e41", e41, parameters(e41), x = -2.0);
}

BOOST_AUTO_TEST_CASE(a_two_way_softmax_obeys_the_laws) {
    check_composite("e42", e42, parameters(e42), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_shared_abs_under_sqrt_and_log_obeys_the_laws) {
    check_composite("e43", e43, parameters(e43), x = 0.7);
    check_composite("e43", e43, parameters(e43), x = -0.7);  // abs of a negative argument
}

BOOST_AUTO_TEST_CASE(an_elu_of_a_shared_silu_obeys_the_laws) {
    check_composite("e44", e44, parameters(e44), x = 0.7);
    auto theta = parameters(e44);
    theta[b2] = 0.25;  // silu >= -0.28: with b2 = -0.25, elu's argument would stay above -0.03
    check_composite("e44", e44, theta, x = -1.5);  // elu on its exponential side
}

BOOST_AUTO_TEST_CASE(cosh_squared_minus_sinh_squared_is_one_and_obeys_the_laws) {
    const auto theta = parameters(e45);
    BOOST_TEST(tg::eval(e45, theta, x = 0.7) == 1 - 0.6 * std::sinh(0.56), boost::test_tools::tolerance(1e-14));
    check_composite("e45", e45, theta, x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_softplus_to_the_power_of_itself_obeys_the_laws) {
    check_composite("e46", e46, parameters(e46), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_shared_leaky_relu_times_a_sign_obeys_the_laws) {
    check_composite("e47", e47, parameters(e47), x = 0.7);   // leaky_relu's argument positive
    check_composite("e47", e47, parameters(e47), x = -0.7);  // and negative
}

BOOST_AUTO_TEST_CASE(a_shared_square_over_itself_plus_a_power_obeys_the_laws) {
    check_composite("e48", e48, parameters(e48), x = 0.7, y = 0.4);
}

BOOST_AUTO_TEST_CASE(elus_of_a_shared_linear_term_and_its_negation_obey_the_laws) {
    check_composite("e49", e49, parameters(e49), x = 0.7);
    check_composite("e49", e49, parameters(e49), x = -1.0);
}

BOOST_AUTO_TEST_CASE(binary_cross_entropy_of_a_shared_sigmoid_obeys_the_laws) {
    check_composite("e50", e50, parameters(e50), x = 0.7, y = 1.0);
    check_composite("e50", e50, parameters(e50), x = 0.7, y = 0.0);
    check_composite("e50", e50, parameters(e50), x = -0.4, y = 0.3);
}

BOOST_AUTO_TEST_CASE(sinh_over_cosh_is_tanh_and_obeys_the_laws) {
    const auto theta = parameters(e51);
    BOOST_TEST(tg::eval(e51, theta, x = 0.7) == (1 - 0.6) * std::tanh(0.86), boost::test_tools::tolerance(1e-14));
    check_composite("e51", e51, theta, x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_shared_softplus_under_log_and_exp_obeys_the_laws) {
    check_composite("e52", e52, parameters(e52), x = 0.7);
}

BOOST_AUTO_TEST_SUITE_END()
