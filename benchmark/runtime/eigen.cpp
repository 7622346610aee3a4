// Eigen 3.4's AutoDiffScalar, forward mode with a fixed-size derivative vector
// (Eigen::Matrix<double, N, 1>): one sweep carries all N derivatives.
#include <cmath>
#include <cstddef>

#include <Eigen/Core>
#include <unsupported/Eigen/AutoDiff>

#include "problems.hpp"

namespace bench::eigen {
namespace {
template <std::size_t N>
using ad = Eigen::AutoDiffScalar<Eigen::Matrix<double, static_cast<int>(N), 1>>;

/// Stable softplus for AutoDiffScalar, written the way Eigen writes its own unary functions:
/// value max(z,0) + log1p(e), derivative sigmoid(z) * dz, with e = exp(-|z|) shared by both.
using ad2 = ad<bench::p2::n>;
ad2 softplus(const ad2& z) {
    using A = ad2;
    const double v = z.value();
    const double e = std::exp(-std::fabs(v));
    const double s = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    return A((v > 0 ? v : 0) + std::log1p(e), z.derivatives() * s);
}

inline double p2_gradient(const double* p, double* g) {
    using namespace bench::p2;
    using A = ad<n>;
    const A b1v(p[0], n, 0), b2v(p[1], n, 1), b3v(p[2], n, 2), w1v(p[3], n, 3), w2v(p[4], n, 4), w3v(p[5], n, 5),
        w4v(p[6], n, 6);
    A s(0.0, A::DerType::Zero());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const A r = (w3v * softplus(w1v * xs[i] + b1v) + w4v * softplus(w2v * xs[i] + b2v) + b3v) - ys[i];
        s += r * r;
    }
    for (std::size_t k = 0; k < n; ++k) g[k] = s.derivatives()[static_cast<Eigen::Index>(k)];
    return s.value();
}
}  // namespace

double p1(const double* p, double* g, double*) {
    using namespace bench::p1;
    using A = ad<n>;
    const A b(p[0], n, 0), m(p[1], n, 1);
    A s(0.0, A::DerType::Zero());
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const A r = (m * xs[i] + b) - ys[i];
        s += r * r;
    }
    g[0] = s.derivatives()[0];
    g[1] = s.derivatives()[1];
    return s.value();
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

/// Each parameter becomes an active variable (a unit derivative vector of 161) where it is used;
/// tanh is Eigen's own (derivative 1/cosh^2).
double p5(const double* p, double* g, double* next) {
    using namespace bench::p5;
    using A = ad<n>;
    const auto var = [&](std::size_t i) { return A(p[i], static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(i)); };
    A o = var(c);
    for (std::size_t j = 0; j < hidden; ++j) {
        A z = var(b(j));
        for (std::size_t k = 0; k < inputs; ++k) z += var(w(j, k)) * x[k];
        o += var(v(j)) * tanh(z);
    }
    const A r = o - y;
    const A loss = r * r;
    for (std::size_t k = 0; k < n; ++k) {
        g[k] = loss.derivatives()[static_cast<Eigen::Index>(k)];
        next[k] = p[k] - learning_rate * g[k];
    }
    return loss.value();
}
}  // namespace bench::eigen
