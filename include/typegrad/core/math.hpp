// typegrad/core/math.hpp: the maths an op's forward and partials are written with, for one sample or
// for a batch of samples in SIMD lanes.
//
// An op's `forward` and `partial(s)` are templates over the value type T. The engine calls them with a
// plain number (double, float: one sample) or with a batch of lanes (simd::batch<W>: W samples at
// once, see typegrad/simd/batch.hpp). Written with the functions here, one definition serves both:
// for numbers they are the C library's functions (the same calls, the same results as <cmath>'s), for a
// batch they are the library's vectorized functions, lane by lane.
//
// Numbers call the compilers' builtins (__builtin_exp, __builtin_expf, ...), which are what <cmath>'s
// functions are on both compilers, and compile to the same calls: <cmath> itself costs g++ 0.39 G
// instructions to read (about a quarter of everything typegrad/gradient.hpp includes), in every
// translation unit.
//
// A condition is a `bool` for numbers and a lane mask for a batch, so an op chooses with
// `math::select(a > T(0), a, T(0))`, never `?:` or `if`, when it is to run in lanes.
#pragma once

#include <type_traits>

namespace typegrad::math {

/// The lane maths of a batch type: specialized by each batch type (simd::batch<W>) with static
/// functions exp, expm1, log, log1p, tanh, sqrt, abs, sinh, cosh, pow and select. Plain numbers do
/// not use it.
template <class T>
struct lanes;

/// Whether T holds one sample (a plain number) rather than a batch of lanes.
template <class T>
inline constexpr bool is_scalar_v = std::is_arithmetic_v<T>;

/// cond ? a : b; lane by lane for a batch (cond is then a mask from a comparison of batches).
template <class C, class T>
constexpr T select(const C& cond, const T& a, const T& b) {
    if constexpr (is_scalar_v<T>) return cond ? a : b;
    else return lanes<T>::select(cond, a, b);
}

/// |a|, usable in constant expressions (libstdc++'s std::fabs is not constexpr under clang); abs(-0.0)
/// is +0.0 as for std::fabs. (For an integer, as std::fabs: through double.)
template <class T>
constexpr T abs(T a) {
    if constexpr (is_scalar_v<T>) {
        if (std::is_constant_evaluated()) return a < T(0) ? -a : (a == T(0) ? T(0) : a);
        if constexpr (std::is_same_v<T, float>) return __builtin_fabsf(a);
        else if constexpr (std::is_same_v<T, long double>) return __builtin_fabsl(a);
        else return static_cast<T>(__builtin_fabs(static_cast<double>(a)));
    } else {
        return lanes<T>::abs(a);
    }
}

// The elementary functions: the builtins for numbers (float, double, long double; an integer goes through
// double, as <cmath>'s overloads for integers do), the batch's vectorized maths for lanes.

/// e^a.
template <class T>
T exp(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_expf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_expl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_exp(static_cast<double>(a)));
    else return lanes<T>::exp(a);
}

/// e^a - 1, accurate near 0.
template <class T>
T expm1(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_expm1f(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_expm1l(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_expm1(static_cast<double>(a)));
    else return lanes<T>::expm1(a);
}

/// the natural logarithm.
template <class T>
T log(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_logf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_logl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_log(static_cast<double>(a)));
    else return lanes<T>::log(a);
}

/// log(1 + a), accurate near 0.
template <class T>
T log1p(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_log1pf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_log1pl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_log1p(static_cast<double>(a)));
    else return lanes<T>::log1p(a);
}

/// the hyperbolic tangent.
template <class T>
T tanh(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_tanhf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_tanhl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_tanh(static_cast<double>(a)));
    else return lanes<T>::tanh(a);
}

/// the square root.
template <class T>
T sqrt(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_sqrtf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_sqrtl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_sqrt(static_cast<double>(a)));
    else return lanes<T>::sqrt(a);
}

/// the hyperbolic sine.
template <class T>
T sinh(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_sinhf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_sinhl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_sinh(static_cast<double>(a)));
    else return lanes<T>::sinh(a);
}

/// the hyperbolic cosine.
template <class T>
T cosh(T a) {
    if constexpr (std::is_same_v<T, float>) return __builtin_coshf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_coshl(a);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_cosh(static_cast<double>(a)));
    else return lanes<T>::cosh(a);
}

/// a^b.
template <class T>
T pow(T a, T b) {
    if constexpr (std::is_same_v<T, float>) return __builtin_powf(a, b);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_powl(a, b);
    else if constexpr (is_scalar_v<T>) return static_cast<T>(__builtin_pow(static_cast<double>(a), static_cast<double>(b)));
    else return lanes<T>::pow(a, b);
}

// Numbers only (the gradient check uses them).

/// the cube root. constexpr: g++ evaluates the builtin in constant expressions, so that the default
/// tolerance of check_gradient (a namespace-scope variable) is initialized before any code runs.
template <class T>
constexpr T cbrt(T a) {
    static_assert(is_scalar_v<T>, "typegrad internal: math::cbrt is for numbers");
    if constexpr (std::is_same_v<T, float>) return __builtin_cbrtf(a);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_cbrtl(a);
    else return static_cast<T>(__builtin_cbrt(static_cast<double>(a)));
}

/// the larger of a and b, or the one that is not NaN (as std::fmax).
template <class T>
T fmax(T a, T b) {
    static_assert(is_scalar_v<T>, "typegrad internal: math::fmax is for numbers");
    if constexpr (std::is_same_v<T, float>) return __builtin_fmaxf(a, b);
    else if constexpr (std::is_same_v<T, long double>) return __builtin_fmaxl(a, b);
    else return static_cast<T>(__builtin_fmax(static_cast<double>(a), static_cast<double>(b)));
}

/// whether a is NaN (as std::isnan, for floating-point numbers).
template <class T>
bool isnan(T a) {
    static_assert(std::is_floating_point_v<T>, "typegrad internal: math::isnan is for floating-point numbers");
    return __builtin_isnan(a);
}

}  // namespace typegrad::math
