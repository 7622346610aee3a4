// Gradient descent on two parameters, as in the primer: the slope and the intercept of a line are
// trained together on the same three points. With learning rate 0.01 the descent reaches the least
// squares line (slope 0.641026, intercept 0.948718); with 0.07 every step overshoots further than the
// last, and the run stops with a "diverged" report.
//
// With `--data DIR` it also writes, for doc/pictures/render.sh, the fitted line (DIR/line_fit_line.dat)
// and the SSR after each step of the run with learning rate 0.01 (DIR/line_fit_loss.dat).
#include <array>
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

    //! [fit]
    constexpr auto x = tg::input<"x">;
    constexpr auto y = tg::input<"y">;
    constexpr auto slope = tg::param<"slope">;
    constexpr auto intercept = tg::param<"intercept">;
    const std::array xs{0.5, 2.3, 2.9};
    const std::array ys{1.4, 1.9, 3.2};
    const auto ssr = tg::sum_over(tg::squared_error(slope * x + intercept, y), tg::data(x = xs, y = ys));

    auto theta = tg::parameters_of(ssr);  // both start at 0
    const auto report =
        tg::gradient_descent(ssr, theta, {.learning_rate = 0.01, .max_steps = 20000, .tolerance = 1e-6});
    std::printf("learning rate 0.01: %s after %zu steps\n",
                report.reason == tg::stop_reason::converged ? "converged" : "stopped", report.steps);
    std::printf("  slope = %.6f, intercept = %.6f, SSR = %.6f\n", theta[slope], theta[intercept], report.loss);
    //! [fit]

    // Reference: the least squares line in closed form (the normal equations).
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        sx += xs[i];
        sy += ys[i];
        sxx += xs[i] * xs[i];
        sxy += xs[i] * ys[i];
    }
    const double n = static_cast<double>(xs.size());
    const double best_slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double best_intercept = (sy - best_slope * sx) / n;
    std::printf("  least squares:     slope = %.6f, intercept = %.6f\n", best_slope, best_intercept);

    bool ok = report.reason == tg::stop_reason::converged && std::fabs(theta[slope] - best_slope) < 1e-4 &&
              std::fabs(theta[intercept] - best_intercept) < 1e-4 && std::fabs(best_slope - 0.641026) < 5e-7 &&
              std::fabs(best_intercept - 0.948718) < 5e-7;
    if (!ok) std::fprintf(stderr, "line_fit: the descent did not reach the least squares line\n");

    //! [too_fast]
    auto fast = tg::parameters_of(ssr);
    std::printf("learning rate 0.07:\n");
    const auto print_first_steps = [&](const auto& p) {
        if (p.step <= 5) std::printf("  step %zu: SSR = %.4f\n", p.step, ssr.value(p.theta));
        return true;
    };
    const auto fast_report = tg::gradient_descent(
        ssr, fast, {.learning_rate = 0.07, .max_steps = 20000, .tolerance = 1e-6}, print_first_steps);
    std::printf("  %s\n", fast_report.message.c_str());
    std::printf("  after %zu steps: slope = %.4g, intercept = %.4g, SSR = %.4g\n", fast_report.steps, fast[slope],
                fast[intercept], fast_report.loss);
    //! [too_fast]

    // Reference: the SSR's second derivatives are 2*[sum x^2, sum x; sum x, n]; descent with a fixed
    // learning rate is stable only below 2 over the largest eigenvalue of that matrix.
    const double trace = 2 * (sxx + n), determinant = 4 * (sxx * n - sx * sx);
    const double largest = (trace + std::sqrt(trace * trace - 4 * determinant)) / 2;
    std::printf("descent is stable for learning rates below 2/%.2f = %.4f\n", largest, 2 / largest);

    // The diverged run keeps the last parameters whose loss and gradient were finite.
    const bool diverged = fast_report.reason == tg::stop_reason::diverged && !fast_report &&
                          std::isfinite(fast[slope]) && std::isfinite(fast[intercept]) &&
                          std::isfinite(fast_report.loss) && fast_report.loss == ssr.value(fast) &&
                          fast_report.loss > 1e300 && 0.01 < 2 / largest && 0.07 > 2 / largest;
    if (!diverged) std::fprintf(stderr, "line_fit: learning rate 0.07 should diverge\n");

    if (data_dir != nullptr) {
        const std::string line_path = std::string(data_dir) + "/line_fit_line.dat";
        const std::string loss_path = std::string(data_dir) + "/line_fit_loss.dat";
        std::FILE* line = std::fopen(line_path.c_str(), "w");
        std::FILE* loss = std::fopen(loss_path.c_str(), "w");
        if (line == nullptr || loss == nullptr) {
            std::fprintf(stderr, "line_fit: cannot write in %s\n", data_dir);
            return EXIT_FAILURE;
        }
        std::fprintf(line, "# x, slope*x + intercept after descent with learning rate 0.01\n");
        for (double end : {0.0, 3.5}) std::fprintf(line, "%g %.10g\n", end, theta[slope] * end + theta[intercept]);
        // The same run again, from the same start, recording the SSR after each step and how far it is
        // above the SSR of the least squares line.
        auto best = tg::parameters_of(ssr);
        best[slope] = best_slope;
        best[intercept] = best_intercept;
        const double least = ssr.value(best);
        std::fprintf(loss, "# step, SSR, SSR - %.10g (the least squares line's); learning rate 0.01, step 0 is the start\n",
                     least);
        auto again = tg::parameters_of(ssr);
        std::fprintf(loss, "0 %.10g %.10g\n", ssr.value(again), ssr.value(again) - least);
        const auto rerun = tg::gradient_descent(
            ssr, again, {.learning_rate = 0.01, .max_steps = 20000, .tolerance = 1e-6}, [&](const auto& p) {
                const double value = ssr.value(p.theta);
                std::fprintf(loss, "%zu %.10g %.10g\n", p.step, value, value - least);
                return true;
            });
        ok = std::fclose(line) == 0 && std::fclose(loss) == 0 && rerun.steps == report.steps &&
             again.values == theta.values && ok;
        std::printf("wrote line_fit_line.dat and line_fit_loss.dat in %s\n", data_dir);
    }
    return ok && diverged ? EXIT_SUCCESS : EXIT_FAILURE;
}
