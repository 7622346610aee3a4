// ADOL-C 2.7, reverse mode on a recorded tape, two ways:
//   adolc_once:   each problem's loss is recorded (trace_on/trace_off) on the first call only; every
//                 gradient then replays that tape: zos_forward (keep = 1) and fos_reverse. Valid here
//                 because the sample, the data and the control flow are fixed (softplus branches with
//                 condassign, which the tape records).
//   adolc_retape: every gradient records the tape afresh with keep = 1 (the forward sweep happens while
//                 recording) and runs fos_reverse on it.
#include <array>
#include <cstddef>

#include <adolc/adolc.h>

#include "problems.hpp"

namespace bench {
namespace {
/// Stable softplus on the tape: max(z,0) + log(1 + exp(-|z|)), with max and |z| as condassign, so that a
/// replayed tape takes the right branch for the values it is given (ADOL-C has no log1p).
adouble softplus(const adouble& z) {
    adouble minus_abs = z;
    condassign(minus_abs, z, -z);  // z > 0 ? -z : z
    adouble positive = 0.0;
    condassign(positive, z, z);  // z > 0 ? z : 0
    return positive + log(1.0 + exp(minus_abs));
}

adouble p1_loss(const adouble* q) {
    using namespace bench::p1;
    adouble s = 0.0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const adouble r = (q[1] * xs[i] + q[0]) - ys[i];
        s += r * r;
    }
    return s;
}

adouble p2_loss(const adouble* q) {
    using namespace bench::p2;
    adouble s = 0.0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        const adouble r = (q[5] * softplus(q[3] * xs[i] + q[0]) + q[6] * softplus(q[4] * xs[i] + q[1]) + q[2]) - ys[i];
        s += r * r;
    }
    return s;
}

adouble p5_loss(const adouble* q) {
    using namespace bench::p5;
    adouble o = q[c];
    for (std::size_t j = 0; j < hidden; ++j) {
        adouble z = q[b(j)];
        for (std::size_t k = 0; k < inputs; ++k) z += q[w(j, k)] * x[k];
        o += q[v(j)] * tanh(z);
    }
    const adouble r = o - y;
    return r * r;
}

using loss_fn = adouble (*)(const adouble*);

/// Records loss at p on tape `tag`, keeping the forward sweep's values (keep = 1) for a reverse sweep.
template <std::size_t N>
double record(short tag, loss_fn loss, const double* p) {
    trace_on(tag, 1);
    std::array<adouble, N> q;
    for (std::size_t k = 0; k < N; ++k) q[k] <<= p[k];
    double value = 0;
    loss(q.data()) >>= value;
    trace_off();
    return value;
}

template <std::size_t N>
void reverse(short tag, double* g) {
    double weight = 1;
    fos_reverse(tag, 1, static_cast<int>(N), &weight, g);
}

/// Tape once: record on the first call, replay afterwards.
template <std::size_t N>
double once_gradient(short tag, loss_fn loss, bool& recorded, const double* p, double* g) {
    if (!recorded) {
        record<N>(tag, loss, p);
        recorded = true;
    }
    double value = 0;
    zos_forward(tag, 1, static_cast<int>(N), 1, p, &value);
    reverse<N>(tag, g);
    return value;
}

template <std::size_t N>
double retape_gradient(short tag, loss_fn loss, const double* p, double* g) {
    const double value = record<N>(tag, loss, p);
    reverse<N>(tag, g);
    return value;
}

template <class Gradient>
double p4_train(Gradient gradient, const double* p, double* g, double* next) {
    using namespace bench::p4;
    for (std::size_t k = 0; k < n; ++k) next[k] = p[k];
    double value = 0;
    for (std::size_t step = 0; step < steps; ++step) {
        value = gradient(next, g);
        for (std::size_t k = 0; k < n; ++k) next[k] -= learning_rate * g[k];
    }
    return value;
}

template <class Gradient>
double p5_step(Gradient gradient, const double* p, double* g, double* next) {
    using namespace bench::p5;
    const double value = gradient(p, g);
    for (std::size_t k = 0; k < n; ++k) next[k] = p[k] - learning_rate * g[k];
    return value;
}

bool recorded_p1 = false, recorded_p2 = false, recorded_p4 = false, recorded_p5 = false;
}  // namespace

double adolc_once::p1(const double* p, double* g, double*) {
    return once_gradient<p1::n>(1, p1_loss, recorded_p1, p, g);
}
double adolc_once::p2(const double* p, double* g, double*) {
    return once_gradient<p2::n>(2, p2_loss, recorded_p2, p, g);
}
double adolc_once::p4(const double* p, double* g, double* next) {
    return p4_train([](const double* q, double* gq) { return once_gradient<p2::n>(4, p2_loss, recorded_p4, q, gq); },
                    p, g, next);
}
double adolc_once::p5(const double* p, double* g, double* next) {
    return p5_step([](const double* q, double* gq) { return once_gradient<p5::n>(5, p5_loss, recorded_p5, q, gq); },
                   p, g, next);
}

double adolc_retape::p1(const double* p, double* g, double*) { return retape_gradient<p1::n>(11, p1_loss, p, g); }
double adolc_retape::p2(const double* p, double* g, double*) { return retape_gradient<p2::n>(12, p2_loss, p, g); }
double adolc_retape::p4(const double* p, double* g, double* next) {
    return p4_train([](const double* q, double* gq) { return retape_gradient<p2::n>(14, p2_loss, q, gq); }, p, g,
                    next);
}
double adolc_retape::p5(const double* p, double* g, double* next) {
    return p5_step([](const double* q, double* gq) { return retape_gradient<p5::n>(15, p5_loss, q, gq); }, p, g,
                   next);
}
}  // namespace bench
