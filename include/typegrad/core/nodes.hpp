// typegrad/core/nodes.hpp: the nodes an expression's type is made of. Nodes only describe the graph;
// evaluation lives in typegrad/engine/.
#pragma once

#include <concepts>
#include <type_traits>

#include "typegrad/core/fixed_string.hpp"

namespace typegrad {

/// What kind of node a type is; every node type E says so as `E::kind::value`.
enum class node_kind { parameter, input, constant, literal, unary, binary };

/// A node's kind as a type, one per kind, shared by all nodes of that kind. (Not a static data member of
/// each node type: g++ registers and mangles every static data member that is referred to, and at a
/// thousand nodes the names of the nodes' own members cost it about 2% of the compile.)
template <node_kind K>
struct kind_is {
    static constexpr node_kind value = K;
};

template <class Leaf, class T>
struct binding;

/// Arithmetic types that may stand in an expression as run-time literals or bound values.
template <class T>
concept number = std::is_arithmetic<std::remove_cvref_t<T>>::value && !std::same_as<std::remove_cvref_t<T>, bool>;

/// A trainable parameter named `Name`. Two uses of `param<"w1">` are the same node.
template <fixed_string Name>
struct parameter_node {
    using kind = kind_is<node_kind::parameter>;
    static constexpr auto name = Name;

    /// `w1 = 2.0` binds a value to this parameter by name.
    template <number T>
    constexpr binding<parameter_node, T> operator=(T value) const { return {value}; }

    /// `w1 = true` is an error that says so (a bool is not a number here).
    template <class B>
        requires std::same_as<std::remove_cvref_t<B>, bool>
    constexpr binding<parameter_node, double> operator=(B&&) const {
        static_assert(!std::same_as<std::remove_cvref_t<B>, bool>,
                      "typegrad: a parameter binds a number (w1 = 0.5), not a bool");
        return {};  // a binding, so that the call reports nothing more
    }
};

/// A per-sample input named `Name` (data, not trained).
template <fixed_string Name>
struct input_node {
    using kind = kind_is<node_kind::input>;
    static constexpr auto name = Name;

    /// `x = 0.5` binds a value to this input by name.
    template <number T>
    constexpr binding<input_node, T> operator=(T value) const { return {value}; }

    /// `x = xs` binds a column of values (a std::vector, std::array, std::span or raw array, not
    /// copied) for a data set: see data(...) in typegrad/data/data_set.hpp (typegrad.hpp includes it;
    /// typegrad/gradient.hpp does not).
    template <class Range>
        requires(!number<Range>)
    constexpr auto operator=(Range&& values) const {
        if constexpr (std::is_same_v<std::remove_cvref_t<Range>, bool>) {
            static_assert(!std::is_same_v<std::remove_cvref_t<Range>, bool>,
                          "typegrad: an input binds a number (x = 0.5) or a column of numbers (x = xs), not a bool");
            return binding<input_node, double>{};  // a binding, so that the call reports nothing more
        } else {
            return make_column(*this, static_cast<Range&&>(values));
        }
    }
};

/// A compile-time constant: lives in the type, folds, takes part in merging.
template <double V>
struct constant_node {
    using kind = kind_is<node_kind::constant>;
    static constexpr double value = V;
};

/// A run-time number written in an expression (`2 * x`); stored by value. A subtree that contains a
/// literal is never merged with another subtree of the same type, since their values may differ.
struct literal_node {
    using kind = kind_is<node_kind::literal>;
    double value;
};

/// An operation `Op` applied to one operand. `Op` supplies the mathematics (see doc/ops.md).
template <class Op, class A>
struct unary_node {
    using kind = kind_is<node_kind::unary>;
    using op = Op;
    [[no_unique_address]] A arg;
};

/// An operation `Op` applied to two operands.
template <class Op, class A, class B>
struct binary_node {
    using kind = kind_is<node_kind::binary>;
    using op = Op;
    [[no_unique_address]] A lhs;
    [[no_unique_address]] B rhs;
};

/// A value bound to a leaf by name: what `x = 0.5` makes.
template <class Leaf, class T>
struct binding {
    using leaf = Leaf;
    T value;
};

namespace detail {
template <class K>
struct is_kind_tag : std::false_type {};
template <node_kind K>
struct is_kind_tag<kind_is<K>> : std::true_type {};
}  // namespace detail

/// A node type: its member type `kind` is a kind_is<K>. (A class trait, not a compound requirement
/// `{ T::kind::value } -> std::convertible_to<node_kind>`, which instantiates std::convertible_to's
/// checks for every operand type that an operator sees.)
template <class T>
concept expression = detail::is_kind_tag<typename std::remove_cvref_t<T>::kind>::value;

template <class T>
concept leaf_expression = expression<T> && (std::remove_cvref_t<T>::kind::value == node_kind::parameter ||
                                            std::remove_cvref_t<T>::kind::value == node_kind::input);

/// `param<"w1">`: the parameter named w1.
template <fixed_string Name>
inline constexpr parameter_node<Name> param{};

/// `input<"x">`: the input named x.
template <fixed_string Name>
inline constexpr input_node<Name> input{};

/// `c<0.64>`, `c<2>`: a compile-time constant. Declared `template <auto V>` because
/// `template <double V>` rejects `c<2>`; every V converts to double, so `c<2>` and `c<2.0>` are one type
/// (and `c<-0.0>` is `c<0>`).
template <auto V>
inline constexpr constant_node<(static_cast<double>(V) == 0.0 ? 0.0 : static_cast<double>(V))> c{};

namespace detail {
// Traits are class templates, not variable templates: g++ registers every variable-template
// instantiation (with its mangled name), and these are asked of every operand of every operator.
template <class T>
struct is_constant : std::false_type {};
template <double V>
struct is_constant<constant_node<V>> : std::true_type {};

template <class T, double V>
struct is_constant_value : std::false_type {};
template <double V>
struct is_constant_value<constant_node<V>, V> : std::true_type {};

template <class T>
using is_zero = is_constant_value<T, 0.0>;
template <class T>
using is_one = is_constant_value<T, 1.0>;

/// Whether E is a node of operation Op.
template <class E, class Op>
struct is_op : std::false_type {};
template <class Op, class A>
struct is_op<unary_node<Op, A>, Op> : std::true_type {};
template <class Op, class A, class B>
struct is_op<binary_node<Op, A, B>, Op> : std::true_type {};

template <class T>
using is_literal = std::is_same<T, literal_node>;

/// The expression an operand becomes: itself, or a literal made from a number. Used as
/// `expression_t<A>(a)` (a copy, or a literal), not through a function: a function here would add,
/// for every operator written, one more name that holds the operand's type, and g++ mangles each such
/// name at a cost that grows with the expression. Chosen by a class per bool and a member alias, not
/// std::conditional_t, which is one more class instantiated per operand type.
template <bool IsExpression>
struct expression_or_literal {
    template <class A>
    using type = A;
};
template <>
struct expression_or_literal<false> {
    template <class A>
    using type = literal_node;
};
template <class A>
using expression_t = typename expression_or_literal<expression<A>>::template type<A>;
}  // namespace detail

/// Either side of an arithmetic operator: an expression or a plain number.
template <class T>
concept operand = expression<T> || number<T>;

}  // namespace typegrad
