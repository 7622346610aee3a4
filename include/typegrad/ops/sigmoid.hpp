// typegrad/ops/sigmoid.hpp: the logistic function.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

namespace detail {
/// 1/(1 + exp(-a)) from e = exp(-|a|) <= 1, which never overflows: for a >= 0 it is 1/(1 + e), for
/// a < 0 it is e/(1 + e). Either way no cancellation, so sigmoid(-40) keeps its 4.2e-18.
template <class T>
constexpr T sigmoid_from(T a, T e) {
    return math::select(a >= T(0), T(1), e) / (T(1) + e);
}
}  // namespace detail

/// sigmoid(a) = 1/(1 + e^-a).  forward: from e = exp(-|a|), kept for the reverse sweep.
/// backward: sigmoid(a)*sigmoid(-a) = e/(1 + e)^2, exact in both tails (1 - s would cancel).
/// symbolic: d(sigmoid a) = sigmoid(a)*sigmoid(-a)*da.
struct sigmoid_op {
    static constexpr std::string_view name = "sigmoid";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) {
        const T e = math::exp(-math::abs(a));
        return {detail::sigmoid_from(a, e), e};
    }
    template <class T>
    static constexpr T partial(T, local<T> f) {
        const T d = T(1) + f.aux;
        return f.aux / (d * d);
    }
    template <class A>
    static constexpr auto derivative(const A& a) {
        return detail::make_multiply(apply<sigmoid_op>(a), apply<sigmoid_op>(detail::make_negate(a)));
    }
};

struct sigmoid_fn : detail::op_fn<sigmoid_op> {};
/// sigmoid(e): the logistic function 1/(1 + exp(-e)), finite and accurate at any input.
inline constexpr sigmoid_fn sigmoid{};

}  // namespace typegrad
