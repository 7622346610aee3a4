// Nodes and the arithmetic that builds them: names in types, constants that fold, literals by value.
#include <type_traits>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w = tg::param<"w">;
template <class A, class B>
constexpr bool same = std::is_same_v<std::remove_cvref_t<A>, std::remove_cvref_t<B>>;
}  // namespace

BOOST_AUTO_TEST_SUITE(nodes)

BOOST_AUTO_TEST_CASE(two_uses_of_a_name_are_one_node_type) {
    static_assert(same<decltype(tg::param<"w1">), decltype(tg::param<"w1">)>);
    static_assert(!same<decltype(tg::param<"w1">), decltype(tg::param<"w2">)>);
    static_assert(!same<decltype(tg::param<"x">), decltype(tg::input<"x">)>);
    BOOST_TEST(tg::to_string(tg::param<"w1">) == "w1");
}

BOOST_AUTO_TEST_CASE(integer_and_floating_constants_are_one_type) {
    static_assert(same<decltype(tg::c<2>), decltype(tg::c<2.0>)>);
    static_assert(same<decltype(tg::c<2>), tg::constant_node<2.0>>);
    static_assert(decltype(tg::c<0.64>)::value == 0.64);
}

BOOST_AUTO_TEST_CASE(constants_fold) {
    const auto e = tg::c<2> * x - tg::c<1>;
    static_assert(same<decltype(tg::c<0> * e), decltype(tg::c<0>)>);
    static_assert(same<decltype(e * tg::c<0>), decltype(tg::c<0>)>);
    static_assert(same<decltype(tg::c<1> * e), decltype(e)>);
    static_assert(same<decltype(e * tg::c<1>), decltype(e)>);
    static_assert(same<decltype(tg::c<2> * tg::c<2>), decltype(tg::c<4>)>);
    static_assert(same<decltype(tg::c<2> + tg::c<3>), decltype(tg::c<5>)>);
    static_assert(same<decltype(e + tg::c<0>), decltype(e)>);
    static_assert(same<decltype(tg::c<0> + e), decltype(e)>);
    static_assert(same<decltype(x + (-w)), decltype(x - w)>);   // a + (-b) is a - b
    static_assert(same<decltype(tg::c<2> + 0.5), tg::literal_node>);  // numbers add up
    BOOST_TEST(tg::eval(tg::c<2> + 0.5) == 2.5);
    static_assert(same<decltype(tg::c<0> - x), decltype(-x)>);
    static_assert(same<decltype(x / tg::c<1>), decltype(x)>);
    static_assert(same<decltype(-tg::c<0>), decltype(tg::c<0>)>);  // no separate -0 type
    static_assert(same<decltype(-(-x)), decltype(x)>);
    BOOST_TEST(tg::to_string(e) == "2*x - 1");
}

BOOST_AUTO_TEST_CASE(constant_factors_move_to_the_front) {
    static_assert(same<decltype(x * tg::c<3>), tg::binary_node<tg::multiply_op, tg::constant_node<3.0>, tg::input_node<"x">>>);
    static_assert(same<decltype((tg::c<2> * x) * tg::c<3>), decltype(tg::c<6> * x)>);
    static_assert(same<decltype(tg::c<2> * (tg::c<3> * x)), decltype(tg::c<6> * x)>);
    static_assert(same<decltype(x * w), tg::binary_node<tg::multiply_op, tg::input_node<"x">, tg::parameter_node<"w">>>);
    static_assert(same<decltype((-x) * w), decltype(tg::c<-1> * (x * w))>);  // a sign is a factor too
    static_assert(same<decltype(x * (-w)), decltype(tg::c<-1> * (x * w))>);
    static_assert(same<decltype((-x) * (-w)), decltype(x * w)>);
    static_assert(same<decltype(x * (tg::c<3> * w)), decltype(tg::c<3> * (x * w))>);  // a factor on the right
    static_assert(same<decltype(x * (0.5 * w)), tg::binary_node<tg::multiply_op, tg::literal_node, decltype(x * w)>>);
    static_assert(same<decltype(x * 2.0), tg::binary_node<tg::multiply_op, tg::literal_node, tg::input_node<"x">>>);
    BOOST_TEST(tg::to_string((tg::c<2> * x) * (tg::c<3> * w)) == "6*x*w");
}

