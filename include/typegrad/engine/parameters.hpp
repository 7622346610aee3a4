// typegrad/engine/parameters.hpp: the parameter set of an expression.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

namespace detail {

template <class T, class E, class Is>
struct parameter_set_for;
template <class T, class E, std::size_t... I>
struct parameter_set_for<T, E, std::index_sequence<I...>> {
    // Each name is made in place from the plan's sorted names (no entity per name).
    using type = parameter_set<T, to_fixed_string<plan_v<E>.parameters[I].size()>(plan_v<E>.parameters[I])...>;
};

}  // namespace detail

/// The parameter set type of expression E with value type T: one slot per distinct parameter, by name
/// (`parameter_set_for_t<double, decltype(loss)>`; E may be const).
template <class T, expression E>
using parameter_set_for_t = typename detail::parameter_set_for<
    T, std::remove_cvref_t<E>, std::make_index_sequence<detail::plan_v<std::remove_cvref_t<E>>.parameter_count>>::type;

/// parameters_of(e): a zero-initialised parameter set for e's parameters (value type T, double by
/// default). Set entries by name: `theta[w1] = 2.74`.
template <class T = double, expression E>
[[nodiscard]] constexpr parameter_set_for_t<T, E> parameters_of(const E&) {
    return {};
}

}  // namespace typegrad
