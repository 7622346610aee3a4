// Parameters that live in the host program's own memory: per-sample gradient descent on the primer's
// dosage network with its seven parameters and their gradient in plain double arrays, read and written
// in place through parameter maps (no copies). The same training through a parameter set and tg::sgd
// must give the same bits; the program checks that and that the fit improved. Then full-batch training
// of a third array with tg::train over a map.
#include <cstdio>
#include <cstdlib>

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
    constexpr auto loss = tg::square(y - net);
    const double xs[] = {0.0, 0.5, 1.0};
    const double ys[] = {0.0, 1.0, 0.0};
    constexpr int epochs = 3000;

    //! [maps]
    using set = decltype(tg::parameters_of(loss));  // its order: b1 b2 b3 w1 w2 w3 w4
    double params[set::size()] = {0.0, 0.0, 0.0, 2.74, -1.13, 0.36, 0.63};  // the host's memory
    double grad[set::size()];
    const auto theta = tg::map_parameters<set>(params);  // reads (and could write) params in place
    const auto gradient = tg::map_parameters<set>(grad);
    for (int epoch = 0; epoch < epochs; ++epoch)
        for (int i = 0; i < 3; ++i) {
            tg::value_and_gradient_into(gradient, loss, theta, x = xs[i], y = ys[i]);
            for (std::size_t k = 0; k < set::size(); ++k) params[k] -= 0.1 * grad[k];
        }
    //! [maps]

    // The same with a parameter set: the gradient comes back as a set and tg::sgd updates theta.
    auto reference = tg::parameters_of(loss);
    reference[w1] = 2.74; reference[w2] = -1.13; reference[w3] = 0.36; reference[w4] = 0.63;
    const double start_ssr = [&] {
        double s = 0;
        for (int i = 0; i < 3; ++i) s += tg::eval(loss, reference, x = xs[i], y = ys[i]);
        return s;
    }();
    tg::sgd::state<set> state;
    for (int epoch = 0; epoch < epochs; ++epoch)
        for (int i = 0; i < 3; ++i) {
            const auto r = tg::value_and_gradient(loss, reference, x = xs[i], y = ys[i]);
            tg::sgd{.learning_rate = 0.1}.step(reference, r.gradient, state);
        }

    //! [train]
    // Full-batch training of another array in place: data losses and tg::train take maps as well.
    double trained[set::size()] = {0.0, 0.0, 0.0, 2.74, -1.13, 0.36, 0.63};
    const auto ssr_loss = tg::sum_over(loss, tg::data(x = xs, y = ys));
    const auto report = tg::train(ssr_loss, tg::map_parameters<set>(trained), tg::adam{.learning_rate = 0.05},
                                  {.max_steps = 2000});
    //! [train]
    std::printf("tg::train on a map: %s after %zu steps, SSR %.3g; w3 = %.4f in the array\n",
                report ? "ok" : report.message.c_str(), report.steps, report.loss, trained[set::index_of("w3")]);

    double ssr = 0;
    bool same = true;
    for (int i = 0; i < 3; ++i) ssr += tg::eval(loss, theta, x = xs[i], y = ys[i]);
    for (std::size_t k = 0; k < set::size(); ++k) same = same && params[k] == reference.values[k];
    std::printf("SSR %.3g -> %.3g after %d epochs of per-sample steps\n", start_ssr, ssr, epochs);
    for (std::size_t k = 0; k < set::size(); ++k) std::printf("%.*s = %.4f\n", static_cast<int>(set::names[k].size()), set::names[k].data(), params[k]);
    std::printf("in place and through a parameter set: %s\n", same ? "the same bits" : "DIFFERENT");
    const bool trained_ok = static_cast<bool>(report) && report.loss < start_ssr / 100 &&
                            report.loss == ssr_loss.value(tg::map_parameters<set>(trained));
    return same && ssr < start_ssr / 100 && trained_ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
