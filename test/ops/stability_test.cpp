// Accuracy of every unary op at any input: value and fused derivative, in float and double, against a
// 50-digit reference, across the whole range |x| <= 1e4 (tails, zero, tanh's branch switch).
//
// The bound is the one a correctly implemented op can meet: error <= 4 ulp (of the value type, at the
// reference value) times max(1, |x f'(x)/f(x)|), the condition number of f, because the input itself is
// only known to half an ulp. For the derivative g = f' the factor is |x g'(x)/g(x)|. Where the reference
// is below the smallest normal number (it underflows, or is subnormal), the computed value need only be
// within numeric_limits<T>::min() of it. Where the true result overflows the value type, the point is
// skipped: no finite answer is right there.
//
// One reference routine, not templated on the op, so Boost.Multiprecision is instantiated once.
#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {

using real = boost::multiprecision::cpp_bin_float_50;

// ---------------------------------------------------------------------------------------------------
// The reference: f, f' and f'' of each op in 50 significant digits.

enum class fn { square, cube, exp, log, log1p, sqrt, abs, sinh, cosh, relu, leaky_relu, elu, softplus,
                sigmoid, tanh, silu, gelu };

/// f(x), f'(x), f''(x).
struct jet {
    real f, df, d2f;
};

/// e^t for t <= 0. Below -1e6 it is under 1e-434294, zero for every purpose here (both value types
/// underflow at 1e-45), and returning 0 keeps clear of the exponent range of the 50-digit type.
real exp_nonpositive(const real& t) { return t < -1e6 ? real(0) : real(exp(t)); }

/// log(1 + t) for t > -1: the series where 1 + t would drop t's digits, else log(1 + t), which then
/// keeps at least 30 of the 50 digits.
real log1p_ref(const real& t) {
    if (abs(t) < real(1e-20)) return t - t * t / 2 + t * t * t / 3;
    return log(1 + t);
}

/// The logistic function S(v) and its first two derivatives, from e = e^-|v| <= 1.
struct logistic {
    real s, ds, d2s;
};
logistic logistic_at(const real& v) {
    const real e = exp_nonpositive(-abs(v));
    const real s = v >= 0 ? real(1 / (1 + e)) : real(e / (1 + e));
    const real ds = e / ((1 + e) * (1 + e));  // S(v) S(-v)
    return {s, ds, ds * (1 - 2 * s)};
}

const real sqrt_2_over_pi("0.797884560802865355879892119868763736951717262329869315331852");
const real gelu_cubic("0.044715");

/// The exact f, f', f'' of op `kind` at x; `setting` is the op's compile-time constant (leaky_relu's
/// slope, elu's alpha) as the double the op holds. Derivatives at the kinks follow the ops' (PyTorch's)
/// convention: relu'(0) = 0, abs'(0) = 0, leaky_relu'(0) = slope, elu'(0) = alpha.
jet reference(fn kind, double setting, const real& x) {
    const real a(setting);
    switch (kind) {
    case fn::square: return {x * x, 2 * x, real(2)};
    case fn::cube: return {x * x * x, 3 * x * x, 6 * x};
    case fn::exp: {
        const real e = exp(x);
        return {e, e, e};
    }
    case fn::log: return {log(x), 1 / x, -1 / (x * x)};
    case fn::log1p: return {log1p_ref(x), 1 / (1 + x), -1 / ((1 + x) * (1 + x))};
    case fn::sqrt: {
        if (x == 0) return {real(0), std::numeric_limits<real>::infinity(), real(0)};  // f'(0) is infinite
        const real r = sqrt(x);
        return {r, 1 / (2 * r), -1 / (4 * r * x)};
    }
    case fn::abs: return {abs(x), real(x > 0 ? 1 : (x < 0 ? -1 : 0)), real(0)};
    case fn::sinh:
    case fn::cosh: {
        const real e = exp(x);
        const real sinh_x = (e - 1 / e) / 2;  // cancellation near 0 costs < 10 of the 50 digits here
        const real cosh_x = (e + 1 / e) / 2;
        if (kind == fn::sinh) return {sinh_x, cosh_x, sinh_x};
        return {cosh_x, sinh_x, cosh_x};
    }
    case fn::relu: return {x > 0 ? x : real(0), real(x > 0 ? 1 : 0), real(0)};
    case fn::leaky_relu: return {x > 0 ? x : real(a * x), x > 0 ? real(1) : a, real(0)};
    case fn::elu: {
        if (x > 0) return {x, real(1), real(0)};
        const real e = exp(x);
        return {a * (e - 1), a * e, a * e};
    }
    case fn::softplus: {
        const logistic l = logistic_at(x);
        return {(x > 0 ? x : real(0)) + log1p_ref(exp_nonpositive(-abs(x))), l.s, l.ds};
    }
    case fn::sigmoid: {
        const logistic l = logistic_at(x);
        return {l.s, l.ds, l.d2s};
    }
    case fn::tanh: {
        const real e = exp_nonpositive(-2 * abs(x));
        const real t = (x < 0 ? -1 : 1) * (1 - e) / (1 + e);
        const real dt = 4 * e / ((1 + e) * (1 + e));  // 1 - t^2 without cancellation
        return {t, dt, -2 * t * dt};
    }
    case fn::silu: {
        const logistic l = logistic_at(x);
        return {x * l.s, l.s + x * l.ds, 2 * l.ds + x * l.d2s};
    }
    case fn::gelu: {
        // 0.5x(1 + tanh(u)) = x S(2u), u = sqrt(2/pi)(x + 0.044715x^3): the same function, and in 50
        // digits the form makes no difference.
        const real k2 = 2 * sqrt_2_over_pi;
        const real v = k2 * (x + gelu_cubic * x * x * x);
        const real dv = k2 * (1 + 3 * gelu_cubic * x * x);
        const real d2v = 6 * k2 * gelu_cubic * x;
        const logistic l = logistic_at(v);
        return {x * l.s, l.s + x * l.ds * dv, 2 * l.ds * dv + x * l.d2s * dv * dv + x * l.ds * d2v};
    }
    }
    return {};
}

