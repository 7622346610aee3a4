// Backpropagation trains the primer's dosage network: two softplus neurons, seven parameters, three
// data points (0, 0), (0.5, 1), (1, 0). Each step of gradient descent takes the gradient of the sum of
// squared residuals with respect to all seven parameters in one forward and one reverse sweep.
//
// Then the same network is trained from 50 random starts, once with Adam and once with plain gradient
// descent, to count how often each finds a fit.
//
// With `--data DIR` it also writes, for doc/pictures/render.sh, the data points (DIR/network_points.dat),
// the trained network's curve (DIR/backprop_curve.dat) and the SSR after each step of the descent
// (DIR/backprop_loss.dat).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto b1 = tg::param<"b1">;
constexpr auto w2 = tg::param<"w2">;
constexpr auto b2 = tg::param<"b2">;
constexpr auto w3 = tg::param<"w3">;
constexpr auto w4 = tg::param<"w4">;
constexpr auto b3 = tg::param<"b3">;

/// Draws net(x) for x = 0, 0.05, ..., 1 as a text plot, one row per x: `*` is the curve, `o` a data
/// point, and the dotted columns are the values 0 and 1.
template <class Set>
void plot(const auto& net, const Set& theta, const std::array<double, 3>& xs, const std::array<double, 3>& ys) {
    //! [predict]
    constexpr std::size_t rows = 21;
    std::array<double, rows> grid{};   // x = 0, 0.05, ..., 1
    std::array<double, rows> curve{};  // net(x) for each, written by predict
    for (std::size_t i = 0; i < rows; ++i) grid[i] = static_cast<double>(i) / (rows - 1);
    const tg::data_error error = tg::predict(net, theta, tg::data(x = grid), std::span<double>(curve));
    if (!error.ok()) std::printf("%s\n", error.message.c_str());  // sizes that differ, or a value not finite
    //! [predict]
    // 0.025 per column; values from -0.1 to 1.1 fit, others are drawn at the edge.
    const auto column = [](double v) {
        return static_cast<std::size_t>(std::lround(std::clamp(v, -0.1, 1.1) * 40 + 4));
    };
    std::printf("   x   net(x)  %*s0%*s1\n", static_cast<int>(column(0)), "",
                static_cast<int>(column(1) - column(0) - 1), "");
    for (std::size_t i = 0; i < rows; ++i) {
        std::string line(column(1.1) + 1, ' ');
        line[column(0)] = line[column(1)] = ':';
        line[column(curve[i])] = '*';
        for (std::size_t k = 0; k < xs.size(); ++k)
            if (grid[i] == xs[k]) {
                line[column(ys[k])] = 'o';
                char note[64];
                std::snprintf(note, sizeof note, "  data point (%g, %g)", xs[k], ys[k]);
                line += note;
            }
        line.erase(line.find_last_not_of(' ') + 1);
        std::printf("%5.2f  %6.3f  %s\n", grid[i], curve[i], line.c_str());
    }
}
}  // namespace

