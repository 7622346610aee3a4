// typegrad/core/parameter_set.hpp: values for a set of named parameters.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <string_view>
#include <utility>
#include <type_traits>

#include "typegrad/core/nodes.hpp"

namespace typegrad {

namespace detail {
template <std::size_t K>
constexpr bool strictly_sorted(const std::array<std::string_view, K>& names) {
    for (std::size_t i = 1; i < K; ++i)
        if (!name_less(names[i - 1], names[i])) return false;
    return true;
}

/// An open-addressing hash table of K names: `slots` entries (a power of two, more than 2K, so that one
/// is always empty and a probe always stops), each the index of a name + 1, or 0 for empty, at the
/// name's hash (detail::name_hash) or the next free entry. Built without sorting: g++ evaluates a
/// constexpr std::sort of a thousand entries as tens of thousands of calls.
template <std::size_t K>
struct name_table_t {
    static constexpr std::size_t slots = std::bit_ceil(2 * K + 1);
    std::size_t entry[slots]{};
    unsigned long long hash[slots]{};
};
template <std::size_t K>
constexpr name_table_t<K> name_table(const std::array<std::string_view, K>& names) {
    name_table_t<K> t{};
    constexpr std::size_t mask = name_table_t<K>::slots - 1;
    for (std::size_t i = 0; i < K; ++i) {
        const unsigned long long h = name_hash(names[i]);
        std::size_t e = static_cast<std::size_t>(h) & mask;
        while (t.entry[e] != 0) e = (e + 1) & mask;
        t.entry[e] = i + 1;
        t.hash[e] = h;
    }
    return t;
}
/// The index of the name `name`, whose name_hash is `hash`, in table t of names, or -1.
template <class Table>
constexpr std::size_t find_in_table(const Table& t, const std::string_view* names, unsigned long long hash,
                                    std::string_view name) {
    constexpr std::size_t mask = Table::slots - 1;
    for (std::size_t e = static_cast<std::size_t>(hash) & mask; t.entry[e] != 0; e = (e + 1) & mask)
        if (t.hash[e] == hash && name_equal(names[t.entry[e] - 1], name)) return t.entry[e] - 1;
    return static_cast<std::size_t>(-1);
}

/// An error naming N here means: the parameter N is used but is not in the parameter set passed.
template <fixed_string Name>
struct parameter_not_in_set {
    static_assert(Name.size() == 0 && Name.size() != 0,
                  "typegrad: this parameter is not in the parameter set; make the set with parameters_of(e) "
                  "for an expression e that uses it");
};
/// Asks for a parameter set whose values are left unset.
struct unset_t {
    explicit unset_t() = default;
};
inline constexpr unset_t unset{};
}  // namespace detail

/// One entry of a parameter set while iterating: its name and (a reference to) its value.
template <class Ref>
struct named_value {
    std::string_view name;
    Ref value;
};

/// Values for the parameters `Names...` (sorted, unique), stored as a plain `std::array<T, P>`, with
/// the name-to-index table known at compile time. Address entries with the parameter object
/// (`theta[w1]`), iterate as (name, value) pairs. Make one with `parameters_of(e)`: its order is by
/// name, so `loss` and `loss + penalty` agree on it. Trivially copyable: save it by assignment.
template <class T, fixed_string... Names>
struct parameter_set {
    using value_type = T;
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    static constexpr std::array<std::string_view, sizeof...(Names)> names{Names.view()...};
    static_assert(detail::strictly_sorted(names),
                  "typegrad: parameter_set names must be sorted and unique; make sets with parameters_of(e)");

    std::array<T, sizeof...(Names)> values;

    /// Every value zero.
    constexpr parameter_set() : values{} {}
    /// Values left unset, for code that writes every entry before reading any (value_and_gradient's
    /// result, which would otherwise be zeroed only to be overwritten).
    constexpr explicit parameter_set(detail::unset_t) {}

    [[nodiscard]] static constexpr std::size_t size() { return sizeof...(Names); }

    /// The names' open-addressing hash table (see detail::name_table): finding a name costs a probe or
    /// two, which keeps looking up a thousand parameters inside clang's default constexpr step limit.
    static constexpr auto hashed_names = detail::name_table<sizeof...(Names)>(names);

    /// The index of a name, or npos.
    [[nodiscard]] static constexpr std::size_t index_of(std::string_view name) {
        return detail::find_in_table(hashed_names, names.data(), detail::name_hash(name), name);
    }

    /// The index of a name whose name_hash is `hash`, or npos.
    [[nodiscard]] static constexpr std::size_t index_of_hashed(unsigned long long hash, std::string_view name) {
        return detail::find_in_table(hashed_names, names.data(), hash, name);
    }

    /// The index at which the gradient of the leaf (kind, name) goes: npos for inputs and for parameters
    /// not in the set.
    static constexpr std::size_t index_of_key(node_kind kind, std::string_view name) {
        return kind == node_kind::parameter ? index_of(name) : npos;
    }

    template <fixed_string Name>
    [[nodiscard]] constexpr T& operator[](parameter_node<Name>) {
        constexpr std::size_t i = index_of(Name.view());
        if constexpr (i == npos) return (void)sizeof(detail::parameter_not_in_set<Name>), values[0];
        else return values[i];
    }
    template <fixed_string Name>
    [[nodiscard]] constexpr const T& operator[](parameter_node<Name>) const {
        constexpr std::size_t i = index_of(Name.view());
        if constexpr (i == npos) return (void)sizeof(detail::parameter_not_in_set<Name>), values[0];
        else return values[i];
    }

