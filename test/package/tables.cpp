// A gradient and a value of a small network, compiled at -O2 (and -O0 on g++) for
// package.tables_stay_in_the_compiler: the expression's tables (plan_v, leaf_sources_v, activity_v,
// products_v, parameter_names_v, plan_of) must not reach the object file.
#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;
constexpr auto y = tg::input<"y">;
constexpr auto net = tg::param<"v"> * tg::softplus(tg::param<"w"> * x + tg::param<"b">) + tg::param<"c">;
constexpr auto loss = tg::square(y - net);
}  // namespace

using tables_parameters = tg::parameter_set_for_t<double, decltype(loss)>;

double tables_gradient(const tables_parameters& theta, double xv, double yv, tables_parameters& g) {
    const auto r = tg::value_and_gradient(loss, theta, x = xv, y = yv);
    g = r.gradient;
    return r.value + tg::eval(net, theta, x = xv);
}
