// The primer's dosage network: two softplus neurons whose outputs are scaled, added and shifted.
// With the primer's trained parameters it answers about 0 for low and high doses and about 1 for a
// medium dose (x = 0, 0.5, 1).
//
// With `--data DIR` it also writes the network's curve for x from 0 to 1 to DIR/neuron_curve.dat, which
// doc/pictures/render.sh draws.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <typegrad.hpp>

namespace tg = typegrad;

int main(int argc, char** argv) {
    const char* data_dir = argc == 3 && std::string_view(argv[1]) == "--data" ? argv[2] : nullptr;
    if (argc != 1 && data_dir == nullptr) {
        std::fprintf(stderr, "usage: %s [--data DIR]\n", argv[0]);
        return EXIT_FAILURE;
    }

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

    if (data_dir != nullptr) {
        const std::string path = std::string(data_dir) + "/neuron_curve.dat";
        std::FILE* out = std::fopen(path.c_str(), "w");
        if (out == nullptr) {
            std::fprintf(stderr, "neuron: cannot write %s\n", path.c_str());
            return EXIT_FAILURE;
        }
        std::fprintf(out, "# x, net(x) with the primer's parameters\n");
        for (int i = 0; i <= 200; ++i) std::fprintf(out, "%g %.10g\n", i / 200.0, tg::eval(net, theta, x = i / 200.0));
        ok = std::fclose(out) == 0 && ok;
        std::printf("wrote %s\n", path.c_str());
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
