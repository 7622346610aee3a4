// P3 by hand, in SIMD lanes: the scalar loop's formulas (p3_hand.hpp) on W points at once, with glibc's
// vector maths (libmvec, glibc 2.35+: exp since 2.22, log1p since 2.35), called directly through the
// x86-64 vector function ABI names:
//   AVX2 (-mavx2, e.g. -march=native): W = 4, _ZGVdN4v_exp and _ZGVdN4v_log1p;
//   otherwise SSE2 (the x86-64 default, -O2): W = 2, _ZGVbN2v_exp and _ZGVbN2v_log1p (glibc picks their
//   SSE4.1 code at run time where the CPU has it, else code that calls the scalar function per lane).
// Arithmetic is written with the compilers' vector types (__m256d / __m128d), selects and max with
// intrinsics, so neither -ffast-math nor the auto-vectorizer is needed: this file is compiled with the
// same flags as the rest. The accumulators are vectors, added lane by lane (lane 0 first) at the end;
// the points that do not fill a vector run through the scalar kernel. P3L/2: two fixed halves, cut at
// a multiple of W, on two threads (p3_hand.hpp).
#include <cstddef>

#include <immintrin.h>

#include "p3.hpp"
#include "p3_hand.hpp"

#if !defined(__x86_64__) || !defined(__SSE2__)
#error "p3_hand_simd.cpp is written for x86-64 (SSE2 or AVX2)"
#endif

namespace bench::hand_simd {
namespace {
#if defined(__AVX2__)
constexpr int W = 4;
using V = __m256d;
extern "C" V _ZGVdN4v_exp(V) noexcept;
extern "C" V _ZGVdN4v_log1p(V) noexcept;
inline V vexp(V x) { return _ZGVdN4v_exp(x); }
inline V vlog1p(V x) { return _ZGVdN4v_log1p(x); }
inline V set1(double x) { return _mm256_set1_pd(x); }
inline V load(const double* p) { return _mm256_loadu_pd(p); }
inline V max0(V z) { return _mm256_max_pd(z, _mm256_setzero_pd()); }
inline V minus_abs(V z) { return _mm256_or_pd(z, _mm256_set1_pd(-0.0)); }
/// z >= 0 ? a : b, per lane.
inline V if_nonnegative(V z, V a, V b) {
    return _mm256_blendv_pd(b, a, _mm256_cmp_pd(z, _mm256_setzero_pd(), _CMP_GE_OQ));
}
#define TG_P3_SIMD "AVX2, 4 lanes, libmvec _ZGVdN4v_exp and _ZGVdN4v_log1p"
#else
constexpr int W = 2;
using V = __m128d;
extern "C" V _ZGVbN2v_exp(V) noexcept;
extern "C" V _ZGVbN2v_log1p(V) noexcept;
inline V vexp(V x) { return _ZGVbN2v_exp(x); }
inline V vlog1p(V x) { return _ZGVbN2v_log1p(x); }
inline V set1(double x) { return _mm_set1_pd(x); }
inline V load(const double* p) { return _mm_loadu_pd(p); }
inline V max0(V z) { return _mm_max_pd(z, _mm_setzero_pd()); }
inline V minus_abs(V z) { return _mm_or_pd(z, _mm_set1_pd(-0.0)); }
inline V if_nonnegative(V z, V a, V b) {
    const V m = _mm_cmpge_pd(z, _mm_setzero_pd());
    return _mm_or_pd(_mm_and_pd(m, a), _mm_andnot_pd(m, b));
}
#define TG_P3_SIMD "SSE2, 2 lanes, libmvec _ZGVbN2v_exp and _ZGVbN2v_log1p"
#endif

inline double lanes_sum(V v) {
    double s = v[0];
    for (int l = 1; l < W; ++l) s += v[l];
    return s;
}

p3_hand::sums part(const double* p, const p3::points_view& d, std::size_t begin, std::size_t end) {
    const V b1v = set1(p[0]), b2v = set1(p[1]), b3v = set1(p[2]), w1v = set1(p[3]), w2v = set1(p[4]),
            w3v = set1(p[5]), w4v = set1(p[6]), one = set1(1.0), two = set1(2.0);
    V value = set1(0), g0 = value, g1 = value, g2 = value, g3 = value, g4 = value, g5 = value, g6 = value;
    std::size_t i = begin;
    for (; i + W <= end; i += W) {
        const V xv = load(d.x + i), yv = load(d.y + i);
        const V z1 = w1v * xv + b1v, z2 = w2v * xv + b2v;
        const V e1 = vexp(minus_abs(z1)), e2 = vexp(minus_abs(z2));
        const V a1 = max0(z1) + vlog1p(e1), a2 = max0(z2) + vlog1p(e2);
        const V q1 = one / (one + e1), q2 = one / (one + e2);
        const V s1 = if_nonnegative(z1, q1, e1 * q1), s2 = if_nonnegative(z2, q2, e2 * q2);
        const V r = (w3v * a1 + w4v * a2 + b3v) - yv;
        value += r * r;
        const V dr = two * r;
        const V t1 = dr * w3v * s1, t2 = dr * w4v * s2;
        g0 += t1;
        g1 += t2;
        g2 += dr;
        g3 += t1 * xv;
        g4 += t2 * xv;
        g5 += dr * a1;
        g6 += dr * a2;
    }
    p3_hand::sums s;
    s.value = lanes_sum(value);
    const V g[p3::n] = {g0, g1, g2, g3, g4, g5, g6};
    for (std::size_t k = 0; k < p3::n; ++k) s.g[k] = lanes_sum(g[k]);
    for (; i < end; ++i) p3_hand::add_point(p, d.x[i], d.y[i], s);
    return s;
}

double gradient(std::size_t count, const double* p, double* g) {
    const p3::points_view d = p3::data(count);
    return part(p, d, 0, d.size).write(g);
}
}  // namespace

const char* const description = TG_P3_SIMD;

double p3(const double* p, double* g, double*) { return gradient(p3::points, p, g); }
double p3l1(const double* p, double* g, double*) { return gradient(p3::large_points, p, g); }
double p3l2(const double* p, double* g, double*) {
    static p3_hand::two_threads threads;  // started at the first call (the agreement check), kept
    const p3::points_view d = p3::data(p3::large_points);
    return p3_hand::on_two_threads(threads, d.size, W, [&](std::size_t b, std::size_t e) { return part(p, d, b, e); }, g);
}
}  // namespace bench::hand_simd