// ---------------------------------------------------------------------------------------------------
// Ulps and condition numbers.

/// The spacing of T's numbers at r: 2^(e - digits) for r in [2^(e-1), 2^e), never below denorm_min.
template <class T>
real ulp_at(const real& r) {
    constexpr int digits = std::numeric_limits<T>::digits;
    constexpr int lowest = std::numeric_limits<T>::min_exponent - digits;  // denorm_min = 2^lowest
    int e = 0;
    if (r != 0) frexp(r, &e);
    return ldexp(real(1), r == 0 ? lowest : std::max(e - digits, lowest));
}

/// The condition number of f at x, |x f'(x)/f(x)|, at least 1. Where f(x) = 0 the bound is the
/// absolute floor instead, so 1 will do.
double condition(const real& x, const real& f, const real& df) {
    if (f == 0) return 1.0;
    return std::max(1.0, static_cast<double>(abs(x * df / f)));
}

template <class T>
std::string show(T v) {
    std::ostringstream os;
    os.precision(std::numeric_limits<T>::max_digits10);
    os << v;
    return os.str();
}

template <class T>
constexpr std::string_view type_name = std::is_same_v<T, float> ? "float" : "double";

/// Checks `got`, T's answer for `what` (value or derivative) of `op` at x, against the reference `ref`
/// with condition number `cond`.
template <class T>
void check_close(const std::string& op, std::string_view what, T x, T got, const real& ref, double cond) {
    // The true result overflows T: skipped, there is no right finite answer.
    if (abs(ref) > real(std::numeric_limits<T>::max())) return;
    const bool finite = std::isfinite(got);
    const real error = finite ? real(abs(real(got) - ref)) : real(0);
    const real ulp = ulp_at<T>(ref);
    const double ulps = finite ? static_cast<double>(error / ulp) : std::numeric_limits<double>::infinity();
    const double allowed = 4.0 * cond;
    // Below the smallest normal, precision is absolute: within min() of the reference is right.
    const bool underflow_ok = abs(ref) < real(std::numeric_limits<T>::min()) &&
                              error <= real(std::numeric_limits<T>::min());
    BOOST_TEST((finite && (ulps <= allowed || underflow_ok)),
               op << " " << what << " (" << type_name<T> << ") at x = " << show(x) << ": got " << show(got)
                  << ", reference " << ref.str(20, std::ios_base::scientific) << ", " << ulps << " ulps (allowed "
                  << allowed << ")");
}

// ---------------------------------------------------------------------------------------------------
// The inputs and the check of one op.

/// Both signs of the magnitudes below, 0, and T's neighbours of tanh's switch at |x| = 0.55.
template <class T>
std::vector<T> inputs() {
    std::vector<T> points{T(0)};
    for (double m : {1e4, 1000.0, 745.0, 710.0, 709.0, 300.0, 100.0, 89.0, 88.0, 40.0, 30.0, 20.0, 10.0, 5.0,
                     3.0, 2.0, 1.0, 0.9, 0.5, 0.25, 0.1, 1e-3, 1e-8}) {
        points.push_back(T(m));
        points.push_back(T(-m));
    }
    const T s = T(tg::tanh_op::switch_point);
    for (T p : {std::nextafter(s, T(0)), s, std::nextafter(s, T(1))}) {
        points.push_back(p);
        points.push_back(-p);
    }
    return points;
}

enum class domain { all, positive, nonnegative, above_minus_one };

bool in_domain(domain d, double x) {
    switch (d) {
    case domain::positive: return x > 0;
    case domain::nonnegative: return x >= 0;
    case domain::above_minus_one: return x > -1;
    case domain::all: break;
    }
    return true;
}

