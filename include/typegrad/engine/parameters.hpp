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

template <class E>
constexpr void collect_parameter_names(std::string_view* out, std::size_t& n) {
    if constexpr (E::kind == node_kind::parameter) {
        out[n++] = E::name.view();
    } else if constexpr (E::kind == node_kind::unary) {
        collect_parameter_names<std::remove_cvref_t<decltype(std::declval<E>().arg)>>(out, n);
    } else if constexpr (E::kind == node_kind::binary) {
        collect_parameter_names<std::remove_cvref_t<decltype(std::declval<E>().lhs)>>(out, n);
        collect_parameter_names<std::remove_cvref_t<decltype(std::declval<E>().rhs)>>(out, n);
    }
}

/// The sorted, unique parameter names of E: how many, then the array.
template <class E>
struct parameter_names {
    static constexpr auto compute() {
        std::array<std::string_view, parameter_count_v<E> + 1> all{};
        std::size_t n = 0;
        collect_parameter_names<E>(all.data(), n);
        std::sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        const auto end = std::unique(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
        return std::pair{all, static_cast<std::size_t>(end - all.begin())};
    }
    static constexpr auto result = compute();
    static constexpr std::size_t count = result.second;
    template <std::size_t I>
    static constexpr auto name = to_fixed_string<result.first[I].size()>(result.first[I]);
};

template <class T, class E, class Is>
struct parameter_set_for;
template <class T, class E, std::size_t... I>
struct parameter_set_for<T, E, std::index_sequence<I...>> {
    using type = parameter_set<T, parameter_names<E>::template name<I>...>;
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
