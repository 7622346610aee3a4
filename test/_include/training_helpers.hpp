// Helpers shared by the training tests (data, losses, optimizers).
#pragma once

#include <cmath>
#include <ostream>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace typegrad {
/// Lets BOOST_TEST print a stop_reason when a comparison fails (Boost.Test's customisation point,
/// found by argument-dependent lookup).
inline std::ostream& boost_test_print_type(std::ostream& os, stop_reason r) {
    switch (r) {
        case stop_reason::converged: return os << "converged";
        case stop_reason::step_limit: return os << "step_limit";
        case stop_reason::diverged: return os << "diverged";
        case stop_reason::stopped: return os << "stopped";
        case stop_reason::invalid_input: return os << "invalid_input";
    }
    return os << "stop_reason(" << static_cast<int>(r) << ")";
}
}  // namespace typegrad

namespace typegrad_test {

/// |a - b| <= tol * max(1, |a|, |b|): relative for large values, absolute near zero. Infinities and NaNs
/// are close to nothing but an equal infinity.
inline bool close(double a, double b, double tol) {
    if (!std::isfinite(a) || !std::isfinite(b)) return a == b;
    return std::fabs(a - b) <= tol * std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
}

inline bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace typegrad_test
