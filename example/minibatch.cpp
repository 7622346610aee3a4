// Mini-batches: with 1,000 data points, a step need not look at all of them. Here the primer's network
// is fitted to 1,000 noisy samples of a bump, y = exp(-8(x - 0.5)^2) + noise, by Adam on batches of 10
// points, and compared with Adam on the full data set: per pass over the data, the mini-batches get
// much further, since a pass gives them 100 steps instead of one.
//
// With `--data DIR` it also writes, for doc/pictures/render.sh, the MSE after each pass of both runs
// (DIR/minibatch_loss.dat), the 1,000 points (DIR/minibatch_points.dat) and the curves both runs end
// with, beside the bump itself (DIR/minibatch_curves.dat).
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <span>
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

    //! [data]
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

    // 1,000 points: x uniform in [0, 1), y on the bump plus normal noise of standard deviation 0.05.
    constexpr std::size_t n = 1000;
    tg::random_generator rng(2024);
    std::vector<double> xs(n), ys(n);
    for (std::size_t i = 0; i < n; ++i) {
        xs[i] = rng.uniform();
        ys[i] = std::exp(-8 * (xs[i] - 0.5) * (xs[i] - 0.5)) + rng.normal(0, 0.05);
    }
    // The mean squared error: its values read the same for any number of points.
    const auto mse = tg::mean_over(tg::squared_error(net, y), tg::data(x = xs, y = ys));

    auto start = tg::parameters_of(mse);  // the primer's starting values; biases 0
    start[w1] = 2.74; start[w2] = -1.13; start[w3] = 0.36; start[w4] = 0.63;
    //! [data]

    //! [train]
    constexpr std::size_t passes = 20;
    std::array<double, passes + 1> batch_loss{}, full_loss{};  // the MSE after each pass over the data
    batch_loss[0] = full_loss[0] = mse.value(start);

    // Mini-batches of 10 rows in a seeded random order: 100 Adam steps per pass (an epoch).
    auto theta = start;
    std::vector<std::size_t> rows(n);  // the shuffle's buffer, so that no step allocates
    const auto report = tg::train_minibatch(mse, theta, tg::adam{.learning_rate = 0.03},
                                            {.batch_size = 10, .epochs = passes, .seed = 1}, std::span(rows),
                                            [&](const auto& p) {
                                                batch_loss[p.step] = mse.value(p.theta);
                                                return true;
                                            });

    // The full batch: one Adam step per pass.
    auto full = start;
    const auto full_report = tg::train(mse, full, tg::adam{.learning_rate = 0.03}, {.max_steps = passes},
                                       [&](const auto& p) {
                                           full_loss[p.step] = mse.value(p.theta);
                                           return true;
                                       });
    //! [train]

    //! [compare]
    std::printf("pass   mini-batches of 10   full batch   (mean squared error)\n");
    for (std::size_t pass = 0; pass <= passes; ++pass)
        std::printf("%4zu   %18.5f   %10.5f\n", pass, batch_loss[pass], full_loss[pass]);

    // How many passes does the full batch need to do as well as the mini-batches did in 20?
    auto longer = start;
    const auto longer_report = tg::train(mse, longer, tg::adam{.learning_rate = 0.03}, {.max_steps = 5000},
                                         [&](const auto& p) { return mse.value(p.theta) > report.loss; });
    std::printf("mini-batches: %zu steps, %zu passes, MSE %.5f\n", report.steps, passes, report.loss);
    std::printf("full batch:   %zu steps, %zu passes, MSE %.5f; it needs %zu passes to reach %.5f\n",
                full_report.steps, passes, full_report.loss, longer_report.steps, report.loss);
    //! [compare]

    // For scale: the best flat line (the mean of y) and the noise alone.
    double mean = 0, flat = 0, noise = 0;
    for (double v : ys) mean += v / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double bump = std::exp(-8 * (xs[i] - 0.5) * (xs[i] - 0.5));
        flat += (ys[i] - mean) * (ys[i] - mean) / static_cast<double>(n);
        noise += (ys[i] - bump) * (ys[i] - bump) / static_cast<double>(n);
    }
    std::printf("for scale: a flat line at the mean of y gives %.5f, the true curve %.5f\n", flat, noise);

    // The mini-batch run must fit the bump (far below a flat line), and beat the full batch per pass.
    bool ok = report && full_report && report.reason == tg::stop_reason::step_limit &&
              report.steps == passes * n / 10 && report.loss < 0.02 && full_report.loss > 0.02 &&
              longer_report.reason == tg::stop_reason::stopped && longer_report.steps > 5 * passes;
    if (!ok)
        std::fprintf(stderr, "minibatch: mini-batches should reach MSE < 0.02 in %zu passes, the full batch not\n",
                     passes);

    if (data_dir != nullptr) {
        const auto open = [&](const char* name) {
            const std::string file = std::string(data_dir) + '/' + name;
            std::FILE* out = std::fopen(file.c_str(), "w");
            if (out == nullptr) std::fprintf(stderr, "minibatch: cannot write %s\n", file.c_str());
            return out;
        };
        std::FILE* loss_out = open("minibatch_loss.dat");
        std::FILE* points_out = open("minibatch_points.dat");
        std::FILE* curves_out = open("minibatch_curves.dat");
        if (loss_out == nullptr || points_out == nullptr || curves_out == nullptr) return EXIT_FAILURE;
        std::fprintf(loss_out, "# pass, MSE with mini-batches of 10, MSE with the full batch, flat line, true curve\n");
        for (std::size_t pass = 0; pass <= passes; ++pass)
            std::fprintf(loss_out, "%zu %.10g %.10g %.10g %.10g\n", pass, batch_loss[pass], full_loss[pass], flat,
                         noise);
        std::fprintf(points_out, "# x y\n");
        for (std::size_t i = 0; i < n; ++i) std::fprintf(points_out, "%.6f %.6f\n", xs[i], ys[i]);
        std::fprintf(curves_out, "# x, net(x) after 20 passes with mini-batches, with the full batch; the bump\n");
        for (int i = 0; i <= 200; ++i) {
            const double v = i / 200.0;
            std::fprintf(curves_out, "%g %.10g %.10g %.10g\n", v, tg::eval(net, theta, x = v),
                         tg::eval(net, full, x = v), std::exp(-8 * (v - 0.5) * (v - 0.5)));
        }
        for (std::FILE* out : {loss_out, points_out, curves_out}) ok = std::fclose(out) == 0 && ok;
        std::printf("wrote minibatch_loss.dat, minibatch_points.dat and minibatch_curves.dat in %s\n", data_dir);
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