BOOST_AUTO_TEST_CASE(differences_fold_as_before_and_build_the_same_nodes) {
    // operator- builds a difference that folds nothing itself, without make_subtract: the types must be
    // those make_subtract makes, in every case.
    static_assert(same<decltype(x - w), tg::binary_node<tg::subtract_op, tg::input_node<"x">, tg::parameter_node<"w">>>);
    static_assert(same<decltype(x - w), decltype(tg::detail::make_subtract(x, w))>);
    static_assert(same<decltype(x - 2.0), tg::binary_node<tg::subtract_op, tg::input_node<"x">, tg::literal_node>>);
    static_assert(same<decltype(2.0 - x), tg::binary_node<tg::subtract_op, tg::literal_node, tg::input_node<"x">>>);
    static_assert(same<decltype(x - tg::c<0>), decltype(x)>);
    static_assert(same<decltype(tg::c<0> - x), decltype(-x)>);
    static_assert(same<decltype(tg::c<3> - tg::c<1>), decltype(tg::c<2>)>);
    static_assert(same<decltype(x - (-w)), decltype(x + w)>);  // a - (-b) is a + b
    static_assert(same<decltype(tg::c<2> - 0.5), tg::literal_node>);
    BOOST_TEST(tg::eval(tg::c<2> - 0.5) == 1.5);
    BOOST_TEST(tg::eval(x - 2.0, x = 5.0) == 3.0);
    BOOST_TEST(tg::eval(2.0 - x, x = 5.0) == -3.0);
    BOOST_TEST(tg::to_string(x - w) == "x - w");
}

/// t0 + t1 + ... written with +, one `+` at a time (what sum must build).
template <class T, class... Ts>
constexpr auto plus_chain(const T& t, const Ts&... ts) {
    if constexpr (sizeof...(Ts) == 0) return t;
    else return [](const auto& acc, const auto& next, const auto&... rest) {
        return plus_chain(acc + next, rest...);
    }(t, ts...);
}

template <std::size_t... I>
constexpr auto long_sum(std::index_sequence<I...>) {
    return tg::sum(((void)I, w * x)...);
}
template <std::size_t... I>
constexpr auto long_plus_chain(std::index_sequence<I...>) {
    return plus_chain(((void)I, w * x)...);
}

namespace {
// Each operand shape that folding distinguishes: leaves, zero, one, minus one and other constants, literals, products with
// and without a numeric factor, a negation, a sum.
template <class... Es>
struct shapes {};
using folding_shapes =
    shapes<tg::parameter_node<"w">, tg::input_node<"x">, tg::constant_node<0.0>, tg::constant_node<2.0>,
           tg::constant_node<1.0>, tg::constant_node<-1.0>, tg::literal_node, decltype(w * x), decltype(tg::c<2> * w), decltype(2.5 * w), decltype(-w),
           decltype(-(w * x)), decltype(w + x), decltype(w - x), tg::unary_node<tg::negate_op, tg::literal_node>>;

template <class E>
constexpr bool shape_matches_traits() {
    namespace d = tg::detail;
    constexpr unsigned s = d::fold_shape<E>::value;
    return ((s & d::fold_zero) != 0) == d::is_zero<E>::value && ((s & d::fold_constant) != 0) == d::is_constant<E>::value &&
           ((s & d::fold_literal) != 0) == d::is_literal<E>::value &&
           ((s & d::fold_negate) != 0) == d::is_op<E, tg::negate_op>::value &&
           ((s & d::fold_coefficient) != 0) == d::factor<E>::has_coefficient;
}

// sum_folds and multiply_folds against the cases of make_add/make_subtract and make_multiply, spelled out
// with the separate traits.
template <class A, class B>
constexpr bool pair_matches_traits() {
    namespace d = tg::detail;
    constexpr bool sum = d::is_zero<A>::value || d::is_zero<B>::value ||
                         (d::is_constant<A>::value && d::is_constant<B>::value) ||
                         (d::is_number<A>::value && d::is_number<B>::value) || d::is_op<B, tg::negate_op>::value;
    constexpr bool product = d::factor<A>::has_coefficient || d::factor<B>::has_coefficient;
    constexpr unsigned a = d::fold_shape<A>::value;
    constexpr unsigned b = d::fold_shape<B>::value;
    return d::sum_folds(a, b) == sum && d::multiply_folds(a, b) == product;
}

// The operators' results against the builders' (make_add, make_subtract, make_multiply), which fold
// every case: an operator that builds a node itself where a builder would fold gives another type.
template <class A, class B>
constexpr bool operators_build_what_builders_build() {
    return same<decltype(A{} + B{}), decltype(tg::detail::make_add(A{}, B{}))> &&
           same<decltype(A{} - B{}), decltype(tg::detail::make_subtract(A{}, B{}))> &&
           same<decltype(A{} * B{}), decltype(tg::detail::make_multiply(A{}, B{}))>;
}

template <class A, class... Es>
constexpr bool row_matches(shapes<Es...>) {
    return ((pair_matches_traits<A, Es>() && operators_build_what_builders_build<A, Es>()) && ...);
}
template <class... Es>
constexpr bool all_match(shapes<Es...> all) {
    return (shape_matches_traits<Es>() && ...) && (row_matches<Es>(all) && ...);
}
}  // namespace

