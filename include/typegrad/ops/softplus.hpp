// typegrad/ops/softplus.hpp: log(1 + e^a), the smooth relu of the primer's network.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/sigmoid.hpp"

namespace typegrad {

/// softplus(a) = log(1 + e^a).
/// forward: max(a, 0) + log1p(e) with e = exp(-|a|): never overflows, and keeps tiny values
///          (softplus(-40) = 4.2e-18, not 0; softplus(1000) = 1000). e is kept for the reverse sweep.
/// backward: sigmoid(a), computed from the same e: no second exp.
/// symbolic: d(softplus a) = sigmoid(a)*da.
struct softplus_op {
    static constexpr std::string_view name = "softplus";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a) {
        const T e = math::exp(-math::abs(a));
        return {math::select(a > T(0), a, T(0)) + math::log1p(e), e};
    }
    template <class T>
    static constexpr T partial(T a, local<T> f) { return detail::sigmoid_from(a, f.aux); }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<sigmoid_op>(a); }
};

struct softplus_fn : detail::op_fn<softplus_op> {};
/// softplus(e) = log(1 + exp(e)), finite and accurate at any input.
inline constexpr softplus_fn softplus{};

}  // namespace typegrad
