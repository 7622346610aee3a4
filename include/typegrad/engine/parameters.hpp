// typegrad/engine/parameters.hpp: the parameter set of an expression.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

namespace detail {

/// The sorted, unique parameter names of E, from the parameter slots of its plan (each distinct
/// parameter has one slot).
template <class E>
struct parameter_names {
    using slots = slots_of<E, kind_bit(node_kind::parameter)>;
    template <std::size_t... J>
    static constexpr auto compute(std::index_sequence<J...>) {
        std::array<std::string_view, sizeof...(J)> names{plan_v<E>.name[slots::value[J]]...};
        std::sort(names.begin(), names.end());
        return names;
    }
    static constexpr auto sorted = compute(std::make_index_sequence<slots::count>{});
    static constexpr std::size_t count = slots::count;
};

template <class T, class E, class Is>
struct parameter_set_for;
template <class T, class E, std::size_t... I>
struct parameter_set_for<T, E, std::index_sequence<I...>> {
    // Each name is made in place from the sorted array (no entity per name).
    using type = parameter_set<T, to_fixed_string<parameter_names<E>::sorted[I].size()>(parameter_names<E>::sorted[I])...>;
};

}  // namespace detail

/// The parameter set type of expression E with value type T: one slot per distinct parameter, by name
/// (`parameter_set_for_t<double, decltype(loss)>`; E may be const).
template <class T, expression E>
using parameter_set_for_t = typename detail::parameter_set_for<
    T, std::remove_cvref_t<E>, std::make_index_sequence<detail::parameter_names<std::remove_cvref_t<E>>::count>>::type;

/// parameters_of(e): a zero-initialised parameter set for e's parameters (value type T, double by
/// default). Set entries by name: `theta[w1] = 2.74`.
template <class T = double, expression E>
[[nodiscard]] constexpr parameter_set_for_t<T, E> parameters_of(const E&) {
    return {};
}

}  // namespace typegrad