BOOST_AUTO_TEST_CASE(fold_shape_answers_what_the_folding_traits_answer) {
    // The operators decide whether to fold from one fold_shape per operand; the folding builders use the
    // separate traits. Both must agree on every pair of shapes.
    static_assert(all_match(folding_shapes{}));
    // and the decision is what the operators do:
    static_assert(same<decltype(w * x + tg::c<0>), decltype(w * x)>);
    static_assert(same<decltype(tg::c<0> + x), decltype(x)>);
    static_assert(same<decltype(x + -w), decltype(x - w)>);
    static_assert(same<decltype(tg::c<2> * (tg::c<3> * w)), decltype(tg::c<6> * w)>);
    static_assert(same<decltype(w * x + w), tg::binary_node<tg::add_op, decltype(w * x), tg::parameter_node<"w">>>);
    static_assert(same<decltype(w * x * w), tg::binary_node<tg::multiply_op, decltype(w * x), tg::parameter_node<"w">>>);
    BOOST_TEST(tg::eval((2.0 * w) * (3.0 * x), w = 1.0, x = 1.0) == 6.0);
}

BOOST_AUTO_TEST_CASE(sum_builds_what_plus_builds) {
    constexpr auto y = tg::input<"y">;
    // The same types as +, left to right, whether or not a + folds.
    static_assert(same<decltype(tg::sum(w * x, y, w)), decltype(w * x + y + w)>);
    static_assert(same<decltype(tg::sum(w * x, y, w)),
                       tg::binary_node<tg::add_op, tg::binary_node<tg::add_op, decltype(w * x), tg::input_node<"y">>,
                                       tg::parameter_node<"w">>>);
    static_assert(same<decltype(tg::sum(x)), decltype(x)>);
    static_assert(same<decltype(tg::sum(x, 2.0, y)), decltype(x + 2.0 + y)>);
    static_assert(same<decltype(tg::sum(2.0, 3.0, x)), decltype(2.0 + 3.0 + x)>);  // two numbers fold first
    static_assert(same<decltype(tg::sum(tg::c<2>, tg::c<3>, x)), decltype(tg::c<5> + x)>);
    static_assert(same<decltype(tg::sum(x, tg::c<0>, y)), decltype(x + y)>);
    static_assert(same<decltype(tg::sum(x, y, tg::c<0>)), decltype(x + y)>);
    static_assert(same<decltype(tg::sum(x, y, -w)), decltype(x + y - w)>);  // a + (-b) is a - b
    static_assert(same<decltype(tg::sum(x + 1.5, y * 2.0, w - 0.5)), decltype((x + 1.5) + (y * 2.0) + (w - 0.5))>);
    static_assert(same<decltype(tg::sum(tg::c<0>, x, y)), decltype(x + y)>);
    static_assert(same<decltype(tg::sum(x, -w, y)), decltype(x - w + y)>);
    static_assert(same<decltype(tg::sum(x, w, y, x, w, -y, x, 2)), decltype(x + w + y + x + w - y + x + 2)>);
    // Leading numbers are added as C++ adds them, in their own type, before the first expression.
    static_assert(tg::sum(0.1f, 0.2f, x).lhs.value == (0.1f + 0.2f + x).lhs.value);
    static_assert(tg::sum(1u, -2, x).lhs.value == (1u + -2 + x).lhs.value);
    BOOST_TEST(tg::eval(tg::sum(x, w, y, x, w, -y, x, 2.5), x = 1.0, w = 10.0, y = 100.0) == 1 + 10 + 100 + 1 + 10 - 100 + 1 + 2.5);
    // Run-time numbers keep their values, in every position and inside terms.
    const auto s = tg::sum(0.25, x * 3.0, w + 1.5, 4.0, y);
    const auto p = 0.25 + x * 3.0 + (w + 1.5) + 4.0 + y;
    static_assert(same<decltype(s), decltype(p)>);
    BOOST_TEST(tg::to_string(s) == tg::to_string(p));
    BOOST_TEST(tg::to_string(s) == "0.25 + 3*x + w + 1.5 + 4 + y");
    BOOST_TEST(tg::eval(s, x = 2.0, w = -1.0, y = 10.0) == 0.25 + 6.0 + 0.5 + 4.0 + 10.0);
    // More terms than clang allows in a fold expression (a constrained pack is one, too); as deep as the
    // same sum written with +, whose depth the compilers' limits bound (see depth_test.cpp).
    static_assert(same<decltype(long_sum(std::make_index_sequence<260>{})),
                       decltype(long_plus_chain(std::make_index_sequence<260>{}))>);
}

