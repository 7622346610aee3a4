// Batched sweeps (samples in SIMD lanes) and thread pools against the one-sample-per-sweep reference:
// every op, the examples' losses, row lists, partial batches, predictions, user ops that are not
// batchable, and bit-identical results for a fixed thread count.
//
// Tolerance: a batched sum adds the same per-sample terms in another order, and its exp/log1p come from
// the library's vector maths (within 2 ulp of libm's), so each component of a batched result must equal
// the sequential one within 1e-13 times the sum of the absolute per-sample terms of that component.
#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "primer.hpp"

namespace tg = typegrad;

namespace {
using typegrad_test::primer::x;
using typegrad_test::primer::y;
constexpr auto w = tg::param<"w">;
constexpr auto b = tg::param<"b">;

/// n points x_i spread over [lo, hi] (not evenly: a fixed generator), y_i = sin-like target.
struct points {
    std::vector<double> xs, ys;
    points(std::size_t n, double lo, double hi, std::uint64_t seed = 7) {
        tg::random_generator rng(seed);
        for (std::size_t i = 0; i < n; ++i) {
            const double t = lo + (hi - lo) * rng.uniform();
            xs.push_back(t);
            ys.push_back(std::exp(-8 * (t - 0.5) * (t - 0.5)));
        }
    }
};

/// Sum over rows of |per-sample value| and |per-sample gradient component|: the scale of the tolerance.
template <class Loss, class Set>
auto absolute_terms(const Loss& loss, const Set& theta) {
    std::array<double, Set::size() + 1> scale{};
    for (std::size_t i = 0; i < loss.data.size(); ++i) {
        const auto r = tg::value_and_gradient(loss.expression, theta, loss.data.row(i));
        scale[0] += std::fabs(r.value);
        for (std::size_t j = 0; j < Set::size(); ++j) scale[j + 1] += std::fabs(r.gradient.values[j]);
    }
    return scale;
}

/// Batched (and pooled) value and gradient agree with the sequential reference.
template <class Loss, class Set>
void check_agrees(const Loss& loss, const Set& theta, std::string_view what) {
    const auto reference = loss.sequential().value_and_gradient(theta);
    const auto batched = loss.value_and_gradient(theta);
    const auto scale = absolute_terms(loss, theta);
    BOOST_TEST_INFO(what);
    BOOST_TEST(std::isfinite(reference.value));
    BOOST_TEST(std::fabs(batched.value - reference.value) <= 1e-13 * scale[0]);
    for (std::size_t j = 0; j < Set::size(); ++j) {
        BOOST_TEST_INFO(what << ": gradient " << j);
        BOOST_TEST(std::fabs(batched.gradient.values[j] - reference.gradient.values[j]) <= 1e-13 * scale[j + 1]);
    }
    BOOST_TEST(std::fabs(loss.value(theta) - reference.value) <= 1e-13 * scale[0]);
}

// A user op with if/else on its value: not marked batchable, so batched sweeps run it lane by lane.
struct clipped_op {
    static constexpr std::string_view name = "clipped";
    template <class T>
    static tg::local<T> forward(T a) {
        if (a > T(1)) return {T(1), T(0)};
        return {a, T(0)};
    }
    template <class T>
    static T partial(T a, tg::local<T>) {
        if (a > T(1)) return T(0);
        return T(1);
    }
    template <class A>
    static constexpr auto derivative(const A& a) { return tg::apply<clipped_op>(a); }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(batched)

BOOST_AUTO_TEST_CASE(every_op_agrees_with_one_sample_sweeps) {
    const points p(203, -3.0, 3.0);  // 203: not a multiple of any lane count, so a tail runs too
    const auto d = tg::data(x = p.xs, y = p.ys);
    const auto check = [&](const auto& e, std::string_view what, double wv = 0.8, double bv = 0.3) {
        const auto loss = tg::sum_over(tg::squared_error(e, y), d);
        auto theta = tg::parameters_of(loss);
        theta[w] = wv;
        theta[b] = bv;
        check_agrees(loss, theta, what);
    };
    const auto z = w * x + b;
    check(z, "affine");
    check(z / (tg::c<2> + x * x), "divide");
    check(-z * z, "negate, multiply");
    check(tg::exp(z), "exp");
    check(tg::log(tg::c<4> + z), "log", 0.8, 3.0);
    check(tg::log1p(tg::square(z)), "log1p");
    check(tg::sqrt(tg::c<1> + tg::square(z)), "sqrt");
    check(tg::pow<3>(z), "pow<3>");
    check(tg::pow(tg::c<1.5> + tg::square(z), w), "pow(a, b)");
    check(tg::abs(z), "abs");
    check(tg::relu(z), "relu");
    check(tg::leaky_relu<0.1>(z), "leaky_relu");
    check(tg::step(z) + z, "step");
    check(tg::sign(z) * z, "sign");
    check(tg::sigmoid(z), "sigmoid");
    check(tg::softplus(z), "softplus");
    check(tg::tanh(z), "tanh");  // both branches: |z| < 0.55 and beyond
    check(tg::sinh(z), "sinh");
    check(tg::cosh(z), "cosh");
    check(tg::elu<>(z), "elu");
    check(tg::silu(z), "silu");
    check(tg::gelu(z), "gelu");
    check(tg::softplus(tg::c<40> * z), "softplus far in both tails");
    check(tg::sigmoid(tg::c<40> * z), "sigmoid far in both tails");
}

BOOST_AUTO_TEST_CASE(the_primer_network_and_a_user_op_agree) {
    using namespace typegrad_test::primer;
    const points p(1000, 0.0, 1.0);
    const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = p.xs, y = p.ys));
    auto theta = tg::parameters_of(ssr);
    theta[w1] = 2.74, theta[w2] = -1.13, theta[w3] = 0.36, theta[w4] = 0.63;
    check_agrees(ssr, theta, "primer network, SSR over 1000 points");
    check_agrees(tg::mean_over(tg::squared_error(net, y), tg::data(x = p.xs, y = p.ys)) + tg::c<0.01> * tg::l2(w1, w2),
                 theta, "mean with a penalty");

