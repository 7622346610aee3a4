// typegrad/engine/bindings.hpp: where a leaf's value comes from when an expression is evaluated.
//
// Arguments after the expression are any mix of
//   - direct bindings `x = 0.5` (each must be used by the expression: an unused one is likely a typo),
//   - samples `sample(x = 0.5, y = 1.0)` (a data row: extra entries are allowed),
//   - parameter sets (`theta`), which supply parameters by name and may hold more than the expression uses.
// A leaf takes its value from the first argument that binds it.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>

#include "typegrad/core/parameter_set.hpp"
#include "typegrad/engine/graph.hpp"

namespace typegrad {

/// A row of named values whose entries need not all be used: `sample(x = 0.5, y = 1.0)`.
template <class... Bindings>
struct sample_t {
    std::tuple<Bindings...> bindings;
};

/// Groups bindings into a data row that may carry more names than an expression uses.
template <class... Leaves, class... Ts>
constexpr sample_t<binding<Leaves, Ts>...> sample(const binding<Leaves, Ts>&... bindings) {
    return {{bindings...}};
}

/// The leaves to differentiate with respect to: `wrt(x, w1)`.
template <class... Leaves>
struct wrt_t {
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    template <class Leaf>
    static constexpr std::size_t index_of_leaf = [] {
        constexpr bool same[] = {std::is_same_v<Leaf, Leaves>..., false};
        for (std::size_t i = 0; i < sizeof...(Leaves); ++i)
            if (same[i]) return i;
        return npos;
    }();
};

/// `wrt(x, w1)`: choose parameters and inputs to differentiate with respect to.
template <leaf_expression... Leaves>
constexpr wrt_t<Leaves...> wrt(const Leaves&...) {
    return {};
}

/// Derivatives with respect to chosen leaves, addressable by the leaf (`grad[x]`).
template <class T, class... Leaves>
struct leaf_gradient {
    std::array<T, sizeof...(Leaves)> values{};

    template <leaf_expression Leaf>
    [[nodiscard]] constexpr T operator[](const Leaf&) const {
        constexpr std::size_t i = wrt_t<Leaves...>::template index_of_leaf<Leaf>;
        static_assert(i != wrt_t<Leaves...>::npos, "typegrad: this leaf is not among those listed in wrt(...)");
        return values[i];
    }
};

namespace detail {

/// An error naming N here means: the expression uses the parameter or input N, and no argument binds a
/// value to it. Bind it by name (`x = 0.5`), in a `sample(...)`, or (parameters) in the parameter set.
template <fixed_string Name>
struct no_value_bound_for {
    static_assert(Name.size() == 0 && Name.size() != 0,
                  "typegrad: no value is bound for a parameter or input of this expression; bind it by name "
                  "(x = 0.5), in sample(...), or for a parameter in the parameter set");
};

/// An error naming N here means: N is bound more than once by direct bindings or samples
/// (`x = 1.0, x = 2.0`), so which value is meant is unclear.
template <fixed_string Name>
struct bound_more_than_once {
    static_assert(Name.size() == 0 && Name.size() != 0,
                  "typegrad: a name is bound more than once in one call; bind each name once");
};

/// An error naming N here means: a direct binding `N = ...` was passed, but the expression does not
/// use N. This is most often a typo; to pass a row with extra entries, group it with sample(...).
template <fixed_string Name>
struct binding_not_used_by_expression {
    static_assert(Name.size() == 0 && Name.size() != 0,
                  "typegrad: a value is bound to a name that the expression does not use (a typo?); "
                  "use sample(...) for rows with extra entries");
};

/// An error naming A here means: an argument after the expression is neither a binding (`x = 0.5`),
/// a sample(...) nor a parameter set.
template <class A>
struct not_a_binding {
    static_assert(sizeof(A) == 0 && sizeof(A) != 0,
                  "typegrad: arguments after the expression must be bindings like x = 0.5, sample(...) "
                  "or a parameter set");
};

template <class Arg, class Leaf>
struct binds : std::false_type {};
template <class Leaf, class T>
struct binds<binding<Leaf, T>, Leaf> : std::true_type {};
template <class... Bindings, class Leaf>
struct binds<sample_t<Bindings...>, Leaf> : std::bool_constant<(binds<Bindings, Leaf>::value || ...)> {};
template <class T, fixed_string... Names, fixed_string Name>
struct binds<parameter_set<T, Names...>, parameter_node<Name>>
    : std::bool_constant<parameter_set<T, Names...>::index_of(Name.view()) != parameter_set<T, Names...>::npos> {};

inline constexpr std::size_t unbound = static_cast<std::size_t>(-1);

template <class Arg>
inline constexpr bool is_direct_v = !is_parameter_set_v<Arg>;

/// The index of the argument that binds Leaf, or `unbound`: a direct binding or sample first, then the
/// first parameter set that holds it. So `w = 3.0` overrides theta's w, whatever the order.
template <class Leaf, class... Args>
inline constexpr std::size_t binder_index_v = [] {
    constexpr bool b[] = {binds<Args, Leaf>::value..., false};
    constexpr bool direct[] = {is_direct_v<Args>..., false};
    for (std::size_t i = 0; i < sizeof...(Args); ++i)
        if (b[i] && direct[i]) return i;
    for (std::size_t i = 0; i < sizeof...(Args); ++i)
        if (b[i]) return i;
    return unbound;
}();

/// How many direct bindings and samples bind Leaf.
template <class Leaf, class... Args>
inline constexpr std::size_t direct_binding_count_v = ((binds<Args, Leaf>::value && is_direct_v<Args> ? 1 : 0) + ... + 0);

template <class Arg>
inline constexpr bool is_argument_v = is_parameter_set_v<Arg>;
template <class Leaf, class T>
inline constexpr bool is_argument_v<binding<Leaf, T>> = true;
template <class... Bindings>
inline constexpr bool is_argument_v<sample_t<Bindings...>> = true;

/// The value an argument binds to Leaf, converted to T.
template <class T, class Leaf, class Arg>
constexpr T bound_value(const Arg& arg) {
    if constexpr (is_parameter_set_v<Arg>) {
        constexpr std::size_t i = Arg::index_of(Leaf::name.view());  // at compile time: no string compare
        return static_cast<T>(arg.values[i]);
    } else if constexpr (requires { arg.bindings; }) {
        using S = std::remove_cvref_t<decltype(arg.bindings)>;
        constexpr std::size_t i = [] {
            return []<std::size_t... I>(std::index_sequence<I...>) {
                constexpr bool b[] = {binds<std::tuple_element_t<I, S>, Leaf>::value..., false};
                for (std::size_t k = 0; k < sizeof...(I); ++k)
                    if (b[k]) return k;
                return std::size_t{0};
            }(std::make_index_sequence<std::tuple_size_v<S>>{});
        }();
        return static_cast<T>(std::get<i>(arg.bindings).value);
    } else {
        return static_cast<T>(arg.value);
    }
}

/// The arguments of one evaluation, held by reference for its duration.
template <class... Args>
struct environment {
    std::tuple<const Args&...> args;

