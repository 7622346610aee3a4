// The reference: each gradient written by hand, as a careful person writes it (fused forward and
// reverse, nothing computed twice).
#include <cmath>
#include <cstddef>

#include "problems.hpp"

namespace bench::hand {
namespace {
/// P2: stable softplus with its exp(-|z|) reused for the sigmoid (the same code as
/// benchmark/codegen/primer_network.cpp).
inline double p2_gradient(const double* p, double* g) {
    using namespace bench::p2;
    const double b1v = p[0], b2v = p[1], b3v = p[2], w1v = p[3], w2v = p[4], w3v = p[5], w4v = p[6];
    double ssr_value = 0;
    for (std::size_t k = 0; k < n; ++k) g[k] = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double xv = xs[i];
        const double z1 = w1v * xv + b1v, z2 = w2v * xv + b2v;
        const double e1 = std::exp(-std::fabs(z1)), e2 = std::exp(-std::fabs(z2));
        const double a1 = (z1 > 0 ? z1 : 0) + std::log1p(e1), a2 = (z2 > 0 ? z2 : 0) + std::log1p(e2);
        const double s1 = z1 >= 0 ? 1 / (1 + e1) : e1 / (1 + e1), s2 = z2 >= 0 ? 1 / (1 + e2) : e2 / (1 + e2);
        const double r = (w3v * a1 + w4v * a2 + b3v) - ys[i];
        ssr_value += r * r;
        const double dr = 2 * r;
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
}  // namespace

double p1(const double* p, double* g, double*) {
    using namespace bench::p1;
    const double b = p[0], m = p[1];
    double s = 0, gb = 0, gm = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const double r = (m * xs[i] + b) - ys[i];
        s += r * r;
        gb += 2 * r;
        gm += 2 * r * xs[i];
    }
    g[0] = gb;
    g[1] = gm;
    return s;
}

double p2(const double* p, double* g, double*) { return p2_gradient(p, g); }

double p4(const double* p, double* g, double* next) {
    using namespace bench::p4;
    for (std::size_t k = 0; k < n; ++k) next[k] = p[k];
    double value = 0;
    for (std::size_t step = 0; step < steps; ++step) {
        value = p2_gradient(next, g);
        for (std::size_t k = 0; k < n; ++k) next[k] -= learning_rate * g[k];
    }
    return value;
}

/// P5: forward through the hidden layer keeping tanh's values, then the adjoints; tanh' = 1 - t^2.
double p5(const double* p, double* g, double* next) {
    using namespace bench::p5;
    double h[hidden];
    double o = p[c];
    for (std::size_t j = 0; j < hidden; ++j) {
        double z = p[b(j)];
        for (std::size_t k = 0; k < inputs; ++k) z += p[w(j, k)] * x[k];
        h[j] = std::tanh(z);
        o += p[v(j)] * h[j];
    }
    const double r = o - y;
    const double dr = 2 * r;  // d loss / d o
    g[c] = dr;
    for (std::size_t j = 0; j < hidden; ++j) {
        g[v(j)] = dr * h[j];
        const double dz = dr * p[v(j)] * (1 - h[j] * h[j]);
        g[b(j)] = dz;
        for (std::size_t k = 0; k < inputs; ++k) g[w(j, k)] = dz * x[k];
    }
    for (std::size_t k = 0; k < n; ++k) next[k] = p[k] - learning_rate * g[k];
    return r * r;
}
}  // namespace bench::hand
