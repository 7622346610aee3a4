// Generic laws checked for every op and composite expression:
// symbolic derivative == fused gradient == central finite difference.
#pragma once

#include <cmath>
#include <limits>
#include <string>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace typegrad_test {

/// |a - b| <= tol * max(1, |a|, |b|): relative for large values, absolute near zero.
template <class T>
bool close(T a, T b, T tol) {
    const T scale = std::fmax(T(1), std::fmax(std::fabs(a), std::fabs(b)));
    return std::fabs(a - b) <= tol * scale;
}

template <class T>
T law_tolerance() {
    return typegrad::default_gradient_tolerance<T>;
}

template <std::size_t I, class E, class Set, class... Args>
void check_symbolic(const E& e, const Set& theta, const Set& fused, typename Set::value_type tol, const Args&... args) {
    constexpr auto name = Set::names[I];
    constexpr auto fixed = typegrad::detail::to_fixed_string<name.size()>(name);
    const auto de = typegrad::d(e, typegrad::param<fixed>);
    const auto symbolic = typegrad::eval(de, theta, typegrad::sample(args...));
    BOOST_TEST(close(symbolic, fused.values[I], tol),
               "d/d" << name << " of " << typegrad::to_string(e) << ": symbolic " << symbolic << " (from "
                     << typegrad::to_string(de) << ") vs fused " << fused.values[I]);
}

/// For every parameter p of theta: d(e, p) evaluated == fused gradient[p], and the fused gradient
/// agrees with central differences (check_gradient). Inputs come from `args`.
template <class E, class Set, class... Args>
void check_laws(const E& e, const Set& theta, const Args&... args) {
    using T = typename Set::value_type;
    const auto report = typegrad::check_gradient(e, theta, args...);
    BOOST_TEST(report.passed, "fused vs finite difference: worst error " << report.worst_error << " at "
                                                                         << report.worst_parameter << " in "
                                                                         << typegrad::to_string(e));
    const T eps = std::numeric_limits<T>::epsilon();
    // Symbolic and fused derivatives evaluate the same mathematics in different orders: allow a few
    // hundred roundings.
    const T tol = T(512) * eps;
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (check_symbolic<I>(e, theta, report.fused, tol, args...), ...);
    }(std::make_index_sequence<Set::size()>{});
}

}  // namespace typegrad_test
