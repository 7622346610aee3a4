// Composite expressions obey the laws, continued: division, negation and piecewise ops (e20..e36).
// See composite_test.cpp for the layout and composite_expressions.hpp for the expressions and claims.
#include <boost/test/unit_test.hpp>

#include "composite_expressions.hpp"

using namespace composite;

BOOST_AUTO_TEST_SUITE(composite_laws_piecewise)

BOOST_AUTO_TEST_CASE(log1p_of_a_square_root_obeys_the_laws) {
    check_composite("e20", e20, parameters(e20), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_linear_term_over_one_plus_an_exponential_obeys_the_laws) {
    check_composite("e21", e21, parameters(e21), x = 0.7);
}

BOOST_AUTO_TEST_CASE(an_absolute_difference_over_a_square_root_obeys_the_laws) {
    check_composite("e22", e22, parameters(e22), x = 0.7);
}

BOOST_AUTO_TEST_CASE(sign_and_abs_around_a_square_obey_the_laws) {
    check_composite("e23", e23, parameters(e23), x = 0.7);
    check_composite("e23", e23, parameters(e23), x = -0.7);  // sign is -1, abs's argument negative
}

BOOST_AUTO_TEST_CASE(step_gates_obey_the_laws_when_open_and_when_closed) {
    check_composite("e24", e24, parameters(e24), x = 0.7);   // first gate open, second closed
    check_composite("e24", e24, parameters(e24), x = -0.9);  // first gate closed, second open
}

BOOST_AUTO_TEST_CASE(the_sigmoid_of_a_negated_tanh_over_a_square_obeys_the_laws) {
    check_composite("e25", e25, parameters(e25), x = 0.7);
}

BOOST_AUTO_TEST_CASE(step_and_sign_of_smooth_functions_obey_the_laws) {
    check_composite("e26", e26, parameters(e26), x = 0.7);
    check_composite("e27", e27, parameters(e27), x = 0.7);
    check_composite("e27", e27, parameters(e27), x = 1.6);  // sign is +1
}

BOOST_AUTO_TEST_CASE(leaky_relu_of_a_log_obeys_the_laws) {
    check_composite("e28", e28, parameters(e28), x = 0.7);  // the log is negative
    check_composite("e28", e28, parameters(e28), x = 2.0);  // and positive
}

BOOST_AUTO_TEST_CASE(relus_of_hyperbolics_obey_the_laws) {
    check_composite("e29", e29, parameters(e29), x = 0.7);
}

BOOST_AUTO_TEST_CASE(the_sigmoid_of_a_cubed_difference_obeys_the_laws) {
    check_composite("e30", e30, parameters(e30), x = 0.7);
}

BOOST_AUTO_TEST_CASE(elu_of_a_log_sigmoid_obeys_the_laws) {
    check_composite("e31", e31, parameters(e31), x = 0.7);
}

BOOST_AUTO_TEST_CASE(abs_of_a_tanh_difference_plus_a_step_gate_obeys_the_laws) {
    check_composite("e32", e32, parameters(e32), x = 0.7);
}

BOOST_AUTO_TEST_CASE(a_sum_of_squares_over_one_plus_exp_obeys_the_laws) {
    check_composite("e33", e33, parameters(e33), x = 0.7);
}

BOOST_AUTO_TEST_CASE(gelu_of_a_norm_minus_a_product_obeys_the_laws) {
    check_composite("e34", e34, parameters(e34), x = 0.7, y = 0.4);
}

BOOST_AUTO_TEST_CASE(hyperbolic_functions_of_hyperbolic_functions_obey_the_laws) {
    check_composite("e35", e35, parameters(e35), x = 0.7);
    check_composite("e36", e36, parameters(e36), x = 0.7);
}

BOOST_AUTO_TEST_SUITE_END()
