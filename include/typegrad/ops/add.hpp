// typegrad/ops/add.hpp: a + b.
#pragma once

#include <cstddef>
#include <initializer_list>

#include "typegrad/ops/arithmetic_fwd.hpp"

namespace typegrad {

/// a + b.  forward: a + b.  backward: partials 1, 1.  symbolic: d(a + b) = da + db.
struct add_op {
    static constexpr std::string_view name = "+";
    static constexpr bool batchable = true;
    static constexpr std::string_view symbol = " + ";
    static constexpr int precedence = 1;

    template <class T>
    static constexpr local<T> forward(T a, T b) { return {a + b, T(0)}; }
    template <class T>
    static constexpr partial_pair<T> partials(T, T, local<T>) { return {T(1), T(1)}; }
    // p * q + b and a + p * q as single expressions, for an operand that is a product (see doc/ops.md).
    template <class T>
    static constexpr T forward_product_lhs(T p, T q, T b) { return p * q + b; }
    template <class T>
    static constexpr T forward_product_rhs(T a, T p, T q) { return a + p * q; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A&, const B&, const DA& da, const DB& db) {
        return detail::make_add(da, db);
    }
};

namespace detail {
template <expression A, expression B>
constexpr auto make_add(const A& a, const B& b) {
    if constexpr (is_zero<A>::value) {
        return b;
    } else if constexpr (is_zero<B>::value) {
        return a;
    } else if constexpr (is_constant<A>::value && is_constant<B>::value) {
        return constant_v<A::value + B::value>;
    } else if constexpr (is_number<A>::value && is_number<B>::value) {
        return literal_node{number_value(a) + number_value(b)};
    } else if constexpr (is_op<B, negate_op>::value) {
        return make_subtract(a, b.arg);  // a + (-b) is a - b
    } else {
        return binary_node<add_op, A, B>{a, b};
    }
}
}  // namespace detail

/// a + b, folding zeros and numbers.
template <operand A, operand B>
    requires(expression<A> || expression<B>)
TYPEGRAD_OPERATOR_LINKAGE constexpr auto operator+(const A& a, const B& b) {
    using EA = detail::expression_t<A>;
    using EB = detail::expression_t<B>;
    // A sum that folds nothing is built here, with no make_add in between: that would be one more
    // function per `+` named after its left operand, which in a long sum holds every term before it
    // (998-node network: 3% of g++'s instructions, most of them mangling those names).
    if constexpr (detail::sum_folds(detail::fold_shape<EA>::value, detail::fold_shape<EB>::value))
        return detail::make_add(EA(a), EB(b));
    else
        return binary_node<add_op, EA, EB>{EA(a), EB(b)};
}

template <class T1, class... Ts>
constexpr auto sum(const T1& t1, const Ts&... ts);

namespace detail {
/// The type of acc + a + b + ..., added left to right as `+` adds them when none folds. Classes only:
/// g++ mangles no class, but it would mangle a function or a static member per term, each named after
/// the terms before it (the cost sum exists to avoid). Four terms a level, so that its nested
/// instantiations number a quarter of the terms (the sum's own type is as deep as with +).
template <class Acc, class... Ts>
struct left_sum {
    using type = Acc;
};
template <class Acc, class A>
struct left_sum<Acc, A> {
    using type = binary_node<add_op, Acc, A>;
};
template <class Acc, class A, class B>
struct left_sum<Acc, A, B> {
    using type = binary_node<add_op, binary_node<add_op, Acc, A>, B>;
};
template <class Acc, class A, class B, class C>
struct left_sum<Acc, A, B, C> {
    using type = binary_node<add_op, binary_node<add_op, binary_node<add_op, Acc, A>, B>, C>;
};
template <class Acc, class A, class B, class C, class D, class... Ts>
struct left_sum<Acc, A, B, C, D, Ts...>
    : left_sum<binary_node<add_op, binary_node<add_op, binary_node<add_op, binary_node<add_op, Acc, A>, B>, C>, D>, Ts...> {};

template <class T, class...>
struct first_of {
    using type = T;
};

/// acc + a + b + ..., with `+` (sum's way when a later `+` folds); four terms a call, as left_sum.
template <class Acc>
constexpr Acc add_each(const Acc& acc) {
    return acc;
}
template <class Acc, class A, class... Ts>
constexpr auto add_each(const Acc& acc, const A& a, const Ts&... ts) {
    return add_each(acc + a, ts...);
}
template <class Acc, class A, class B, class C, class D, class... Ts>
constexpr auto add_each(const Acc& acc, const A& a, const B& b, const C& c, const D& d, const Ts&... ts) {
    return add_each(acc + a + b + c + d, ts...);
}

/// sum(t1 + t2, rest...): when the first `+` folds, or t1 and t2 are plain numbers, which C++ adds in
/// their own type (float, unsigned) before any typegrad operator sees them.
template <class T1, class T2, class... Ts>
constexpr auto sum_from_first_two(const T1& t1, const T2& t2, const Ts&... ts) {
    return typegrad::sum(t1 + t2, ts...);
}

/// How many flags are set. A braced list, not a fold: clang refuses a fold (a constrained pack's too)
/// of more than 256 operands, and a function of no template makes no name per sum.
constexpr std::size_t count_true(std::initializer_list<bool> flags) {
    std::size_t n = 0;
    for (bool f : flags) n += f ? 1 : 0;
    return n;
}
}  // namespace detail

/// sum(t1, t2, ..., tn): t1 + t2 + ... + tn, the same expression (the same type and values, added left to
/// right, folded as + folds), built by one function instead of one `+` per term; clang compiles a long
/// sum so built faster (see doc/benchmarks.md). Each term is an expression or a number, at least one an
/// expression.
template <class T1, class... Ts>
constexpr auto sum(const T1& t1, const Ts&... ts) {
    constexpr std::size_t n = 1 + sizeof...(Ts);
    constexpr bool operands = detail::count_true({operand<T1>, operand<Ts>...}) == n;
    constexpr bool some_expression = detail::count_true({expression<T1>, expression<Ts>...}) > 0;
    static_assert(operands, "typegrad: each term of sum(...) must be an expression or a number");
    static_assert(some_expression, "typegrad: sum(...) needs at least one expression among its terms (a sum of "
                                   "plain numbers is a number: add them with +)");
    using E1 = detail::expression_t<T1>;
    if constexpr (!operands || !some_expression) {
        return detail::constant_v<0.0>;  // (after the error above: no more errors)
    } else if constexpr (n == 1) {
        return E1(t1);
    } else if constexpr (detail::sum_folds(
                             detail::fold_shape<E1>::value,
                             detail::fold_shape<detail::expression_t<typename detail::first_of<Ts...>::type>>::value)) {
        return detail::sum_from_first_two(t1, ts...);  // (two plain numbers fold, too)
    } else {
        // Whether a later `+` folds: each sees a sum node on its left, and sum_folds asks of a sum node
        // only what any sum node answers (not zero, not a constant, not a number).
        using any_sum = binary_node<add_op, E1, E1>;
        constexpr unsigned sum_shape = detail::fold_shape<any_sum>::value;
        if constexpr (detail::count_true(
                          {detail::sum_folds(sum_shape, detail::fold_shape<detail::expression_t<Ts>>::value)...}) > 0) {
            return detail::add_each(E1(t1), ts...);
        } else {
            // One aggregate initialization of the left-deep sum from its terms in order: by brace elision,
            // each term initializes the innermost member it fits, which is its own place in the tree.
            using left = typename detail::left_sum<E1, detail::expression_t<Ts>...>::type;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-braces"
            return left{E1(t1), detail::expression_t<Ts>(ts)...};
#pragma GCC diagnostic pop
        }
    }
}

}  // namespace typegrad

// The five arithmetic ops build one another; including any one of them brings all five.
#include "typegrad/ops/arithmetic.hpp"