int main(int argc, char** argv) {
    const char* data_dir = argc == 3 && std::string_view(argv[1]) == "--data" ? argv[2] : nullptr;
    if (argc != 1 && data_dir == nullptr) {
        std::fprintf(stderr, "usage: %s [--data DIR]\n", argv[0]);
        return EXIT_FAILURE;
    }

    //! [train]
    constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;
    const std::array xs{0.0, 0.5, 1.0};
    const std::array ys{0.0, 1.0, 0.0};
    const auto points = tg::data(x = xs, y = ys);
    const auto ssr = tg::sum_over(tg::squared_error(net, y), points);

    auto theta = tg::parameters_of(ssr);  // b1, b2, b3 start at 0
    theta[w1] = 2.74; theta[w2] = -1.13; theta[w3] = 0.36; theta[w4] = 0.63;
    const auto start = theta;
    const auto report =
        tg::gradient_descent(ssr, theta, {.learning_rate = 0.1, .max_steps = 10000, .tolerance = 1e-7});
    //! [train]

    //! [show]
    std::printf("gradient descent from the primer's start (learning rate 0.1):\n");
    std::printf("SSR %.4f -> %.2g after %zu steps (%s)\n\n", ssr.value(start), report.loss, report.steps,
                report.reason == tg::stop_reason::converged ? "every step below 1e-7" : "step limit");
    std::printf("parameter   start    trained\n");
    for (std::size_t i = 0; i < theta.size(); ++i)
        std::printf("%-9s %7.2f  %9.4f\n", std::string(theta.names[i]).c_str(), start.values[i], theta.values[i]);
    std::printf("\n");
    plot(net, theta, xs, ys);
    //! [show]

    //! [random_starts]
    // Trains from 50 seeded random starts and counts the runs that fit the three points.
    const auto fits_from_random_starts = [&](const auto& optimizer) {
        int fits = 0;
        for (std::uint64_t seed = 0; seed < 50; ++seed) {
            auto start_here = tg::parameters_of(ssr);  // biases stay 0
            tg::random_generator rng(seed);
            tg::init_glorot(start_here, rng, 1, 2, w1, w2);  // 1 input, 2 neurons
            tg::init_glorot(start_here, rng, 2, 1, w3, w4);  // 2 neurons, 1 output
            const auto run = tg::train(ssr, start_here, optimizer, {.max_steps = 10000});
            if (run && run.loss < 1e-3) ++fits;
        }
        return fits;
    };
    const int adam_fits = fits_from_random_starts(tg::adam{.learning_rate = 0.01});
    const int descent_fits = fits_from_random_starts(tg::sgd{.learning_rate = 0.1});
    std::printf("\nfrom 50 random starts, 10,000 steps each, runs that reach SSR < 0.001:\n");
    std::printf("  Adam, learning rate 0.01:              %2d of 50 (%.0f%%)\n", adam_fits, 2.0 * adam_fits);
    std::printf("  gradient descent, learning rate 0.1:   %2d of 50 (%.0f%%)\n", descent_fits, 2.0 * descent_fits);
    //! [random_starts]

    // Reference: the network and its SSR written out by hand, at the trained parameters.
    double ssr_by_hand = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const auto softplus = [](double z) { return std::log1p(std::exp(z)); };
        const double out = theta[w3] * softplus(theta[w1] * xs[i] + theta[b1]) +
                           theta[w4] * softplus(theta[w2] * xs[i] + theta[b2]) + theta[b3];
        ssr_by_hand += (ys[i] - out) * (ys[i] - out);
    }
    bool ok = report.reason == tg::stop_reason::converged && report.loss < 1e-3 &&
              std::fabs(ssr_by_hand - report.loss) < 1e-12;
    if (!ok) std::fprintf(stderr, "backprop: the primer's start should fit the three points (SSR %g)\n", report.loss);
    if (adam_fits < 30 || adam_fits <= descent_fits) {
        std::fprintf(stderr, "backprop: Adam should fit from at least 60%% of the starts, and more often than "
                             "plain descent\n");
        ok = false;
    }

    if (data_dir != nullptr) {
        const auto open = [&](const char* name) {
            const std::string file = std::string(data_dir) + '/' + name;
            std::FILE* out = std::fopen(file.c_str(), "w");
            if (out == nullptr) std::fprintf(stderr, "backprop: cannot write %s\n", file.c_str());
            return out;
        };
        std::FILE* points_out = open("network_points.dat");
        std::FILE* curve_out = open("backprop_curve.dat");
        std::FILE* loss_out = open("backprop_loss.dat");
        if (points_out == nullptr || curve_out == nullptr || loss_out == nullptr) return EXIT_FAILURE;
        std::fprintf(points_out, "# x y\n");
        for (std::size_t i = 0; i < xs.size(); ++i) std::fprintf(points_out, "%g %g\n", xs[i], ys[i]);
        std::fprintf(curve_out, "# x, net(x) with the trained parameters\n");
        for (int i = 0; i <= 200; ++i)
            std::fprintf(curve_out, "%g %.10g\n", i / 200.0, tg::eval(net, theta, x = i / 200.0));
        // The same descent again, from the same start, recording the SSR after each step.
        std::fprintf(loss_out, "# step, SSR (gradient descent, learning rate 0.1; step 0 is the start)\n");
        auto again = start;
        std::fprintf(loss_out, "0 %.10g\n", ssr.value(again));
        const auto rerun = tg::gradient_descent(
            ssr, again, {.learning_rate = 0.1, .max_steps = 10000, .tolerance = 1e-7}, [&](const auto& p) {
                std::fprintf(loss_out, "%zu %.10g\n", p.step, ssr.value(p.theta));
                return true;
            });
        for (std::FILE* out : {points_out, curve_out, loss_out}) ok = std::fclose(out) == 0 && ok;
        ok = ok && rerun.steps == report.steps && again.values == theta.values;
        std::printf("wrote network_points.dat, backprop_curve.dat and backprop_loss.dat in %s\n", data_dir);
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
