// typegrad, P5: the 8-16-1 tanh network as one expression, value_and_gradient_into with the sample
// bound by name and the parameters and gradient in the caller's arrays (see typegrad.cpp for the other
// problems).
#include <cstddef>
#include <utility>

#include <typegrad.hpp>

#include "problems.hpp"

namespace bench::typegrad {
namespace tg = ::typegrad;

// P5's network, unrolled at compile time from index sequences: parameter names are built as
// fixed_strings ("w07_3", "b07", "v07", "c"), the hidden sums are left folds over k, the output sum a
// left fold over j. The same shape as benchmark/compile/generate.py 8 16 (476 unique nodes), with tanh.
namespace p5_model {
using namespace bench::p5;
template <std::size_t J>
constexpr tg::fixed_string<4> unit_name(char letter) {
    tg::fixed_string<4> s{};
    s.value[0] = letter;
    s.value[1] = static_cast<char>('0' + J / 10);
    s.value[2] = static_cast<char>('0' + J % 10);
    return s;
}
template <std::size_t J, std::size_t K>
constexpr tg::fixed_string<6> weight_name() {
    tg::fixed_string<6> s = {};
    const auto unit = unit_name<J>('w');
    for (std::size_t i = 0; i < 3; ++i) s.value[i] = unit.value[i];
    s.value[3] = '_';
    s.value[4] = static_cast<char>('0' + K);
    return s;
}
template <std::size_t K>
constexpr tg::fixed_string<3> input_name() {
    tg::fixed_string<3> s{};
    s.value[0] = 'x';
    s.value[1] = static_cast<char>('0' + K);
    return s;
}
template <std::size_t J, std::size_t K>
inline constexpr auto wp = tg::param<weight_name<J, K>()>;
template <std::size_t J>
inline constexpr auto bp = tg::param<unit_name<J>('b')>;
template <std::size_t J>
inline constexpr auto vp = tg::param<unit_name<J>('v')>;
inline constexpr auto cp = tg::param<"c">;
template <std::size_t K>
inline constexpr auto xi = tg::input<input_name<K>()>;
inline constexpr auto yi = tg::input<"y">;

template <std::size_t J, std::size_t... K>
constexpr auto unit(std::index_sequence<K...>) {
    return tg::tanh((... + (wp<J, K> * xi<K>)) + bp<J>);
}
template <std::size_t... J>
constexpr auto output(std::index_sequence<J...>) {
    return (... + (vp<J> * unit<J>(std::make_index_sequence<inputs>{}))) + cp;
}
inline constexpr auto net = output(std::make_index_sequence<hidden>{});
inline constexpr auto loss = tg::squared_error(net, yi);
using parameters = decltype(tg::parameters_of(loss));
static_assert(parameters::size() == n);

/// Calls f(parameter, its index in p) for each of the 161 parameters.
template <class F>
constexpr void for_each_parameter(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(wp<I / inputs, I % inputs>, w(I / inputs, I % inputs)), ...); }(
        std::make_index_sequence<hidden * inputs>{});
    [&]<std::size_t... J>(std::index_sequence<J...>) {
        (f(bp<J>, b(J)), ...);
        (f(vp<J>, v(J)), ...);
    }(std::make_index_sequence<hidden>{});
    f(cp, c);
}
}  // namespace p5_model

double p5(const double* p, double* g, double* next) {
    using namespace p5_model;
    // p and g are in the names' sorted order, which is the parameter set's order (checked below at
    // compile time), so typegrad reads the parameters from p and writes the gradient into g in place
    // (parameter maps); the update is the plain step, as in hand.cpp.
    static_assert([] {
        bool same = true;
        for_each_parameter([&](auto param, std::size_t i) { same = same && parameters::index_of(decltype(param)::name.view()) == i; });
        return same;
    }());
    const double value = [&]<std::size_t... K>(std::index_sequence<K...>) {
        return tg::value_and_gradient_into(tg::map_parameters<parameters>(g), loss, tg::map_parameters<parameters>(p),
                                           (xi<K> = x[K])..., yi = y);
    }(std::make_index_sequence<inputs>{});
    for (std::size_t k = 0; k < n; ++k) next[k] = p[k] - learning_rate * g[k];
    return value;
}
}  // namespace bench::typegrad
