// A graph of more than inline_sweep_slots slots gets its gradient from `sweep`, a function of its own
// (smaller graphs' sweeps are inlined into the caller): its values and gradients, checked against sums
// written out by hand, for parameters and shared subexpressions with one use and with many, on either
// side, a squared parameter (x * x), the derivative with respect to an input, a sum over a data set,
// and the sweep in a constant expression.
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;
constexpr auto v = tg::param<"v">;
constexpr auto u = tg::param<"u">;
constexpr int terms = 90;

// sum_k [(k/10) * softplus(w * x * k + b) + softplus(b * x + k/100)] + v * v + u * x + u + softplus(b * x)
// + v * exp(v): a run-time number in each term makes every term a subtree of its own (more than 600
// slots), while b is used 90 times itself, w * x and b * x (one slot each) 90 times, as a right and as a
// left operand, b * x also by a unary op, u first on the left and again on the right, and v squared
// and again elsewhere.
template <std::size_t... K>
auto make_sum(std::index_sequence<K...>) {
    return (... + (0.1 * double(K + 1) * tg::softplus(w * x * double(K + 1) + b) +
                   tg::softplus(b * x + 0.01 * double(K + 1)))) +
           v * v + u * x + u + tg::softplus(b * x) + v * tg::exp(v);
}
const auto f = make_sum(std::make_index_sequence<terms>{});

double softplus(double z) { return z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z)); }
double sigmoid(double z) { return 1 / (1 + std::exp(-z)); }

struct by_hand {
    double value = 0, dw = 0, db = 0, dv = 0, du = 0, dx = 0;
};
constexpr double uv = 0.8;
by_hand f_by_hand(double wv, double bv, double vv, double xv) {
    by_hand r;
    for (int k = 1; k <= terms; ++k) {
        const double c = 0.1 * k, z = wv * xv * k + bv;
        r.value += c * softplus(z);
        r.dw += c * sigmoid(z) * xv * k;
        r.db += c * sigmoid(z);
        r.dx += c * sigmoid(z) * wv * k;
        const double u = bv * xv + 0.01 * k;
        r.value += softplus(u);
        r.db += sigmoid(u) * xv;
        r.dx += sigmoid(u) * bv;
    }
    r.value += vv * vv + uv * xv + uv + softplus(bv * xv) + vv * std::exp(vv);
    r.dv = 2 * vv + std::exp(vv) + vv * std::exp(vv);
    r.du = xv + 1;
    r.db += sigmoid(bv * xv) * xv;
    r.dx += uv + sigmoid(bv * xv) * bv;
    return r;
}

bool close(double a, double e) { return std::abs(a - e) <= 1e-12 * std::max(1.0, std::abs(e)); }
}  // namespace

BOOST_AUTO_TEST_SUITE(large_sweep)

BOOST_AUTO_TEST_CASE(the_graph_is_large_enough_for_its_own_sweep) {
    static_assert(tg::detail::plan_v<std::remove_cvref_t<decltype(f)>>.slots > tg::detail::inline_sweep_slots);
}

BOOST_AUTO_TEST_CASE(value_and_gradient_match_the_sums_by_hand) {
    auto theta = tg::parameters_of(f);
    theta[w] = 0.3;
    theta[b] = -0.7;
    theta[v] = 1.25;
    theta[u] = uv;
    const auto [value, g] = tg::value_and_gradient(f, theta, x = 0.4);
    const by_hand e = f_by_hand(0.3, -0.7, 1.25, 0.4);
    BOOST_TEST(close(value, e.value));
    BOOST_TEST(close(g[w], e.dw));
    BOOST_TEST(close(g[b], e.db));
    BOOST_TEST(close(g[v], e.dv));
    BOOST_TEST(close(g[u], e.du));
}

BOOST_AUTO_TEST_CASE(derivatives_with_respect_to_an_input_and_a_parameter) {
    const auto [value, g] =
        tg::value_and_gradient(f, tg::wrt(x, b), w = 0.3, b = -0.7, v = 1.25, u = uv, x = 0.4);
    const by_hand e = f_by_hand(0.3, -0.7, 1.25, 0.4);
    BOOST_TEST(close(value, e.value));
    BOOST_TEST(close(g[x], e.dx));
    BOOST_TEST(close(g[b], e.db));
}

