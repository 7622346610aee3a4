// typegrad/engine/parameters.hpp: the parameter set of an expression.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

namespace detail {

/// The distinct parameter names of a plan, sorted: the order of its parameter set.
template <std::size_t Count, class Plan>
constexpr std::array<std::string_view, Count> sorted_parameters(const Plan& plan) {
    std::array<std::string_view, Count> names{};
    std::string_view scratch[Count > 0 ? Count : 1]{};
    unsigned long long keys[Count > 0 ? 2 * Count : 1]{};
    std::size_t c = 0;
    for (std::size_t j = 0; j < plan.leaves.count; ++j) {
        const std::size_t s = plan.leaves.items[j];
        if (plan.kind[s] == node_kind::parameter) names.data()[c++] = plan.name[s];
    }
    sort_names(names.data(), scratch, keys, Count);
    return names;
}
/// E's sorted parameter names: a variable of its own, not part of the plan, so that the sort is a constant
/// evaluation of its own within clang's default budget of steps (with std::sort, 1,409 names took more
/// than half of it; see sort_names).
template <class E>
TYPEGRAD_TABLE_LINKAGE constexpr auto parameter_names_v = sorted_parameters<plan_v<E>.parameter_count>(plan_v<E>);

template <class T, class E, class Is>
struct parameter_set_for;
template <class T, class E, std::size_t... I>
struct parameter_set_for<T, E, std::index_sequence<I...>> {
    // Each name is made in place from the sorted names (no entity per name).
    using type = parameter_set<T, to_fixed_string<parameter_names_v<E>[I].size()>(parameter_names_v<E>[I])...>;
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
