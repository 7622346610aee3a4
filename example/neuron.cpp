// The primer's dosage network: two softplus neurons whose outputs are scaled, added and shifted.
// With the primer's trained parameters it answers about 0 for low and high doses and about 1 for a
// medium dose (x = 0, 0.5, 1).
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <typegrad.hpp>

namespace tg = typegrad;

int main() {
    //! [network]
    constexpr auto x = tg::input<"x">;
    constexpr auto w1 = tg::param<"w1">;
    constexpr auto b1 = tg::param<"b1">;
    constexpr auto w2 = tg::param<"w2">;
    constexpr auto b2 = tg::param<"b2">;
    constexpr auto w3 = tg::param<"w3">;
    constexpr auto w4 = tg::param<"w4">;
    constexpr auto b3 = tg::param<"b3">;
    // A neuron is w*x + b fed to an activation; the network adds two of them.
    constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;

    auto theta = tg::parameters_of(net);  // seven slots, ordered by name
    theta[w1] = -34.4; theta[b1] = 2.14; theta[w2] = -2.52; theta[b2] = 1.29;
    theta[w3] = -1.30; theta[w4] = 2.28; theta[b3] = -0.58;

    std::printf("net(x) = %s\n", tg::to_string(net).c_str());
    for (double dose : {0.0, 0.5, 1.0}) std::printf("net(%.1f) = %.4f\n", dose, tg::eval(net, theta, x = dose));
    //! [network]

    const double expected[] = {-0.011, 1.035, 0.0046};
    const double tolerance[] = {0.0005, 0.0005, 0.00005};
    bool ok = true;
    for (int i = 0; i < 3; ++i) {
        const double got = tg::eval(net, theta, x = 0.5 * i);
        if (std::fabs(got - expected[i]) > tolerance[i]) {
            std::fprintf(stderr, "neuron: net(%.1f) = %.6f, expected about %.4f\n", 0.5 * i, got, expected[i]);
            ok = false;
        }
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
