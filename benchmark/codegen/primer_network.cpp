// The primer's 7-parameter network: SSR over (0,0), (0.5,1), (1,0) and its gradient, by typegrad and by
// hand, each in a function of its own so that callgrind can count each one's instructions
// (--toggle-collect) and objdump can show each one's assembly. Run by measure.sh.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto w1 = tg::param<"w1">;
constexpr auto w2 = tg::param<"w2">;
constexpr auto w3 = tg::param<"w3">;
constexpr auto w4 = tg::param<"w4">;
constexpr auto b1 = tg::param<"b1">;
constexpr auto b2 = tg::param<"b2">;
constexpr auto b3 = tg::param<"b3">;
constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;
constexpr auto loss = tg::square(y - net);
using parameters = tg::parameter_set_for_t<double, decltype(loss)>;  // b1 b2 b3 w1 w2 w3 w4

constexpr double xs[3] = {0.0, 0.5, 1.0};
constexpr double ys[3] = {0.0, 1.0, 0.0};
}  // namespace

/// typegrad: the per-sample fused gradient, summed over the points.
extern "C" __attribute__((noinline)) double typegrad_gradient(const parameters& theta, parameters& gradient) {
    double ssr = 0;
    gradient = parameters{};
    for (int i = 0; i < 3; ++i) {
        const auto [value, g] = tg::value_and_gradient(loss, theta, x = xs[i], y = ys[i]);
        ssr += value;
        for (std::size_t k = 0; k < parameters::size(); ++k) gradient.values[k] += g.values[k];
    }
    return ssr;
}

/// By hand, as a careful person writes it: stable softplus with its exp(-|z|) reused for the sigmoid.
extern "C" __attribute__((noinline)) double hand_gradient(const double* p, double* g) {
    // p and g in the parameters's order: b1 b2 b3 w1 w2 w3 w4
    const double b1v = p[0], b2v = p[1], b3v = p[2], w1v = p[3], w2v = p[4], w3v = p[5], w4v = p[6];
    double ssr = 0;
    for (int k = 0; k < 7; ++k) g[k] = 0;
    for (int i = 0; i < 3; ++i) {
        const double xv = xs[i];
        const double z1 = w1v * xv + b1v, z2 = w2v * xv + b2v;
        const double e1 = std::exp(-std::fabs(z1)), e2 = std::exp(-std::fabs(z2));
        const double a1 = (z1 > 0 ? z1 : 0) + std::log1p(e1), a2 = (z2 > 0 ? z2 : 0) + std::log1p(e2);
        const double s1 = z1 >= 0 ? 1 / (1 + e1) : e1 / (1 + e1), s2 = z2 >= 0 ? 1 / (1 + e2) : e2 / (1 + e2);
        const double r = ys[i] - (w3v * a1 + w4v * a2 + b3v);
        ssr += r * r;
        const double dr = -2 * r;
        const double t1 = dr * w3v * s1, t2 = dr * w4v * s2;
        g[0] += t1;
        g[1] += t2;
        g[2] += dr;
        g[3] += t1 * xv;
        g[4] += t2 * xv;
        g[5] += dr * a1;
        g[6] += dr * a2;
    }
    return ssr;
}

int main(int argc, char**) {
    parameters theta;
    theta[w1] = 2.74; theta[b1] = 0; theta[w2] = -1.13; theta[b2] = 0; theta[w3] = 0.36; theta[w4] = 0.63; theta[b3] = 0;
    theta.values[0] += argc * 1e-3;  // keep the compiler from folding the whole computation
    parameters g1;
    double g2[7];
    double s1 = 0, s2 = 0;
    for (int rep = 0; rep < 1000; ++rep) {
        s1 += typegrad_gradient(theta, g1);
        s2 += hand_gradient(theta.values.data(), g2);
    }
    double worst = std::fabs(s1 - s2) / std::fabs(s2);
    for (int k = 0; k < 7; ++k) worst = std::fmax(worst, std::fabs(g1.values[k] - g2[k]) / std::fmax(1e-300, std::fabs(g2[k])));
    std::printf("ssr %.17g vs %.17g; worst relative difference %.3g\n", s1 / 1000, s2 / 1000, worst);
    return worst < 1e-12 ? EXIT_SUCCESS : EXIT_FAILURE;
}
