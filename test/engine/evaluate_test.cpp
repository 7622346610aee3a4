// eval and value_and_gradient: one forward and one reverse sweep, values bound by name.
#include <cmath>
#include <type_traits>

#include <boost/test/unit_test.hpp>

#include "laws.hpp"
#include "primer.hpp"

namespace tg = typegrad;

namespace {
using namespace typegrad_test::primer;
constexpr auto w = tg::param<"w">;

/// A user op that counts its forward evaluations, to see that shared subexpressions run once.
int forward_calls = 0;
struct counted_op {
    static constexpr std::string_view name = "counted";
    template <class T>
    static tg::local<T> forward(T a) {
        ++forward_calls;
        return {a, T(0)};
    }
    template <class T>
    static constexpr T partial(T, tg::local<T>) { return T(1); }
    template <class A>
    static constexpr auto derivative(const A&) { return tg::c<1>; }
};
}  // namespace

BOOST_AUTO_TEST_SUITE(evaluate)

BOOST_AUTO_TEST_CASE(the_primers_dosage_network_gives_its_three_outputs) {
    auto theta = tg::parameters_of(net);
    theta[w1] = -34.4; theta[b1] = 2.14; theta[w2] = -2.52; theta[b2] = 1.29;
    theta[w3] = -1.30; theta[w4] = 2.28; theta[b3] = -0.58;
    // Reference: the same formula written out with std::log1p/std::exp.
    const auto by_hand = [&](double xv) {
        const auto sp = [](double z) { return std::log1p(std::exp(z)); };
        return -1.30 * sp(-34.4 * xv + 2.14) + 2.28 * sp(-2.52 * xv + 1.29) - 0.58;
    };
    for (double xv : {0.0, 0.5, 1.0}) BOOST_TEST(tg::eval(net, theta, x = xv) == by_hand(xv), boost::test_tools::tolerance(1e-14));
    BOOST_TEST(tg::eval(net, theta, x = 0.0) == -0.011, boost::test_tools::tolerance(0.01));
    BOOST_TEST(tg::eval(net, theta, x = 0.5) == 1.035, boost::test_tools::tolerance(0.001));
    BOOST_TEST(std::fabs(tg::eval(net, theta, x = 1.0) - 0.0046) < 1e-4);
}

BOOST_AUTO_TEST_CASE(the_fused_gradient_of_the_primers_loss_matches_hand_derivation) {
    const auto loss = tg::square(y - net);
    auto theta = tg::parameters_of(loss);
    theta[w1] = 2.74; theta[b1] = 0; theta[w2] = -1.13; theta[b2] = 0; theta[w3] = 0.36; theta[w4] = 0.63; theta[b3] = 0;
    const double xv = 0.5, yv = 1.0;
    const auto [value, g] = tg::value_and_gradient(loss, theta, x = xv, y = yv);
    // By hand: z_i = w_i x + b_i, a_i = softplus(z_i), r = y - (w3 a1 + w4 a2 + b3), loss = r^2.
    const double z1 = 2.74 * xv, z2 = -1.13 * xv;
    const double a1 = std::log1p(std::exp(z1)), a2 = std::log1p(std::exp(z2));
    const double s1 = 1 / (1 + std::exp(-z1)), s2 = 1 / (1 + std::exp(-z2));
    const double r = yv - (0.36 * a1 + 0.63 * a2);
    const double dr = -2 * r;
    const auto tol = boost::test_tools::tolerance(1e-13);
    BOOST_TEST(value == r * r, tol);
    BOOST_TEST(g[b3] == dr, tol);
    BOOST_TEST(g[w3] == dr * a1, tol);
    BOOST_TEST(g[w4] == dr * a2, tol);
    BOOST_TEST(g[w1] == dr * 0.36 * s1 * xv, tol);
    BOOST_TEST(g[b1] == dr * 0.36 * s1, tol);
    BOOST_TEST(g[w2] == dr * 0.63 * s2 * xv, tol);
    BOOST_TEST(g[b2] == dr * 0.63 * s2, tol);
    typegrad_test::check_laws(loss, theta, x = xv, y = yv);
}

