// typegrad/simd/vmath.hpp against MPFR: exp, expm1, log, log1p and tanh within 2 ulp of a 200-bit
// reference over their whole domains, their special values exactly as std:: gives them, and every pack
// type (pack2, pack4, pack8, native_pack) giving each lane the scalar function's bits.
//
// The inputs, from a fixed seed: random points in every binade of the domain (subnormals included, both
// signs where the function takes them), dense uniform points over the range where the result is neither
// 0, ±1 nor inf, points around each switch of method, and the edges (thresholds of overflow and
// underflow, ±0, ±inf, NaN, the poles). The error is |computed - exact| in ulps of the exact value:
// 2^(e-53) for |exact| in [2^(e-1), 2^e), and 2^-1074 below the normal range, so a result that underflows
// is held to the subnormal spacing. Where the exact value rounds to ±inf (or is ±inf, NaN), the result
// must be exactly that.
//
// Compile with -DTYPEGRAD_VMATH_TEST_SCALE=n to multiply the random points by n (a slower, denser run).
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <mpfr.h>

#include <boost/test/unit_test.hpp>

#include <typegrad/simd/vmath.hpp>

namespace simd = typegrad::simd;

#ifndef TYPEGRAD_VMATH_TEST_SCALE
#define TYPEGRAD_VMATH_TEST_SCALE 1
#endif

namespace {

constexpr int scale = TYPEGRAD_VMATH_TEST_SCALE;
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double max_ulps = 2.0;

std::string show(double v) {
    std::ostringstream os;
    os.precision(17);
    os << v << " (" << std::hexfloat << v << ")";
    return os.str();
}

/// Same bits, or both NaN.
bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
}

// ---------------------------------------------------------------------------------------------------
// The reference: MPFR at 200 bits.

using mpfr_fn = int (*)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t);

/// MPFR numbers for one comparison, allocated once.
class reference {
public:
    reference() {
        for (mpfr_ptr v : {x_, exact_, got_, diff_}) mpfr_init2(v, 200);
    }
    ~reference() {
        for (mpfr_ptr v : {x_, exact_, got_, diff_}) mpfr_clear(v);
    }
    reference(const reference&) = delete;
    reference& operator=(const reference&) = delete;

    /// The error of `got` as f(x), in ulps of the exact value; 0 if it is exactly right where that is
    /// not finite (±inf, NaN, or rounds to ±inf), and infinity if it is wrong there or not finite where
    /// the answer is.
    double ulps(mpfr_fn f, double x, double got) {
        mpfr_set_d(x_, x, MPFR_RNDN);
        f(exact_, x_, MPFR_RNDN);
        if (!mpfr_number_p(exact_)) {  // NaN or ±inf: exactly
            const double want = mpfr_get_d(exact_, MPFR_RNDN);
            return same(want, got) ? 0.0 : inf;
        }
        const double rounded = mpfr_get_d(exact_, MPFR_RNDN);
        if (std::isinf(rounded)) return rounded == got ? 0.0 : inf;  // overflows: must be inf
        if (!std::isfinite(got)) return inf;
        // ulp of the exact value: 2^(e - 53) for |exact| in [2^(e-1), 2^e), at least 2^-1074.
        long e = mpfr_zero_p(exact_) ? -2000 : mpfr_get_exp(exact_);
        if (e - 53 < -1074) e = -1074 + 53;
        mpfr_set_d(got_, got, MPFR_RNDN);
        mpfr_sub(diff_, got_, exact_, MPFR_RNDN);
        mpfr_mul_2si(diff_, diff_, -(e - 53), MPFR_RNDN);
        return std::fabs(mpfr_get_d(diff_, MPFR_RNDN));
    }

private:
    mpfr_t x_, exact_, got_, diff_;
};

// ---------------------------------------------------------------------------------------------------
// The inputs.

class inputs {
public:
    explicit inputs(std::uint64_t seed) : rng_(seed) {}

    std::vector<double> points;

    /// A random double in [2^b, 2^(b+1)) (for b < -1022: a subnormal with its leading bit at 2^b).
    double in_binade(int b) {
        const std::uint64_t r = rng_();
        if (b >= -1022) {
            const std::uint64_t bits = (static_cast<std::uint64_t>(b + 1023) << 52) | (r >> 12);
            return std::bit_cast<double>(bits);
        }
        const int lead = b + 1074;  // bit position of the leading 1, 0..51
        const std::uint64_t low = lead == 0 ? 0 : (r >> (64 - lead));
        return std::bit_cast<double>((std::uint64_t{1} << lead) | low);
    }

