// P3 with Eigen 3.4's AutoDiffScalar (forward mode, a fixed-size derivative vector of 7), looped over the
// points, one thread: the same per-point code as P2's (eigen.cpp), the softplus written the way Eigen
// writes its unary functions (one exp(-|z|), log1p for the value, the sigmoid times the derivatives).
#include <cmath>
#include <cstddef>

#include <Eigen/Core>
#include <unsupported/Eigen/AutoDiff>

#include "p3.hpp"

namespace bench::eigen {
namespace {
using A = Eigen::AutoDiffScalar<Eigen::Matrix<double, static_cast<int>(p3::n), 1>>;

A softplus(const A& z) {
    const double v = z.value();
    const double e = std::exp(-std::fabs(v));
    const double s = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    return A((v > 0 ? v : 0) + std::log1p(e), z.derivatives() * s);
}

double gradient(std::size_t count, const double* p, double* g) {
    constexpr auto n = static_cast<Eigen::Index>(p3::n);
    const p3::points_view d = p3::data(count);
    const A b1v(p[0], n, 0), b2v(p[1], n, 1), b3v(p[2], n, 2), w1v(p[3], n, 3), w2v(p[4], n, 4), w3v(p[5], n, 5),
        w4v(p[6], n, 6);
    A s(0.0, A::DerType::Zero());
    for (std::size_t i = 0; i < d.size; ++i) {
        const double xv = d.x[i];
        const A r = (w3v * softplus(w1v * xv + b1v) + w4v * softplus(w2v * xv + b2v) + b3v) - d.y[i];
        s += r * r;
    }
    for (Eigen::Index k = 0; k < n; ++k) g[k] = s.derivatives()[k];
    return s.value();
}
}  // namespace

double p3(const double* p, double* g, double*) { return gradient(p3::points, p, g); }
double p3l1(const double* p, double* g, double*) { return gradient(p3::large_points, p, g); }
}  // namespace bench::eigen
