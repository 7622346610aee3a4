// P3 with typegrad: tg::sum_over(tg::squared_error(net, y), tg::data(x = xs, y = ys)) and
// value_and_gradient, in SIMD lanes (the default, typegrad::p3*), one sample per sweep
// (.sequential(), typegrad_seq::p3*), and for P3L/2 .on(pool) with a tg::thread_pool of two threads
// created once (at the first call, which is the agreement check, before any timing or counting). The
// losses are built once over views of the shared points (p3_data.cpp); parameters are copied in from p
// and out to g by name, as in typegrad.cpp.
#include <cstddef>
#include <span>
#include <utility>

#include <typegrad.hpp>

#include "p3.hpp"

namespace bench {
namespace {
namespace tg = ::typegrad;

inline constexpr auto x = tg::input<"x">;
inline constexpr auto y = tg::input<"y">;
inline constexpr auto w1 = tg::param<"w1">;
inline constexpr auto w2 = tg::param<"w2">;
inline constexpr auto w3 = tg::param<"w3">;
inline constexpr auto w4 = tg::param<"w4">;
inline constexpr auto b1 = tg::param<"b1">;
inline constexpr auto b2 = tg::param<"b2">;
inline constexpr auto b3 = tg::param<"b3">;
inline constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;

auto ssr_over(std::size_t count) {
    const p3::points_view d = p3::data(count);
    const std::span<const double> xs(d.x, d.size), ys(d.y, d.size);
    return tg::sum_over(tg::squared_error(net, y), tg::data(x = xs, y = ys));
}
using loss_type = decltype(ssr_over(0));
using parameters = decltype(tg::parameters_of(std::declval<const loss_type&>()));

parameters from(const double* p) {
    parameters theta;
    theta[b1] = p[0];
    theta[b2] = p[1];
    theta[b3] = p[2];
    theta[w1] = p[3];
    theta[w2] = p[4];
    theta[w3] = p[5];
    theta[w4] = p[6];
    return theta;
}

double out(const tg::value_and_gradient_result<double, parameters>& r, double* g) {
    g[0] = r.gradient[b1];
    g[1] = r.gradient[b2];
    g[2] = r.gradient[b3];
    g[3] = r.gradient[w1];
    g[4] = r.gradient[w2];
    g[5] = r.gradient[w3];
    g[6] = r.gradient[w4];
    return r.value;
}
}  // namespace

double typegrad::p3(const double* p, double* g, double*) {
    static const loss_type ssr = ssr_over(p3::points);
    return out(ssr.value_and_gradient(from(p)), g);
}
double typegrad::p3l1(const double* p, double* g, double*) {
    static const loss_type ssr = ssr_over(p3::large_points);
    return out(ssr.value_and_gradient(from(p)), g);
}
double typegrad::p3l2(const double* p, double* g, double*) {
    static tg::thread_pool pool(2);  // this thread and one more, started once
    static const loss_type ssr = ssr_over(p3::large_points).on(pool);
    return out(ssr.value_and_gradient(from(p)), g);
}
double typegrad_seq::p3(const double* p, double* g, double*) {
    static const loss_type ssr = ssr_over(p3::points).sequential();
    return out(ssr.value_and_gradient(from(p)), g);
}
double typegrad_seq::p3l1(const double* p, double* g, double*) {
    static const loss_type ssr = ssr_over(p3::large_points).sequential();
    return out(ssr.value_and_gradient(from(p)), g);
}
}  // namespace bench