BOOST_AUTO_TEST_CASE(a_sum_over_a_data_set_adds_every_sample) {
    // 20 rows: enough for the sum to run on SIMD lanes where the target has them.
    std::vector<double> xs, ys;
    for (int i = 0; i < 20; ++i) {
        xs.push_back(0.15 * i - 1.3);
        ys.push_back(std::sin(0.7 * i));
    }
    const auto loss = tg::sum_over(tg::squared_error(f, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(loss);
    theta[w] = 0.3;
    theta[b] = -0.7;
    theta[v] = 1.25;
    theta[u] = uv;
    const auto [value, g] = loss.value_and_gradient(theta);
    double ev = 0, dw = 0, db = 0, dv = 0, du = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const by_hand e = f_by_hand(0.3, -0.7, 1.25, xs[i]);
        const double r = e.value - ys[i];
        ev += r * r;
        dw += 2 * r * e.dw;
        db += 2 * r * e.db;
        dv += 2 * r * e.dv;
        du += 2 * r * e.du;
    }
    BOOST_TEST(close(value, ev));
    BOOST_TEST(close(g[w], dw));
    BOOST_TEST(close(g[b], db));
    BOOST_TEST(close(g[v], dv));
    BOOST_TEST(close(g[u], du));
}

// The sweep in a constant expression: every slot it reads (the steps, and on g++ the reads at its end
// that keep the slot arrays in registers) must be defined there, or the evaluation is an error.
template <std::size_t... K>
constexpr auto make_squares(std::index_sequence<K...>) {
    return (... + (0.1 * double(K + 1) * tg::square(w * x * double(K + 1) + b)));
}
constexpr auto squares = make_squares(std::make_index_sequence<70>{});

constexpr bool near(double a, double e) {
    const double bound = 1e-12 * (e < 0 ? -e : e);
    return a - e <= bound && e - a <= bound;
}

BOOST_AUTO_TEST_CASE(the_sweep_runs_in_a_constant_expression) {
    static_assert(tg::detail::plan_v<std::remove_cvref_t<decltype(squares)>>.slots > tg::detail::inline_sweep_slots);
    // theta holds a parameter the expression does not use (z): the sweep writes its derivative as 0.
    using set = tg::parameter_set<double, "b", "w", "z">;
    constexpr auto z = tg::param<"z">;
    constexpr auto theta = [z] {
        set t;
        t[w] = 0.3;
        t[b] = -0.2;
        t[z] = 5.0;
        return t;
    }();
    constexpr auto r = tg::value_and_gradient(squares, theta, x = 0.5);
    // By hand: sum_k 0.1k r_k^2 with r_k = 0.3 * 0.5 * k - 0.2; d/dw = sum_k 0.1k * 2 r_k * 0.5k;
    // d/db = sum_k 0.1k * 2 r_k.
    constexpr by_hand e = [] {
        by_hand h;
        for (int k = 1; k <= 70; ++k) {
            const double rk = 0.3 * 0.5 * k - 0.2;
            h.value += 0.1 * k * rk * rk;
            h.dw += 0.1 * k * 2 * rk * 0.5 * k;
            h.db += 0.1 * k * 2 * rk;
        }
        return h;
    }();
    static_assert(near(r.value, e.value) && near(r.gradient[w], e.dw) && near(r.gradient[b], e.db));
    static_assert(r.gradient[z] == 0.0);
    BOOST_TEST(r.value == e.value, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(r.gradient[w] == e.dw, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(r.gradient[b] == e.db, boost::test_tools::tolerance(1e-12));

    // At run time, into a gradient that holds NaN: every entry is written, z's with 0.
    set g;
    g[w] = g[b] = g[z] = std::nan("");
    const double value = tg::value_and_gradient_into(g, squares, theta, x = 0.5);
    BOOST_TEST(value == e.value, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g[w] == e.dw, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g[b] == e.db, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(g[z] == 0.0);
}

BOOST_AUTO_TEST_SUITE_END()