    const auto user = tg::sum_over(tg::squared_error(tg::apply<clipped_op>(w * x + b), y), tg::data(x = p.xs, y = p.ys));
    auto t2 = tg::parameters_of(user);
    t2[w] = 2.0;
    t2[b] = -0.2;
    check_agrees(user, t2, "a user op run lane by lane");
}

BOOST_AUTO_TEST_CASE(short_data_and_row_lists) {
    using namespace typegrad_test::primer;
    for (std::size_t n : {1u, 2u, 3u, 5u, 8u, 9u, 17u}) {  // fewer rows than lanes, exact batches, tails
        const points p(n, 0.0, 1.0);
        const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = p.xs, y = p.ys));
        auto theta = tg::parameters_of(ssr);
        theta[w1] = 1.5, theta[w3] = -0.7, theta[b3] = 0.2;
        check_agrees(ssr, theta, "n = " + std::to_string(n));
    }
    // a mini-batch's row list, in shuffled order, with a scale
    const points p(40, 0.0, 1.0);
    const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = p.xs, y = p.ys));
    auto theta = tg::parameters_of(ssr);
    theta[w1] = 1.5, theta[w3] = -0.7;
    const std::vector<std::size_t> rows{31, 2, 17, 5, 5, 39, 0, 22, 11, 8, 13};
    const auto a = ssr.value_and_gradient(theta, std::span<const std::size_t>(rows), 4.0);
    const auto r = ssr.sequential().value_and_gradient(theta, std::span<const std::size_t>(rows), 4.0);
    BOOST_TEST(std::fabs(a.value - r.value) <= 1e-13 * std::fabs(r.value) * 4);
    for (std::size_t j = 0; j < decltype(theta)::size(); ++j)
        BOOST_TEST(std::fabs(a.gradient.values[j] - r.gradient.values[j]) <= 1e-12 * (1 + std::fabs(r.gradient.values[j])));
}

BOOST_AUTO_TEST_CASE(thread_counts_give_the_same_bits_every_time) {
    using namespace typegrad_test::primer;
    const points p(1001, 0.0, 1.0);
    const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = p.xs, y = p.ys));
    auto theta = tg::parameters_of(ssr);
    theta[w1] = 2.74, theta[w2] = -1.13, theta[w3] = 0.36, theta[w4] = 0.63;
    const auto scale = absolute_terms(ssr, theta);
    const auto reference = ssr.sequential().value_and_gradient(theta);
    for (std::size_t threads : {1u, 2u, 3u, 4u}) {
        tg::thread_pool pool(threads);
        BOOST_TEST(pool.size() == threads);
        const auto first = ssr.on(pool).value_and_gradient(theta);
        for (int repeat = 0; repeat < 5; ++repeat) {
            const auto again = ssr.on(pool).value_and_gradient(theta);
            BOOST_TEST(again.value == first.value);  // bit for bit
            for (std::size_t j = 0; j < decltype(theta)::size(); ++j) BOOST_TEST(again.gradient.values[j] == first.gradient.values[j]);
        }
        BOOST_TEST(std::fabs(first.value - reference.value) <= 1e-13 * scale[0]);
        for (std::size_t j = 0; j < decltype(theta)::size(); ++j)
            BOOST_TEST(std::fabs(first.gradient.values[j] - reference.gradient.values[j]) <= 1e-13 * scale[j + 1]);
        BOOST_TEST(ssr.on(pool).value(theta) == ssr.on(pool).value(theta));
    }
    // one thread is the calling thread alone: the same bits as no pool
    tg::thread_pool one(1);
    BOOST_TEST(ssr.on(one).value_and_gradient(theta).value == ssr.value_and_gradient(theta).value);
}

