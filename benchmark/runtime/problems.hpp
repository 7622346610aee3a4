// The run-time benchmark problems, each defined once and implemented by every library compared.
//
// Every implementation has the same signature: `double f(const double* p, double* g)` takes the
// parameters in the problem's order (typegrad's order: by name) and writes the gradient of the sum of
// squared residuals to g, returning that sum. Each is a noinline function of its own, so that the
// benchmarks and callgrind measure the same machine code.
//
//   P1 (line fit): SSR of slope*x + intercept over (0.5,1.4), (2.3,1.9), (2.9,3.2);
//      p = {intercept, slope}, evaluated at slope 1, intercept 0.
//   P2 (the primer's network): SSR of w3*softplus(w1*x+b1) + w4*softplus(w2*x+b2) + b3 over
//      (0,0), (0.5,1), (1,0); p = {b1, b2, b3, w1, w2, w3, w4}, evaluated at w1=2.74, b1=0,
//      w2=-1.13, b2=0, w3=0.36, w4=0.63, b3=0.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

#include <Eigen/Core>
#include <boost/math/differentiation/autodiff.hpp>
#include <unsupported/Eigen/AutoDiff>

#include <typegrad.hpp>

#define TG_BENCH_NOINLINE __attribute__((noinline))

namespace bench {

namespace tg = typegrad;
namespace bd = boost::math::differentiation;

using gradient_fn = double (*)(const double* p, double* g);

struct implementation {
    const char* name;
    gradient_fn gradient;
};

struct problem {
    const char* name;
    std::size_t parameters;
    const double* start;
    std::array<implementation, 4> implementations;  // [0] is the hand-written reference
};

// ---------------------------------------------------------------------------------------------------
// P1: line fit.
namespace p1 {
inline constexpr std::size_t n = 2;
inline constexpr std::array<double, 3> xs{0.5, 2.3, 2.9};
inline constexpr std::array<double, 3> ys{1.4, 1.9, 3.2};
inline constexpr std::array<double, n> start{0.0, 1.0};  // intercept, slope

inline constexpr auto x = tg::input<"x">;
inline constexpr auto y = tg::input<"y">;
inline constexpr auto slope = tg::param<"slope">;
inline constexpr auto intercept = tg::param<"intercept">;
inline const auto ssr = tg::sum_over(tg::squared_error(slope * x + intercept, y), tg::data(x = xs, y = ys));
using parameters = decltype(tg::parameters_of(ssr));

TG_BENCH_NOINLINE inline double hand(const double* p, double* g) {
    const double b = p[0], m = p[1];
    double s = 0, gb = 0, gm = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double r = ys[i] - (m * xs[i] + b);
        s += r * r;
        gb -= 2 * r;
        gm -= 2 * r * xs[i];
    }
    g[0] = gb;
    g[1] = gm;
    return s;
}

TG_BENCH_NOINLINE inline double typegrad(const double* p, double* g) {
    parameters theta;
    theta[intercept] = p[0];
    theta[slope] = p[1];
    const auto [value, grad] = ssr.value_and_gradient(theta);
    g[0] = grad[intercept];
    g[1] = grad[slope];
    return value;
}

TG_BENCH_NOINLINE inline double eigen(const double* p, double* g) {
    using ad = Eigen::AutoDiffScalar<Eigen::Matrix<double, n, 1>>;
    const ad b(p[0], n, 0), m(p[1], n, 1);
    ad s(0.0, Eigen::Matrix<double, n, 1>::Zero());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const ad r = ys[i] - (m * xs[i] + b);
        s += r * r;
    }
    g[0] = s.derivatives()[0];
    g[1] = s.derivatives()[1];
    return s.value();
}

TG_BENCH_NOINLINE inline double boost_fvar(const double* p, double* g) {
    using fv = bd::autodiff_fvar<double, 1>;
    double value = 0;
    for (std::size_t k = 0; k < n; ++k) {  // one forward pass per parameter
        const fv b = k == 0 ? bd::make_fvar<double, 1>(p[0]) : fv(p[0]);
        const fv m = k == 1 ? bd::make_fvar<double, 1>(p[1]) : fv(p[1]);
        fv s(0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const fv r = ys[i] - (m * xs[i] + b);
            s += r * r;
        }
        g[k] = s.derivative(1);
        value = static_cast<double>(s);
    }
    return value;
}
}  // namespace p1

// ---------------------------------------------------------------------------------------------------
// P2: the primer's 7-parameter softplus network.
namespace p2 {
inline constexpr std::size_t n = 7;
inline constexpr std::array<double, 3> xs{0.0, 0.5, 1.0};
inline constexpr std::array<double, 3> ys{0.0, 1.0, 0.0};
inline constexpr std::array<double, n> start{0.0, 0.0, 0.0, 2.74, -1.13, 0.36, 0.63};  // b1 b2 b3 w1 w2 w3 w4

inline constexpr auto x = tg::input<"x">;
inline constexpr auto y = tg::input<"y">;
inline constexpr auto w1 = tg::param<"w1">;
inline constexpr auto w2 = tg::param<"w2">;
inline constexpr auto w3 = tg::param<"w3">;
inline constexpr auto w4 = tg::param<"w4">;
inline constexpr auto b1 = tg::param<"b1">;
inline constexpr auto b2 = tg::param<"b2">;
inline constexpr auto b3 = tg::param<"b3">;
inline constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;
inline const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = xs, y = ys));
using parameters = decltype(tg::parameters_of(ssr));

