// Gradient descent on one parameter, as in the primer: a line with its slope fixed at 0.64 is fitted
// to three points by moving its intercept b. Starting from b = 0 with learning rate 0.1, each step
// moves b by -0.1 times the derivative of the sum of squared residuals (SSR); the run stops after the
// first step smaller than 0.001. It takes 8 steps and ends at b = 0.95004.
//
// With `--data DIR` it also writes, for doc/pictures/render.sh, the points, the line after each step and
// the SSR as a function of b (DIR/intercept_points.dat, intercept_lines.dat, intercept_ssr.dat,
// intercept_steps.dat).
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <typegrad.hpp>

namespace tg = typegrad;

int main(int argc, char** argv) {
    const char* data_dir = argc == 3 && std::string_view(argv[1]) == "--data" ? argv[2] : nullptr;
    if (argc != 1 && data_dir == nullptr) {
        std::fprintf(stderr, "usage: %s [--data DIR]\n", argv[0]);
        return EXIT_FAILURE;
    }

    //! [loss]
    constexpr auto x = tg::input<"x">;
    constexpr auto y = tg::input<"y">;
    constexpr auto b = tg::param<"b">;  // the intercept; the slope stays 0.64
    const std::array xs{0.5, 2.3, 2.9};
    const std::array ys{1.4, 1.9, 3.2};

    // The SSR: each point's squared residual, summed over the data.
    const auto per_point = tg::squared_error(0.64 * x + b, y);
    const auto ssr = tg::sum_over(per_point, tg::data(x = xs, y = ys));

    // Per point, the derivative with respect to b is 2 times the residual, prediction minus target;
    // the SSR's is their sum.
    std::printf("d/db %s = %s\n", tg::to_string(per_point).c_str(), tg::to_string(tg::d(per_point, b)).c_str());

    auto theta = tg::parameters_of(ssr);  // one slot: b, which starts at 0
    const auto [ssr_at_0, gradient_at_0] = ssr.value_and_gradient(theta);
    std::printf("SSR(b = 0)     = %.4f\n", ssr_at_0);
    std::printf("d SSR/db (b=0) = %.3f\n", gradient_at_0[b]);
    //! [loss]

    std::vector<double> path;  // b after each step
    //! [descent]
    const auto print_step = [&](const auto& p) {  // called after each step
        std::printf("%4zu  %.5f  %.5f\n", p.step, p.theta[b], ssr.value(p.theta));
        path.push_back(p.theta[b]);  // checked below, by hand
        return true;                 // false would stop the run
    };
    std::printf("step  b        SSR\n");
    const auto report =
        tg::gradient_descent(ssr, theta, {.learning_rate = 0.1, .max_steps = 100, .tolerance = 0.001}, print_step);
    std::printf("%s after %zu steps: b = %.5f, SSR = %.5f\n",
                report.reason == tg::stop_reason::converged ? "converged" : "stopped", report.steps, theta[b],
                report.loss);
    //! [descent]

    // Reference, written by hand: SSR(b) = sum (y - 0.64x - b)^2 and dSSR/db = -2 sum (y - 0.64x - b).
    bool ok = true;
    const auto check = [&ok](const char* what, double got, double expected, double tolerance) {
        if (std::fabs(got - expected) > tolerance) {
            std::fprintf(stderr, "intercept: %s = %.8f, expected %.8f\n", what, got, expected);
            ok = false;
        }
    };
    const auto ssr_by_hand = [&](double bb) {
        double s = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) s += (ys[i] - 0.64 * xs[i] - bb) * (ys[i] - 0.64 * xs[i] - bb);
        return s;
    };
    const auto slope_by_hand = [&](double bb) {
        double s = 0;
        for (std::size_t i = 0; i < xs.size(); ++i) s += -2 * (ys[i] - 0.64 * xs[i] - bb);
        return s;
    };
    check("SSR(0)", ssr_at_0, ssr_by_hand(0), 1e-12);
    check("SSR(0), as in the primer", ssr_at_0, 3.1559, 5e-5);
    check("dSSR/db(0)", gradient_at_0[b], -5.704, 1e-12);
    double bb = 0;
    std::size_t steps = 0;
    for (double step = 1; std::fabs(step) >= 0.001; ++steps) {
        step = -0.1 * slope_by_hand(bb);
        bb += step;
        if (steps < path.size()) check("b along the path", path[steps], bb, 1e-12);
    }
    if (report.reason != tg::stop_reason::converged || report.steps != 8 || steps != 8 || path.size() != 8) {
        std::fprintf(stderr, "intercept: expected convergence after 8 steps, got %zu (by hand: %zu)\n",
                     report.steps, steps);
        ok = false;
    }
    check("final b", theta[b], bb, 1e-12);
    check("final b, as in the primer", theta[b], 0.95004, 5e-6);
    check("final SSR", report.loss, ssr_by_hand(bb), 1e-12);

    if (data_dir != nullptr) {
        const auto open = [&](const char* name) {
            const std::string file = std::string(data_dir) + '/' + name;
            std::FILE* out = std::fopen(file.c_str(), "w");
            if (out == nullptr) std::fprintf(stderr, "intercept: cannot write %s\n", file.c_str());
            return out;
        };
        std::FILE* points = open("intercept_points.dat");
        std::FILE* lines = open("intercept_lines.dat");
        std::FILE* curve = open("intercept_ssr.dat");
        std::FILE* steps = open("intercept_steps.dat");
        if (points == nullptr || lines == nullptr || curve == nullptr || steps == nullptr) return EXIT_FAILURE;
        std::fprintf(points, "# x y\n");
        for (std::size_t i = 0; i < xs.size(); ++i) std::fprintf(points, "%g %g\n", xs[i], ys[i]);
        // The line 0.64x + b at the start (step 0) and after each step, one block of two end points per step.
        std::fprintf(lines, "# x, 0.64x + b, step\n");
        std::fprintf(steps, "# step, b, SSR(b)\n");
        auto at = tg::parameters_of(ssr);
        for (std::size_t step = 0; step <= path.size(); ++step) {
            at[b] = step == 0 ? 0.0 : path[step - 1];
            std::fprintf(lines, "0 %.10g %zu\n3.5 %.10g %zu\n\n", at[b], step, 0.64 * 3.5 + at[b], step);
            std::fprintf(steps, "%zu %.10g %.10g\n", step, at[b], ssr.value(at));
        }
        // The SSR as a function of b, computed by the loss itself.
        std::fprintf(curve, "# b, SSR(b)\n");
        for (int i = 0; i <= 200; ++i) {
            at[b] = -0.25 + 2.25 * i / 200.0;
            std::fprintf(curve, "%.6g %.10g\n", at[b], ssr.value(at));
        }
        for (std::FILE* out : {points, lines, curve, steps}) ok = std::fclose(out) == 0 && ok;
        std::printf("wrote intercept_points.dat, intercept_lines.dat, intercept_ssr.dat, intercept_steps.dat in %s\n",
                    data_dir);
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
