// typegrad/detail/math.hpp: constexpr-friendly scalar helpers.
#pragma once

#include <cmath>
#include <type_traits>

#include "typegrad/core/math.hpp"

namespace typegrad::detail {

/// |x| usable in constant expressions (see math::abs).
template <class T>
constexpr T abs(T x) {
    return math::abs(x);
}

/// x^n for a compile-time integer n, by repeated squaring (constexpr, no libm call).
template <int N, class T>
constexpr T ipow(T x) {
    if constexpr (N < 0) {
        return T(1) / ipow<-N>(x);
    } else if constexpr (N == 0) {
        return T(1);
    } else if constexpr (N == 1) {
        return x;
    } else {
        const T half = ipow<N / 2>(x);
        if constexpr (N % 2 == 0) return half * half;
        else return half * half * x;
    }
}

}  // namespace typegrad::detail
