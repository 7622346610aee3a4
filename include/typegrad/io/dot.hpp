// typegrad/io/dot.hpp: an expression's computation graph as Graphviz dot text, one node per unique
// subexpression (a slot of the plan in engine/graph.hpp), so shared work shows up as shared nodes.
#pragma once

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

#include "typegrad/core/op_contract.hpp"
#include "typegrad/engine/graph.hpp"
#include "typegrad/io/print.hpp"

namespace typegrad {

namespace detail {

/// Appends text as the inside of a dot string ("..."): quotes and backslashes escaped.
inline void dot_escape(std::string& out, std::string_view text) {
    for (char ch : text) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
}

inline void dot_node_name(std::string& out, std::size_t slot) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, slot);
    out += 'n';
    out.append(buffer, result.ptr);
}

/// The label of one node, and its attributes after the label: parameters are filled rounded boxes,
/// inputs plain boxes, compile-time constants plain text, run-time literals grey text (each literal is
/// a node of its own: subtrees that hold one are never merged), ops the default ellipse.
template <class E>
void dot_node_attributes(std::string& out, const E& e) {
    out += "[label=\"";
    if constexpr (E::kind::value == node_kind::parameter) {
        dot_escape(out, E::name.view());
        out += "\", shape=box, style=\"rounded,filled\", fillcolor=\"#ffe9a8\"";
    } else if constexpr (E::kind::value == node_kind::input) {
        dot_escape(out, E::name.view());
        out += "\", shape=box";
    } else if constexpr (E::kind::value == node_kind::constant) {
        append_number(out, E::value);
        out += "\", shape=plaintext";
    } else if constexpr (E::kind::value == node_kind::literal) {
        append_number(out, e.value);
        out += "\", shape=plaintext, fontcolor=gray40";
    } else {
        using Op = typename E::op;
        if constexpr (E::kind::value == node_kind::unary && requires { Op::power; }) {
            out += '^';
            append_number(out, Op::power);
        } else {
            dot_escape(out, Op::name);
            if constexpr (E::kind::value == node_kind::unary && requires { Op::setting; }) {
                out += '<';
                append_number(out, Op::setting);
                out += '>';
            }
        }
        out += '"';
    }
}

/// What to_dot reads of a plan while it walks the positions at run time: a copy of its own, made entry by
/// entry, with external linkage (plan_v is read by the compiler only: see TYPEGRAD_TABLE_LINKAGE).
template <std::size_t N>
struct dot_table {
    bool first[N];
    std::size_t slot[N];
    std::size_t lhs_slot[N];
    std::size_t rhs_slot[N];
    std::size_t slots;
};
template <class Root, class Positions = std::make_index_sequence<size_v<Root>>>
inline constexpr bool dot_table_v = false;  // (see the specialization)
template <class Root, std::size_t... P>
inline constexpr dot_table<sizeof...(P)> dot_table_v<Root, std::index_sequence<P...>> = {
    {plan_v<Root>.first[P]...}, {plan_v<Root>.slot[P]...}, {plan_v<Root>.lhs_slot[P]...},
    {plan_v<Root>.rhs_slot[P]...}, plan_v<Root>.slots};

/// Visits E's positions in post-order (position counts them), writing each slot at its first
/// occurrence: a node line, then one edge line per operand. A subtree whose root is not a first
/// occurrence repeats an earlier one entirely, so it is skipped without descending.
template <class Root, class E>
void dot_walk(std::string& nodes, std::string& edges, const E& e, std::size_t& position) {
    constexpr const auto& plan = dot_table_v<Root>;
    if (!plan.first[position + size_v<E> - 1]) {
        position += size_v<E>;
        return;
    }
    if constexpr (E::kind::value == node_kind::unary) {
        dot_walk<Root>(nodes, edges, e.arg, position);
    } else if constexpr (E::kind::value == node_kind::binary) {
        dot_walk<Root>(nodes, edges, e.lhs, position);
        dot_walk<Root>(nodes, edges, e.rhs, position);
    }
    const std::size_t slot = plan.slot[position++];
    nodes += "  ";
    dot_node_name(nodes, slot);
    nodes += ' ';
    dot_node_attributes(nodes, e);
    if (slot + 1 == plan.slots) nodes += ", peripheries=2";  // the result
    nodes += "];\n";
    // Edges run from operand to op; a binary op's are labelled lhs and rhs, since order matters for - / pow.
    const auto edge = [&](std::size_t from, std::string_view label) {
        edges += "  ";
        dot_node_name(edges, from);
        edges += " -> ";
        dot_node_name(edges, slot);
        if (!label.empty()) {
            edges += " [label=\"";
            edges += label;
            edges += "\"]";
        }
        edges += ";\n";
    };
    if constexpr (E::kind::value == node_kind::unary) {
        edge(plan.lhs_slot[slot], {});
    } else if constexpr (E::kind::value == node_kind::binary) {
        edge(plan.lhs_slot[slot], "lhs");
        edge(plan.rhs_slot[slot], "rhs");
    }
}

}  // namespace detail

/// to_dot(e): the computation graph of e, or of a derivative d(e, v), as a Graphviz `digraph`, one node
/// per unique subexpression in the evaluator's slot order (`n0`, `n1`, ...; the result is last, drawn with
/// a double border), then the edges from operands to ops, a binary op's labelled `lhs` and `rhs`.
/// A shared subexpression appears once with an edge to each use: in `exp(w*x)*(w*x)`, `w*x` is one
/// node with two edges out. Render with `dot -Tsvg`. See doc/reference.md (section to_dot) for an example.
/// Allocates the returned string; for people, not for hot loops.
template <expression E>
[[nodiscard]] std::string to_dot(const E& e) {
    std::string nodes, edges;
    std::size_t position = 0;
    detail::dot_walk<E>(nodes, edges, e, position);
    return "digraph typegrad {\n" + nodes + edges + "}\n";
}

}  // namespace typegrad