BOOST_AUTO_TEST_CASE(ops_of_one_template_with_different_settings_stay_apart) {
    // leaky_relu<0.1> and leaky_relu<0.2> are two op types; the sweep finds each slot's op in the graph's
    // list of distinct ops, so the two must not be confused (nor elu<1> with elu<0.5>).
    const auto e = tg::leaky_relu<0.1>(w * x) + tg::c<10> * tg::leaky_relu<0.2>(w * x) + tg::elu<1.0>(w * x) +
                   tg::c<100> * tg::elu<0.5>(w * x);
    auto theta = tg::parameters_of(e);
    theta[w] = -1.0;
    const double xv = 2.0;  // w*x = -2: every op on its negative side
    const double z = -2.0;
    const double value = 0.1 * z + 10 * 0.2 * z + std::expm1(z) + 100 * 0.5 * std::expm1(z);
    const double dz = 0.1 + 10 * 0.2 + std::exp(z) + 100 * 0.5 * std::exp(z);
    const auto [v, g] = tg::value_and_gradient(e, theta, x = xv);
    BOOST_TEST(v == value, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(g[w] == dz * xv, boost::test_tools::tolerance(1e-14));
}

BOOST_AUTO_TEST_CASE(shared_subexpressions_are_computed_once) {
    const auto shared = tg::apply<counted_op>(w * x);
    const auto e = shared * shared + tg::exp(shared);
    forward_calls = 0;
    const auto [value, g] = tg::value_and_gradient(e, tg::parameters_of(e), x = 2.0, w = 1.5);
    BOOST_TEST(forward_calls == 1);
    BOOST_TEST(value == 9.0 + std::exp(3.0));
    (void)g;
    forward_calls = 0;
    (void)tg::eval(e, x = 2.0, w = 1.5);
    BOOST_TEST(forward_calls == 1);
}

BOOST_AUTO_TEST_CASE(subtrees_with_different_literals_are_not_merged) {
    const auto e = tg::apply<counted_op>(w * x * 0.5) + tg::apply<counted_op>(w * x * 0.7);
    forward_calls = 0;
    BOOST_TEST(tg::eval(e, w = 2.0, x = 1.0) == 1.0 + 1.4, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(forward_calls == 2);
    const auto [value, g] = tg::value_and_gradient(e, tg::wrt(w), w = 2.0, x = 1.0);
    BOOST_TEST(g[w] == 1.2, boost::test_tools::tolerance(1e-15));
    (void)value;
}

BOOST_AUTO_TEST_CASE(gradients_with_respect_to_chosen_inputs) {
    const auto e = tg::square(w * x - y);
    const auto [value, g] = tg::value_and_gradient(e, tg::wrt(x, y, w), w = 2.0, x = 3.0, y = 1.0);
    BOOST_TEST(value == 25.0);
    BOOST_TEST(g[x] == 2 * 5.0 * 2.0);
    BOOST_TEST(g[y] == -2 * 5.0);
    BOOST_TEST(g[w] == 2 * 5.0 * 3.0);
}

BOOST_AUTO_TEST_CASE(a_direct_binding_overrides_the_parameter_set) {
    auto theta = tg::parameters_of(w * x);
    theta[w] = 10.0;
    BOOST_TEST(tg::eval(w * x, theta, x = 2.0) == 20.0);
    BOOST_TEST(tg::eval(w * x, w = 3.0, theta, x = 2.0) == 6.0);
    BOOST_TEST(tg::eval(w * x, theta, w = 3.0, x = 2.0) == 6.0);  // whatever the order
    const auto [value, g] = tg::value_and_gradient(w * x, theta, w = 3.0, x = 2.0);
    BOOST_TEST(value == 6.0);
    BOOST_TEST(g[w] == 2.0);
}

BOOST_AUTO_TEST_CASE(samples_may_carry_unused_entries) {
    BOOST_TEST(tg::eval(tg::square(x), tg::sample(x = 3.0, y = 100.0)) == 9.0);
}

BOOST_AUTO_TEST_CASE(values_of_mixed_types_in_one_call_are_converted) {
    // Leaves are read where the sweep first needs them when all values of a kind of argument (the
    // parameter sets, the direct bindings, the samples) share one type, and at the start, converted,
    // when they do not: both ways give the same numbers.
    constexpr auto v = tg::input<"v">;
    const auto e = tg::square(w * x - y) + v * w;
    const auto same = tg::value_and_gradient(e, tg::wrt(w, x, y, v), w = 2.0, x = 3.0, y = 1.0, v = 4.0);
    const auto mixed = tg::value_and_gradient(e, tg::wrt(w, x, y, v), w = 2, x = 3.0f, y = 1.0, v = 4L);
    const auto sampled = tg::value_and_gradient(e, tg::wrt(w, x, y, v), tg::sample(w = 2, x = 3.0f), tg::sample(y = 1.0, v = 4.0));
    const auto one_sample = tg::value_and_gradient(e, tg::wrt(w, x, y, v), tg::sample(w = 2.0, x = 3.0, y = 1.0, v = 4.0));
    BOOST_TEST(same.value == 25.0 + 8.0);
    for (const auto& r : {mixed, sampled, one_sample}) {
        BOOST_TEST(r.value == same.value);
        BOOST_TEST(r.gradient.values == same.gradient.values);
    }
    BOOST_TEST(same.gradient[w] == 2 * 5.0 * 3.0 + 4.0);
    BOOST_TEST(same.gradient[v] == 2.0);
    // A float parameter set with double bindings: the set's values converted to double as they are read.
    auto theta = tg::parameters_of<float>(e);
    theta[w] = 2.0f;
    const auto from_set = tg::value_and_gradient<double>(e, tg::wrt(w, x, y, v), theta, x = 3.0, y = 1, v = 4.0);
    BOOST_TEST(from_set.value == same.value);
    BOOST_TEST(from_set.gradient.values == same.gradient.values);
    static_assert(std::is_same_v<decltype(from_set.value), double>);
    BOOST_TEST(tg::eval(e, theta, x = 3.0, y = 1.0, v = 4.0) == 33.0f);
}

BOOST_AUTO_TEST_CASE(parameter_maps_read_and_write_memory_in_place) {
    const auto loss = tg::square(y - net);
    using set = decltype(tg::parameters_of(loss));
    // The caller's arrays, in the set's (name) order: b1 b2 b3 w1 w2 w3 w4.
    const double p[] = {0.1, -0.2, 0.05, 2.74, -1.13, 0.36, 0.63};
    set theta;
    for (std::size_t i = 0; i < set::size(); ++i) theta.values[i] = p[i];
    const auto map = tg::map_parameters<set>(p);
    static_assert(std::is_same_v<decltype(map), const tg::parameter_map<set, const double>>);
    BOOST_TEST(map[w4] == 0.63);
    BOOST_TEST(map.to_set().values == theta.values);

    BOOST_TEST(tg::eval(loss, map, x = 0.5, y = 1.0) == tg::eval(loss, theta, x = 0.5, y = 1.0));
    const auto by_set = tg::value_and_gradient(loss, theta, x = 0.5, y = 1.0);
    const auto by_map = tg::value_and_gradient(loss, map, x = 0.5, y = 1.0);
    BOOST_TEST(by_map.value == by_set.value);
    BOOST_TEST(by_map.gradient.values == by_set.gradient.values);

    // Into the caller's memory: every entry written, also those of parameters the expression does not
    // use (w4 here), which get 0.
    double g[7];
    for (double& gi : g) gi = std::nan("");
    const double value = tg::value_and_gradient_into(tg::map_parameters<set>(g), loss, map, x = 0.5, y = 1.0);
    BOOST_TEST(value == by_set.value);
    for (std::size_t i = 0; i < set::size(); ++i) BOOST_TEST(g[i] == by_set.gradient.values[i]);
    const auto partial = tg::square(y - w1 * x - b1);
    for (double& gi : g) gi = std::nan("");
    tg::value_and_gradient_into(tg::map_parameters<set>(g), partial, map, x = 0.5, y = 1.0);
    const auto expected = tg::value_and_gradient(partial, theta, x = 0.5, y = 1.0).gradient;
    for (std::size_t i = 0; i < set::size(); ++i) BOOST_TEST(g[i] == expected.values[i]);
    BOOST_TEST(g[6] == 0.0);  // w4

    // Into a parameter set, from a set; a direct binding still overrides the map's value.
    set into;
    tg::value_and_gradient_into(into, loss, theta, x = 0.5, y = 1.0);
    BOOST_TEST(into.values == by_set.gradient.values);
    BOOST_TEST(tg::eval(w1 * x, map, w1 = 3.0, x = 2.0) == 6.0);

    // A map over writable memory writes through.
    double q[7] = {};
    auto writable = tg::map_parameters<set>(q);
    writable[w2] = 1.5;
    BOOST_TEST(q[4] == 1.5);
    static_assert([] {
        const double values[] = {0, 0, 0, 2.0, 0, 0, 0};
        double out[7] = {};
        const double v = tg::value_and_gradient_into(tg::map_parameters<set>(out), tg::square(w1 * x),
                                                     tg::map_parameters<set>(values), x = 3.0);
        return v == 36.0 && out[3] == 2 * 6.0 * 3.0;
    }());
}

BOOST_AUTO_TEST_CASE(float_and_double_both_work) {
    const auto loss = tg::square(y - net);
    auto theta_d = tg::parameters_of<double>(loss);
    auto theta_f = tg::parameters_of<float>(loss);
    const double values[] = {2.74, 0.1, -1.13, -0.2, 0.36, 0.63, 0.05};
    for (std::size_t i = 0; i < 7; ++i) {
        theta_d.values[i] = values[i];
        theta_f.values[i] = static_cast<float>(values[i]);
    }
    const auto rd = tg::value_and_gradient(loss, theta_d, x = 0.5, y = 1.0);
    const auto rf = tg::value_and_gradient(loss, theta_f, x = 0.5f, y = 1.0f);
    static_assert(std::is_same_v<decltype(rf.value), float>);
    BOOST_TEST(rf.value == rd.value, boost::test_tools::tolerance(1e-5));
    for (std::size_t i = 0; i < 7; ++i) BOOST_TEST(rf.gradient.values[i] == rd.gradient.values[i], boost::test_tools::tolerance(1e-4));
    typegrad_test::check_laws(loss, theta_f, x = 0.5f, y = 1.0f);
    BOOST_TEST((std::is_same_v<decltype(tg::eval<float>(x * x, x = 2.0)), float>));
}

BOOST_AUTO_TEST_CASE(arithmetic_square_pow_and_abs_work_in_constant_expressions) {
    constexpr auto e = tg::square(w * x - 1) + tg::pow<3>(w) / tg::abs(x - 4.0);
    static_assert(tg::eval(e, w = 2.0, x = 3.0) == 25.0 + 8.0);
    static_assert(tg::eval(tg::d(e, w), w = 2.0, x = 3.0) == 2 * 5.0 * 3.0 + 12.0);
    constexpr auto r = tg::value_and_gradient(e, tg::wrt(w, x), w = 2.0, x = 3.0);
    static_assert(r.value == 33.0);
    static_assert(r.gradient[w] == 42.0);
    static_assert(r.gradient[x] == 2 * 5.0 * 2.0 + 8.0);  // 8/|x - 4| falls as x nears 4 from below: +8 at x = 3
    constexpr auto theta = [] {
        auto t = tg::parameters_of(tg::square(w * x - 1));
        t[w] = 2.0;
        return t;
    }();
    constexpr auto g = tg::value_and_gradient(tg::square(w * x - 1), theta, x = 3.0);
    static_assert(g.value == 25.0 && g.gradient[w] == 30.0);
    BOOST_TEST(r.value == 33.0);
}

BOOST_AUTO_TEST_SUITE_END()
