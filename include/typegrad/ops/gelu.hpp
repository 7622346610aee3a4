// typegrad/ops/gelu.hpp: the Gaussian error linear unit, tanh approximation.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/pow.hpp"
#include "typegrad/ops/sigmoid.hpp"
#include "typegrad/ops/square.hpp"

namespace typegrad {

/// gelu(a) = 0.5*a*(1 + tanh(u)), u = sqrt(2/pi)*(a + 0.044715*a^3) (the tanh form).
/// forward: as a*sigmoid(2u), the same function without the cancellation of 1 + tanh(u) for a < 0
///          (the textbook form loses every digit near a = -5); e = exp(-|2u|) is kept.
/// backward: s + a*s*(1 - s)*2u' with s = sigmoid(2u), u' = sqrt(2/pi)*(1 + 3*0.044715*a^2).
/// symbolic: the same, written with sigmoid.
struct gelu_op {
    static constexpr std::string_view name = "gelu";
    static constexpr bool batchable = true;
    static constexpr double k2 = 2.0 * 0.7978845608028654;  // 2*sqrt(2/pi)
    static constexpr double cubic = 0.044715;

    template <class T>
    static local<T> forward(T a) {
        const T v = T(k2) * (a + T(cubic) * a * a * a);
        const T e = math::exp(-math::abs(v));
        return {a * detail::sigmoid_from(v, e), e};
    }
    template <class T>
    static constexpr T partial(T a, local<T> f) {
        const T v = T(k2) * (a + T(cubic) * a * a * a);
        const T s = detail::sigmoid_from(v, f.aux);
        const T d = T(1) + f.aux;
        const T s_one_minus_s = f.aux / (d * d);
        return s + a * s_one_minus_s * T(k2) * (T(1) + T(3 * cubic) * a * a);
    }
    template <class A>
    static constexpr auto derivative(const A& a) {
        using namespace detail;
        const auto v = make_multiply(c<k2>, make_add(a, make_multiply(c<cubic>, typegrad::pow<3>(a))));
        const auto dv = make_multiply(c<k2>, make_add(c<1>, make_multiply(c<3 * cubic>, apply<square_op>(a))));
        const auto s = apply<sigmoid_op>(v);
        return make_add(s, make_multiply(make_multiply(a, make_multiply(s, apply<sigmoid_op>(make_negate(v)))), dv));
    }
};

struct gelu_fn : detail::op_fn<gelu_op> {};
/// gelu(e): the Gaussian error linear unit in its tanh form, stable at any input.
inline constexpr gelu_fn gelu{};

}  // namespace typegrad
