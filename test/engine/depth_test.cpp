// The deepest expression we promise: a left-deep chain ((x*w + b)*w + b)... of 250 levels, whose tree is
// 501 nodes deep, compiles with the compilers' default limits (template depth 900 on g++, constexpr
// depth 512 on both) and differentiates correctly. Deeper chains exceed the default constexpr depth
// while the expression object itself is copied, before typegrad sees it.
#include <cmath>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;
constexpr int max_chain_levels = 250;

template <int N>
constexpr auto chain() {
    if constexpr (N == 0) return x;
    else return chain<N - 1>() * w + b;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(depth)

BOOST_AUTO_TEST_CASE(a_left_deep_chain_of_250_levels_compiles_and_differentiates) {
    constexpr auto e = chain<max_chain_levels>();
    static_assert(tg::detail::size_v<std::remove_cvref_t<decltype(e)>> == 1 + 4 * max_chain_levels);
    auto theta = tg::parameters_of(e);
    theta[w] = 0.99;
    theta[b] = 0.01;
    const double xv = 1.5;
    const auto [value, g] = tg::value_and_gradient(e, theta, x = xv);
    // By hand: v_k = w v_{k-1} + b, with dv_k/dw = v_{k-1} + w dv_{k-1}/dw and dv_k/db = 1 + w dv_{k-1}/db.
    double v = xv, dw = 0, db = 0;
    for (int k = 0; k < max_chain_levels; ++k) {
        dw = v + 0.99 * dw;
        db = 1 + 0.99 * db;
        v = 0.99 * v + 0.01;
    }
    BOOST_TEST(value == v, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g[w] == dw, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g[b] == db, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(a_data_loss_over_a_chain_of_150_levels_sums_its_rows) {
    // 304 unique nodes: past the size up to which a data loss peels its first row off the row loop
    // (detail::peel_first_row), so this runs the other path. Its sums against per-row gradients.
    constexpr auto e = chain<150>();
    const double xs[] = {0.5, -1.0, 2.0};
    const auto loss = tg::sum_over(e, tg::data(x = xs));
    auto theta = tg::parameters_of(e);
    theta[w] = 0.98;
    theta[b] = 0.02;
    const auto [value, g] = loss.value_and_gradient(theta);
    double v = 0, dw = 0, db = 0;
    for (const double xv : xs) {
        const auto r = tg::value_and_gradient(e, theta, x = xv);
        v += r.value;
        dw += r.gradient[w];
        db += r.gradient[b];
    }
    BOOST_TEST(value == v, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(g[w] == dw, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(g[b] == db, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(loss.value(theta) == value);
}

BOOST_AUTO_TEST_SUITE_END()
