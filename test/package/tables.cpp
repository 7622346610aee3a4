// Gradients and values of a small network and of a graph large enough for a sweep of its own (more than
// 256 slots), and a network's dot graph (to_dot reads a copy of its own at run time), compiled at -O2 (and -O0 on g++) for package.tables_stay_in_the_compiler: the expressions'
// tables (plan_v, plan_of, leaf_sources_v, activity_v, products_v, parameter_names_v) must not reach the
// object file.
#include <string>
#include <type_traits>
#include <utility>

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

// 40 terms with a run-time number each (so none is shared): about 330 slots.
template <std::size_t... K>
auto large_sum(std::index_sequence<K...>) {
    return (... + (double(K + 1) * tg::softplus(tg::param<"w"> * x * double(K + 1) + tg::param<"b">)));
}
using large_parameters = tg::parameter_set<double, "b", "w">;

double tables_large_gradient(const large_parameters& theta, double xv, large_parameters& g) {
    const auto large = large_sum(std::make_index_sequence<40>{});
    static_assert(tg::detail::plan_v<std::remove_cv_t<decltype(large)>>.slots > tg::detail::inline_sweep_slots);
    const auto r = tg::value_and_gradient(large, theta, x = xv);
    g = r.gradient;
    return r.value;
}

std::string tables_dot() { return tg::to_dot(net); }
