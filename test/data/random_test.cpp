// random_generator: same seed, same numbers; statistically sane distributions; an unbiased shuffle.
// Initialisers (nn/init.hpp): they draw from the generator in the order the parameters are listed and
// touch nothing else.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <map>
#include <numeric>
#include <span>
#include <vector>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto w2 = tg::param<"w2">;
constexpr auto w3 = tg::param<"w3">;
constexpr auto b1 = tg::param<"b1">;

constexpr auto layer = w1 * x + w2 * x + w3 * x + b1;

struct moments {
    double mean;
    double sd;
};
template <class Draw>
moments sample_moments(int n, Draw draw) {
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
        const double v = draw();
        sum += v;
        sum2 += v * v;
    }
    const double mean = sum / n;
    return {mean, std::sqrt(sum2 / n - mean * mean)};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(random_generator)

BOOST_AUTO_TEST_CASE(the_same_seed_gives_the_same_numbers_and_another_seed_others) {
    tg::random_generator a(42), b(42), c(43);
    int same_as_other_seed = 0;
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t va = a.next();
        BOOST_TEST(va == b.next());
        same_as_other_seed += va == c.next();
    }
    BOOST_TEST(same_as_other_seed == 0);
    tg::random_generator d0, d1(0);
    BOOST_TEST(d0.next() == d1.next());  // the default seed is 0
}

BOOST_AUTO_TEST_CASE(the_generator_runs_in_constant_expressions) {
    constexpr auto first_two = [] {
        tg::random_generator g(7);
        const std::uint64_t a = g.next();
        return std::array<std::uint64_t, 2>{a, g.next()};
    }();
    tg::random_generator g(7);
    BOOST_TEST(g.next() == first_two[0]);
    BOOST_TEST(g.next() == first_two[1]);
    static_assert(first_two[0] != first_two[1]);
}

BOOST_AUTO_TEST_CASE(uniform_draws_lie_in_zero_one_with_mean_one_half_and_variance_one_twelfth) {
    tg::random_generator rng(1);
    double low = 1, high = 0;
    int below_half = 0;
    const int n = 100000;
    const auto m = sample_moments(n, [&] {
        const double u = rng.uniform();
        low = std::min(low, u);
        high = std::max(high, u);
        below_half += u < 0.5;
        return u;
    });
    BOOST_TEST(low >= 0.0);
    BOOST_TEST(high < 1.0);
    BOOST_TEST(low < 1e-3);
    BOOST_TEST(high > 1 - 1e-3);
    // Standard error of the mean: sqrt(1/12)/sqrt(1e5) = 0.0009; allow 5 of them.
    BOOST_TEST(std::fabs(m.mean - 0.5) < 0.0046);
    BOOST_TEST(std::fabs(m.sd - std::sqrt(1.0 / 12)) < 0.003);
    BOOST_TEST(std::abs(below_half - n / 2) < 800);  // binomial sd 158
}

BOOST_AUTO_TEST_CASE(uniform_on_an_interval_stays_inside_it) {
    tg::random_generator rng(2);
    const auto m = sample_moments(100000, [&] {
        const double u = rng.uniform(-3.0, 5.0);
        BOOST_REQUIRE(u >= -3.0);
        BOOST_REQUIRE(u < 5.0);
        return u;
    });
    BOOST_TEST(std::fabs(m.mean - 1.0) < 8 * 0.0046);
    BOOST_TEST(std::fabs(m.sd - 8 / std::sqrt(12.0)) < 0.03);
}

BOOST_AUTO_TEST_CASE(below_n_gives_every_value_in_range_about_equally_often) {
    tg::random_generator rng(3);
    std::array<int, 10> counts{};
    for (int i = 0; i < 100000; ++i) {
        const std::uint64_t v = rng.below(10);
        BOOST_REQUIRE(v < 10u);
        ++counts[v];
    }
    for (int c : counts) BOOST_TEST(std::abs(c - 10000) < 500, "count " << c);  // binomial sd 95
    for (int i = 0; i < 100; ++i) BOOST_TEST(rng.below(1) == 0u);
    // A bound just above 2^63 has the largest rejection zone; values stay below it.
    const std::uint64_t big = (std::uint64_t{1} << 63) + 1;
    int upper_half = 0;
    for (int i = 0; i < 1000; ++i) {
        const std::uint64_t v = rng.below(big);
        BOOST_REQUIRE(v < big);
        upper_half += v >= big / 2;
    }
    BOOST_TEST(std::abs(upper_half - 500) < 100);
}

BOOST_AUTO_TEST_CASE(normal_draws_have_the_asked_mean_and_standard_deviation) {
    tg::random_generator rng(4);
    int within_one_sd = 0;
    const int n = 100000;
    const auto m = sample_moments(n, [&] {
        const double v = rng.normal(2.0, 3.0);
        BOOST_REQUIRE(std::isfinite(v));
        within_one_sd += std::fabs(v - 2.0) < 3.0;
        return v;
    });
    BOOST_TEST(std::fabs(m.mean - 2.0) < 5 * 3.0 / std::sqrt(n));
    BOOST_TEST(std::fabs(m.sd - 3.0) < 0.05);
    BOOST_TEST(std::fabs(within_one_sd / double(n) - 0.6827) < 0.01);
    const auto standard = sample_moments(n, [&] { return rng.normal(); });
    BOOST_TEST(std::fabs(standard.mean) < 5 / std::sqrt(n));
    BOOST_TEST(std::fabs(standard.sd - 1.0) < 0.02);
}

