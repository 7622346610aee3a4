// P3 by hand, scalar: P2's careful fused gradient (p3_hand.hpp's add_point) summed over the points, one
// point at a time, with libm's exp and log1p. P3L/2: two fixed halves on two threads.
#include <cmath>
#include <cstddef>

#include "p3.hpp"
#include "p3_hand.hpp"

namespace bench::hand {
namespace {
using p3_hand::sums;

sums part(const double* p, const p3::points_view& d, std::size_t begin, std::size_t end) {
    sums s;
    for (std::size_t i = begin; i < end; ++i) p3_hand::add_point(p, d.x[i], d.y[i], s);
    return s;
}

double gradient(std::size_t count, const double* p, double* g) {
    const p3::points_view d = p3::data(count);
    return part(p, d, 0, d.size).write(g);
}
}  // namespace

double p3(const double* p, double* g, double*) { return gradient(p3::points, p, g); }
double p3l1(const double* p, double* g, double*) { return gradient(p3::large_points, p, g); }
double p3l2(const double* p, double* g, double*) {
    static p3_hand::two_threads threads;  // started at the first call (the agreement check), kept
    const p3::points_view d = p3::data(p3::large_points);
    return p3_hand::on_two_threads(threads, d.size, 1, [&](std::size_t b, std::size_t e) { return part(p, d, b, e); }, g);
}

double p3_reference(std::size_t count, const double* p, double* g, double* abs_terms) {
    const p3::points_view d = p3::data(count);
    sums s, a;
    for (std::size_t i = 0; i < d.size; ++i) {
        sums one;
        p3_hand::add_point(p, d.x[i], d.y[i], one);
        s.add(one);
        a.value += std::fabs(one.value);
        for (std::size_t k = 0; k < p3::n; ++k) a.g[k] += std::fabs(one.g[k]);
    }
    abs_terms[0] = a.value;
    for (std::size_t k = 0; k < p3::n; ++k) abs_terms[1 + k] = a.g[k];
    return s.write(g);
}
}  // namespace bench::hand
