// typegrad/simd/vmath.hpp: exp, expm1, log, log1p and tanh for double and for packs of doubles in SIMD
// lanes (typegrad/simd/lanes.hpp), written so that they vectorize: only arithmetic, comparisons, select()
// and bit manipulation; no branch on a value, no table, no call to libm. The same template serves one
// sample (double) and N samples at once (pack2/pack4/pack8), and each lane of a pack gets exactly the
// bits that the double version gives for that input (same operations in the same order), so batched and
// scalar results agree bit for bit when both are compiled with the same floating-point flags. (If the
// compiler is allowed to fuse a*b+c into an FMA, e.g. GCC's default -ffp-contract=fast with -mfma, it may
// fuse differently in the two; the error bounds below hold either way.)
//
// Every branch of a function is computed for every lane and the right result is selected, so a lane that
// takes one path evaluates the others on inputs they were not meant for: those intermediate results
// (inf, NaN) are discarded. Nothing here reads the floating-point environment or relies on exceptions;
// the rounding mode must be round-to-nearest, and -ffast-math (-ffinite-math-only) would break the
// handling of inf and NaN.
//
// Accuracy: measured against MPFR (200 bits) by test/simd/vmath_test.cpp, which samples every binade of
// each domain, subnormals and the edges listed with each function; the error is in ulps of the exact
// result (2^-1074 below the normal range). The "measured error" of each function below is the maximum
// over 1.6 to 2 million points (the test at TYPEGRAD_VMATH_TEST_SCALE=25), compiled with and without FMA
// contraction; the test holds every function to 2 ulp. Special values (±0, ±inf, NaN, poles) follow std::
// exactly.
//
// Vectorization: a pack argument compiles to straight vector code (no call, no branch) with GCC and
// Clang. A loop over doubles calling the double version is auto-vectorized by Clang at -O2 and -O3 (SSE2
// and up), and by GCC with SSE4.2 or AVX (-march=x86-64-v2 or -v3; at -O2 only loops of a known trip
// count, GCC's cheap cost model); GCC 12 does not vectorize it for plain SSE2, where it cannot widen a
// comparison to a 64-bit mask: there, call with pack2.
//
// The kernels of exp, expm1, log and log1p (their formulas and coefficients) are fdlibm's e_exp.c,
// s_expm1.c, e_log.c and s_log1p.c, rewritten without branches; fdlibm's notice:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunPro, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely granted, provided that
//   this notice is preserved.
// tanh's kernel is a convergent of Lambert's continued fraction.
#pragma once

#include <cstdint>
#include <limits>
#include <type_traits>

#include "typegrad/simd/lanes.hpp"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace typegrad::simd {

