// typegrad/io/print.hpp: expressions as infix text, from our own names.
#pragma once

#include <charconv>
#include <ostream>
#include <string>
#include <string_view>

#include "typegrad/core/op_contract.hpp"
#include "typegrad/ops/arithmetic.hpp"

namespace typegrad {

namespace detail {

// Precedence of the printed form: sums 1, products 2, a leading minus 3, powers 4, atoms and calls 5.
inline constexpr int atom_precedence = 5;

inline void append_number(std::string& out, double v) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);  // shortest round-trip form
    out.append(buffer, result.ptr);
}

template <class E>
int precedence_of(const E& e);

template <class E>
bool is_unit_number(const E& e, double unit) {
    if constexpr (E::kind::value == node_kind::constant) return E::value == unit;
    else if constexpr (E::kind::value == node_kind::literal) return e.value == unit;
    else return false;
}

template <class E>
int precedence_of(const E& e) {
    if constexpr (E::kind::value == node_kind::constant) {
        return E::value < 0 ? 3 : atom_precedence;
    } else if constexpr (E::kind::value == node_kind::literal) {
        return e.value < 0 ? 3 : atom_precedence;
    } else if constexpr (E::kind::value == node_kind::unary) {
        if constexpr (requires { E::op::power; }) return 4;
        else if constexpr (requires { E::op::symbol; }) return E::op::precedence;
        else return atom_precedence;
    } else if constexpr (E::kind::value == node_kind::binary) {
        if constexpr (requires { E::op::symbol; }) {
            if constexpr (std::is_same<typename E::op, multiply_op>::value) {
                if (is_unit_number(e.lhs, 1.0)) return precedence_of(e.rhs);
                if (is_unit_number(e.lhs, -1.0)) return 3;
            }
            return E::op::precedence;
        } else {
            return atom_precedence;
        }
    } else {
        return atom_precedence;
    }
}

template <class E>
void print(std::string& out, const E& e);

template <class E>
void print_wrapped(std::string& out, const E& e, bool wrap) {
    if (wrap) out += '(';
    print(out, e);
    if (wrap) out += ')';
}

/// The right operand of an infix op: in parentheses if it binds no tighter than the op (a - (b - c),
/// a/(b*c)) or starts with a minus sign (x*(-2)).
template <class E>
void print_right(std::string& out, const E& e, int op_precedence, bool strict) {
    std::string text;
    print(text, e);
    const int p = precedence_of(e);
    const bool wrap = (strict ? p <= op_precedence : p < op_precedence) || (!text.empty() && text[0] == '-');
    if (wrap) out += '(';
    out += text;
    if (wrap) out += ')';
}

template <class E>
void print(std::string& out, const E& e) {
    if constexpr (E::kind::value == node_kind::parameter || E::kind::value == node_kind::input) {
        out += E::name.view();
    } else if constexpr (E::kind::value == node_kind::constant) {
        append_number(out, E::value);
    } else if constexpr (E::kind::value == node_kind::literal) {
        append_number(out, e.value);
    } else if constexpr (E::kind::value == node_kind::unary) {
        using Op = typename E::op;
        if constexpr (requires { Op::power; }) {
            std::string base;
            print(base, e.arg);
            const bool wrap = precedence_of(e.arg) < atom_precedence || base[0] == '-';
            if (wrap) out += '(';
            out += base;
            if (wrap) out += ')';
            out += '^';
            append_number(out, Op::power);
        } else if constexpr (requires { Op::symbol; }) {
            out += Op::symbol;
            print_wrapped(out, e.arg, precedence_of(e.arg) < Op::precedence);
        } else {
            out += Op::name;
            out += '(';
            print(out, e.arg);
            if constexpr (requires { Op::setting; }) {
                out += ", ";
                append_number(out, Op::setting);
            }
            out += ')';
        }
    } else {
        using Op = typename E::op;
        if constexpr (requires { Op::symbol; }) {
            if constexpr (std::is_same<Op, multiply_op>::value) {
                // A numeric factor of 1 or -1 prints as nothing or a sign: 1*x is x, -1*x is -x.
                if (is_unit_number(e.lhs, 1.0)) return print(out, e.rhs);
                if (is_unit_number(e.lhs, -1.0)) {
                    out += '-';
                    return print_wrapped(out, e.rhs, precedence_of(e.rhs) < Op::precedence);
                }
            }
            print_wrapped(out, e.lhs, precedence_of(e.lhs) < Op::precedence);
            out += Op::symbol;
            constexpr bool strict = std::is_same<Op, subtract_op>::value || std::is_same<Op, divide_op>::value;
            print_right(out, e.rhs, Op::precedence, strict);
        } else {
            out += Op::name;
            out += '(';
            print(out, e.lhs);
            out += ", ";
            print(out, e.rhs);
            out += ')';
        }
    }
}

}  // namespace detail

/// to_string(e): e as infix text, e.g. `4*(2*x - 1)`; run-time literals print with their values.
template <expression E>
[[nodiscard]] std::string to_string(const E& e) {
    std::string out;
    detail::print(out, e);
    return out;
}

/// Streams e as infix text (see to_string).
template <expression E>
std::ostream& operator<<(std::ostream& os, const E& e) {
    return os << to_string(e);
}

}  // namespace typegrad