/// By hand, as a careful person writes it: stable softplus with its exp(-|z|) reused for the sigmoid
/// (the same code as benchmark/codegen/primer_network.cpp).
TG_BENCH_NOINLINE inline double hand(const double* p, double* g) {
    const double b1v = p[0], b2v = p[1], b3v = p[2], w1v = p[3], w2v = p[4], w3v = p[5], w4v = p[6];
    double ssr_value = 0;
    for (std::size_t k = 0; k < n; ++k) g[k] = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double xv = xs[i];
        const double z1 = w1v * xv + b1v, z2 = w2v * xv + b2v;
        const double e1 = std::exp(-std::fabs(z1)), e2 = std::exp(-std::fabs(z2));
        const double a1 = (z1 > 0 ? z1 : 0) + std::log1p(e1), a2 = (z2 > 0 ? z2 : 0) + std::log1p(e2);
        const double s1 = z1 >= 0 ? 1 / (1 + e1) : e1 / (1 + e1), s2 = z2 >= 0 ? 1 / (1 + e2) : e2 / (1 + e2);
        const double r = ys[i] - (w3v * a1 + w4v * a2 + b3v);
        ssr_value += r * r;
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
    return ssr_value;
}

TG_BENCH_NOINLINE inline double typegrad(const double* p, double* g) {
    parameters theta;
    theta[b1] = p[0];
    theta[b2] = p[1];
    theta[b3] = p[2];
    theta[w1] = p[3];
    theta[w2] = p[4];
    theta[w3] = p[5];
    theta[w4] = p[6];
    const auto [value, grad] = ssr.value_and_gradient(theta);
    g[0] = grad[b1];
    g[1] = grad[b2];
    g[2] = grad[b3];
    g[3] = grad[w1];
    g[4] = grad[w2];
    g[5] = grad[w3];
    g[6] = grad[w4];
    return value;
}

using eigen_ad = Eigen::AutoDiffScalar<Eigen::Matrix<double, n, 1>>;

/// Stable softplus for Eigen's AutoDiffScalar, written the way Eigen writes its own unary functions:
/// value max(z,0) + log1p(e), derivative sigmoid(z) * dz, with e = exp(-|z|) shared by both.
inline eigen_ad softplus(const eigen_ad& z) {
    const double v = z.value();
    const double e = std::exp(-std::fabs(v));
    const double s = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    return eigen_ad((v > 0 ? v : 0) + std::log1p(e), z.derivatives() * s);
}

TG_BENCH_NOINLINE inline double eigen(const double* p, double* g) {
    const eigen_ad b1v(p[0], n, 0), b2v(p[1], n, 1), b3v(p[2], n, 2), w1v(p[3], n, 3), w2v(p[4], n, 4),
        w3v(p[5], n, 5), w4v(p[6], n, 6);
    eigen_ad s(0.0, Eigen::Matrix<double, n, 1>::Zero());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const eigen_ad r = ys[i] - (w3v * softplus(w1v * xs[i] + b1v) + w4v * softplus(w2v * xs[i] + b2v) + b3v);
        s += r * r;
    }
    for (std::size_t k = 0; k < n; ++k) g[k] = s.derivatives()[static_cast<Eigen::Index>(k)];
    return s.value();
}

/// Stable softplus with Boost.Math's own functions (its autodiff has no log1p).
inline bd::autodiff_fvar<double, 1> softplus(const bd::autodiff_fvar<double, 1>& z) {
    using std::exp, std::log;
    return z > 0 ? z + log(1 + exp(-z)) : log(1 + exp(z));
}

TG_BENCH_NOINLINE inline double boost_fvar(const double* p, double* g) {
    using fv = bd::autodiff_fvar<double, 1>;
    double value = 0;
    for (std::size_t k = 0; k < n; ++k) {  // one forward pass per parameter
        std::array<fv, n> q;
        for (std::size_t j = 0; j < n; ++j) q[j] = j == k ? bd::make_fvar<double, 1>(p[j]) : fv(p[j]);
        fv s(0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const fv r = ys[i] - (q[5] * softplus(q[3] * xs[i] + q[0]) + q[6] * softplus(q[4] * xs[i] + q[1]) + q[2]);
            s += r * r;
        }
        g[k] = s.derivative(1);
        value = static_cast<double>(s);
    }
    return value;
}
}  // namespace p2

inline const std::array<problem, 2> problems{{
    {"P1", p1::n, p1::start.data(), {{{"hand", p1::hand}, {"typegrad", p1::typegrad}, {"eigen", p1::eigen},
                                      {"boost", p1::boost_fvar}}}},
    {"P2", p2::n, p2::start.data(), {{{"hand", p2::hand}, {"typegrad", p2::typegrad}, {"eigen", p2::eigen},
                                      {"boost", p2::boost_fvar}}}},
}};

}  // namespace bench