    /// n random points in each binade [2^b, 2^(b+1)) for lo <= b <= hi, with sign +1, -1 or both (0);
    /// and each binade's ends.
    void binades(int lo, int hi, int sign, int n) {
        for (int b = lo; b <= hi; ++b) {
            const double first = b >= -1022 ? std::ldexp(1.0, b) : std::bit_cast<double>(std::uint64_t{1} << (b + 1074));
            const double last = std::nextafter(2 * first, 0.0);
            for (int i = 0; i < n * scale + 2; ++i) {
                const double v = i == 0 ? first : i == 1 ? last : in_binade(b);
                if (sign >= 0) points.push_back(v);
                if (sign <= 0) points.push_back(-v);
            }
        }
    }

    /// n uniform random points in [lo, hi).
    void uniform(double lo, double hi, int n) {
        for (int i = 0; i < n * scale; ++i) {
            const double u = static_cast<double>(rng_() >> 11) * 0x1p-53;
            points.push_back(lo + (hi - lo) * u);
        }
    }

    /// x and its `n` neighbours on each side.
    void around(double x, int n = 3) {
        points.push_back(x);
        double up = x, down = x;
        for (int i = 0; i < n; ++i) {
            up = std::nextafter(up, inf);
            down = std::nextafter(down, -inf);
            points.push_back(up);
            points.push_back(down);
        }
    }

    /// The values every function sees: zeros, infinities, NaN, the extremes of the normal and subnormal
    /// ranges.
    void common_edges() {
        for (double v : {0.0, inf, qnan, std::numeric_limits<double>::min(), std::numeric_limits<double>::denorm_min(),
                         std::numeric_limits<double>::max(), 1.0, 0.5, 2.0}) {
            points.push_back(v);
            points.push_back(-v);
        }
        around(std::numeric_limits<double>::min());
        around(-std::numeric_limits<double>::min());
    }

private:
    std::mt19937_64 rng_;
};

// ---------------------------------------------------------------------------------------------------
// The checks.

template <class V>
using fn_of = V (*)(V);

struct fn_case {
    const char* name;
    fn_of<double> scalar;
    fn_of<simd::pack2> p2;
    fn_of<simd::pack4> p4;
    fn_of<simd::pack8> p8;
    fn_of<simd::native_pack> native;
    mpfr_fn exact;
};

#define TYPEGRAD_VMATH_CASE(f)                                                                          \
    fn_case {                                                                                           \
        #f, &simd::f<double>, &simd::f<simd::pack2>, &simd::f<simd::pack4>, &simd::f<simd::pack8>,      \
            &simd::f<simd::native_pack>, &mpfr_##f                                                     \
    }

/// GCC in GNU mode (-std=gnu++20, the default) fuses a*b + c into an FMA wherever the target has one
/// (-ffp-contract=fast), and it may pick different pairs in the scalar and the vector code of the same
/// function: then a lane can differ from the scalar result in the last bit (both still within the bound).
/// Clang fuses only within one source expression (-ffp-contract=on), the same in both, and without FMA
/// hardware, or in ISO mode (-std=c++20), GCC does not fuse. Only where it may, one ulp apart is let
/// through, and counted.
#if defined(__FP_FAST_FMA) && defined(__GNUC__) && !defined(__clang__) && !defined(__STRICT_ANSI__)
constexpr bool lanes_may_fuse_differently = true;
#else
constexpr bool lanes_may_fuse_differently = false;
#endif

/// a and b are finite and adjacent doubles.
bool one_ulp_apart(double a, double b) {
    return std::isfinite(a) && std::isfinite(b) && (std::nextafter(a, inf) == b || std::nextafter(a, -inf) == b);
}

