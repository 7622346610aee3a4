// Composite expressions obey the laws, continued: pairs that differ only in a run-time literal
// (e54..e60), each checked at both literals with different values, and a few composites in float.
// See composite_test.cpp for the layout and composite_expressions.hpp for the expressions and claims.
#include <boost/test/unit_test.hpp>

#include "composite_expressions.hpp"

using namespace composite;

BOOST_AUTO_TEST_SUITE(composite_laws_literal_and_float)

BOOST_AUTO_TEST_CASE(softplus_losses_that_differ_in_a_literal_scale_both_obey_the_laws) {
    check_literal_pair("e54", e54(0.5), e54(0.7), parameters(e54(0)), x = 0.7, y = 0.4);
}

BOOST_AUTO_TEST_CASE(log_sum_exps_that_differ_in_a_literal_offset_both_obey_the_laws) {
    check_literal_pair("e55", e55(0.2), e55(-0.3), parameters(e55(0)), x = 0.7, y = 0.4);
}

BOOST_AUTO_TEST_CASE(elus_of_tanh_that_differ_in_a_literal_shift_both_obey_the_laws) {
    // 0.1 puts elu's argument below 0, 1.5 above.
    check_literal_pair("e56", e56(0.1), e56(1.5), parameters(e56(0)), x = 0.7);
}

BOOST_AUTO_TEST_CASE(powers_of_a_scaled_sigmoid_that_differ_in_a_literal_both_obey_the_laws) {
    check_literal_pair("e57", e57(2.0), e57(3.0), parameters(e57(0)), x = 0.7);
}

BOOST_AUTO_TEST_CASE(abs_of_shifted_sinh_that_differ_in_a_literal_both_obey_the_laws) {
    // 0.2 leaves abs's argument positive, 1.0 makes it negative.
    check_literal_pair("e58", e58(0.2), e58(1.0), parameters(e58(0)), x = 0.7);
}

BOOST_AUTO_TEST_CASE(square_roots_of_log1p_that_differ_in_a_literal_both_obey_the_laws) {
    check_literal_pair("e59", e59(0.5), e59(4.0), parameters(e59(0)), x = 0.7);
}

BOOST_AUTO_TEST_CASE(relus_of_a_shifted_silu_that_differ_in_a_literal_both_obey_the_laws) {
    check_literal_pair("e60", e60(0.1), e60(0.2), parameters(e60(0)), x = 0.7);
}

BOOST_AUTO_TEST_CASE(the_primers_network_loss_obeys_the_laws_in_float) {
    auto theta = tg::parameters_of<float>(e01);
    theta[w1] = 2.74f; theta[b1] = 0; theta[w2] = -1.13f; theta[b2] = 0; theta[w3] = 0.36f; theta[w4] = 0.63f; theta[b3] = 0;
    check_composite("e01", e01, theta, x = 0.0f, y = 0.0f);
    check_composite("e01", e01, theta, x = 0.5f, y = 1.0f);
    check_composite("e01", e01, theta, x = 1.0f, y = 0.0f);
}

BOOST_AUTO_TEST_CASE(composites_with_exp_log_and_division_obey_the_laws_in_float) {
    check_composite("e10", e10, parameters<float>(e10), x = 0.7f);
    check_composite("e15", e15, parameters<float>(e15), x = 0.7f);
    check_composite("e42", e42, parameters<float>(e42), x = 0.7f);
}

BOOST_AUTO_TEST_CASE(composites_with_shared_units_obey_the_laws_in_float) {
    check_composite("e37", e37, parameters<float>(e37), x = 0.7f);
    check_composite("e49", e49, parameters<float>(e49), x = -1.0f);
    check_composite("e50", e50, parameters<float>(e50), x = 0.7f, y = 1.0f);
}

BOOST_AUTO_TEST_CASE(a_literal_pair_obeys_the_laws_in_float) {
    check_literal_pair("e54", e54(0.5), e54(0.7), parameters<float>(e54(0)), x = 0.7f, y = 0.4f);
}

BOOST_AUTO_TEST_SUITE_END()
