// Trains the primer's dosage network (as example/backprop.cpp does) and exports it: the trained
// parameters as a C++ header (argv[1], made by tg::write_cpp_header) and the network's predictions at
// 11 points (argv[2]). The build runs this program to make the header; example/export_use.cpp compiles
// the header in, and CTest checks that it predicts the same numbers to the last bit.
#include <array>
#include <cstdio>
#include <cstdlib>

#include <typegrad.hpp>

#include "export_network.hpp"

namespace tg = typegrad;
using namespace export_example;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: export_train HEADER PREDICTIONS\n");
        return EXIT_FAILURE;
    }
    constexpr auto y = tg::input<"y">;
    const std::array xs{0.0, 0.5, 1.0};
    const std::array ys{0.0, 1.0, 0.0};
    const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = xs, y = ys));

    auto theta = tg::parameters_of(net);  // the primer's start; b1, b2, b3 start at 0
    theta[w1] = 2.74; theta[w2] = -1.13; theta[w3] = 0.36; theta[w4] = 0.63;
    const auto report =
        tg::gradient_descent(ssr, theta, {.learning_rate = 0.1, .max_steps = 10000, .tolerance = 1e-7});
    if (report.reason != tg::stop_reason::converged || !(report.loss < 1e-3)) {
        std::fprintf(stderr, "export_train: the primer's start should fit the three points (SSR %g)\n", report.loss);
        return EXIT_FAILURE;
    }

    //! [write_cpp_header]
    // Writes trained_params.hpp: trained_names and trained_values, the values bit-exact.
    const tg::file_error error = tg::write_cpp_header(theta, "trained", argv[1]);
    if (!error.ok()) std::fprintf(stderr, "%s\n", error.message.c_str());
    //! [write_cpp_header]
    if (!error.ok() || !write_predictions(theta, argv[2])) return EXIT_FAILURE;
    std::printf("trained in %zu steps (SSR %.2g); wrote %s and %s\n", report.steps, report.loss, argv[1], argv[2]);
    return EXIT_SUCCESS;
}