namespace detail {

// ln 2 = ln2_hi + ln2_lo: ln2_hi has 32 significant bits, so k*ln2_hi is exact for |k| < 2^21.
inline constexpr double ln2_hi = 0x1.62e42feep-1;            // 6.93147180369123816490e-01
inline constexpr double ln2_lo = 0x1.a39ef35793c76p-33;      // 1.90821492927058770002e-10
inline constexpr double inv_ln2 = 0x1.71547652b82fep0;       // 1/ln 2
inline constexpr double round_magic = 0x1.8p52;              // x + 1.5*2^52 - 1.5*2^52: x rounded to an integer
inline constexpr std::uint64_t round_magic_bits = 0x4338000000000000;
inline constexpr std::uint64_t sign_bit = 0x8000000000000000;
inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double qnan = std::numeric_limits<double>::quiet_NaN();

/// x with its lanes clamped to [lo, hi]; NaN lanes stay NaN.
template <lane_type V>
constexpr V clamp(V x, double lo, double hi) noexcept {
    return select(x < lo, broadcast<V>(lo), select(x > hi, broadcast<V>(hi), x));
}

/// |x| lane-wise (clears the sign bit; NaN stays NaN).
template <lane_type V>
constexpr V abs(V x) noexcept {
    return from_bits<V>(to_bits(x) & ~sign_bit);
}

/// k = round(x / ln 2) for |x| < 2^50: as a double (kd) and as a 64-bit two's-complement integer (k).
template <lane_type V>
struct reduction {
    V kd;
    bits_of<V> k;
};
template <lane_type V>
constexpr reduction<V> nearest_multiple_of_ln2(V x) noexcept {
    const V t = x * inv_ln2 + round_magic;
    return {t - round_magic, to_bits(t) - round_magic_bits};
}

/// 2^k for -1022 <= k <= 1023 (k as the integer lanes of nearest_multiple_of_ln2, plus an offset).
template <lane_type V>
constexpr V pow2(bits_of<V> k) noexcept {
    return from_bits<V>((k + std::uint64_t{1023}) << 52);
}

/// log(2^k (1 + f)) + c for sqrt(2)/2 - 1 <= f <= sqrt(2) - 1, with k an integer given as a double
/// (fdlibm's e_log.c / s_log1p.c kernel): s = f/(2+f), log(1+f) = 2 atanh(s) = f - hfsq + s*(hfsq + R(s^2))
/// with hfsq = f^2/2 and R a degree-7 minimax polynomial in s^2 (error < 2^-58.45), and
/// k*ln 2 in two parts. c is a small correction (|c| < ulp(f)), added with the low parts.
template <lane_type V>
constexpr V log_kernel(V f, V dk, V c) noexcept {
    constexpr double lg1 = 0x1.5555555555593p-1;  // 6.666666666666735130e-01
    constexpr double lg2 = 0x1.999999997fa04p-2;  // 3.999999999940941908e-01
    constexpr double lg3 = 0x1.2492494229359p-2;  // 2.857142874366239149e-01
    constexpr double lg4 = 0x1.c71c51d8e78afp-3;  // 2.222219843214978396e-01
    constexpr double lg5 = 0x1.7466496cb03dep-3;  // 1.818357216161805012e-01
    constexpr double lg6 = 0x1.39a09d078c69fp-3;  // 1.531383769920937332e-01
    constexpr double lg7 = 0x1.2f112df3e5244p-3;  // 1.479819860511658591e-01
    const V hfsq = 0.5 * f * f;
    const V s = f / (2.0 + f);
    const V z = s * s;
    const V w = z * z;
    const V t1 = w * (lg2 + w * (lg4 + w * lg6));
    const V t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
    const V r = t2 + t1;
    return dk * ln2_hi - ((hfsq - (s * (hfsq + r) + (dk * ln2_lo + c))) - f);
}

/// For positive normal x: x = 2^k m with sqrt(2)/2 <= m < sqrt(2); gives m and k (as a double).
template <lane_type V>
struct split {
    V m;
    V dk;
};
template <lane_type V>
constexpr split<V> split_sqrt2(V x) noexcept {
    // Adding 1 - sqrt(2)/2 to the bits carries into the exponent exactly when the mantissa is at least
    // sqrt(2)'s; then m's bits are the mantissa under the exponent of sqrt(2)/2 or of 1.
    constexpr std::uint64_t half_sqrt2 = 0x3fe6a09e667f3bcd;
    const bits_of<V> t = to_bits(x) + (std::uint64_t{0x3ff0000000000000} - half_sqrt2);
    const V m = from_bits<V>((t & std::uint64_t{0x000fffffffffffff}) + half_sqrt2);
    // The biased exponent e (< 2^11) as a double: the bits of 2^52 + e, less 2^52.
    const V e = from_bits<V>((t >> 52) | std::uint64_t{0x4330000000000000});
    return {m, e - (0x1p52 + 1023.0)};
}

}  // namespace detail