BOOST_AUTO_TEST_CASE(a_pool_runs_every_part_once_per_run) {
    for (std::size_t threads : {1u, 2u, 3u}) {
        tg::thread_pool pool(threads);
        std::vector<int> hits(threads, 0);
        for (int round = 1; round <= 20; ++round) {
            pool.run([&hits](std::size_t t) { ++hits[t]; });  // a temporary callable
            for (std::size_t t = 0; t < threads; ++t) BOOST_TEST(hits[t] == round);
        }
        const auto fixed = [&hits](std::size_t t) { hits[t] += 100; };  // a const one
        pool.run(fixed);
        for (std::size_t t = 0; t < threads; ++t) BOOST_TEST(hits[t] == 120);
    }
}

BOOST_AUTO_TEST_CASE(the_parts_cover_the_rows_in_whole_batches) {
    for (std::size_t count : {0u, 1u, 7u, 8u, 100u, 1001u})
        for (std::size_t parts : {1u, 2u, 3u, 7u})
            for (std::size_t width : {1u, 2u, 4u, 8u}) {
                BOOST_TEST(tg::detail::part_begin(count, parts, 0, width) == 0u);
                BOOST_TEST(tg::detail::part_begin(count, parts, parts, width) == count);
                for (std::size_t t = 0; t < parts; ++t) {
                    const std::size_t lo = tg::detail::part_begin(count, parts, t, width);
                    const std::size_t hi = tg::detail::part_begin(count, parts, t + 1, width);
                    BOOST_TEST(lo <= hi);
                    if (t + 1 < parts) BOOST_TEST((hi - lo) % width == 0u);
                    // equal shares: whole batches differ by at most one between parts
                    if (t + 1 < parts) BOOST_TEST((hi - lo) / width <= count / width / parts + 1);
                }
            }
}

BOOST_AUTO_TEST_CASE(predictions_in_lanes_and_on_threads) {
    using namespace typegrad_test::primer;
    const points p(37, -2.0, 2.0);
    const auto d = tg::data(x = p.xs);
    auto theta = tg::parameters_of(net);
    theta[w1] = 2.74, theta[w2] = -1.13, theta[w3] = 0.36, theta[w4] = 0.63, theta[b3] = 0.1;
    std::vector<double> lanes(p.xs.size()), threads(p.xs.size());
    BOOST_TEST(tg::predict(net, theta, d, std::span<double>(lanes)).ok());
    tg::thread_pool pool(3);
    BOOST_TEST(tg::predict(net, theta, d, std::span<double>(threads), pool).ok());
    for (std::size_t i = 0; i < p.xs.size(); ++i) {
        const double one = tg::eval(net, theta, d.row(i));
        BOOST_TEST(std::fabs(lanes[i] - one) <= 1e-14 * (1 + std::fabs(one)));
        BOOST_TEST(threads[i] == lanes[i]);  // each row is computed the same way on any thread
    }
    std::vector<double> wrong(3);
    const auto error = tg::predict(net, theta, d, std::span<double>(wrong), pool);
    BOOST_TEST(!error.ok());
    BOOST_TEST(error.message.find("37 rows") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(training_on_a_pool_matches_training_without_one) {
    using namespace typegrad_test::primer;
    const points p(500, 0.0, 1.0);
    const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = p.xs, y = p.ys));
    auto start = tg::parameters_of(ssr);
    start[w1] = 2.74, start[w2] = -1.13, start[w3] = 0.36, start[w4] = 0.63;
    auto alone = start;
    auto pooled = start;
    tg::thread_pool pool(2);
    const auto r1 = tg::gradient_descent(ssr, alone, {.learning_rate = 0.001, .max_steps = 200});
    const auto r2 = tg::gradient_descent(ssr.on(pool), pooled, {.learning_rate = 0.001, .max_steps = 200});
    BOOST_TEST(bool(r1));
    BOOST_TEST(bool(r2));
    BOOST_TEST(r2.loss < ssr.value(start));
    for (std::size_t j = 0; j < decltype(start)::size(); ++j)
        BOOST_TEST(std::fabs(alone.values[j] - pooled.values[j]) <= 1e-9 * (1 + std::fabs(alone.values[j])));
}

BOOST_AUTO_TEST_SUITE_END()
