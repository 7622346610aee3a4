// typegrad/io/latex.hpp: expressions as LaTeX mathematics, e.g. `4 \left(2 x - 1\right)`.
//
// The style, in short (doc/reference.md, section to_latex, has the whole list):
//   products     juxtaposed with a space, `w x`; `\cdot` only where two numbers would run together or a
//                number would read as a mixed number: `x \cdot 2`, `2 \cdot \frac{1}{x}`
//   divisions    `\frac{a}{b}`; powers `x^{2}`, pow(a, b) as `a^{b}`
//   functions    `\exp`, `\log`, `\sinh`, `\cosh`, `\tanh` with `\left( \right)`; `\sqrt{a}`; `\left|a\right|`;
//                log1p(a) as `\log\left(1 + a\right)`; any other op, user ops included, as
//                `\operatorname{name}\left(a\right)`, a setting as a second argument
//   parentheses  `\left( \right)`, only where precedence needs them (the same rules as to_string)
//   names        a leading run of letters, then digits or underscores as a subscript: w1 is `w_{1}`, w0_3 is
//                `w_{0,3}`, x_in is `x_{in}`; a multi-letter base is `\mathit{dose}`
//   numbers      the shortest form that reads back to the same double; 1e-07 is `10^{-7}`,
//                2.5e+21 is `2.5 \cdot 10^{21}`
#pragma once

#include <string>
#include <string_view>
#include <type_traits>

#include "typegrad/core/op_contract.hpp"
#include "typegrad/io/print.hpp"
#include "typegrad/ops/abs.hpp"
#include "typegrad/ops/arithmetic.hpp"
#include "typegrad/ops/exp.hpp"
#include "typegrad/ops/hyperbolic.hpp"
#include "typegrad/ops/log.hpp"
#include "typegrad/ops/log1p.hpp"
#include "typegrad/ops/pow.hpp"
#include "typegrad/ops/sqrt.hpp"
#include "typegrad/ops/tanh.hpp"

