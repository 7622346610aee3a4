// Trilinos Sacado, forward mode with a static derivative array: Sacado::Fad::SFad<double, N> (expression
// templates) and Sacado::ELRFad::SFad<double, N> (expression-level reverse mode: each expression's
// partials by reverse mode, then one pass over the derivative array). The same code serves both.
#include <cmath>
#include <cstddef>

#include <Sacado_No_Kokkos.hpp>

#include "problems.hpp"

namespace bench {
namespace {
/// Stable softplus written as one extends Sacado by hand: derivative sigmoid(z) * dz, then the value
/// max(z,0) + log1p(e), with e = exp(-|z|) shared by both (Sacado has no log1p).
template <class F>
F softplus(const F& z) {
    const double v = z.val();
    const double e = std::exp(-std::fabs(v));
    const double s = v >= 0 ? 1 / (1 + e) : e / (1 + e);
    F r = s * z;
    r.val() = (v > 0 ? v : 0) + std::log1p(e);
    return r;
}

template <template <class, int> class SFad>
struct sacado_problems {
    template <std::size_t N>
    using fad = SFad<double, static_cast<int>(N)>;

    static double p2_gradient(const double* p, double* g) {
        using namespace bench::p2;
        using F = fad<n>;
        constexpr int m = static_cast<int>(n);
        const F b1v(m, 0, p[0]), b2v(m, 1, p[1]), b3v(m, 2, p[2]), w1v(m, 3, p[3]), w2v(m, 4, p[4]),
            w3v(m, 5, p[5]), w4v(m, 6, p[6]);
        F s(m, 0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const F r =
                (w3v * softplus<F>(w1v * xs[i] + b1v) + w4v * softplus<F>(w2v * xs[i] + b2v) + b3v) - ys[i];
            s += r * r;
        }
        for (std::size_t k = 0; k < n; ++k) g[k] = s.fastAccessDx(static_cast<int>(k));
        return s.val();
    }

    static double p1(const double* p, double* g, double*) {
        using namespace bench::p1;
        using F = fad<n>;
        constexpr int m = static_cast<int>(n);
        const F b(m, 0, p[0]), slope(m, 1, p[1]);
        F s(m, 0.0);
        for (std::size_t i = 0; i < xs.size(); ++i) {
            const F r = (slope * xs[i] + b) - ys[i];
            s += r * r;
        }
        g[0] = s.fastAccessDx(0);
        g[1] = s.fastAccessDx(1);
        return s.val();
    }

    static double p2(const double* p, double* g, double*) { return p2_gradient(p, g); }

    static double p4(const double* p, double* g, double* next) {
        using namespace bench::p4;
        for (std::size_t k = 0; k < n; ++k) next[k] = p[k];
        double value = 0;
        for (std::size_t step = 0; step < steps; ++step) {
            value = p2_gradient(next, g);
            for (std::size_t k = 0; k < n; ++k) next[k] -= learning_rate * g[k];
        }
        return value;
    }

    /// Each parameter becomes an active variable where it is used; tanh is Sacado's own.
    static double p5(const double* p, double* g, double* next) {
        using namespace bench::p5;
        using F = fad<n>;
        constexpr int m = static_cast<int>(n);
        const auto var = [&](std::size_t i) { return F(m, static_cast<int>(i), p[i]); };
        F o = var(c);
        for (std::size_t j = 0; j < hidden; ++j) {
            F z = var(b(j));
            for (std::size_t k = 0; k < inputs; ++k) z += var(w(j, k)) * x[k];
            o += var(v(j)) * tanh(z);
        }
        const F r = o - y;
        const F loss = r * r;
        for (std::size_t k = 0; k < n; ++k) {
            g[k] = loss.fastAccessDx(static_cast<int>(k));
            next[k] = p[k] - learning_rate * g[k];
        }
        return loss.val();
    }
};
using sfad = sacado_problems<Sacado::Fad::SFad>;
using elrfad = sacado_problems<Sacado::ELRFad::SFad>;
}  // namespace

double sacado_sfad::p1(const double* p, double* g, double* next) { return sfad::p1(p, g, next); }
double sacado_sfad::p2(const double* p, double* g, double* next) { return sfad::p2(p, g, next); }
double sacado_sfad::p4(const double* p, double* g, double* next) { return sfad::p4(p, g, next); }
double sacado_sfad::p5(const double* p, double* g, double* next) { return sfad::p5(p, g, next); }
double sacado_elrfad::p1(const double* p, double* g, double* next) { return elrfad::p1(p, g, next); }
double sacado_elrfad::p2(const double* p, double* g, double* next) { return elrfad::p2(p, g, next); }
double sacado_elrfad::p4(const double* p, double* g, double* next) { return elrfad::p4(p, g, next); }
double sacado_elrfad::p5(const double* p, double* g, double* next) { return elrfad::p5(p, g, next); }
}  // namespace bench
