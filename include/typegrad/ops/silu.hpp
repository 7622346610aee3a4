// typegrad/ops/silu.hpp: the sigmoid-weighted linear unit (swish).
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/sigmoid.hpp"

namespace typegrad {

/// silu(a) = a*sigmoid(a).  forward: from e = exp(-|a|), kept for the reverse sweep.
/// backward: s + a*s*(1 - s) with s = sigmoid(a) and 1 - s = sigmoid(-a) taken from e (no cancellation).
/// symbolic: d(silu a) = sigmoid(a)*(1 + a*sigmoid(-a))*da.
struct silu_op {
    static constexpr std::string_view name = "silu";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) {
        const T e = math::exp(-math::abs(a));
        return {a * detail::sigmoid_from(a, e), e};
    }
    template <class T>
    static constexpr T partial(T a, local<T> f) {
        const T s = detail::sigmoid_from(a, f.aux);
        const T one_minus_s = detail::sigmoid_from(-a, f.aux);
        return s + a * s * one_minus_s;
    }
    template <class A>
    static constexpr auto derivative(const A& a) {
        using namespace detail;
        return make_multiply(apply<sigmoid_op>(a),
                             make_add(c<1>, make_multiply(a, apply<sigmoid_op>(make_negate(a)))));
    }
};

struct silu_fn : detail::op_fn<silu_op> {};
/// silu(e) = e*sigmoid(e), also called swish.
inline constexpr silu_fn silu{};

}  // namespace typegrad
