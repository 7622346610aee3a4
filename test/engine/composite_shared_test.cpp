// Composite expressions obey the laws, continued: shared subexpressions with repeated parameters
// (e37..e52) and a power of a constant base (e53). See composite_test.cpp for the layout and
// composite_expressions.hpp for the expressions and claims.
#include <cmath>

#include <boost/test/unit_test.hpp>

#include "composite_expressions.hpp"

using namespace composite;

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