constexpr auto x = tg::input<"x">;

/// The value and the fused derivative of f(x) at every input of the domain, in type T.
template <class T, class F>
void check_op_in(F f, fn kind, double setting, domain d, std::vector<T> extra) {
    const auto e = f(x);
    const std::string op = tg::to_string(e);
    std::vector<T> points = inputs<T>();
    points.insert(points.end(), extra.begin(), extra.end());
    for (T z : points) {
        if (!in_domain(d, z)) continue;
        const jet r = reference(kind, setting, real(z));
        const auto [value, gradient] = tg::value_and_gradient<T>(e, tg::wrt(x), x = z);
        check_close<T>(op, "value", z, value, r.f, condition(real(z), r.f, r.df));
        if (abs(r.df) > real(std::numeric_limits<T>::max())) continue;  // f' overflows T (or is infinite)
        check_close<T>(op, "derivative", z, gradient[x], r.df, condition(real(z), r.df, r.d2f));
    }
}

template <class F>
void check_op(F f, fn kind, double setting = 0.0, domain d = domain::all, std::vector<double> extra = {}) {
    check_op_in<double>(f, kind, setting, d, extra);
    check_op_in<float>(f, kind, setting, d, std::vector<float>(extra.begin(), extra.end()));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(op_stability)

BOOST_AUTO_TEST_CASE(square_is_accurate_at_any_input) {
    check_op([](auto a) { return tg::square(a); }, fn::square);
}

BOOST_AUTO_TEST_CASE(cube_is_accurate_at_any_input) {
    check_op([](auto a) { return tg::pow<3>(a); }, fn::cube);
}

BOOST_AUTO_TEST_CASE(exp_is_accurate_until_it_overflows) {
    check_op([](auto a) { return tg::exp(a); }, fn::exp);
}

BOOST_AUTO_TEST_CASE(log_is_accurate_at_any_positive_input) {
    check_op([](auto a) { return tg::log(a); }, fn::log, 0.0, domain::positive);
}

BOOST_AUTO_TEST_CASE(log1p_is_accurate_down_to_its_pole) {
    check_op([](auto a) { return tg::log1p(a); }, fn::log1p, 0.0, domain::above_minus_one, {-0.999, -0.99});
}

BOOST_AUTO_TEST_CASE(sqrt_is_accurate_at_any_nonnegative_input) {
    check_op([](auto a) { return tg::sqrt(a); }, fn::sqrt, 0.0, domain::nonnegative, {1e-30, 2.0e30});
}

BOOST_AUTO_TEST_CASE(abs_is_exact_at_any_input) {
    check_op([](auto a) { return tg::abs(a); }, fn::abs);
}

BOOST_AUTO_TEST_CASE(sinh_and_cosh_are_accurate_until_they_overflow) {
    check_op([](auto a) { return tg::sinh(a); }, fn::sinh);
    check_op([](auto a) { return tg::cosh(a); }, fn::cosh);
}

BOOST_AUTO_TEST_CASE(relu_and_leaky_relu_are_exact_at_any_input) {
    check_op([](auto a) { return tg::relu(a); }, fn::relu);
    check_op([](auto a) { return tg::leaky_relu<0.01>(a); }, fn::leaky_relu, 0.01);
}

BOOST_AUTO_TEST_CASE(elu_is_accurate_at_any_input_for_any_alpha) {
    check_op([](auto a) { return tg::elu<1.0>(a); }, fn::elu, 1.0);
    check_op([](auto a) { return tg::elu<0.5>(a); }, fn::elu, 0.5);
}

BOOST_AUTO_TEST_CASE(softplus_is_accurate_at_any_input) {
    check_op([](auto a) { return tg::softplus(a); }, fn::softplus);
}

BOOST_AUTO_TEST_CASE(sigmoid_is_accurate_at_any_input) {
    check_op([](auto a) { return tg::sigmoid(a); }, fn::sigmoid);
}

BOOST_AUTO_TEST_CASE(tanh_is_accurate_at_any_input_and_on_both_sides_of_its_switch) {
    check_op([](auto a) { return tg::tanh(a); }, fn::tanh, 0.0, domain::all, {0.54, 0.56, 0.6, 0.7, -0.54, -0.56});
}

BOOST_AUTO_TEST_CASE(silu_is_accurate_at_any_input) {
    check_op([](auto a) { return tg::silu(a); }, fn::silu, 0.0, domain::all, {-1.278, -1.5, -2.5});
}

BOOST_AUTO_TEST_CASE(gelu_is_accurate_at_any_input) {
    check_op([](auto a) { return tg::gelu(a); }, fn::gelu, 0.0, domain::all, {-0.75, -1.5, -2.5, -3.5, -7.5});
}

BOOST_AUTO_TEST_SUITE_END()
