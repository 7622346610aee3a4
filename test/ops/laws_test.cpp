// The generic law for every op: symbolic derivative == fused gradient == central finite difference,
// checked through f(w*x + b) so the chain rule runs through each op, at points away from kinks.
#include <cmath>
#include <initializer_list>

#include <boost/test/unit_test.hpp>

#include "laws.hpp"

namespace tg = typegrad;
using typegrad_test::check_laws;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;
constexpr auto v = tg::param<"v">;

/// Checks the laws for f(w*x + b) with the argument at each z (x = 0.7, w = 1.5, b = z - 1.05).
template <class T = double, class F>
void check_unary_at(F f, std::initializer_list<double> points) {
    const auto e = f(w * x + b);
    for (double z : points) {
        BOOST_TEST_CONTEXT(tg::to_string(e) << " at argument " << z) {
            auto theta = tg::parameters_of<T>(e);
            theta[w] = T(1.5);
            theta[b] = T(z - 1.05);
            check_laws(e, theta, x = T(0.7));
        }
    }
}

template <class F>
void check_unary_both_types(F f, std::initializer_list<double> points) {
    check_unary_at<double>(f, points);
    check_unary_at<float>(f, points);
}

constexpr std::initializer_list<double> everywhere = {-7.5, -2.0, -0.3, 0.45, 1.2, 3.0, 9.0};
// Away from the singularity at 0, where central differences lose their accuracy.
constexpr std::initializer_list<double> positive = {0.3, 0.8, 1.0, 2.5, 30.0};
}  // namespace

BOOST_AUTO_TEST_SUITE(op_laws)

BOOST_AUTO_TEST_CASE(arithmetic_obeys_the_laws) {
    const auto checks = [](auto e) {
        auto theta = tg::parameters_of(e);
        theta[w] = 1.7;
        theta[v] = -0.6;
        check_laws(e, theta, x = 0.9);
    };
    checks(w + v * x);
    checks(w - v * x);
    checks(w * v * x);
    checks(w / (v * x + 2.0));
    checks(-(w * v) + x);
    checks((w + x) / (v - x));
}

BOOST_AUTO_TEST_CASE(powers_obey_the_laws) {
    check_unary_both_types([](auto a) { return tg::square(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::pow<3>(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::pow<-2>(a); }, {-3.0, -0.5, 0.7, 2.0});
    check_unary_both_types([](auto a) { return tg::pow(a, tg::c<2.5>); }, positive);
    const auto e = tg::pow(w * x + 1.0, v);  // both partials
    auto theta = tg::parameters_of(e);
    theta[w] = 0.8;
    theta[v] = 1.7;
    check_laws(e, theta, x = 1.3);
}

BOOST_AUTO_TEST_CASE(exp_log_sqrt_obey_the_laws) {
    check_unary_both_types([](auto a) { return tg::exp(a); }, {-20.0, -2.0, 0.3, 2.0, 12.0});
    check_unary_both_types([](auto a) { return tg::log(a); }, positive);
    check_unary_both_types([](auto a) { return tg::log1p(a); }, {-0.6, -0.2, 1e-3, 0.4, 5.0});
    check_unary_both_types([](auto a) { return tg::sqrt(a); }, positive);
    check_unary_both_types([](auto a) { return tg::sinh(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::cosh(a); }, everywhere);
}

BOOST_AUTO_TEST_CASE(piecewise_ops_obey_the_laws_away_from_kinks) {
    check_unary_both_types([](auto a) { return tg::abs(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::relu(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::leaky_relu<0.1>(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::elu<>(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::elu<0.5>(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::step(a) * a; }, everywhere);
    check_unary_both_types([](auto a) { return tg::sign(a) * a; }, everywhere);
}

BOOST_AUTO_TEST_CASE(smooth_activations_obey_the_laws) {
    check_unary_both_types([](auto a) { return tg::softplus(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::sigmoid(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::tanh(a); }, {-7.5, -2.0, -0.54, -0.3, 0.45, 0.56, 1.2, 3.0, 9.0});
    check_unary_both_types([](auto a) { return tg::silu(a); }, everywhere);
    check_unary_both_types([](auto a) { return tg::gelu(a); }, everywhere);
}

BOOST_AUTO_TEST_CASE(derivatives_at_kinks_follow_pytorch) {
    const auto gradient_at_zero = [](auto f) {
        return tg::value_and_gradient(f(x), tg::wrt(x), x = 0.0).gradient[x];
    };
    BOOST_TEST(gradient_at_zero(tg::relu) == 0.0);
    BOOST_TEST(gradient_at_zero(tg::abs) == 0.0);
    BOOST_TEST(gradient_at_zero(tg::leaky_relu<0.2>) == 0.2);
    BOOST_TEST(gradient_at_zero(tg::elu<0.5>) == 0.5);
    BOOST_TEST(tg::eval(tg::d(tg::relu(x), x), x = 0.0) == 0.0);
    BOOST_TEST(tg::eval(tg::d(tg::abs(x), x), x = 0.0) == 0.0);
    BOOST_TEST(tg::eval(tg::d(tg::leaky_relu<0.2>(x), x), x = 0.0) == 0.2);
    BOOST_TEST(tg::eval(tg::d(tg::elu<0.5>(x), x), x = 0.0) == 0.5);
    BOOST_TEST(gradient_at_zero(tg::softplus) == 0.5);
    BOOST_TEST(gradient_at_zero(tg::sigmoid) == 0.25);
}

BOOST_AUTO_TEST_CASE(activations_stay_finite_at_extreme_inputs) {
    BOOST_TEST(tg::eval(tg::softplus(x), x = -40.0) == std::log1p(std::exp(-40.0)));
    BOOST_TEST(tg::eval(tg::softplus(x), x = -40.0) > 4.2e-18);
    BOOST_TEST(tg::eval(tg::softplus(x), x = 1000.0) == 1000.0);
    BOOST_TEST(tg::eval(tg::sigmoid(x), x = -800.0) == 0.0);
    BOOST_TEST(tg::eval(tg::sigmoid(x), x = 800.0) == 1.0);
    BOOST_TEST(tg::eval(tg::tanh(x), x = -1e4) == -1.0);
    for (double z : {-1e4, -745.0, -50.0, 50.0, 745.0, 1e4}) {
        const auto check = [z](auto f) {
            const auto [value, gradient] = tg::value_and_gradient(f(x), tg::wrt(x), x = z);
            BOOST_TEST(std::isfinite(value), tg::to_string(f(x)) << " at " << z);
            BOOST_TEST(std::isfinite(gradient[x]), tg::to_string(f(x)) << "' at " << z);
            BOOST_TEST(std::isfinite(tg::eval(tg::d(f(x), x), x = z)), "symbolic " << tg::to_string(f(x)) << "' at " << z);
        };
        check(tg::softplus);
        check(tg::sigmoid);
        check(tg::tanh);
        check(tg::silu);
        check(tg::gelu);
        check(tg::elu<>);
        check(tg::leaky_relu<>);
        check(tg::relu);
    }
}

BOOST_AUTO_TEST_SUITE_END()
