// typegrad: each loss written with the library's API, value_and_gradient for the gradient and
// tg::sgd's step for the update; parameters copied in from p and out to g/next by name. P5 (161
// parameters, about 3 s to compile) is in typegrad_mlp.cpp, a translation unit of its own.
#include <cstddef>

#include <typegrad.hpp>

#include "problems.hpp"

namespace bench::typegrad {
namespace tg = ::typegrad;

namespace p1_model {
using namespace bench::p1;
inline constexpr auto x = tg::input<"x">;
inline constexpr auto y = tg::input<"y">;
inline constexpr auto slope = tg::param<"slope">;
inline constexpr auto intercept = tg::param<"intercept">;
inline const auto ssr = tg::sum_over(tg::squared_error(slope * x + intercept, y), tg::data(x = xs, y = ys));
using parameters = decltype(tg::parameters_of(ssr));
}  // namespace p1_model

namespace p2_model {
using namespace bench::p2;
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
inline const auto ssr = tg::sum_over(tg::squared_error(net, y), tg::data(x = xs, y = ys));
using parameters = decltype(tg::parameters_of(ssr));

inline parameters from(const double* p) {
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
inline void to(const parameters& theta, double* p) {
    p[0] = theta[b1];
    p[1] = theta[b2];
    p[2] = theta[b3];
    p[3] = theta[w1];
    p[4] = theta[w2];
    p[5] = theta[w3];
    p[6] = theta[w4];
}
}  // namespace p2_model


double p1(const double* p, double* g, double*) {
    using namespace p1_model;
    parameters theta;
    theta[intercept] = p[0];
    theta[slope] = p[1];
    const auto [value, grad] = ssr.value_and_gradient(theta);
    g[0] = grad[intercept];
    g[1] = grad[slope];
    return value;
}

double p2(const double* p, double* g, double*) {
    using namespace p2_model;
    const auto [value, grad] = ssr.value_and_gradient(from(p));
    to(grad, g);
    return value;
}

double p4(const double* p, double* g, double* next) {
    using namespace p2_model;
    const tg::sgd optimizer{.learning_rate = bench::p4::learning_rate};
    tg::sgd::state<parameters> state;
    parameters theta = from(p), grad;
    double value = 0;
    for (std::size_t step = 0; step < bench::p4::steps; ++step) {
        const auto r = ssr.value_and_gradient(theta);
        value = r.value;
        grad = r.gradient;
        optimizer.step(theta, grad, state);
    }
    to(grad, g);
    to(theta, next);
    return value;
}

}  // namespace bench::typegrad