/// Every lane of V's version equals the scalar version's result (bits, or both NaN).
template <class V>
void check_lanes(const char* name, fn_of<V> f, const std::vector<double>& xs, const std::vector<double>& ys) {
    constexpr int n = simd::lanes_of<V>;
    std::size_t mismatches = 0, fused_differently = 0;
    for (std::size_t i = 0; i < xs.size(); i += n) {
        double in[n], out[n];
        for (int j = 0; j < n; ++j) in[j] = xs[(i + j) % xs.size()];
        simd::store(out, f(simd::load<V>(in)));
        for (int j = 0; j < n; ++j) {
            const double want = ys[(i + j) % xs.size()];
            if (same(out[j], want)) continue;
            if (lanes_may_fuse_differently && one_ulp_apart(out[j], want)) {
                ++fused_differently;
            } else if (mismatches++ < 5) {
                BOOST_ERROR(name << " in " << n << " lanes at x = " << show(in[j]) << " gives " << show(out[j])
                                 << ", the scalar version " << show(want));
            }
        }
    }
    BOOST_TEST(mismatches == 0u, name << ": " << mismatches << " lanes differ from the scalar result in packs of " << n);
    if (fused_differently != 0) {
        BOOST_TEST_MESSAGE(name << ": " << fused_differently << " lanes one ulp from the scalar result in packs of " << n
                                << " (GCC fused a*b + c differently; -ffp-contract=off makes them equal)");
    }
}

/// The accuracy of c over xs (max ulps <= 2 and exact where not finite), then the packs.
void check(const fn_case& c, const std::vector<double>& xs) {
    reference ref;
    std::vector<double> ys(xs.size());
    double worst = 0.0, worst_x = 0.0;
    std::size_t failures = 0;
    for (std::size_t i = 0; i < xs.size(); ++i) {
        ys[i] = c.scalar(xs[i]);
        const double u = ref.ulps(c.exact, xs[i], ys[i]);
        if (u > worst) {
            worst = u;
            worst_x = xs[i];
        }
        if (!(u <= max_ulps) && failures++ < 10) {
            BOOST_ERROR(c.name << "(" << show(xs[i]) << ") = " << show(ys[i]) << ": " << u << " ulps");
        }
    }
    BOOST_TEST_MESSAGE(c.name << ": " << xs.size() << " points, max error " << worst << " ulp at x = " << show(worst_x));
    BOOST_TEST(worst <= max_ulps, c.name << ": max error " << worst << " ulp at x = " << show(worst_x));
    BOOST_TEST(failures == 0u);

    check_lanes<simd::pack2>(c.name, c.p2, xs, ys);
    check_lanes<simd::pack4>(c.name, c.p4, xs, ys);
    check_lanes<simd::pack8>(c.name, c.p8, xs, ys);
    check_lanes<simd::native_pack>(c.name, c.native, xs, ys);
}

/// f and g agree at each x (bits, or both NaN): the special values against std::.
void check_same_as_std(const char* name, fn_of<double> f, double (*g)(double), std::initializer_list<double> xs) {
    for (double x : xs) {
        BOOST_TEST(same(f(x), g(x)), name << "(" << show(x) << ") = " << show(f(x)) << ", std:: gives " << show(g(x)));
    }
}

double std_exp(double x) { return std::exp(x); }
double std_expm1(double x) { return std::expm1(x); }
double std_log(double x) { return std::log(x); }
double std_log1p(double x) { return std::log1p(x); }
double std_tanh(double x) { return std::tanh(x); }

const double denorm_min = std::numeric_limits<double>::denorm_min();
const double dbl_min = std::numeric_limits<double>::min();
const double dbl_max = std::numeric_limits<double>::max();

}  // namespace

BOOST_AUTO_TEST_SUITE(vmath)

BOOST_AUTO_TEST_CASE(lane_helpers) {
    static_assert(simd::lanes_of<double> == 1 && simd::lanes_of<simd::pack2> == 2 && simd::lanes_of<simd::pack4> == 4 &&
                  simd::lanes_of<simd::pack8> == 8);
    static_assert(simd::lanes_of<simd::native_pack> == simd::native_lanes);
    const double xs[8] = {1.0, 0x1p-60, -1.0, 3.0, -0.0, 5.0, 6.0, 7.0};
    const auto p = simd::load<simd::pack4>(xs);
    BOOST_TEST(simd::hsum(p) == ((1.0 + 0x1p-60) + -1.0) + 3.0);  // fixed order: 0x1p-60 is lost first
    const auto b = simd::broadcast<simd::pack8>(-0.0);
    for (int i = 0; i < 8; ++i) BOOST_TEST(std::signbit(b[i]));
    const auto q = simd::load<simd::pack8>(xs);
    const auto s = simd::select(q > 2.0, q, simd::broadcast<simd::pack8>(-1.0));
    double out[8];
    simd::store(out, s);
    for (int i = 0; i < 8; ++i) BOOST_TEST(out[i] == (xs[i] > 2.0 ? xs[i] : -1.0));
    BOOST_TEST(simd::select(true, 1.0, 2.0) == 1.0);
    BOOST_TEST(simd::hsum(3.5) == 3.5);
}

