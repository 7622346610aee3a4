// Composite expressions obey the laws: symbolic derivative == fused gradient == central finite
// difference, for every parameter. The expressions, the table of which ops each uses, and the
// compile-time checks of depth, op coverage, sharing and literal pairs are in composite_expressions.hpp.
// The checks are split over four files to keep each under about 25 s of compilation:
//   composite_test.cpp          e01..e19: small networks, exp, log, log1p, sqrt and powers
//   composite_more_test.cpp     e20..e36: division, negation and piecewise ops
//   composite_shared_test.cpp   e37..e53: shared subexpressions with repeated parameters
//   composite_literal_test.cpp  e54..e60: pairs that differ only in a run-time literal; float
//
// Parameters start from composite::default_value (w1 0.8, w2 -0.6, w3 1.1, w4 0.45, b1 0.3, b2 -0.25,
// b3 0.15); check_composite first checks that no node is within 0.05 of a kink or a domain edge.
#include <boost/test/unit_test.hpp>

#include "composite_expressions.hpp"

using namespace composite;

BOOST_AUTO_TEST_SUITE(composite_laws)

BOOST_AUTO_TEST_CASE(the_primers_network_loss_obeys_the_laws_at_its_three_samples) {
    auto theta = tg::parameters_of(e01);
    theta[w1] = 2.74; theta[b1] = 0; theta[w2] = -1.13; theta[b2] = 0; theta[w3] = 0.36; theta[w4] = 0.63; theta[b3] = 0;
    check_composite("e01", e01, theta, x = 0.0, y = 0.0);
    check_composite("e01", e01, theta, x = 0.5, y = 1.0);
    check_composite("e01", e01, theta, x = 1.0, y = 0.0);
}

BOOST_AUTO_TEST_CASE(networks_of_sigmoid_silu_and_gelu_units_obey_the_laws) {
    check_composite("e02", e02, parameters(e02), x = 0.7);
    check_composite("e03", e03, parameters(e03), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_relu_network_loss_obeys_the_laws_with_one_unit_off_and_with_both_on) {
    auto theta = parameters(e04);
    check_composite("e04", e04, theta, x = 0.7, y = 0.4);  // w2*x + b2 < 0: the second unit is off
    theta[w2] = 0.9;
    check_composite("e04", e04, theta, x = 0.7, y = 0.4);
}

BOOST_AUTO_TEST_CASE(leaky_relu_units_on_both_sides_of_their_kink_obey_the_laws) {
    check_composite("e05", e05, parameters(e05), x = 0.7);
}

BOOST_AUTO_TEST_CASE(the_log_of_one_plus_a_squared_elu_difference_obeys_the_laws) {
    check_composite("e06", e06, parameters(e06), x = 0.7);
    check_composite("e06", e06, parameters(e06), x = -1.5);  // each elu on the other side of 0
}

BOOST_AUTO_TEST_CASE(nested_softplus_and_nested_gelu_obey_the_laws) {
    check_composite("e07", e07, parameters(e07), x = 0.7);
    check_composite("e08", e08, parameters(e08), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_product_of_silu_units_obeys_the_laws) {
    check_composite("e09", e09, parameters(e09), x = 0.7);
}

BOOST_AUTO_TEST_CASE(log_sum_exp_obeys_the_laws) {
    check_composite("e10", e10, parameters(e10), x = 0.7);
    check_composite("e10", e10, parameters(e10), x = -2.0);
}

BOOST_AUTO_TEST_CASE(a_square_root_of_a_sum_of_powers_obeys_the_laws) {
    check_composite("e11", e11, parameters(e11), x = 0.7, y = 0.4);
}

BOOST_AUTO_TEST_CASE(log1p_of_exp_of_minus_abs_obeys_the_laws) {
    check_composite("e12", e12, parameters(e12), x = 0.7);
    check_composite("e12", e12, parameters(e12), x = -1.0);  // the argument of abs is negative
}

BOOST_AUTO_TEST_CASE(a_power_with_learned_base_and_exponent_obeys_the_laws) {
    check_composite("e13", e13, parameters(e13), x = 0.7);
}

BOOST_AUTO_TEST_CASE(integer_powers_of_composites_obey_the_laws) {
    check_composite("e14", e14, parameters(e14), x = 0.7);
    check_composite("e19", e19, parameters(e19), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_gaussian_bump_obeys_the_laws) {
    check_composite("e15", e15, parameters(e15), x = 0.7);
}

BOOST_AUTO_TEST_CASE(log_cosh_and_a_square_root_of_hyperbolics_obey_the_laws) {
    check_composite("e16", e16, parameters(e16), x = 0.7);
    check_composite("e17", e17, parameters(e17), x = 0.7);
}

BOOST_AUTO_TEST_CASE(silu_of_log1p_of_exp_obeys_the_laws) {
    check_composite("e18", e18, parameters(e18), x = 0.7);
}

BOOST_AUTO_TEST_SUITE_END()
