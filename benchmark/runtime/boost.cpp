// Boost.Math's forward-mode autodiff (make_fvar<double, 1>): one forward pass per parameter.
#include <array>
#include <cstddef>

#include <boost/math/differentiation/autodiff.hpp>

#include "problems.hpp"

namespace bench::boost_fvar {
namespace {
namespace bd = ::boost::math::differentiation;
using fv = bd::autodiff_fvar<double, 1>;

/// Stable softplus with Boost.Math's own functions (its autodiff has no log1p).
fv softplus(const fv& z) {
    using std::exp, std::log;
    return z > 0 ? z + log(1 + exp(-z)) : log(1 + exp(z));
}

double p2_gradient(const double* p, double* g) {
    using namespace bench::p2;
    double value = 0;
    for (std::size_t k = 0; k < n; ++k) {  // one forward pass per parameter
        std::array<fv, n> q;
        for (std::size_t j = 0; j < n; ++j) q[j] = j == k ? bd::make_fvar<double, 1>(p[j]) : fv(p[j]);
        fv s(0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const fv r = (q[5] * softplus(q[3] * xs[i] + q[0]) + q[6] * softplus(q[4] * xs[i] + q[1]) + q[2]) - ys[i];
            s += r * r;
        }
        g[k] = s.derivative(1);
        value = static_cast<double>(s);
    }
    return value;
}
}  // namespace

double p1(const double* p, double* g, double*) {
    using namespace bench::p1;
    double value = 0;
    for (std::size_t k = 0; k < n; ++k) {  // one forward pass per parameter
        const fv b = k == 0 ? bd::make_fvar<double, 1>(p[0]) : fv(p[0]);
        const fv m = k == 1 ? bd::make_fvar<double, 1>(p[1]) : fv(p[1]);
        fv s(0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const fv r = (m * xs[i] + b) - ys[i];
            s += r * r;
        }
        g[k] = s.derivative(1);
        value = static_cast<double>(s);
    }
    return value;
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

/// 161 forward passes, each with one parameter active; tanh is Boost's own.
double p5(const double* p, double* g, double* next) {
    using namespace bench::p5;
    using std::tanh;
    double value = 0;
    for (std::size_t active = 0; active < n; ++active) {
        const auto var = [&](std::size_t i) { return i == active ? bd::make_fvar<double, 1>(p[i]) : fv(p[i]); };
        fv o = var(c);
        for (std::size_t j = 0; j < hidden; ++j) {
            fv z = var(b(j));
            for (std::size_t k = 0; k < inputs; ++k) z += var(w(j, k)) * x[k];
            o += var(v(j)) * tanh(z);
        }
        const fv r = o - y;
        const fv loss = r * r;
        g[active] = loss.derivative(1);
        value = static_cast<double>(loss);
    }
    for (std::size_t k = 0; k < n; ++k) next[k] = p[k] - learning_rate * g[k];
    return value;
}
}  // namespace bench::boost_fvar