BOOST_AUTO_TEST_CASE(exp_within_2_ulp) {
    inputs in(1);
    in.common_edges();
    in.binades(-1074, 9, 0, 16);
    in.uniform(-746.0, 710.0, 20000);
    in.uniform(-1.0, 1.0, 5000);
    in.uniform(-745.5, -708.0, 5000);  // subnormal results
    in.uniform(700.0, 710.0, 2000);    // near overflow
    for (double v : {709.782712893383973096, -708.39641853226410622, -745.13321910194110842, -745.1332191019412,
                     0x1.62e42fefa39efp+9, -0x1.74910d52d3051p+9, -0x1.74910d52d3052p+9, 0x1p-28, -0x1p-28,
                     0x1p-54, -0x1p-54})
        in.around(v, 4);
    for (int k = -1075; k <= 1024; ++k) in.around((k + 0.5) * 0.6931471805599453, 1);  // rounding of k
    check(TYPEGRAD_VMATH_CASE(exp), in.points);
    check_same_as_std("exp", simd::exp<double>, std_exp,
                      {0.0, -0.0, inf, -inf, qnan, -qnan, 1e300, -1e300, 709.782712893384, 709.7827128933841, -746.0,
                       denorm_min, -denorm_min});
    BOOST_TEST(simd::exp(0.0) == 1.0);
    BOOST_TEST(std::isfinite(simd::exp(709.782712893383973096)));
    BOOST_TEST(simd::exp(std::nextafter(709.782712893383973096, inf)) == inf);
    BOOST_TEST(simd::exp(-745.13321910194110842) == denorm_min);
    BOOST_TEST(std::bit_cast<std::uint64_t>(simd::exp(-746.0)) == 0u);
}

BOOST_AUTO_TEST_CASE(expm1_within_2_ulp) {
    inputs in(2);
    in.common_edges();
    in.binades(-1074, 9, 0, 16);
    in.uniform(-40.0, 710.0, 20000);
    in.uniform(-2.0, 2.0, 10000);
    in.uniform(-0.5, 0.5, 5000);
    // Each switch of the method: k = round(x / ln 2) changes at (k + 1/2) ln 2; r < -0.25 for k = 1.
    for (int k : {-59, -58, -3, -2, -1, 0, 1, 2, 3, 19, 20, 21, 55, 56, 57, 1023, 1024}) {
        in.around((k + 0.5) * 0.6931471805599453, 3);
        in.uniform((k - 0.5) * 0.6931471805599453, (k + 0.5) * 0.6931471805599453, 200);
    }
    for (double v : {709.782712893383973096, 0.6931471805599453 - 0.25, -37.42994775023705, 0x1p-54, -0x1p-54,
                     0x1p-53, -0x1p-53})
        in.around(v, 4);
    check(TYPEGRAD_VMATH_CASE(expm1), in.points);
    check_same_as_std("expm1", simd::expm1<double>, std_expm1,
                      {0.0, -0.0, inf, -inf, qnan, -qnan, 1e300, -1e300, -50.0, 710.0, denorm_min, -denorm_min,
                       dbl_min, -dbl_min});
    for (double x : {denorm_min, -denorm_min, 0x1p-60, -0x1p-60, 1e-300, -1e-300})
        BOOST_TEST(simd::expm1(x) == x);
    BOOST_TEST(simd::expm1(-40.0) == -1.0);
}

