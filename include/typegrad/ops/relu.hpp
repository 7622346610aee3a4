// typegrad/ops/relu.hpp: the rectifier and its leaky variant.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/ops/step.hpp"

namespace typegrad {

/// relu(a) = max(a, 0).  backward: 1 if a > 0, else 0 (relu'(0) = 0, as PyTorch).
/// symbolic: d(relu a) = step(a)*da.
struct relu_op {
    static constexpr std::string_view name = "relu";
    static constexpr bool batchable = true;

    template <class T>
    static constexpr local<T> forward(T a) { return {math::select(a > T(0), a, T(0)), T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return math::select(a > T(0), T(1), T(0)); }
    template <class A>
    static constexpr auto derivative(const A& a) { return apply<step_op>(a); }
};

/// leaky_relu<slope>(a) = a if a > 0, else slope*a.  backward: 1 if a > 0, else slope
/// (leaky_relu'(0) = slope, as PyTorch).  symbolic: d = (slope + (1 - slope)*step(a))*da.
template <double Slope>
struct leaky_relu_op {
    static constexpr std::string_view name = "leaky_relu";
    static constexpr bool batchable = true;
    static constexpr double setting = Slope;  // printed as the second argument

    template <class T>
    static constexpr local<T> forward(T a) { return {math::select(a > T(0), a, T(Slope) * a), T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return math::select(a > T(0), T(1), T(Slope)); }
    template <class A>
    static constexpr auto derivative(const A& a) {
        return detail::make_add(c<Slope>, detail::make_multiply(c<1.0 - Slope>, apply<step_op>(a)));
    }
};

struct relu_fn : detail::op_fn<relu_op> {};
/// relu(e) = max(e, 0).
inline constexpr relu_fn relu{};

template <double Slope>
struct leaky_relu_fn : detail::op_fn<leaky_relu_op<Slope>> {};
/// leaky_relu<slope>(e): e where e > 0, slope*e elsewhere; slope is a compile-time constant
/// (`leaky_relu<0.01>`, the default as in PyTorch: `leaky_relu<>`).
template <auto Slope = 0.01>
inline constexpr leaky_relu_fn<static_cast<double>(Slope)> leaky_relu{};

}  // namespace typegrad
