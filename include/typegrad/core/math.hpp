// typegrad/core/math.hpp: the maths an op's forward and partials are written with, for one sample or
// for a batch of samples in SIMD lanes.
//
// An op's `forward` and `partial(s)` are templates over the value type T. The engine calls them with a
// plain number (double, float: one sample) or with a batch of lanes (simd::batch<W>: W samples at
// once, see typegrad/simd/batch.hpp). Written with the functions here, one definition serves both:
// for numbers they are the <cmath> functions (the same calls, the same results as before), for a batch
// they are the library's vectorized functions, lane by lane.
//
// A condition is a `bool` for numbers and a lane mask for a batch, so an op chooses with
// `math::select(a > T(0), a, T(0))`, never `?:` or `if`, when it is to run in lanes.
#pragma once

#include <cmath>
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
/// is +0.0 as for std::fabs.
template <class T>
constexpr T abs(T a) {
    if constexpr (is_scalar_v<T>) {
        if (std::is_constant_evaluated()) return a < T(0) ? -a : (a == T(0) ? T(0) : a);
        return std::fabs(a);
    } else {
        return lanes<T>::abs(a);
    }
}

// The elementary functions: <cmath> for numbers, the batch's vectorized maths for lanes.

/// e^a.
template <class T>
T exp(T a) {
    if constexpr (is_scalar_v<T>) return std::exp(a);
    else return lanes<T>::exp(a);
}

/// e^a - 1, accurate near 0.
template <class T>
T expm1(T a) {
    if constexpr (is_scalar_v<T>) return std::expm1(a);
    else return lanes<T>::expm1(a);
}

/// the natural logarithm.
template <class T>
T log(T a) {
    if constexpr (is_scalar_v<T>) return std::log(a);
    else return lanes<T>::log(a);
}

/// log(1 + a), accurate near 0.
template <class T>
T log1p(T a) {
    if constexpr (is_scalar_v<T>) return std::log1p(a);
    else return lanes<T>::log1p(a);
}

/// the hyperbolic tangent.
template <class T>
T tanh(T a) {
    if constexpr (is_scalar_v<T>) return std::tanh(a);
    else return lanes<T>::tanh(a);
}

/// the square root.
template <class T>
T sqrt(T a) {
    if constexpr (is_scalar_v<T>) return std::sqrt(a);
    else return lanes<T>::sqrt(a);
}

/// the hyperbolic sine.
template <class T>
T sinh(T a) {
    if constexpr (is_scalar_v<T>) return std::sinh(a);
    else return lanes<T>::sinh(a);
}

/// the hyperbolic cosine.
template <class T>
T cosh(T a) {
    if constexpr (is_scalar_v<T>) return std::cosh(a);
    else return lanes<T>::cosh(a);
}

/// a^b.
template <class T>
T pow(T a, T b) {
    if constexpr (is_scalar_v<T>) return std::pow(a, b);
    else return lanes<T>::pow(a, b);
}

}  // namespace typegrad::math