/// e^x, lane-wise.
///
/// Method (fdlibm e_exp.c without branches): k = round(x/ln 2), r = x - k ln2_hi - k ln2_lo (Cody-Waite,
/// the first product exact), e^r = 1 + r + r c/(2 - c) with c = r - r^2 P(r^2), P a degree-5 minimax
/// polynomial (error < 2^-59), then e^x = 2^k e^r, applied as two exact powers of two so that results
/// near the overflow threshold and in the subnormal range are rounded once.
///
/// Measured error: at most 0.90 ulp (at x = 597.839), subnormal results included.
/// Edges: e^x is finite up to x = 709.782712893383973 (DBL_MAX's log, rounded down) and +inf above;
/// subnormal from x < -708.3964; +0 below -745.1332 (exactly where the result rounds to zero);
/// e^±0 = 1; e^+inf = +inf, e^-inf = +0, NaN gives NaN.
template <lane_type V>
[[gnu::always_inline]] constexpr V exp(V x) noexcept {
    using detail::ln2_hi;
    using detail::ln2_lo;
    constexpr double p1 = 0x1.555555555553ep-3;   //  1.66666666666666019037e-01
    constexpr double p2 = -0x1.6c16c16bebd93p-9;  // -2.77777777770155933842e-03
    constexpr double p3 = 0x1.1566aaf25de2cp-14;  //  6.61375632143793436117e-05
    constexpr double p4 = -0x1.bbd41c5d26bf1p-20; // -1.65339022054652515390e-06
    constexpr double p5 = 0x1.6376972bea4d0p-25;  //  4.13813679705723846039e-08

    // Beyond [-746, 710] the result is 0 or inf anyway; the clamp keeps k in range (-1076 <= k <= 1024).
    const V xc = detail::clamp(x, -746.0, 710.0);
    const auto [kd, k] = detail::nearest_multiple_of_ln2(xc);
    const V hi = xc - kd * ln2_hi;  // exact
    const V lo = kd * ln2_lo;
    const V r = hi - lo;
    const V t = r * r;
    const V c = r - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
    const V y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    // 2^k = 2^k1 * 2^k2 with k1 = floor(k/2), k2 = k - k1: y * 2^k1 is exact (normal), and the second
    // product rounds once, to a subnormal or to inf where the result is one.
    const bits_of<V> k1 = ((k + std::uint64_t{2048}) >> 1) - std::uint64_t{1024};
    return (y * detail::pow2<V>(k1)) * detail::pow2<V>(k - k1);
}