    template <class T, class Leaf>
    constexpr T value_of() const {
        constexpr std::size_t i = binder_index_v<Leaf, Args...>;
        if constexpr (i == unbound) {
            return T(0);  // already reported by check_bound at the entry point
        } else {
            return bound_value<T, Leaf>(std::get<i>(args));
        }
    }
};

/// Checks, at the public entry point, that every argument is of a known kind and that every direct
/// binding is used by E.
template <class E, class Arg>
constexpr void check_argument() {
    if constexpr (!is_argument_v<Arg>) {
        (void)sizeof(not_a_binding<Arg>);
    } else if constexpr (requires { typename Arg::leaf; }) {
        if constexpr (!contains_v<E, typename Arg::leaf>) (void)sizeof(binding_not_used_by_expression<Arg::leaf::name>);
    }
}

/// Checks that every leaf of E (a subtree) is bound exactly once by direct bindings, or by a parameter set.
template <class E, class... Args>
constexpr void check_bound() {
    if constexpr (E::kind == node_kind::parameter || E::kind == node_kind::input) {
        if constexpr (binder_index_v<E, Args...> == unbound) (void)sizeof(no_value_bound_for<E::name>);
        else if constexpr (direct_binding_count_v<E, Args...> > 1) (void)sizeof(bound_more_than_once<E::name>);
    } else if constexpr (E::kind == node_kind::unary) {
        check_bound<std::remove_cvref_t<decltype(std::declval<E>().arg)>, Args...>();
    } else if constexpr (E::kind == node_kind::binary) {
        check_bound<std::remove_cvref_t<decltype(std::declval<E>().lhs)>, Args...>();
        check_bound<std::remove_cvref_t<decltype(std::declval<E>().rhs)>, Args...>();
    }
}

/// All the checks of a call's arguments against its expression, at the public entry point.
template <class E, class... Args>
constexpr void check_arguments() {
    (check_argument<E, Args>(), ...);
    check_bound<E, Args...>();
}

/// The value type of an evaluation: the first parameter set's, else double.
template <class... Args>
constexpr auto deduce_value_type() {
    constexpr bool has_set = (is_parameter_set_v<Args> || ... || false);
    if constexpr (has_set) {
        constexpr std::size_t i = [] {
            constexpr bool b[] = {is_parameter_set_v<Args>...};
            std::size_t k = 0;
            while (!b[k]) ++k;
            return k;
        }();
        using A = std::tuple_element_t<i, std::tuple<Args...>>;
        return typename A::value_type{};
    } else {
        return double{};
    }
}

template <class T, class... Args>
using value_type_t = std::conditional_t<std::is_void_v<T>, decltype(deduce_value_type<Args...>()), T>;

}  // namespace detail
}  // namespace typegrad
