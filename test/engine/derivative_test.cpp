// d(e, v): symbolic derivatives by the chain rule, simplified as they are built.
#include <type_traits>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w = tg::param<"w">;
template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
}  // namespace

BOOST_AUTO_TEST_SUITE(derivative)

BOOST_AUTO_TEST_CASE(the_primers_chain_rule_example_prints_4_times_2x_minus_1) {
    const auto f = tg::square(tg::c<2> * x - tg::c<1>);
    const auto g = tg::square(2 * x - 1);  // run-time literals
    BOOST_TEST(tg::to_string(tg::d(f, x)) == "4*(2*x - 1)");
    BOOST_TEST(tg::to_string(tg::d(g, x)) == "4*(2*x - 1)");
    static_assert(same<decltype(tg::d(f, x)), tg::binary_node<tg::multiply_op, tg::constant_node<4.0>,
                                                              std::remove_cvref_t<decltype(tg::c<2> * x - tg::c<1>)>>>);
    BOOST_TEST(tg::eval(tg::d(f, x), x = 1.0) == 4.0);
    BOOST_TEST(tg::eval(tg::d(g, x), x = 1.0) == 4.0);
}

BOOST_AUTO_TEST_CASE(derivatives_with_respect_to_absent_leaves_are_zero) {
    static_assert(same<decltype(tg::d(tg::exp(x), w)), decltype(tg::c<0>)>);
    static_assert(same<decltype(tg::d(x, x)), decltype(tg::c<1>)>);
    static_assert(same<decltype(tg::d(w * x, w)), decltype(x)>);
    static_assert(same<decltype(tg::d(w * x + y, w)), decltype(x)>);
}

BOOST_AUTO_TEST_CASE(zeros_vanish_ones_disappear_and_constants_move_to_the_front) {
    BOOST_TEST(tg::to_string(tg::d(tg::c<3> * tg::square(x), x)) == "6*x");
    BOOST_TEST(tg::to_string(tg::d(w * x + tg::c<5>, x)) == "w");
    BOOST_TEST(tg::to_string(tg::d(tg::exp(w * x), w)) == "exp(w*x)*x");
    BOOST_TEST(tg::to_string(tg::d(tg::softplus(w * x), w)) == "sigmoid(w*x)*x");
    BOOST_TEST(tg::to_string(tg::d(tg::log(x), x)) == "1/x");
    BOOST_TEST(tg::to_string(tg::d(y - w * x, w)) == "-x");
    BOOST_TEST(tg::to_string(tg::d(tg::square(y - w * x), w)) == "-2*(y - w*x)*x");
}

BOOST_AUTO_TEST_CASE(derivatives_can_be_differentiated_again) {
    const auto f = tg::pow<3>(x);
    const auto f1 = tg::d(f, x);
    const auto f2 = tg::d(f1, x);
    const auto f3 = tg::d(f2, x);
    BOOST_TEST(tg::to_string(f1) == "3*x^2");
    BOOST_TEST(tg::to_string(f2) == "6*x");
    BOOST_TEST(tg::to_string(f3) == "6");
    static_assert(same<decltype(tg::d(f3, x)), decltype(tg::c<0>)>);
    // second derivative of softplus is sigmoid' = sigmoid(x)*sigmoid(-x)
    const auto s2 = tg::d(tg::d(tg::softplus(x), x), x);
    BOOST_TEST(tg::to_string(s2) == "sigmoid(x)*sigmoid(-x)");
    BOOST_TEST(tg::eval(s2, x = 0.0) == 0.25);
    // mixed partials agree: d/dw d/dx == d/dx d/dw
    const auto e = tg::tanh(w * x) * tg::exp(w - x);
    const auto wx = tg::d(tg::d(e, w), x);
    const auto xw = tg::d(tg::d(e, x), w);
    const double a = tg::eval(wx, w = 0.7, x = -0.4);
    const double b = tg::eval(xw, w = 0.7, x = -0.4);
    BOOST_TEST(a == b, boost::test_tools::tolerance(1e-13));
}

BOOST_AUTO_TEST_SUITE_END()