/// e^x - 1, lane-wise, accurate where e^x is close to 1.
///
/// Method (fdlibm s_expm1.c without branches): k = round(x/ln 2), r = x - k ln 2 in two parts hi - lo
/// with the rounding error c of r; e^r - 1 = r + r^2/2 + e, where the small correction e comes from
/// r1 = 1 + (r^2/2) Q(r^2/2), Q a degree-5 minimax polynomial (error < 2^-61), as
/// e = (r^2/2) (r1 - t)/(6 - r t) with t = 3 - r1 r/2; then 2^k (e^r - 1 + 1) - 1, arranged so that
/// nothing cancels, in six cases by k (0, -1, 1, 2..19, 20..56, other): all computed, one selected.
///
/// Measured error: at most 0.85 ulp (at x = 0.3467; 0.82 ulp without FMA contraction).
/// Edges: expm1(x) = x (exactly) for |x| < 2^-54 and subnormal x; expm1(±0) = ±0; -1 (rounded) below
/// x = -37.43; finite up to x = 709.782712893383973 and +inf above; expm1(-inf) = -1,
/// expm1(+inf) = +inf, NaN gives NaN.
template <lane_type V>
[[gnu::always_inline]] constexpr V expm1(V x) noexcept {
    using detail::ln2_hi;
    using detail::ln2_lo;
    // Scaled Q's: Qn here = 2^n Qn of the kernel, for R(2 z) with z = r^2/2.
    constexpr double q1 = -0x1.11111111110f4p-5;  // -3.33333333333331316428e-02
    constexpr double q2 = 0x1.a01a019fe5585p-10;  //  1.58730158725481460165e-03
    constexpr double q3 = -0x1.4ce199eaadbb7p-14; // -7.93650757867487942473e-05
    constexpr double q4 = 0x1.0cfca86e65239p-18;  //  4.00821782732936239552e-06
    constexpr double q5 = -0x1.afdb76e09c32dp-23; // -2.01099218183624371326e-07

    // Below -40 the result is -1 (rounded); above 710, +inf. The clamp keeps -58 <= k <= 1024.
    const V xc = detail::clamp(x, -40.0, 710.0);
    const auto [kd, k] = detail::nearest_multiple_of_ln2(xc);
    const V hi = xc - kd * ln2_hi;  // exact; for k = 0, hi = x and lo = 0
    const V lo = kd * ln2_lo;
    const V r = hi - lo;
    const V c = (hi - r) - lo;  // r + c = hi - lo, up to the rounding of lo

    const V hfx = 0.5 * r;
    const V hxs = r * hfx;
    const V r1 = 1.0 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))));
    const V t = 3.0 - r1 * hfx;
    const V e = hxs * ((r1 - t) / (6.0 - r * t));  // e^r - 1 = r - (r e - hxs)

    // k = 0: e^r - 1 directly.
    const V y0 = r - (r * e - hxs);
    // k != 0: with the correction c.
    const V ec = (r * (e - c) - c) - hxs;
    const V ym1 = 0.5 * (r - ec) - 0.5;                                                // k = -1
    const V yp1 = select(r < -0.25, -2.0 * (ec - (r + 0.5)), 1.0 + 2.0 * (r - ec));  // k = 1
    // 2^k applied as 2^(k-1) * 2 (exact) so that k = 1024 needs no exception; 2^-k for 2 <= k <= 56.
    const V two_k_half = detail::pow2<V>(k - std::uint64_t{1});
    const V two_minus_k = detail::pow2<V>(std::uint64_t{0} - k);
    const V yfar = ((1.0 - (ec - r)) * two_k_half) * 2.0 - 1.0;                    // k <= -2 or k > 56
    const V ylow = (((1.0 - two_minus_k) - (ec - r)) * two_k_half) * 2.0;         // 2 <= k <= 19
    const V yhigh = (((r - (ec + two_minus_k)) + 1.0) * two_k_half) * 2.0;        // 20 <= k <= 56

    return select(kd > 56.0, yfar,
                  select(kd >= 20.0, yhigh,
                         select(kd >= 2.0, ylow,
                                select(kd == 1.0, yp1, select(kd == 0.0, y0, select(kd == -1.0, ym1, yfar))))));
}

/// Natural logarithm, lane-wise.
///
/// Method (fdlibm e_log.c without branches): x = 2^k m with sqrt(2)/2 <= m < sqrt(2) by integer
/// arithmetic on the bits (subnormal x scaled by 2^54 first), then log x = k ln 2 + log(1 + f) with
/// f = m - 1 exact, through detail::log_kernel.
///
/// Measured error: at most 0.86 ulp (at x = 1.398).
/// Edges: log(1) = +0, exact; log(±0) = -inf; log(x < 0) = NaN (including -inf); log(+inf) = +inf;
/// NaN gives NaN; subnormal x is handled in full precision (log(2^-1074) = -744.44...).
template <lane_type V>
[[gnu::always_inline]] constexpr V log(V x) noexcept {
    using detail::inf;
    const auto tiny = x < 0x1p-1022;
    const V xs = select(tiny, x * 0x1p54, x);  // subnormals (and zeros, negatives: fixed below)
    const auto [m, dk] = detail::split_sqrt2(xs);
    const V r = detail::log_kernel(m - 1.0, dk - select(tiny, broadcast<V>(54.0), broadcast<V>(0.0)),
                                   broadcast<V>(0.0));
    // 0 < x < inf: r. Else: +inf for +inf, -inf for ±0, NaN below 0 and for NaN (NaN kept).
    const V special = select(x == 0.0, broadcast<V>(-inf),
                             select(x > 0.0, x, select(x < 0.0, broadcast<V>(detail::qnan), x)));
    return select(mask_and(x > 0.0, x < inf), r, special);
}