namespace typegrad {

namespace detail {

// How tightly a LaTeX form binds; an operand that binds less tightly than its context needs is put in
// \left( \right). Fractions are atoms everywhere except as the base of a power (`(\frac{a}{b})^{2}`).
enum latex_level : int {
    latex_sum = 1,
    latex_product = 2,
    latex_minus = 3,  // a leading minus sign
    latex_power = 4,
    latex_fraction = 5,
    latex_atom = 6  // names, non-negative numbers, calls, roots, absolute values
};

inline bool latex_starts_with_minus(const std::string& text) { return !text.empty() && text[0] == '-'; }

inline bool latex_is_digit(char ch) { return ch >= '0' && ch <= '9'; }
inline bool latex_is_letter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

inline void latex_wrap(std::string& out, const std::string& text, bool wrap) {
    if (wrap) out += "\\left(";
    out += text;
    if (wrap) out += "\\right)";
}

/// Appends text with LaTeX's special characters escaped (`leaky_relu` becomes `leaky\_relu`).
inline void latex_escape(std::string& out, std::string_view text) {
    for (char ch : text) {
        switch (ch) {
            case '_': case '#': case '$': case '%': case '&': case '{': case '}':
                out += '\\';
                out += ch;
                break;
            case '\\': out += "\\backslash{}"; break;
            case '^': out += "\\hat{}"; break;
            case '~': out += "\\sim{}"; break;
            default: out += ch;
        }
    }
}

/// Appends a leaf's name: a leading run of letters is the base, and what follows, if it starts with a
/// digit or an underscore and holds only letters, digits and underscores, is the subscript, its
/// underscores read as commas (one leading underscore dropped). Otherwise the whole name is the base.
inline void latex_name(std::string& out, std::string_view name) {
    std::size_t letters = 0;
    while (letters < name.size() && latex_is_letter(name[letters])) ++letters;
    std::string_view base = name;
    std::string_view subscript{};
    if (letters > 0 && letters < name.size() && (latex_is_digit(name[letters]) || name[letters] == '_')) {
        std::string_view rest = name.substr(letters);
        if (rest[0] == '_') rest.remove_prefix(1);
        bool plain = !rest.empty();
        for (char ch : rest) plain = plain && (latex_is_letter(ch) || latex_is_digit(ch) || ch == '_');
        if (plain) {
            base = name.substr(0, letters);
            subscript = rest;
        }
    }
    if (base.size() == 1 && latex_is_letter(base[0])) {
        out += base;
    } else {
        out += "\\mathit{";
        latex_escape(out, base);
        out += '}';
    }
    if (!subscript.empty()) {
        out += "_{";
        for (char ch : subscript) out += ch == '_' ? ',' : ch;
        out += '}';
    }
}

/// Appends a number in the shortest form that reads back to the same double, with an exponent written
/// as a power of ten; returns how tightly the result binds.
inline int latex_number(std::string& out, double v) {
    std::string text;
    append_number(text, v);
    if (text == "inf" || text == "-inf") {
        out += text[0] == '-' ? "-\\infty" : "\\infty";
        return text[0] == '-' ? latex_minus : latex_atom;
    }
    if (text == "nan" || text == "-nan") {
        out += "\\mathrm{NaN}";
        return latex_atom;
    }
    const std::size_t e = text.find('e');
    if (e == std::string::npos) {
        out += text;
        return latex_starts_with_minus(text) ? latex_minus : latex_atom;
    }
    const std::string mantissa = text.substr(0, e);
    std::string exponent;
    std::size_t i = e + 1;
    if (text[i] == '-') exponent += '-';
    if (text[i] == '-' || text[i] == '+') ++i;
    while (i + 1 < text.size() && text[i] == '0') ++i;  // e-07 is 10^{-7}
    exponent.append(text, i, std::string::npos);
    if (mantissa == "1" || mantissa == "-1") {
        if (mantissa[0] == '-') out += '-';
        out += "10^{" + exponent + '}';
        return mantissa[0] == '-' ? latex_minus : latex_power;
    }
    out += mantissa + " \\cdot 10^{" + exponent + '}';
    return latex_product;
}

template <class E>
int latex(std::string& out, const E& e);

/// The base of a power: in parentheses unless it is an atom (a name, a non-negative number, a call).
template <class A>
void latex_power_base(std::string& out, const A& a) {
    std::string text;
    const int level = latex(text, a);
    latex_wrap(out, text, level < latex_atom || latex_starts_with_minus(text));
}

/// `-a`, with `a` in parentheses if it binds less tightly than `below` or starts with a minus sign.
template <class A>
int latex_negated(std::string& out, const A& a, int below) {
    std::string text;
    const int level = latex(text, a);
    out += '-';
    latex_wrap(out, text, level < below || latex_starts_with_minus(text));
    return latex_minus;
}

template <class A>
int latex_call(std::string& out, std::string_view command, const A& a) {
    out += command;
    out += "\\left(";
    latex(out, a);
    out += "\\right)";
    return latex_atom;
}

template <class Op>
void latex_operator_name(std::string& out) {
    out += "\\operatorname{";
    latex_escape(out, Op::name);
    out += '}';
}

template <class Op, class A>
int latex_unary(std::string& out, const A& a) {
    if constexpr (requires { Op::power; }) {
        latex_power_base(out, a);
        out += "^{";
        append_number(out, Op::power);
        out += '}';
        return latex_power;
    } else if constexpr (std::is_same<Op, negate_op>::value) {
        return latex_negated(out, a, latex_minus);
    } else if constexpr (std::is_same<Op, exp_op>::value) {
        return latex_call(out, "\\exp", a);
    } else if constexpr (std::is_same<Op, log_op>::value) {
        return latex_call(out, "\\log", a);
    } else if constexpr (std::is_same<Op, sinh_op>::value) {
        return latex_call(out, "\\sinh", a);
    } else if constexpr (std::is_same<Op, cosh_op>::value) {
        return latex_call(out, "\\cosh", a);
    } else if constexpr (std::is_same<Op, tanh_op>::value) {
        return latex_call(out, "\\tanh", a);
    } else if constexpr (std::is_same<Op, sqrt_op>::value) {
        out += "\\sqrt{";
        latex(out, a);
        out += '}';
        return latex_atom;
    } else if constexpr (std::is_same<Op, abs_op>::value) {
        out += "\\left|";
        latex(out, a);
        out += "\\right|";
        return latex_atom;
    } else if constexpr (std::is_same<Op, log1p_op>::value) {
        // log1p is log(1 + a) computed without cancellation; on paper it is just that. A leading minus
        // belongs to a's first term only, so 1 + (-x + y) is 1 - x + y.
        std::string text;
        latex(text, a);
        out += "\\log\\left(1 ";
        if (latex_starts_with_minus(text)) out.append("- ").append(text, 1, std::string::npos);
        else out.append("+ ").append(text);
        out += "\\right)";
        return latex_atom;
    } else {
        // Any other op, built in or user-defined, is a named call; a `symbol` is not LaTeX, so it is not used.
        latex_operator_name<Op>(out);
        out += "\\left(";
        latex(out, a);
        if constexpr (requires { Op::setting; }) {
            out += ", ";
            latex_number(out, Op::setting);
        }
        out += "\\right)";
        return latex_atom;
    }
}

template <class Op, class A, class B>
int latex_binary(std::string& out, const A& a, const B& b) {
    if constexpr (std::is_same<Op, add_op>::value || std::is_same<Op, subtract_op>::value) {
        constexpr bool subtract = std::is_same<Op, subtract_op>::value;
        std::string right;
        const int right_level = latex(right, b);
        latex(out, a);  // nothing binds less tightly than a sum, and a leading minus may stay
        out += subtract ? " - " : " + ";
        // a - (b - c) and a - (b + c) need parentheses; a + (b - c) does not
        latex_wrap(out, right, (subtract ? right_level <= latex_sum : right_level < latex_sum) ||
                                   latex_starts_with_minus(right));
        return latex_sum;
    } else if constexpr (std::is_same<Op, multiply_op>::value) {
        // A numeric factor of 1 prints as nothing and -1 as a sign, as in to_string.
        if (is_unit_number(a, 1.0)) return latex(out, b);
        if (is_unit_number(a, -1.0)) return latex_negated(out, b, latex_product);
        std::string left_text, right_text, left, right;
        const int left_level = latex(left_text, a);
        const int right_level = latex(right_text, b);
        latex_wrap(left, left_text, left_level < latex_product);
        latex_wrap(right, right_text, right_level < latex_product || latex_starts_with_minus(right_text));
        // Juxtaposition, except where two numbers would run together (x \cdot 2) or a number and a
        // fraction would read as a mixed number (2 \cdot \frac{1}{x}).
        const bool number_next = latex_is_digit(right[0]) || right[0] == '.';
        const bool mixed_number = latex_is_digit(left.back()) && right.starts_with("\\frac");
        out += left;
        out += number_next || mixed_number ? " \\cdot " : " ";
        out += right;
        return latex_product;
    } else if constexpr (std::is_same<Op, divide_op>::value) {
        out += "\\frac{";
        latex(out, a);
        out += "}{";
        latex(out, b);
        out += '}';
        return latex_fraction;
    } else if constexpr (std::is_same<Op, pow_op>::value) {
        latex_power_base(out, a);
        out += "^{";
        latex(out, b);
        out += '}';
        return latex_power;
    } else {
        latex_operator_name<Op>(out);
        out += "\\left(";
        latex(out, a);
        out += ", ";
        latex(out, b);
        out += "\\right)";
        return latex_atom;
    }
}

/// Appends e as LaTeX and returns how tightly the appended form binds (a latex_level).
template <class E>
int latex(std::string& out, const E& e) {
    if constexpr (E::kind::value == node_kind::parameter || E::kind::value == node_kind::input) {
        latex_name(out, E::name.view());
        return latex_atom;
    } else if constexpr (E::kind::value == node_kind::constant) {
        return latex_number(out, E::value);
    } else if constexpr (E::kind::value == node_kind::literal) {
        return latex_number(out, e.value);
    } else if constexpr (E::kind::value == node_kind::unary) {
        return latex_unary<typename E::op>(out, e.arg);
    } else {
        return latex_binary<typename E::op>(out, e.lhs, e.rhs);
    }
}

}  // namespace detail

/// to_latex(e): e, or a derivative d(e, v), as LaTeX mathematics for a math environment:
/// `tg::to_latex(tg::d(tg::square(2 * x - 1), x))` is `4 \left(2 x - 1\right)`. The style is described at
/// the top of this header and in doc/reference.md (section to_latex); run-time literals print their values.
/// Allocates the returned string; for people, not for hot loops. Example: test/io/latex_test.cpp.
template <expression E>
[[nodiscard]] std::string to_latex(const E& e) {
    std::string out;
    detail::latex(out, e);
    return out;
}

}  // namespace typegrad
