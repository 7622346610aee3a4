// to_latex(e): expressions and derivatives as LaTeX, pinned as exact strings.
#include <string_view>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "primer.hpp"

namespace tg = typegrad;

namespace {
using namespace typegrad_test::primer;  // x, y, w1..b3 and the primer's net
constexpr auto w = tg::param<"w">;

/// A user-defined unary op with an underscore in its name.
struct soft_sign_op {
    static constexpr std::string_view name = "soft_sign";
    template <class T>
    static constexpr tg::local<T> forward(T a) { return {a / (T(1) + (a < T(0) ? -a : a)), T(0)}; }
    template <class T>
    static constexpr T partial(T a, tg::local<T>) {
        const T d = T(1) + (a < T(0) ? -a : a);
        return T(1) / (d * d);
    }
    template <class A>
    static constexpr auto derivative(const A& a) { return tg::c<1> / tg::square(tg::c<1> + tg::abs(a)); }
};

/// A user-defined binary op.
struct hypot_op {
    static constexpr std::string_view name = "hypot";
    template <class T>
    static constexpr tg::local<T> forward(T a, T b) { return {a * a + b * b, T(0)}; }
    template <class T>
    static constexpr tg::partial_pair<T> partials(T a, T b, tg::local<T>) { return {a, b}; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A& a, const B& b, const DA& da, const DB& db) {
        return (a * da + b * db) / tg::apply<hypot_op>(a, b);
    }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(latex)

BOOST_AUTO_TEST_CASE(the_primers_square_and_its_derivative_print_with_left_right_parentheses) {
    const auto f = tg::square(2 * x - 1);  // run-time literals
    const auto g = tg::square(tg::c<2> * x - tg::c<1>);
    BOOST_TEST(tg::to_latex(f) == R"(\left(2 x - 1\right)^{2})");
    BOOST_TEST(tg::to_latex(tg::d(f, x)) == R"(4 \left(2 x - 1\right))");
    BOOST_TEST(tg::to_latex(tg::d(g, x)) == R"(4 \left(2 x - 1\right))");
}

BOOST_AUTO_TEST_CASE(the_seven_parameter_network_prints_with_subscripted_names) {
    BOOST_TEST(tg::to_latex(net) ==
               R"(w_{3} \operatorname{softplus}\left(w_{1} x + b_{1}\right) + )"
               R"(w_{4} \operatorname{softplus}\left(w_{2} x + b_{2}\right) + b_{3})");
    const auto loss = tg::square(y - net);
    BOOST_TEST(tg::to_latex(tg::d(loss, w1)) ==
               R"(-2 \left(y - \left(w_{3} \operatorname{softplus}\left(w_{1} x + b_{1}\right) + )"
               R"(w_{4} \operatorname{softplus}\left(w_{2} x + b_{2}\right) + b_{3}\right)\right) )"
               R"(w_{3} \operatorname{sigmoid}\left(w_{1} x + b_{1}\right) x)");
}

BOOST_AUTO_TEST_CASE(a_shared_subexpression_prints_at_each_use) {
    const auto e = tg::exp(w * x) * (w * x);
    BOOST_TEST(tg::to_latex(e) == R"(\exp\left(w x\right) w x)");
    BOOST_TEST(tg::to_latex(tg::d(e, w)) == R"(\exp\left(w x\right) x w x + \exp\left(w x\right) x)");
}

BOOST_AUTO_TEST_CASE(literals_print_their_values_in_shortest_form) {
    BOOST_TEST(tg::to_latex(0.5 * x) == R"(0.5 x)");
    BOOST_TEST(tg::to_latex(0.1 * 3 * x) == R"(0.30000000000000004 x)");
    BOOST_TEST(tg::to_latex(x + (-2) * y) == R"(x + \left(-2 y\right))");
    BOOST_TEST(tg::to_latex(1e-7 * x) == R"(10^{-7} x)");
    BOOST_TEST(tg::to_latex(2.5e21 * x) == R"(2.5 \cdot 10^{21} x)");
    BOOST_TEST(tg::to_latex(tg::c<4>) == "4");
}

BOOST_AUTO_TEST_CASE(products_use_cdot_only_where_numbers_would_run_together) {
    BOOST_TEST(tg::to_latex(w * x) == R"(w x)");
    BOOST_TEST(tg::to_latex(tg::apply<tg::multiply_op>(x, 2)) == R"(x \cdot 2)");
    BOOST_TEST(tg::to_latex(2 * (1 / x)) == R"(2 \cdot \frac{1}{x})");
    BOOST_TEST(tg::to_latex(w * (1 / x)) == R"(w \frac{1}{x})");
    BOOST_TEST(tg::to_latex(-1 * (x + y)) == R"(-\left(x + y\right))");
    BOOST_TEST(tg::to_latex(1 * x) == "x");
}

BOOST_AUTO_TEST_CASE(divisions_are_fractions_and_need_no_parentheses_inside) {
    BOOST_TEST(tg::to_latex(x / (y * w)) == R"(\frac{x}{y w})");
    BOOST_TEST(tg::to_latex((x + y) / (x - y)) == R"(\frac{x + y}{x - y})");
    BOOST_TEST(tg::to_latex(tg::d(x / w, w)) == R"(-\frac{x}{w w})");
    BOOST_TEST(tg::to_latex(tg::square(x / y)) == R"(\left(\frac{x}{y}\right)^{2})");
}

BOOST_AUTO_TEST_CASE(powers_are_superscripts_with_bases_in_parentheses_unless_atoms) {
    BOOST_TEST(tg::to_latex(tg::pow<3>(x + y)) == R"(\left(x + y\right)^{3})");
    BOOST_TEST(tg::to_latex(tg::pow<-2>(x)) == R"(x^{-2})");
    BOOST_TEST(tg::to_latex(tg::d(tg::pow<3>(x), x)) == R"(3 x^{2})");
    BOOST_TEST(tg::to_latex(tg::square(tg::square(x))) == R"(\left(x^{2}\right)^{2})");
    BOOST_TEST(tg::to_latex(tg::square(w1)) == R"(w_{1}^{2})");
    BOOST_TEST(tg::to_latex(tg::pow(x, y - 1)) == R"(x^{y - 1})");
    BOOST_TEST(tg::to_latex(tg::d(tg::pow(x, y), y)) == R"(x^{y} \log\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::square(-x)) == R"(\left(-x\right)^{2})");
}

BOOST_AUTO_TEST_CASE(unary_minus_and_subtraction_take_the_fewest_parentheses) {
    BOOST_TEST(tg::to_latex(-(x + y)) == R"(-\left(x + y\right))");
    BOOST_TEST(tg::to_latex(-x) == R"(-x)");
    BOOST_TEST(tg::to_latex(x - (y - w)) == R"(x - \left(y - w\right))");
    BOOST_TEST(tg::to_latex(x + (y - w)) == R"(x + y - w)");
    BOOST_TEST(tg::to_latex(tg::d(y - w * x, w)) == R"(-x)");
}

BOOST_AUTO_TEST_CASE(standard_functions_use_their_latex_commands) {
    BOOST_TEST(tg::to_latex(tg::exp(x)) == R"(\exp\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::log(x)) == R"(\log\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::log1p(x)) == R"(\log\left(1 + x\right))");
    BOOST_TEST(tg::to_latex(tg::log1p(-2 * x)) == R"(\log\left(1 - 2 x\right))");
    BOOST_TEST(tg::to_latex(tg::sqrt(x)) == R"(\sqrt{x})");
    BOOST_TEST(tg::to_latex(tg::d(tg::sqrt(x), x)) == R"(\frac{0.5}{\sqrt{x}})");
    BOOST_TEST(tg::to_latex(tg::abs(x - y)) == R"(\left|x - y\right|)");
    BOOST_TEST(tg::to_latex(tg::sinh(x) + tg::cosh(x)) == R"(\sinh\left(x\right) + \cosh\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::sign(x) + tg::step(x)) ==
               R"(\operatorname{sign}\left(x\right) + \operatorname{step}\left(x\right))");
}

BOOST_AUTO_TEST_CASE(each_activation_prints_as_an_operator_name_with_its_setting_as_a_second_argument) {
    BOOST_TEST(tg::to_latex(tg::sigmoid(x)) == R"(\operatorname{sigmoid}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::softplus(w * x)) == R"(\operatorname{softplus}\left(w x\right))");
    BOOST_TEST(tg::to_latex(tg::relu(x)) == R"(\operatorname{relu}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::leaky_relu<0.1>(x)) == R"(\operatorname{leaky\_relu}\left(x, 0.1\right))");
    BOOST_TEST(tg::to_latex(tg::leaky_relu<0.1>(w * x)) == R"(\operatorname{leaky\_relu}\left(w x, 0.1\right))");
    BOOST_TEST(tg::to_latex(tg::elu<0.5>(x)) == R"(\operatorname{elu}\left(x, 0.5\right))");
    BOOST_TEST(tg::to_latex(tg::silu(x)) == R"(\operatorname{silu}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::gelu(x)) == R"(\operatorname{gelu}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::tanh(x)) == R"(\tanh\left(x\right))");
}

BOOST_AUTO_TEST_CASE(activation_derivatives_print_in_the_same_style) {
    BOOST_TEST(tg::to_latex(tg::d(tg::softplus(w * x), w)) == R"(\operatorname{sigmoid}\left(w x\right) x)");
    BOOST_TEST(tg::to_latex(tg::d(tg::sigmoid(x), x)) ==
               R"(\operatorname{sigmoid}\left(x\right) \operatorname{sigmoid}\left(-x\right))");
    BOOST_TEST(tg::to_latex(tg::d(tg::relu(x), x)) == R"(\operatorname{step}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::d(tg::leaky_relu<0.1>(x), x)) == R"(0.1 + 0.9 \operatorname{step}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::d(tg::elu<0.5>(x), x)) == R"(\operatorname{elu\_grad}\left(x, 0.5\right))");
    BOOST_TEST(tg::to_latex(tg::d(tg::silu(x), x)) ==
               R"(\operatorname{sigmoid}\left(x\right) \left(1 + x \operatorname{sigmoid}\left(-x\right)\right))");
    BOOST_TEST(tg::to_latex(tg::d(tg::tanh(x), x)) == R"(\frac{1}{\cosh\left(x\right)^{2}})");
    BOOST_TEST(tg::to_latex(tg::d(tg::gelu(x), x)) ==
               R"(\operatorname{sigmoid}\left(1.5957691216057308 \left(x + 0.044715 x^{3}\right)\right) + )"
               R"(1.5957691216057308 x \operatorname{sigmoid}\left(1.5957691216057308 \left(x + 0.044715 x^{3}\right)\right) )"
               R"(\operatorname{sigmoid}\left(-1.5957691216057308 \left(x + 0.044715 x^{3}\right)\right) )"
               R"(\left(1 + 0.134145 x^{2}\right))");
}

BOOST_AUTO_TEST_CASE(names_split_into_a_base_and_a_subscript_where_natural) {
    BOOST_TEST(tg::to_latex(tg::param<"w0_3">) == R"(w_{0,3})");
    BOOST_TEST(tg::to_latex(tg::param<"w_1">) == R"(w_{1})");
    BOOST_TEST(tg::to_latex(tg::input<"x_in">) == R"(x_{in})");
    BOOST_TEST(tg::to_latex(tg::param<"w12">) == R"(w_{12})");
    BOOST_TEST(tg::to_latex(tg::input<"dose">) == R"(\mathit{dose})");
    BOOST_TEST(tg::to_latex(tg::param<"bias2">) == R"(\mathit{bias}_{2})");
    BOOST_TEST(tg::to_latex(tg::param<"lr_">) == R"(\mathit{lr\_})");
    BOOST_TEST(tg::to_latex(tg::param<"a#b">) == R"(\mathit{a\#b})");
}

BOOST_AUTO_TEST_CASE(user_defined_ops_print_as_operator_names) {
    BOOST_TEST(tg::to_latex(tg::apply<soft_sign_op>(x)) == R"(\operatorname{soft\_sign}\left(x\right))");
    BOOST_TEST(tg::to_latex(tg::apply<hypot_op>(w * x, 3)) == R"(\operatorname{hypot}\left(w x, 3\right))");
    BOOST_TEST(tg::to_latex(tg::d(tg::apply<hypot_op>(w * x, 3), w)) ==
               R"(\frac{w x x}{\operatorname{hypot}\left(w x, 3\right)})");
}

BOOST_AUTO_TEST_SUITE_END()