BOOST_AUTO_TEST_CASE(log_within_2_ulp) {
    inputs in(3);
    in.common_edges();
    in.binades(-1074, 1023, +1, 16);
    in.binades(-1074, 1023, -1, 0);  // negatives: NaN (the binade ends only)
    in.uniform(0.5, 2.0, 20000);
    in.uniform(0.0, 10.0, 5000);
    for (int b = -53; b <= -2; ++b) {  // 1 +- a little
        for (int i = 0; i < 40 * scale; ++i) {
            const double d = in.in_binade(b);
            in.points.push_back(1.0 + d);
            in.points.push_back(1.0 - d);
        }
    }
    in.around(1.0, 8);
    for (double v : {0.7071067811865476, 1.4142135623730951, 0x1.6a09e667f3bcdp-600, 0x1.6a09e667f3bcdp+600})
        in.around(v, 3);
    check(TYPEGRAD_VMATH_CASE(log), in.points);
    check_same_as_std("log", simd::log<double>, std_log,
                      {0.0, -0.0, inf, -inf, qnan, -qnan, 1.0, -1.0, -denorm_min, denorm_min, dbl_max, -dbl_max});
    BOOST_TEST(std::bit_cast<std::uint64_t>(simd::log(1.0)) == 0u);
    BOOST_TEST(simd::log(0.0) == -inf);
    BOOST_TEST(simd::log(-0.0) == -inf);
    BOOST_TEST(std::isnan(simd::log(-1e-300)));
}

BOOST_AUTO_TEST_CASE(log1p_within_2_ulp) {
    inputs in(4);
    in.common_edges();
    in.binades(-1074, 1023, +1, 12);
    in.binades(-1074, -1, -1, 16);  // (-1, 0)
    in.binades(0, 1023, -1, 0);     // below -1: NaN (the binade ends only)
    in.uniform(-1.0, 1.0, 20000);
    in.uniform(-0.3, 0.42, 5000);
    for (int b = -60; b <= -1; ++b) {  // -1 + a little
        for (int i = 0; i < 40 * scale; ++i) in.points.push_back(-1.0 + in.in_binade(b));
    }
    for (double v : {-1.0, 0.41421356237309503, -0.29289321881345243, 1.0, 0x1p-54, -0x1p-54, 0x1p-29, -0x1p-29,
                     0x1p53, 0x1p54})
        in.around(v, 4);
    check(TYPEGRAD_VMATH_CASE(log1p), in.points);
    check_same_as_std("log1p", simd::log1p<double>, std_log1p,
                      {0.0, -0.0, inf, -inf, qnan, -qnan, -1.0, std::nextafter(-1.0, -inf), -2.0, dbl_max, -dbl_max,
                       denorm_min, -denorm_min});
    for (double x : {denorm_min, -denorm_min, 0x1p-60, -0x1p-60, 1e-300, -1e-300})
        BOOST_TEST(simd::log1p(x) == x);
    BOOST_TEST(simd::log1p(-1.0) == -inf);
    BOOST_TEST(std::isnan(simd::log1p(-1.5)));
    BOOST_TEST(std::signbit(simd::log1p(-0.0)));
}

BOOST_AUTO_TEST_CASE(tanh_within_2_ulp) {
    inputs in(5);
    in.common_edges();
    in.binades(-1074, 5, 0, 16);
    in.binades(6, 1023, 0, 1);
    in.uniform(-20.0, 20.0, 30000);
    in.uniform(-1.5, 1.5, 10000);
    in.uniform(0.8, 1.0, 3000);  // the switch at |x| = 0.9
    for (double v : {0.9, -0.9, 1.0, 19.061547465398498, -19.061547465398498, 0x1p-26, 0x1p-27, 0.55, -0.55})
        in.around(v, 4);
    check(TYPEGRAD_VMATH_CASE(tanh), in.points);
    check_same_as_std("tanh", simd::tanh<double>, std_tanh,
                      {0.0, -0.0, inf, -inf, qnan, -qnan, 30.0, -30.0, 1e300, -1e300, denorm_min, -denorm_min, dbl_min,
                       -dbl_min});
    for (double x : {denorm_min, -denorm_min, 0x1p-30, -0x1p-30, 1e-300, -1e-300})
        BOOST_TEST(simd::tanh(x) == x);
    BOOST_TEST(simd::tanh(inf) == 1.0);
    BOOST_TEST(simd::tanh(-inf) == -1.0);
}

BOOST_AUTO_TEST_SUITE_END()
