// typegrad/detail/math.hpp: integer powers (constexpr, no libm call).
#pragma once

namespace typegrad::detail {

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
