// typegrad/gradient.hpp on its own: everything needed to build expressions and take their gradients,
// without the heavier standard headers that data sets, training, threads and printing bring.
// primer.hpp includes typegrad/gradient.hpp and nothing more of the library.
#include "primer.hpp"

// Checked before anything else is included (primer.hpp brings only the library). libstdc++ (used by both supported compilers) defines
// these include guards; with another library the check is skipped.
#if defined(__GLIBCXX__)
#if defined(_GLIBCXX_THREAD) || defined(_GLIBCXX_MUTEX) || defined(_GLIBCXX_CONDITION_VARIABLE)
#error "typegrad/gradient.hpp must not include the thread headers: data_loss and thread_pool belong in typegrad.hpp"
#endif
#if defined(_GLIBCXX_OSTREAM) || defined(_GLIBCXX_STRING) || defined(_GLIBCXX_FILESYSTEM)
#error "typegrad/gradient.hpp must not include <ostream>, <string> or <filesystem>: printing and files belong in typegrad.hpp"
#endif
#if defined(_GLIBCXX_MEMORY) || defined(_GLIBCXX_VECTOR) || defined(_GLIBCXX_MAP) || defined(_GLIBCXX_FUNCTIONAL)
#error "typegrad/gradient.hpp must not include <memory>, <vector>, <map> or <functional>"
#endif
#if defined(_GLIBCXX_RANGES) || defined(_GLIBCXX_SPAN) || defined(_GLIBCXX_CHRONO) || defined(_GLIBCXX_SSTREAM) || \
    defined(_GLIBCXX_IOSTREAM)
#error "typegrad/gradient.hpp must not include <ranges>, <span>, <chrono>, <sstream> or <iostream>"
#endif
#if defined(_GLIBCXX_CMATH) || defined(_GLIBCXX_ALGORITHM)
#error "typegrad/gradient.hpp must not include <cmath> or <algorithm> (0.39 and 0.25 G instructions of g++ to read): numbers' maths are the builtins in core/math.hpp"
#endif
#endif

#include <cmath>

#include <boost/test/unit_test.hpp>

namespace tg = typegrad;

namespace {
using namespace typegrad_test::primer;

bool close(double a, double b) { return std::abs(a - b) <= 1e-14 * (1 + std::abs(b)); }
}  // namespace

BOOST_AUTO_TEST_SUITE(gradient_header)

BOOST_AUTO_TEST_CASE(the_primers_network_gradient_matches_the_chain_rule_by_hand) {
    auto theta = tg::parameters_of(net);
    theta[w1] = 2.74; theta[b1] = 0.1; theta[w2] = -1.13; theta[b2] = 0.2;
    theta[w3] = 0.36; theta[w4] = 0.63; theta[b3] = -0.05;
    const double xv = 0.5, yv = 1.0;
    const auto [value, grad] = tg::value_and_gradient(tg::squared_error(net, y), theta, x = xv, y = yv);

    const auto softplus = [](double z) { return std::log1p(std::exp(z)); };
    const auto sigmoid = [](double z) { return 1 / (1 + std::exp(-z)); };
    const double z1 = 2.74 * xv + 0.1, z2 = -1.13 * xv + 0.2;
    const double r = 0.36 * softplus(z1) + 0.63 * softplus(z2) - 0.05 - yv;
    BOOST_TEST(close(value, r * r));
    BOOST_TEST(close(grad[b3], 2 * r));
    BOOST_TEST(close(grad[w3], 2 * r * softplus(z1)));
    BOOST_TEST(close(grad[w4], 2 * r * softplus(z2)));
    BOOST_TEST(close(grad[b1], 2 * r * 0.36 * sigmoid(z1)));
    BOOST_TEST(close(grad[w1], 2 * r * 0.36 * sigmoid(z1) * xv));
    BOOST_TEST(close(grad[b2], 2 * r * 0.63 * sigmoid(z2)));
    BOOST_TEST(close(grad[w2], 2 * r * 0.63 * sigmoid(z2) * xv));
    BOOST_TEST(tg::check_gradient(tg::squared_error(net, y), theta, x = xv, y = yv).passed);
}

BOOST_AUTO_TEST_CASE(symbolic_derivatives_evaluate) {
    constexpr auto v = tg::param<"v">;
    constexpr auto dv = tg::d(tg::pow<2>(2 * v - 1), v);  // 4(2v - 1)
    tg::parameter_set<double, "v"> at;
    for (const double value : {-1.0, 0.0, 0.25, 3.0}) {
        at[v] = value;
        BOOST_TEST(close(tg::eval(dv, at), 4 * (2 * value - 1)));
    }
}

BOOST_AUTO_TEST_SUITE_END()
