// Whole data sets: the primer's network fitted to 20,000 points of the bump y = exp(-8(x - 0.5)^2),
// its loss summed in SIMD lanes (the default) and split across a thread pool of two. One sample per
// sweep on one thread (`sequential()`) is the reference: the loss and gradient agree within rounding,
// and two evaluations on the same pool give the same bits.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include <typegrad.hpp>

namespace tg = typegrad;

int main() {
    constexpr auto x = tg::input<"x">;
    constexpr auto y = tg::input<"y">;
    constexpr auto w1 = tg::param<"w1">;
    constexpr auto b1 = tg::param<"b1">;
    constexpr auto w2 = tg::param<"w2">;
    constexpr auto b2 = tg::param<"b2">;
    constexpr auto w3 = tg::param<"w3">;
    constexpr auto w4 = tg::param<"w4">;
    constexpr auto b3 = tg::param<"b3">;
    constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;

    std::vector<double> xs(20000), ys(20000);
    tg::random_generator rng(42);
    for (std::size_t i = 0; i < xs.size(); ++i) {
        xs[i] = rng.uniform();
        ys[i] = std::exp(-8 * (xs[i] - 0.5) * (xs[i] - 0.5));
    }

    const auto mse = tg::mean_over(tg::squared_error(net, y), tg::data(x = xs, y = ys));
    auto theta = tg::parameters_of(mse);
    theta[w1] = 2.74, theta[w2] = -1.13, theta[w3] = 0.36, theta[w4] = 0.63;

    tg::thread_pool pool(2);  // this thread and one more; the library starts no threads of its own
    const double start_loss = mse.on(pool).value(theta);
    const auto start = std::chrono::steady_clock::now();
    const auto report = tg::train(mse.on(pool), theta, tg::adam{.learning_rate = 0.05}, {.max_steps = 1000});
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    std::printf("%zu points, %d lanes per sweep, %zu threads\n", xs.size(), tg::simd::native_width, pool.size());
    std::printf("MSE: %.6f at the start, %.6f after %zu Adam steps (%.2f s)\n", start_loss, report.loss, report.steps,
                seconds);

    const auto pooled = mse.on(pool).value_and_gradient(theta);
    const auto again = mse.on(pool).value_and_gradient(theta);
    const auto reference = mse.sequential().value_and_gradient(theta);
    std::printf("MSE and d/dw1 on the pool:           %.15f %.15f\n", pooled.value, pooled.gradient[w1]);
    std::printf("one sample per sweep on one thread:  %.15f %.15f\n", reference.value, reference.gradient[w1]);
    bool ok = report && report.steps == 1000 && report.loss < 0.01;  // it learned the bump
    for (std::size_t j = 0; j < theta.size(); ++j)  // lanes and threads agree with the reference
        ok = ok && std::fabs(pooled.gradient.values[j] - reference.gradient.values[j]) <= 1e-12;
    ok = ok && std::fabs(pooled.value - reference.value) <= 1e-12 * reference.value;
    ok = ok && again.value == pooled.value && again.gradient.values == pooled.gradient.values;  // the same bits
    std::printf("%s\n", ok ? "ok" : "MISMATCH");
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
