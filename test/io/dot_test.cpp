// to_dot(e): the computation graph as Graphviz dot, one node per unique subexpression. Exact strings for
// small graphs; for the network and its derivative, the structure (nodes = slots, edges = operands).
// Only string checks: whether `dot -Tsvg` accepts the text is not tested here, so CI needs no Graphviz.
#include <cstddef>
#include <set>
#include <string>
#include <string_view>

#include <boost/test/unit_test.hpp>

#include <typegrad.hpp>

#include "primer.hpp"

namespace tg = typegrad;

namespace {
using namespace typegrad_test::primer;  // x, y, w1..b3 and the primer's net
constexpr auto w = tg::param<"w">;

/// What a dot text is made of: its node lines, its edge lines, and whether every edge joins two
/// declared nodes and runs from an earlier slot to a later one (operands before ops).
struct dot_shape {
    std::size_t nodes = 0;
    std::size_t edges = 0;
    bool edges_run_forward = true;
};

std::size_t slot_number(std::string_view name) {  // "n12" -> 12
    std::size_t n = 0;
    for (char ch : name.substr(1)) n = 10 * n + static_cast<std::size_t>(ch - '0');
    return n;
}

dot_shape shape_of(const std::string& text) {
    dot_shape shape;
    std::set<std::size_t> declared;
    std::string_view rest = text;
    while (!rest.empty()) {
        const std::size_t end = rest.find('\n');
        const std::string_view line = rest.substr(0, end);
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
        if (!line.starts_with("  n")) continue;
        const std::size_t arrow = line.find(" -> ");
        if (arrow == std::string_view::npos) {
            ++shape.nodes;
            declared.insert(slot_number(line.substr(2, line.find(' ', 2) - 2)));
        } else {
            ++shape.edges;
            const std::string_view to = line.substr(arrow + 4);
            const std::size_t from_slot = slot_number(line.substr(2, arrow - 2));
            const std::size_t to_slot = slot_number(to.substr(0, to.find_first_of(" ;")));
            shape.edges_run_forward = shape.edges_run_forward && declared.count(from_slot) == 1 &&
                                      declared.count(to_slot) == 1 && from_slot < to_slot;
        }
    }
    return shape;
}

/// The edges the plan implies: one per operand of each op slot.
template <class E>
std::size_t operand_count(const E&) {
    constexpr const auto& plan = tg::detail::plan_v<E>;
    std::size_t n = 0;
    for (std::size_t s = 0; s < plan.slots; ++s)
        n += plan.kind[s] == tg::node_kind::unary ? 1 : plan.kind[s] == tg::node_kind::binary ? 2 : 0;
    return n;
}

template <class E>
std::size_t slot_count(const E&) {
    return tg::detail::plan_v<E>.slots;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(dot)

BOOST_AUTO_TEST_CASE(a_shared_subexpression_is_one_node_with_an_edge_to_each_use) {
    BOOST_TEST(tg::to_dot(tg::exp(w * x) * (w * x)) ==
               "digraph typegrad {\n"
               "  n0 [label=\"w\", shape=box, style=\"rounded,filled\", fillcolor=\"#ffe9a8\"];\n"
               "  n1 [label=\"x\", shape=box];\n"
               "  n2 [label=\"*\"];\n"
               "  n3 [label=\"exp\"];\n"
               "  n4 [label=\"*\", peripheries=2];\n"
               "  n0 -> n2 [label=\"lhs\"];\n"
               "  n1 -> n2 [label=\"rhs\"];\n"
               "  n2 -> n3;\n"
               "  n3 -> n4 [label=\"lhs\"];\n"
               "  n2 -> n4 [label=\"rhs\"];\n"
               "}\n");
}

BOOST_AUTO_TEST_CASE(the_primers_square_and_its_derivative_show_literals_with_their_values) {
    const auto f = tg::square(2 * x - 1);
    BOOST_TEST(tg::to_dot(f) ==
               "digraph typegrad {\n"
               "  n0 [label=\"2\", shape=plaintext, fontcolor=gray40];\n"
               "  n1 [label=\"x\", shape=box];\n"
               "  n2 [label=\"*\"];\n"
               "  n3 [label=\"1\", shape=plaintext, fontcolor=gray40];\n"
               "  n4 [label=\"-\"];\n"
               "  n5 [label=\"^2\", peripheries=2];\n"
               "  n0 -> n2 [label=\"lhs\"];\n"
               "  n1 -> n2 [label=\"rhs\"];\n"
               "  n2 -> n4 [label=\"lhs\"];\n"
               "  n3 -> n4 [label=\"rhs\"];\n"
               "  n4 -> n5;\n"
               "}\n");
    BOOST_TEST(tg::to_dot(tg::d(f, x)) ==
               "digraph typegrad {\n"
               "  n0 [label=\"4\", shape=plaintext, fontcolor=gray40];\n"
               "  n1 [label=\"2\", shape=plaintext, fontcolor=gray40];\n"
               "  n2 [label=\"x\", shape=box];\n"
               "  n3 [label=\"*\"];\n"
               "  n4 [label=\"1\", shape=plaintext, fontcolor=gray40];\n"
               "  n5 [label=\"-\"];\n"
               "  n6 [label=\"*\", peripheries=2];\n"
               "  n1 -> n3 [label=\"lhs\"];\n"
               "  n2 -> n3 [label=\"rhs\"];\n"
               "  n3 -> n5 [label=\"lhs\"];\n"
               "  n4 -> n5 [label=\"rhs\"];\n"
               "  n0 -> n6 [label=\"lhs\"];\n"
               "  n5 -> n6 [label=\"rhs\"];\n"
               "}\n");
}

BOOST_AUTO_TEST_CASE(compile_time_constants_merge_and_an_op_may_use_one_operand_twice) {
    const auto u = tg::c<2> * x - tg::c<1>;
    BOOST_TEST(tg::to_dot(u * u) ==
               "digraph typegrad {\n"
               "  n0 [label=\"2\", shape=plaintext];\n"
               "  n1 [label=\"x\", shape=box];\n"
               "  n2 [label=\"*\"];\n"
               "  n3 [label=\"1\", shape=plaintext];\n"
               "  n4 [label=\"-\"];\n"
               "  n5 [label=\"*\", peripheries=2];\n"
               "  n0 -> n2 [label=\"lhs\"];\n"
               "  n1 -> n2 [label=\"rhs\"];\n"
               "  n2 -> n4 [label=\"lhs\"];\n"
               "  n3 -> n4 [label=\"rhs\"];\n"
               "  n4 -> n5 [label=\"lhs\"];\n"
               "  n4 -> n5 [label=\"rhs\"];\n"
               "}\n");
    // The same with run-time literals: subtrees that hold a literal never merge, so each copy is drawn.
    const auto v = 2 * x - 1;
    const dot_shape literal_shape = shape_of(tg::to_dot(v * v));
    BOOST_TEST(literal_shape.nodes == 10u);  // 2, x, *, 1, - twice over (x once), and the product
    BOOST_TEST(literal_shape.nodes == slot_count(v * v));
}

BOOST_AUTO_TEST_CASE(divisions_powers_and_settings_label_their_ops) {
    BOOST_TEST(tg::to_dot(tg::leaky_relu<0.1>(x) - tg::pow<3>(y) / tg::c<2>) ==
               "digraph typegrad {\n"
               "  n0 [label=\"x\", shape=box];\n"
               "  n1 [label=\"leaky_relu<0.1>\"];\n"
               "  n2 [label=\"y\", shape=box];\n"
               "  n3 [label=\"^3\"];\n"
               "  n4 [label=\"2\", shape=plaintext];\n"
               "  n5 [label=\"/\"];\n"
               "  n6 [label=\"-\", peripheries=2];\n"
               "  n0 -> n1;\n"
               "  n2 -> n3;\n"
               "  n3 -> n5 [label=\"lhs\"];\n"
               "  n4 -> n5 [label=\"rhs\"];\n"
               "  n1 -> n6 [label=\"lhs\"];\n"
               "  n5 -> n6 [label=\"rhs\"];\n"
               "}\n");
}

BOOST_AUTO_TEST_CASE(each_activation_is_a_node_labelled_with_its_name) {
    const auto label_of = [](const auto& e) {
        const std::string text = tg::to_dot(e);
        const std::size_t start = text.find("n1 [label=\"") + 11;
        return text.substr(start, text.find('"', start) - start);
    };
    BOOST_TEST(label_of(tg::sigmoid(x)) == "sigmoid");
    BOOST_TEST(label_of(tg::softplus(x)) == "softplus");
    BOOST_TEST(label_of(tg::relu(x)) == "relu");
    BOOST_TEST(label_of(tg::leaky_relu<>(x)) == "leaky_relu<0.01>");
    BOOST_TEST(label_of(tg::elu<0.5>(x)) == "elu<0.5>");
    BOOST_TEST(label_of(tg::silu(x)) == "silu");
    BOOST_TEST(label_of(tg::gelu(x)) == "gelu");
    BOOST_TEST(label_of(tg::tanh(x)) == "tanh");
    BOOST_TEST(label_of(tg::square(x)) == "^2");
    BOOST_TEST(label_of(-x) == "-");
}

BOOST_AUTO_TEST_CASE(the_networks_graph_has_one_node_per_slot_and_one_edge_per_operand) {
    const std::string text = tg::to_dot(net);
    const dot_shape shape = shape_of(text);
    BOOST_TEST(shape.nodes == 18u);  // 8 leaves (x once), 10 ops
    BOOST_TEST(shape.nodes == slot_count(net));
    BOOST_TEST(shape.edges == 18u);  // 8 binary ops, 2 softplus
    BOOST_TEST(shape.edges == operand_count(net));
    BOOST_TEST(shape.edges_run_forward);
    BOOST_TEST(text.starts_with("digraph typegrad {\n  n0 [label=\"w3\", shape=box, style=\"rounded,filled\""));
    BOOST_TEST(text.ends_with("}\n"));
    BOOST_TEST(text.find("[label=\"softplus\"]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_derivatives_graph_shares_the_forward_work_it_repeats) {
    const auto loss = tg::square(y - net);
    const auto g = tg::d(loss, w1);  // -2*(y - net)*w3*sigmoid(w1*x + b1)*x
    const std::string text = tg::to_dot(g);
    const dot_shape shape = shape_of(text);
    BOOST_TEST(shape.nodes == slot_count(g));
    BOOST_TEST(shape.edges == operand_count(g));
    BOOST_TEST(shape.edges_run_forward);
    BOOST_TEST(shape.nodes == 26u);  // the network's 18, then -2, y, y - net, sigmoid and four products
    // w1*x + b1 (n7) feeds both softplus (inside the network) and sigmoid: one node, used twice.
    BOOST_TEST(text.find("  n7 [label=\"+\"];\n") != std::string::npos);
    BOOST_TEST(text.find("  n7 -> n8;\n") != std::string::npos);
    BOOST_TEST(text.find("  n8 [label=\"softplus\"];\n") != std::string::npos);
    BOOST_TEST(text.find("  n7 -> n21;\n") != std::string::npos);
    BOOST_TEST(text.find("  n21 [label=\"sigmoid\"];\n") != std::string::npos);
    const auto x_nodes = [&] {
        std::size_t n = 0;
        for (std::size_t at = text.find("[label=\"x\""); at != std::string::npos; at = text.find("[label=\"x\"", at + 1))
            ++n;
        return n;
    }();
    BOOST_TEST(x_nodes == 1u);
}

BOOST_AUTO_TEST_CASE(names_with_quotes_or_backslashes_are_escaped) {
    BOOST_TEST(tg::to_dot(tg::input<"say \"hi\"">) ==
               "digraph typegrad {\n  n0 [label=\"say \\\"hi\\\"\", shape=box, peripheries=2];\n}\n");
}

BOOST_AUTO_TEST_SUITE_END()