BOOST_AUTO_TEST_CASE(shuffle_permutes_and_gives_every_order_about_equally_often) {
    tg::random_generator rng(5);
    std::vector<std::size_t> v(100);
    std::iota(v.begin(), v.end(), std::size_t{0});
    rng.shuffle(std::span<std::size_t>(v));
    std::vector<std::size_t> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    for (std::size_t i = 0; i < 100; ++i) BOOST_TEST(sorted[i] == i);
    BOOST_TEST(!std::is_sorted(v.begin(), v.end()));

    // All 24 orders of four items, 24000 shuffles: about 1000 each (sd 31). A Fisher-Yates off by one
    // (j below i - 1, or below n) would leave some orders out or skew them.
    std::map<std::array<int, 4>, int> seen;
    for (int i = 0; i < 24000; ++i) {
        std::array<int, 4> a{0, 1, 2, 3};
        rng.shuffle(std::span<int>(a));
        ++seen[a];
    }
    BOOST_TEST(seen.size() == 24u);
    for (const auto& entry : seen) BOOST_TEST(std::abs(entry.second - 1000) < 200, "count " << entry.second);

    std::array<int, 1> one{9};
    rng.shuffle(std::span<int>(one));
    BOOST_TEST(one[0] == 9);
    rng.shuffle(std::span<int>());
}

BOOST_AUTO_TEST_CASE(a_shuffle_is_fixed_by_the_seed) {
    std::array<int, 20> a{}, b{}, c{};
    std::iota(a.begin(), a.end(), 0);
    b = a;
    c = a;
    tg::random_generator ra(11), rb(11), rc(12);
    ra.shuffle(std::span<int>(a));
    rb.shuffle(std::span<int>(b));
    rc.shuffle(std::span<int>(c));
    BOOST_TEST((a == b));
    BOOST_TEST((a != c));
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(initialisers)

BOOST_AUTO_TEST_CASE(init_uniform_draws_each_listed_parameter_in_order_and_leaves_the_rest) {
    auto theta = tg::parameters_of(layer);
    theta[b1] = 7.0;
    theta[w3] = -7.0;
    tg::random_generator rng(9), same(9);
    tg::init_uniform(theta, rng, -0.5, 0.5, w2, w1);
    BOOST_TEST(theta[w2] == same.uniform(-0.5, 0.5));
    BOOST_TEST(theta[w1] == same.uniform(-0.5, 0.5));
    BOOST_TEST(theta[b1] == 7.0);
    BOOST_TEST(theta[w3] == -7.0);
    BOOST_TEST(rng.next() == same.next());  // exactly one draw per parameter
    for (double v : {theta[w1], theta[w2]}) {
        BOOST_TEST(v >= -0.5);
        BOOST_TEST(v < 0.5);
    }
    BOOST_TEST(theta[w1] != theta[w2]);
}

BOOST_AUTO_TEST_CASE(init_normal_draws_each_listed_parameter_from_the_normal) {
    auto theta = tg::parameters_of(layer);
    tg::random_generator rng(10), same(10);
    tg::init_normal(theta, rng, 1.0, 0.1, w1, w2, w3);
    BOOST_TEST(theta[w1] == same.normal(1.0, 0.1));
    BOOST_TEST(theta[w2] == same.normal(1.0, 0.1));
    BOOST_TEST(theta[w3] == same.normal(1.0, 0.1));
    BOOST_TEST(theta[b1] == 0.0);
    for (double v : {theta[w1], theta[w2], theta[w3]}) BOOST_TEST(std::fabs(v - 1.0) < 0.6);
}

BOOST_AUTO_TEST_CASE(init_glorot_draws_within_the_glorot_limit) {
    auto theta = tg::parameters_of(layer);
    tg::random_generator rng(11), same(11);
    tg::init_glorot(theta, rng, 3, 5, w1, w2, w3);
    const double limit = std::sqrt(6.0 / 8.0);
    for (auto p : {theta[w1], theta[w2], theta[w3]}) {
        BOOST_TEST(p >= -limit);
        BOOST_TEST(p < limit);
        BOOST_TEST(p == same.uniform(-limit, limit));
    }
    BOOST_TEST(theta[b1] == 0.0);
    // Many draws fill the interval: a wrong limit (say sqrt(6/fan_in)) would show at the edges.
    double high = 0;
    for (int i = 0; i < 2000; ++i) {
        tg::init_glorot(theta, rng, 3, 5, w1);
        BOOST_REQUIRE(std::fabs(theta[w1]) <= limit);
        high = std::max(high, std::fabs(theta[w1]));
    }
    BOOST_TEST(high > 0.99 * limit);
}

BOOST_AUTO_TEST_CASE(initialisers_fill_float_parameter_sets) {
    auto theta = tg::parameters_of<float>(layer);
    tg::random_generator rng(12), same(12);
    tg::init_uniform(theta, rng, 1.0, 2.0, b1);
    tg::init_normal(theta, rng, 0.0, 1.0, w1);
    BOOST_TEST(theta[b1] == static_cast<float>(same.uniform(1.0, 2.0)));
    BOOST_TEST(theta[w1] == static_cast<float>(same.normal(0.0, 1.0)));
    BOOST_TEST(theta[b1] >= 1.0f);
}

BOOST_AUTO_TEST_SUITE_END()