/// log(1 + x), lane-wise, accurate where x is small.
///
/// Method (fdlibm s_log1p.c without branches): u = 1 + x rounded, with its rounding error c (exact, by
/// Fast2Sum); u = 2^k m with sqrt(2)/2 <= m < sqrt(2) and log(1 + x) = k ln 2 + log(m) + c/u through
/// detail::log_kernel; where k = 0 (-0.2929 < x < 0.4142) f = x itself and no correction.
///
/// Measured error: at most 0.82 ulp (at x = 0.4037).
/// Edges: log1p(x) = x (exactly) for |x| < 2^-54 and subnormal x; log1p(±0) = ±0; log1p(-1) = -inf;
/// log1p(x < -1) = NaN (including -inf); log1p(+inf) = +inf; NaN gives NaN.
template <lane_type V>
[[gnu::always_inline]] constexpr V log1p(V x) noexcept {
    using detail::inf;
    const V u = 1.0 + x;
    const V err = select(x > 1.0, 1.0 - (u - x), x - (u - 1.0));  // u + err = 1 + x exactly
    const auto [m, dk] = detail::split_sqrt2(u);
    const auto k0 = dk == 0.0;
    const V f = select(k0, x, m - 1.0);
    const V c = select(k0, broadcast<V>(0.0), err / u);
    const V r = detail::log_kernel(f, dk, c);
    // -1 < x < inf, x != 0: r. Else: ±0 and +inf and NaN unchanged, -inf at -1, NaN below -1.
    const V special = select(x == -1.0, broadcast<V>(-inf), select(x < -1.0, broadcast<V>(detail::qnan), x));
    return select(mask_and(mask_and(x > -1.0, x < inf), x != 0.0), r, special);
}

/// Hyperbolic tangent, lane-wise.
///
/// Method: for |x| < 0.9, tanh|x| = |x| - |x|^3 D(x^2)/Q(x^2), the 9th convergent of Lambert's continued
/// fraction tanh x = x/(1 + x^2/(3 + x^2/(5 + ...))) (exact integer coefficients, all positive; relative
/// truncation error < 7e-20 on [0, 1]); from |x| = 0.9 on, tanh|x| = 1 - 2/(e^(2|x|) + 1) with this
/// header's exp, where 2/(e^(2|x|) + 1) < 0.29 so the error of exp is damped. (The switch at 0.9 is where
/// the two errors cross, both about 1 ulp.) The sign is copied from x.
///
/// Measured error: at most 1.05 ulp (at x = 0.8388, the continued fraction just below the switch).
/// Edges: tanh(x) = x (exactly) for |x| < 2^-26.5 and subnormal x; tanh(±0) = ±0; ±1 (rounded) beyond
/// |x| = 19.06; tanh(±inf) = ±1; NaN gives NaN.
template <lane_type V>
[[gnu::always_inline]] constexpr V tanh(V x) noexcept {
    const V ax = detail::abs(x);
    const V z = ax * ax;
    // Continued fraction: tanh x = x P(z)/Q(z), Q - P = z D(z).
    const V q = 654729075.0 + z * (310134825.0 + z * (18918900.0 + z * (315315.0 + z * (1485.0 + z))));
    const V d = 218243025.0 + z * (16081065.0 + z * (289575.0 + z * (1430.0 + z)));
    const V near0 = ax - ((ax * z) * d) / q;
    const V far = 1.0 - 2.0 / (simd::exp(ax + ax) + 1.0);
    const V r = select(ax < 0.9, near0, far);  // NaN takes `far`, which is NaN
    return from_bits<V>(to_bits(r) | (to_bits(x) & detail::sign_bit));
}

}  // namespace typegrad::simd

#pragma GCC diagnostic pop
