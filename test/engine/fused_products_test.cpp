// With TYPEGRAD_FUSE_PRODUCTS on, an add or subtract of a product that nothing else uses is computed as
// one expression (p * q + b), and a sum over samples adds a square or a product to its total in one
// expression (total + r * r). This file turns it on whatever the target (it is on by default only where
// the target has fused multiply-add instructions), so that these paths run in every build, and checks
// them against the same expressions written with user ops that offer no product forms (so are never
// fused): they must agree within a few rounding errors (the merged form may be fused where the
// separate ops round twice), and a wrong merged form is off by far more. It is an executable of its
// own: a translation unit with another setting of the macro must not share its template instantiations.
#define TYPEGRAD_FUSE_PRODUCTS 1

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w = tg::param<"w">;
constexpr auto v = tg::param<"v">;
constexpr auto b = tg::param<"b">;

static_assert(tg::detail::fuse_products, "this test is about TYPEGRAD_FUSE_PRODUCTS=1");

/// a + b, a - b and a^2 as user ops without product or sum forms: the unfused reference.
struct plain_add_op {
    static constexpr std::string_view name = "plain_add";
    static constexpr bool batchable = true;
    template <class T>
    static constexpr tg::local<T> forward(T a, T c) { return {a + c, T(0)}; }
    template <class T>
    static constexpr tg::partial_pair<T> partials(T, T, tg::local<T>) { return {T(1), T(1)}; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A&, const B&, const DA& da, const DB& db) { return da + db; }
};
struct plain_subtract_op {
    static constexpr std::string_view name = "plain_subtract";
    static constexpr bool batchable = true;
    template <class T>
    static constexpr tg::local<T> forward(T a, T c) { return {a - c, T(0)}; }
    template <class T>
    static constexpr tg::partial_pair<T> partials(T, T, tg::local<T>) { return {T(1), T(-1)}; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A&, const B&, const DA& da, const DB& db) { return da - db; }
};
struct plain_square_op {
    static constexpr std::string_view name = "plain_square";
    static constexpr bool batchable = true;
    template <class T>
    static constexpr tg::local<T> forward(T a) { return {a * a, T(0)}; }
    template <class T>
    static constexpr T partial(T a, tg::local<T>) { return T(2) * a; }
    template <class A>
    static constexpr auto derivative(const A& a) { return tg::c<2> * a; }
};
template <class A, class B>
constexpr auto plain_add(const A& a, const B& c) { return tg::apply<plain_add_op>(a, c); }
template <class A, class B>
constexpr auto plain_sub(const A& a, const B& c) { return tg::apply<plain_subtract_op>(a, c); }
template <class A>
constexpr auto plain_square(const A& a) { return tg::apply<plain_square_op>(a); }

/// Within 8 rounding errors of the larger: a compiler may fuse the merged expressions (clang does even
/// without FMA instructions, when it folds one whose operands it knows at compile time), and a fused
/// multiply-add rounds once where the separate ops round twice.
void check_same(double fused, double reference) {
    const double scale = std::max({1.0, std::fabs(fused), std::fabs(reference)});
    BOOST_TEST(std::fabs(fused - reference) <= 8 * 0x1p-52 * scale, fused << " vs " << reference);
}

using set = tg::parameter_set<double, "b", "v", "w">;
set theta_at(double bv, double vv, double wv) {
    set theta;
    theta[b] = bv;
    theta[v] = vv;
    theta[w] = wv;
    return theta;
}

/// value_and_gradient of both expressions at a few points: same value, same gradient.
template <class E, class R>
void check_pair(const E& fused, const R& reference) {
    for (const double at : {-1.7, 0.3, 2.9}) {
        const set theta = theta_at(0.1 * at - 0.4, 1.3 - at, 0.7 * at + 0.2);
        const auto row = tg::sample(x = 0.37 * at + 1.1, y = -0.6 * at);  // may hold an unused y
        const auto f = tg::value_and_gradient(fused, theta, row);
        const auto r = tg::value_and_gradient(reference, theta, row);
        check_same(f.value, r.value);
        for (std::size_t k = 0; k < set::size(); ++k) check_same(f.gradient.values[k], r.gradient.values[k]);
        check_same(tg::eval(fused, theta, row), r.value);
    }
}

/// Which operand of E's root is a product computed in the root's own step (0: none).
template <class E>
constexpr std::size_t root_side(const E&) {
    return tg::detail::products_v<E>.side[tg::detail::plan_v<E>.slots - 1];
}
}  // namespace

BOOST_AUTO_TEST_SUITE(fused_products)

BOOST_AUTO_TEST_CASE(a_lone_product_on_either_side_is_computed_in_the_add_or_subtract) {
    static_assert(root_side(w * x + b) == 1);
    static_assert(root_side(b + w * x) == 2);
    static_assert(root_side(w * x - b) == 1);
    static_assert(root_side(b - w * x) == 2);
    static_assert(root_side(w * x + v * y) == 1);  // both products: the left one
    static_assert(root_side(w * x * b + v) == 1);  // (w*x)*b is the product; w*x is its own step
    // A product that something else also uses is not merged (its value is needed on its own).
    static_assert(root_side(w * x + b + w * x) == 0);
    static_assert(root_side(tg::exp(w * x) + w * x) == 0);
    // Neither operand a product.
    static_assert(root_side(w + b) == 0);
    static_assert(root_side(w / x + b) == 0);
}

