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
#include <string_view>
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
    [[nodiscard]] static constexpr std::size_t size() { return sizeof...(Leaves); }
    /// The output index of the leaf (kind, name), or npos.
    static constexpr std::size_t index_of_key(node_kind kind, std::string_view name) {
        constexpr node_kind kinds[] = {Leaves::kind::value..., node_kind::constant};
        constexpr std::string_view names[] = {Leaves::name.view()..., std::string_view{}};
        for (std::size_t i = 0; i < sizeof...(Leaves); ++i)
            if (kinds[i] == kind && detail::name_equal(names[i], name)) return i;
        return npos;
    }
    template <class Leaf>
    static constexpr std::size_t index_of_leaf = [] {
        constexpr bool same[] = {std::is_same<Leaf, Leaves>::value..., false};
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

template <class Set, class Element, class Leaf>
struct binds<parameter_map<Set, Element>, Leaf> : binds<Set, Leaf> {};

template <class Arg>
struct is_direct : std::bool_constant<!is_parameter_source<Arg>::value> {};
template <class Arg>
struct is_sample : std::false_type {};
template <class... Bindings>
struct is_sample<sample_t<Bindings...>> : std::true_type {};

template <class Arg>
struct is_argument : is_parameter_source<Arg> {};
template <class Leaf, class T>
struct is_argument<binding<Leaf, T>> : std::true_type {};
template <class... Bindings>
struct is_argument<sample_t<Bindings...>> : std::true_type {};

/// Where a leaf's value comes from: the argument's position and, for a parameter set or a sample, the
/// entry within it.
enum class source { none, parameter_set, direct, sample };
struct leaf_source {
    source from = source::none;
    std::size_t arg = 0;
    std::size_t index = 0;
    std::size_t direct_count = 0;  // direct bindings and samples that bind the leaf
};

/// lookup<Arg>(kind, name): the entry of argument type Arg that binds the leaf (kind, name), or npos.
/// One function per argument type, so finding every leaf's source creates no entity per leaf.
inline constexpr std::size_t no_entry = static_cast<std::size_t>(-1);

template <class Arg>
struct lookup {
    static constexpr unsigned kinds = 0;  // the leaf kinds (kind_bit) the argument can bind
    static constexpr std::size_t find(node_kind, std::string_view, unsigned long long) { return no_entry; }
};
template <class Leaf, class U>
struct lookup<binding<Leaf, U>> {
    static constexpr unsigned kinds = kind_bit(Leaf::kind::value);
    static constexpr std::size_t find(node_kind kind, std::string_view name, unsigned long long) {
        return Leaf::kind::value == kind && name_equal(Leaf::name.view(), name) ? 0 : no_entry;
    }
};
template <class... Bindings>
struct lookup<sample_t<Bindings...>> {
    static constexpr unsigned kinds = (kind_bit(Bindings::leaf::kind::value) | ... | 0u);
    static constexpr std::size_t find(node_kind kind, std::string_view name, unsigned long long) {
        constexpr node_kind kinds[] = {Bindings::leaf::kind::value..., node_kind::constant};
        constexpr std::string_view names[] = {Bindings::leaf::name.view()..., std::string_view{}};
        for (std::size_t i = 0; i < sizeof...(Bindings); ++i)
            if (kinds[i] == kind && name_equal(names[i], name)) return i;
        return no_entry;
    }
};
template <class T, fixed_string... Names>
struct lookup<parameter_set<T, Names...>> {
    static constexpr unsigned kinds = kind_bit(node_kind::parameter);
    static constexpr std::size_t find(node_kind kind, std::string_view name, unsigned long long hash) {
        return kind == node_kind::parameter ? parameter_set<T, Names...>::index_of_hashed(hash, name) : no_entry;
    }
};

template <class Set, class Element>
struct lookup<parameter_map<Set, Element>> : lookup<Set> {};

/// A leaf as the lookups see it.
struct leaf_key {
    node_kind kind = node_kind::constant;
    std::string_view name;
};

/// Where each leaf's value comes from: a direct binding or sample first, then the first parameter set
/// that holds it (so `w = 3.0` overrides theta's w, whatever the order of arguments).
template <class... Args>
TYPEGRAD_TABLE_LINKAGE constexpr leaf_source locate(leaf_key leaf) {
    using finder = std::size_t (*)(node_kind, std::string_view, unsigned long long);
    constexpr finder finders[] = {&lookup<Args>::find..., nullptr};
    constexpr unsigned kinds[] = {lookup<Args>::kinds..., 0u};
    constexpr bool direct[] = {is_direct<Args>::value..., false};
    constexpr bool sample[] = {is_sample<Args>::value..., false};
    const unsigned bit = kind_bit(leaf.kind);
    const unsigned long long hash = name_hash(leaf.name);
    leaf_source r{};
    for (std::size_t i = 0; i < sizeof...(Args); ++i) {
        // Arguments that cannot bind this kind of leaf are skipped without a lookup: this keeps a
        // thousand parameters times a dozen input bindings inside clang's constexpr step limit.
        if ((kinds[i] & bit) == 0) continue;
        const std::size_t k = finders[i](leaf.kind, leaf.name, hash);
        if (k == no_entry) continue;
        if (direct[i]) {
            if (r.direct_count++ == 0) r = leaf_source{sample[i] ? source::sample : source::direct, i, k, 1};
        } else if (r.from == source::none) {
            r = leaf_source{source::parameter_set, i, k, 0};
        }
    }
    return r;
}

/// Instantiated (through sizeof, see detail::check) for the first leaf of a call that is unbound or bound
/// twice; fails naming that leaf.
template <class Leaf, bool Bound, bool Once>
struct check_leaf {};
template <class Leaf, bool Once>
struct check_leaf<Leaf, false, Once> : no_value_bound_for<Leaf::name> {};
template <class Leaf>
struct check_leaf<Leaf, true, false> : bound_more_than_once<Leaf::name> {};

/// Instantiated for the arguments of a call that fail (see detail::call_checks_t): arguments of unknown
/// kind and direct bindings that the expression does not use; each fails naming what it is about.
template <class Arg, bool Used>
struct check_arg {};
template <class Arg>
struct check_arg<Arg, false> : binding_not_used_by_expression<Arg::leaf::name> {};
template <class Arg, bool Known = is_argument<Arg>::value>
struct check_known {};
template <class Arg>
struct check_known<Arg, false> : not_a_binding<Arg> {};

/// The value type of an evaluation: the first parameter set's (or map's), else double.
template <class... Args>
constexpr auto deduce_value_type() {
    constexpr bool has_set = (is_parameter_source<Args>::value || ... || false);
    if constexpr (has_set) {
        constexpr std::size_t i = [] {
            constexpr bool b[] = {is_parameter_source<Args>::value...};
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
