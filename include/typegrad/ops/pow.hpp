// typegrad/ops/pow.hpp: a^N for a compile-time integer N, and a^b for two expressions.
#pragma once

#include "typegrad/core/math.hpp"
#include "typegrad/detail/math.hpp"
#include "typegrad/ops/arithmetic.hpp"
#include "typegrad/ops/log.hpp"

namespace typegrad {

/// pow<N>(a) = a^N, N a compile-time integer.  forward: repeated squaring (constexpr).
/// backward: N a^(N-1).  symbolic: d(a^N) = N*a^(N-1)*da.
template <int N>
struct pow_int_op {
    static constexpr std::string_view name = "pow";
    static constexpr bool batchable = true;
    static constexpr int power = N;  // prints as a^N

    template <class T>
    static constexpr local<T> forward(T a) { return {detail::ipow<N>(a), T(0)}; }
    template <class T>
    static constexpr T partial(T a, local<T>) { return T(N) * detail::ipow<N - 1>(a); }
    template <class A>
    static constexpr auto derivative(const A& a);
};

/// pow<N>(e): e^N for a compile-time integer N (pow<0> is c<1>, pow<1> is e itself).
template <int N, operand A>
constexpr auto pow(const A& a) {
    if constexpr (N == 0) return c<1>;
    else if constexpr (N == 1) return detail::expression_t<A>(a);
    else return detail::unary_of<pow_int_op<N>, A>{detail::expression_t<A>(a)};  // (not apply: see op_fn)
}

template <int N>
template <class A>
constexpr auto pow_int_op<N>::derivative(const A& a) {
    return detail::make_multiply(c<N>, typegrad::pow<N - 1>(a));
}

/// pow(a, b) = a^b for a > 0.  forward: p = math::pow(a, b).  backward: b*p/a, p*log(a).
/// symbolic: d(a^b) = b*a^(b-1)*da + a^b*log(a)*db.
struct pow_op {
    static constexpr std::string_view name = "pow";
    static constexpr bool batchable = true;

    template <class T>
    static local<T> forward(T a, T b) { return {math::pow(a, b), T(0)}; }
    template <class T>
    static partial_pair<T> partials(T a, T b, local<T> f) { return {b * f.value / a, f.value * math::log(a)}; }
    template <class A, class B, class DA, class DB>
    static constexpr auto derivative(const A& a, const B& b, const DA& da, const DB& db) {
        using detail::make_add;
        using detail::make_multiply;
        const auto base_term = make_multiply(make_multiply(b, apply<pow_op>(a, detail::make_subtract(b, c<1>))), da);
        const auto exponent_term = make_multiply(make_multiply(apply<pow_op>(a, b), apply<log_op>(a)), db);
        return make_add(base_term, exponent_term);
    }
};

/// pow(a, b): a^b with both partials; defined for a > 0.
template <operand A, operand B>
    requires(expression<A> || expression<B>)
constexpr auto pow(const A& a, const B& b) {
    return apply<pow_op>(a, b);
}

}  // namespace typegrad
