// typegrad/simd/batch.hpp: W samples' values in SIMD lanes, the value type of batched sweeps.
//
// A batched sweep runs the same fused forward and reverse code as a one-sample sweep, with every value
// a batch<W>: W doubles in one vector register (SSE2: 2, AVX: 4, AVX-512: 8; `native_lanes` follows the
// compile flags). Arithmetic is lane by lane; comparisons give a mask; math::select chooses per lane;
// exp, log1p and friends are the library's vectorized functions (typegrad/simd/vmath.hpp), so no lane
// calls libm. Built on the vector extensions of g++ and clang.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstring>

#include "typegrad/core/math.hpp"
#include "typegrad/simd/lanes.hpp"
#include "typegrad/simd/vmath.hpp"

namespace typegrad::simd {

/// The lane count of the widest double vector the compile flags allow.
inline constexpr int native_width = native_lanes;

/// W doubles, one per lane. Constructed from a double, it holds that value in every lane.
template <int W>
struct batch {
    static_assert(W == 2 || W == 4 || W == 8, "typegrad: a batch has 2, 4 or 8 lanes");
    using vector = pack_of<W>;
    using mask = decltype(vector{} < vector{});
    static constexpr int width = W;

    vector v;

    batch() = default;
    /// Every lane x.
    constexpr explicit batch(double x) : v(vector{} + x) {}
    static constexpr batch of(vector x) {
        batch b;
        b.v = x;
        return b;
    }
    /// W consecutive doubles from p (no alignment needed).
    static batch load(const double* p) {
        batch b;
        std::memcpy(&b.v, p, sizeof b.v);
        return b;
    }
    void store(double* p) const { std::memcpy(p, &v, sizeof v); }

    constexpr double operator[](int lane) const { return v[lane]; }
    constexpr void set(int lane, double x) { v[lane] = x; }

    /// The lanes' sum, added left to right (lane 0 first), so a given batch always gives the same bits.
    constexpr double sum() const {
        double s = v[0];
        for (int l = 1; l < W; ++l) s += v[l];
        return s;
    }

    friend constexpr batch operator+(batch a, batch b) { return of(a.v + b.v); }
    friend constexpr batch operator-(batch a, batch b) { return of(a.v - b.v); }
    friend constexpr batch operator*(batch a, batch b) { return of(a.v * b.v); }
    friend constexpr batch operator/(batch a, batch b) { return of(a.v / b.v); }
    friend constexpr batch operator-(batch a) { return of(-a.v); }
    constexpr batch& operator+=(batch b) { v += b.v; return *this; }
    constexpr batch& operator-=(batch b) { v -= b.v; return *this; }
    constexpr batch& operator*=(batch b) { v *= b.v; return *this; }
    constexpr batch& operator/=(batch b) { v /= b.v; return *this; }
    friend constexpr mask operator<(batch a, batch b) { return a.v < b.v; }
    friend constexpr mask operator<=(batch a, batch b) { return a.v <= b.v; }
    friend constexpr mask operator>(batch a, batch b) { return a.v > b.v; }
    friend constexpr mask operator>=(batch a, batch b) { return a.v >= b.v; }
    friend constexpr mask operator==(batch a, batch b) { return a.v == b.v; }
    friend constexpr mask operator!=(batch a, batch b) { return a.v != b.v; }
};

/// The batch of the native width: what batched sweeps use unless told otherwise.
using native_batch = batch<native_width>;

}  // namespace typegrad::simd

namespace typegrad::math {

/// The lane maths of simd::batch<W>: vectorized where it matters (exp, expm1, log, log1p, tanh, sqrt,
/// abs), lane by lane through <cmath> for the rarer sinh, cosh and pow.
template <int W>
struct lanes<simd::batch<W>> {
    using batch = simd::batch<W>;
    using mask = typename batch::mask;

    static constexpr batch select(mask m, batch a, batch b) { return batch::of(m ? a.v : b.v); }
    static batch abs(batch a) {  // the sign bit cleared: abs(-0.0) is +0.0, NaN stays NaN
        typedef long long bits __attribute__((vector_size(W * sizeof(double))));
        return batch::of(reinterpret_cast<typename batch::vector>(reinterpret_cast<bits>(a.v) & (bits{} + 0x7fffffffffffffffll)));
    }
    static batch exp(batch a) { return batch::of(simd::exp(a.v)); }
    static batch expm1(batch a) { return batch::of(simd::expm1(a.v)); }
    static batch log(batch a) { return batch::of(simd::log(a.v)); }
    static batch log1p(batch a) { return batch::of(simd::log1p(a.v)); }
    static batch tanh(batch a) { return batch::of(simd::tanh(a.v)); }
    static batch sqrt(batch a) {
        batch r;
        for (int l = 0; l < W; ++l) r.v[l] = __builtin_sqrt(a.v[l]);  // sqrtpd after vectorization
        return r;
    }
    static batch sinh(batch a) { return each(a, [](double x) { return std::sinh(x); }); }
    static batch cosh(batch a) { return each(a, [](double x) { return std::cosh(x); }); }
    static batch pow(batch a, batch b) {
        batch r;
        for (int l = 0; l < W; ++l) r.v[l] = std::pow(a.v[l], b.v[l]);
        return r;
    }

private:
    template <class F>
    static batch each(batch a, F f) {
        batch r;
        for (int l = 0; l < W; ++l) r.v[l] = f(a.v[l]);
        return r;
    }
};

}  // namespace typegrad::math
