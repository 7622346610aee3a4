// typegrad/engine/check_gradient.hpp: the fused gradient against central finite differences.
#pragma once

#include <cstddef>
#include <limits>
#include <string_view>

#include "typegrad/core/math.hpp"
#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/evaluate.hpp"

namespace typegrad {

/// What check_gradient found. `passed` is true when every parameter's fused and finite-difference
/// derivatives agree within tolerance*max(1, |value|, |fused|, |numeric|).
template <class T, class Set>
struct gradient_check {
    T value;
    Set fused;            // from value_and_gradient
    Set numeric;          // central differences
    T worst_error;        // the largest scaled disagreement
    std::string_view worst_parameter;
    T tolerance;
    bool passed;
};

/// The default tolerance: 100 eps^(2/3), above the noise floor of central differences with the step
/// below (about 4e-9 for double, 2e-3 for float).
template <class T>
inline const T default_gradient_tolerance = T(100) * math::cbrt(std::numeric_limits<T>::epsilon() *
                                                                std::numeric_limits<T>::epsilon());

/// check_gradient with an explicit tolerance (see check_gradient).
template <expression E, class T, fixed_string... Names, class... Args>
[[nodiscard]] gradient_check<T, parameter_set<T, Names...>> check_gradient_with_tolerance(
    T tolerance, const E& e, const parameter_set<T, Names...>& theta, const Args&... args) {
    using Set = parameter_set<T, Names...>;
    const auto [value, fused] = value_and_gradient(e, theta, args...);
    gradient_check<T, Set> report{value, fused, Set{}, T(0), {}, tolerance, true};
    const T step = math::cbrt(std::numeric_limits<T>::epsilon());
    for (std::size_t i = 0; i < Set::size(); ++i) {
        const T h = step * math::fmax(T(1), math::abs(theta.values[i]));
        Set up = theta, down = theta;
        up.values[i] += h;
        down.values[i] -= h;
        const T numeric = (eval(e, up, args...) - eval(e, down, args...)) / ((up.values[i] - down.values[i]));
        report.numeric.values[i] = numeric;
        const T scale = math::fmax(math::fmax(T(1), math::abs(value)), math::fmax(math::abs(numeric), math::abs(fused.values[i])));
        const T error = math::abs(numeric - fused.values[i]) / scale;
        // A NaN disagreement is the worst of all and stays so: a later finite error must not hide it.
        if (!math::isnan(report.worst_error) && !(error <= report.worst_error)) {
            report.worst_error = error;
            report.worst_parameter = Set::names[i];
        }
    }
    report.passed = report.worst_error <= tolerance;  // false for NaN
    return report;
}

/// check_gradient(e, theta, bindings...): compares value_and_gradient with central differences
/// (f(p + h) - f(p - h))/(2h), h = eps^(1/3) max(1, |p|), for every parameter in theta. Use it to test
/// your own ops and expressions (see doc/ops.md). Pass `tolerance` to loosen or tighten the check.
template <expression E, class T, fixed_string... Names, class... Args>
[[nodiscard]] gradient_check<T, parameter_set<T, Names...>> check_gradient(const E& e, const parameter_set<T, Names...>& theta,
                                                                           const Args&... args) {
    return check_gradient_with_tolerance(default_gradient_tolerance<T>, e, theta, args...);
}

}  // namespace typegrad
