// Users add ops through the same contract as the built-in ones, and check them with check_gradient.
#include <cmath>

#include <boost/test/unit_test.hpp>

#include "laws.hpp"

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;

/// cube(a) = a^3: a user-defined op with value, partial and symbolic rule in one struct.
struct cube_op {
    static constexpr std::string_view name = "cube";
    template <class T>
    static constexpr tg::local<T> forward(T a) { return {a * a * a, T(0)}; }
    template <class T>
    static constexpr T partial(T a, tg::local<T>) { return T(3) * a * a; }
    template <class A>
    static constexpr auto derivative(const A& a) { return tg::c<3> * tg::square(a); }
};

/// softsign(a) = a/(1 + |a|), keeping 1 + |a| for its partial 1/(1 + |a|)^2.
struct softsign_op {
    static constexpr std::string_view name = "softsign";
    template <class T>
    static tg::local<T> forward(T a) {
        const T d = T(1) + std::fabs(a);
        return {a / d, d};
    }
    template <class T>
    static constexpr T partial(T, tg::local<T> f) { return T(1) / (f.aux * f.aux); }
    template <class A>
    static constexpr auto derivative(const A& a) { return tg::c<1> / tg::square(tg::c<1> + tg::abs(a)); }
};

/// A broken op: its partial is off by a factor of 2. check_gradient must catch it.
struct broken_cube_op : cube_op {
    template <class T>
    static constexpr T partial(T a, tg::local<T>) { return T(6) * a * a; }
};

/// A user binary op: hypot(a, b) = sqrt(a^2 + b^2).
struct hypot_op {
    static constexpr std::string_view name = "hypot";
    template <class T>
    static tg::local<T> forward(T a, T b) { return {std::hypot(a, b), T(0)}; }
    template <class T>
    static constexpr tg::partial_pair<T> partials(T a, T b, tg::local<T> f) { return {a / f.value, b / f.value}; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A& a, const B& b, const DA& da, const DB& db) {
        const auto h = tg::apply<hypot_op>(a, b);
        return (a * da + b * db) / h;
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(user_ops)

BOOST_AUTO_TEST_CASE(the_contract_is_checked_by_a_concept) {
    static_assert(tg::unary_op<cube_op>);
    static_assert(tg::unary_op<tg::softplus_op>);
    // Every built-in op meets the contract too (their function objects make their nodes without apply,
    // so without its checks).
    static_assert(tg::unary_op<tg::square_op> && tg::unary_op<tg::exp_op> && tg::unary_op<tg::log_op> &&
                  tg::unary_op<tg::log1p_op> && tg::unary_op<tg::sqrt_op> && tg::unary_op<tg::abs_op> &&
                  tg::unary_op<tg::relu_op> && tg::unary_op<tg::leaky_relu_op<0.1>> && tg::unary_op<tg::elu_op<1.0>> &&
                  tg::unary_op<tg::elu_grad_op<1.0>> && tg::unary_op<tg::sigmoid_op> && tg::unary_op<tg::tanh_op> &&
                  tg::unary_op<tg::silu_op> && tg::unary_op<tg::gelu_op> && tg::unary_op<tg::step_op> &&
                  tg::unary_op<tg::sign_op> && tg::unary_op<tg::sinh_op> && tg::unary_op<tg::cosh_op> &&
                  tg::unary_op<tg::pow_int_op<3>> && tg::unary_op<tg::negate_op>);
    static_assert(tg::binary_op<tg::add_op> && tg::binary_op<tg::subtract_op> && tg::binary_op<tg::multiply_op> &&
                  tg::binary_op<tg::divide_op> && tg::binary_op<tg::pow_op>);
    static_assert(tg::binary_op<hypot_op>);
    static_assert(!tg::unary_op<hypot_op>);
    static_assert(!tg::binary_op<cube_op>);
}

BOOST_AUTO_TEST_CASE(a_user_op_is_evaluated_differentiated_and_printed_like_a_built_in) {
    const auto e = tg::apply<cube_op>(w * x + b);
    BOOST_TEST(tg::to_string(e) == "cube(w*x + b)");
    BOOST_TEST(tg::to_string(tg::d(e, w)) == "3*(w*x + b)^2*x");
    static_assert(tg::eval(tg::apply<cube_op>(w * x + b), w = 2.0, x = 1.0, b = 1.0) == 27.0);
    auto theta = tg::parameters_of(e);
    theta[w] = 0.7;
    theta[b] = -0.2;
    typegrad_test::check_laws(e, theta, x = 1.3);
    const auto s = tg::softplus(tg::apply<softsign_op>(w * x) + b);
    typegrad_test::check_laws(s, theta, x = -1.3);
    const auto h = tg::apply<hypot_op>(w * x, b + 1.0);
    typegrad_test::check_laws(h, theta, x = 2.0);
}

BOOST_AUTO_TEST_CASE(check_gradient_reports_a_wrong_partial) {
    const auto good = tg::apply<cube_op>(w * x + b);
    const auto bad = tg::apply<broken_cube_op>(w * x + b);
    auto theta = tg::parameters_of(good);
    theta[w] = 0.7;
    theta[b] = -0.2;
    const auto ok = tg::check_gradient(good, theta, x = 1.3);
    BOOST_TEST(ok.passed);
    BOOST_TEST(ok.worst_error < 1e-8);
    const auto report = tg::check_gradient(bad, theta, x = 1.3);
    BOOST_TEST(!report.passed);
    BOOST_TEST(report.fused[w] == 2 * report.numeric[w], boost::test_tools::tolerance(1e-6));
    BOOST_TEST(report.fused[b] == 2 * report.numeric[b], boost::test_tools::tolerance(1e-6));
    BOOST_TEST((report.worst_parameter == "w" || report.worst_parameter == "b"));
}

BOOST_AUTO_TEST_SUITE_END()