BOOST_AUTO_TEST_CASE(function_objects_make_the_nodes_apply_makes) {
    // The built-in ops' function objects make their node themselves, without apply.
    static_assert(same<decltype(tg::square(x - w)), decltype(tg::apply<tg::square_op>(x - w))>);
    static_assert(same<decltype(tg::softplus(x)), tg::unary_node<tg::softplus_op, tg::input_node<"x">>>);
    static_assert(same<decltype(tg::tanh(w * x)), decltype(tg::apply<tg::tanh_op>(w * x))>);
    static_assert(same<decltype(tg::leaky_relu<0.1>(x)), decltype(tg::apply<tg::leaky_relu_op<0.1>>(x))>);
    static_assert(same<decltype(tg::elu<2>(x)), decltype(tg::apply<tg::elu_op<2.0>>(x))>);
    static_assert(same<decltype(tg::exp(x)), decltype(tg::apply<tg::exp_op>(x))> &&
                  same<decltype(tg::log(x)), decltype(tg::apply<tg::log_op>(x))> &&
                  same<decltype(tg::log1p(x)), decltype(tg::apply<tg::log1p_op>(x))> &&
                  same<decltype(tg::sqrt(x)), decltype(tg::apply<tg::sqrt_op>(x))> &&
                  same<decltype(tg::abs(x)), decltype(tg::apply<tg::abs_op>(x))> &&
                  same<decltype(tg::relu(x)), decltype(tg::apply<tg::relu_op>(x))> &&
                  same<decltype(tg::sigmoid(x)), decltype(tg::apply<tg::sigmoid_op>(x))> &&
                  same<decltype(tg::silu(x)), decltype(tg::apply<tg::silu_op>(x))> &&
                  same<decltype(tg::gelu(x)), decltype(tg::apply<tg::gelu_op>(x))> &&
                  same<decltype(tg::step(x)), decltype(tg::apply<tg::step_op>(x))> &&
                  same<decltype(tg::sign(x)), decltype(tg::apply<tg::sign_op>(x))> &&
                  same<decltype(tg::sinh(x)), decltype(tg::apply<tg::sinh_op>(x))> &&
                  same<decltype(tg::cosh(x)), decltype(tg::apply<tg::cosh_op>(x))> &&
                  same<decltype(tg::pow<3>(x)), decltype(tg::apply<tg::pow_int_op<3>>(x))>);
    static_assert(same<decltype(tg::square(0.5)), tg::unary_node<tg::square_op, tg::literal_node>>);  // a number operand
    BOOST_TEST(tg::eval(tg::square(0.5)) == 0.25);
    BOOST_TEST(tg::eval(tg::square(x - w), x = 3.0, w = 1.0) == 4.0);
}

BOOST_AUTO_TEST_CASE(run_time_numbers_are_stored_by_value) {
    const auto a = tg::softplus(w * x * 0.5);
    const auto b = tg::softplus(w * x * 0.7);
    static_assert(same<decltype(a), decltype(b)>);  // one type, two values
    BOOST_TEST(tg::eval(a, w = 2.0, x = 1.0) != tg::eval(b, w = 2.0, x = 1.0));
    BOOST_TEST(tg::to_string(a) == "softplus(0.5*w*x)");
    BOOST_TEST(tg::to_string(b) == "softplus(0.7*w*x)");
    static_assert(std::is_trivially_copyable_v<decltype(a)>);
}

BOOST_AUTO_TEST_CASE(run_time_numbers_fold_at_run_time) {
    const auto e = 2 * x * 3;
    BOOST_TEST(e.lhs.value == 6.0);
    BOOST_TEST(tg::to_string(e) == "6*x");
    BOOST_TEST(tg::to_string(x * 0.64) == "0.64*x");
    BOOST_TEST(tg::to_string(tg::c<2> * (x * 0.5)) == "x");  // a factor of 1 prints as nothing
}

BOOST_AUTO_TEST_CASE(expressions_print_with_the_fewest_parentheses) {
    constexpr auto y = tg::input<"y">;
    BOOST_TEST(tg::to_string(x - (y - w)) == "x - (y - w)");
    BOOST_TEST(tg::to_string((x - y) - w) == "x - y - w");
    BOOST_TEST(tg::to_string(x / (y * w)) == "x/(y*w)");
    BOOST_TEST(tg::to_string(x * (y + w)) == "x*(y + w)");
    BOOST_TEST(tg::to_string(-(x + y)) == "-(x + y)");
    BOOST_TEST(tg::to_string(tg::pow<3>(x + y)) == "(x + y)^3");
    BOOST_TEST(tg::to_string(tg::square(x)) == "x^2");
    BOOST_TEST(tg::to_string(tg::pow(x, y)) == "pow(x, y)");
    BOOST_TEST(tg::to_string(tg::leaky_relu<0.1>(x)) == "leaky_relu(x, 0.1)");
    BOOST_TEST(tg::to_string(x + (-2) * y) == "x + (-2*y)");
    BOOST_TEST(tg::to_string(x * (-2)) == "-2*x");
}

BOOST_AUTO_TEST_SUITE_END()