BOOST_AUTO_TEST_CASE(values_and_gradients_match_the_unfused_expressions) {
    check_pair(w * x + b, plain_add(w * x, b));
    check_pair(b + w * x, plain_add(b, w * x));
    check_pair(w * x - b, plain_sub(w * x, b));
    check_pair(b - w * x, plain_sub(b, w * x));
    check_pair(w * x + v * y, plain_add(w * x, v * y));
    check_pair(tg::softplus(w * x + b) * v - y, plain_sub(tg::softplus(plain_add(w * x, b)) * v, y));
    // A product of a leaf with itself (its derivative has two terms from one step).
    check_pair(w * w + b, plain_add(w * w, b));
    check_pair(x * x - w, plain_sub(x * x, w));
    // A shared product: not merged, still right.
    check_pair(w * x + b + w * x, plain_add(plain_add(w * x, b), w * x));
    // Leaves used in several places, with the product's operands read by the product's step.
    check_pair(tg::tanh(w * x + b) * w + b * x, plain_add(tg::tanh(plain_add(w * x, b)) * w, b * x));
}

BOOST_AUTO_TEST_CASE(derivatives_with_respect_to_inputs_match) {
    for (const double at : {-1.1, 0.6}) {
        const auto f = tg::value_and_gradient(w * x + b * x * x, tg::wrt(x, w), w = at, b = 0.3, x = 1.7 - at);
        const auto r = tg::value_and_gradient(plain_add(w * x, b * x * x), tg::wrt(x, w), w = at, b = 0.3, x = 1.7 - at);
        check_same(f.value, r.value);
        check_same(f.gradient[x], r.gradient[x]);
        check_same(f.gradient[w], r.gradient[w]);
        // by hand: d/dx = w + 2 b x, d/dw = x
        BOOST_TEST(std::fabs(f.gradient[x] - (at + 2 * 0.3 * (1.7 - at))) < 1e-14);
        BOOST_TEST(std::fabs(f.gradient[w] - (1.7 - at)) < 1e-14);
    }
}

BOOST_AUTO_TEST_CASE(sums_over_data_add_squares_and_products_to_their_totals) {
    // 3 rows: one sample per sweep; 64 rows: samples in SIMD lanes as well.
    for (const std::size_t n : {std::size_t{3}, std::size_t{64}}) {
        std::vector<double> xs, ys;
        for (std::size_t i = 0; i < n; ++i) {
            xs.push_back(0.05 * static_cast<double>(i) - 0.7);
            ys.push_back(std::sin(3.0 * xs.back()));
        }
        const auto d = tg::data(x = xs, y = ys);
        const set theta = theta_at(0.25, -0.5, 1.5);
        const auto check_loss = [&](const auto& fused, const auto& reference) {
            const auto f = fused.value_and_gradient(theta);
            const auto r = reference.value_and_gradient(theta);
            check_same(f.value, r.value);
            for (std::size_t k = 0; k < set::size(); ++k) check_same(f.gradient.values[k], r.gradient.values[k]);
            // The value alone adds each row the same way as value_and_gradient.
            BOOST_TEST(fused.value(theta) == f.value);
        };
        check_loss(tg::sum_over(tg::squared_error(w * x + b, y), d),
                   tg::sum_over(plain_square(plain_sub(y, plain_add(w * x, b))), d));
        check_loss(tg::mean_over(tg::square(tg::tanh(v * x + b) - y), d),
                   tg::mean_over(plain_square(plain_sub(tg::tanh(plain_add(v * x, b)), y)), d));
        // A product at the root: total + a * b.
        check_loss(tg::sum_over((w * x + b) * y, d), tg::sum_over(plain_add(w * x, b) * y, d));
    }
}

BOOST_AUTO_TEST_CASE(the_primer_line_fit_still_reaches_its_numbers) {
    // SSR of the intercept with slope 0.64 over the primer's points at b = 0: 3.15592 (residuals 1.08,
    // 0.428, 1.344), derivative -2 (1.08 + 0.428 + 1.344) = -5.704.
    const std::vector<double> xs{0.5, 2.3, 2.9}, ys{1.4, 1.9, 3.2};
    const auto loss = tg::sum_over(tg::squared_error(0.64 * x + b, y), tg::data(x = xs, y = ys));
    tg::parameter_set<double, "b"> theta;
    const auto [value, gradient] = loss.value_and_gradient(theta);
    BOOST_TEST(std::fabs(value - 3.15592) < 1e-12);
    BOOST_TEST(std::fabs(gradient[b] - (-5.704)) < 1e-12);
}

BOOST_AUTO_TEST_SUITE_END()