    template <class Ref, class Values>
    struct iterator_base {
        Values* values;
        std::size_t index;
        constexpr named_value<Ref> operator*() const { return {names[index], (*values)[index]}; }
        constexpr iterator_base& operator++() { ++index; return *this; }
        constexpr bool operator==(const iterator_base&) const = default;
    };
    using iterator = iterator_base<T&, std::array<T, sizeof...(Names)>>;
    using const_iterator = iterator_base<const T&, const std::array<T, sizeof...(Names)>>;

    constexpr iterator begin() { return {&values, 0}; }
    constexpr iterator end() { return {&values, size()}; }
    constexpr const_iterator begin() const { return {&values, 0}; }
    constexpr const_iterator end() const { return {&values, size()}; }

    constexpr bool operator==(const parameter_set&) const = default;
};

namespace detail {
template <class T>
struct is_parameter_set : std::false_type {};
template <class T, fixed_string... Names>
struct is_parameter_set<parameter_set<T, Names...>> : std::true_type {};

/// An error naming S here means: map_parameters<S>(pointer) needs S to be a parameter set type such as
/// decltype(parameters_of(e)), and the pointer's element type to be S's value_type.
template <class S, class Element, bool Fits = is_parameter_set<S>::value>
struct check_map {
    static_assert(Fits, "typegrad: map_parameters<Set>(pointer) requires 'Set' to be a parameter set type, e.g. "
                        "decltype(tg::parameters_of(loss))");
};
template <class S, class Element>
struct check_map<S, Element, true> {
    static_assert(std::is_same_v<std::remove_const_t<Element>, typename S::value_type>,
                  "typegrad: map_parameters<Set>(pointer): the pointer's element type must be the set's value_type");
};
}  // namespace detail

/// A parameter set's names over values kept elsewhere: `Set::size()` values in the set's (name) order,
/// at `values`. It reads and writes that memory in place (no copy), like Eigen's Map: pass it where a
/// parameter set supplies values to eval and value_and_gradient, as theta or gradient to an optimizer's
/// step, or, over writable memory, as the destination of value_and_gradient_into. Element is `const T` for read-only memory. The memory
/// must outlive the map. Make one with `map_parameters<Set>(pointer)`.
template <class Set, class Element = typename Set::value_type>
struct parameter_map {
    using set_type = Set;
    using value_type = typename Set::value_type;
    static constexpr std::size_t npos = Set::npos;

    Element* values;

    [[nodiscard]] static constexpr std::size_t size() { return Set::size(); }
    [[nodiscard]] static constexpr std::size_t index_of(std::string_view name) { return Set::index_of(name); }

    template <fixed_string Name>
    [[nodiscard]] constexpr Element& operator[](parameter_node<Name>) const {
        constexpr std::size_t i = index_of(Name.view());
        if constexpr (i == npos) return (void)sizeof(detail::parameter_not_in_set<Name>), values[0];
        else return values[i];
    }
    /// A parameter set holding a copy of the values.
    [[nodiscard]] constexpr Set to_set() const {
        Set s{detail::unset};
        for (std::size_t i = 0; i < size(); ++i) s.values[i] = values[i];
        return s;
    }
};

/// map_parameters<Set>(pointer): the parameter_map of Set over `pointer` (Set::size() values in the
/// set's name order; `const` for read-only memory).
template <class Set, class Element>
[[nodiscard]] constexpr parameter_map<Set, Element> map_parameters(Element* values) {
    [[maybe_unused]] constexpr detail::check_map<Set, Element> check{};
    return {values};
}

namespace detail {
template <class T>
struct is_parameter_map : std::false_type {};
template <class Set, class Element>
struct is_parameter_map<parameter_map<Set, Element>> : std::true_type {};
/// Parameter sets and maps: the arguments that supply parameters by name.
template <class T>
struct is_parameter_source : std::bool_constant<is_parameter_set<T>::value || is_parameter_map<T>::value> {};

/// The set type of a parameter set or map (void for anything else).
template <class A>
struct set_type_of {
    using type = void;
};
template <class T, fixed_string... Names>
struct set_type_of<parameter_set<T, Names...>> {
    using type = parameter_set<T, Names...>;
};
template <class Set, class Element>
struct set_type_of<parameter_map<Set, Element>> {
    using type = Set;
};
template <class A>
using set_type_t = typename set_type_of<A>::type;
/// Whether values can be written through a parameter set or map (given as a possibly const reference).
template <class A>
struct writable : std::bool_constant<!std::is_const<std::remove_reference_t<A>>::value> {};
template <class Set, class Element>
struct writable<parameter_map<Set, Element>> : std::bool_constant<!std::is_const_v<Element>> {};
template <class Set, class Element>
struct writable<const parameter_map<Set, Element>> : writable<parameter_map<Set, Element>> {};
template <class Set, class Element>
struct writable<parameter_map<Set, Element>&> : writable<parameter_map<Set, Element>> {};
template <class Set, class Element>
struct writable<const parameter_map<Set, Element>&> : writable<parameter_map<Set, Element>> {};

/// An optimizer's step(theta, gradient, state): theta and the gradient are parameter sets or maps of the
/// state's set type, and theta is writable.
template <class Set, class Theta, class Gradient>
constexpr void check_step() {
    static_assert(std::is_same<typename set_type_of<std::remove_cvref_t<Theta>>::type, Set>::value &&
                      std::is_same<typename set_type_of<std::remove_cvref_t<Gradient>>::type, Set>::value,
                  "typegrad: an optimizer's step(theta, gradient, state) takes theta and the gradient as parameter "
                  "sets or parameter maps of the state's set type");
    static_assert(writable<Theta>::value,
                  "typegrad: an optimizer's step(theta, gradient, state) writes theta: it must not be const (or a map "
                  "over const memory)");
}
}  // namespace detail

}  // namespace typegrad
