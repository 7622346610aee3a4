// The computation graphs of the primer's network and of one derivative of its loss, as Graphviz text from
// tg::to_dot: one node per unique subexpression, so shared work shows up as a node with several edges out.
// It prints the sizes of both graphs; with `--data DIR` it writes DIR/network.dot and DIR/d_loss_w1.dot,
// which doc/pictures/render.sh draws with `dot -Tpng`.
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
/// The number of nodes and of edges in dot text written by to_dot: one line each.
struct graph_size {
    std::size_t nodes = 0, edges = 0;
};
graph_size count(std::string_view dot) {
    graph_size size;
    for (std::size_t begin = 0, end; (end = dot.find('\n', begin)) != std::string_view::npos; begin = end + 1) {
        const std::string_view line = dot.substr(begin, end - begin);
        if (line.find(" -> ") != std::string_view::npos) ++size.edges;
        else if (line.find("[label=") != std::string_view::npos) ++size.nodes;
    }
    return size;
}

bool write(const char* dir, const char* name, const std::string& text) {
    const std::string path = std::string(dir) + '/' + name;
    std::FILE* out = std::fopen(path.c_str(), "w");
    if (out == nullptr) {
        std::fprintf(stderr, "graph: cannot write %s\n", path.c_str());
        return false;
    }
    const bool ok = std::fputs(text.c_str(), out) >= 0;
    std::printf("wrote %s\n", path.c_str());
    return std::fclose(out) == 0 && ok;
}
}  // namespace

int main(int argc, char** argv) {
    const char* data_dir = argc == 3 && std::string_view(argv[1]) == "--data" ? argv[2] : nullptr;
    if (argc != 1 && data_dir == nullptr) {
        std::fprintf(stderr, "usage: %s [--data DIR]\n", argv[0]);
        return EXIT_FAILURE;
    }

    constexpr auto x = tg::input<"x">;
    constexpr auto y = tg::input<"y">;
    constexpr auto w1 = tg::param<"w1">;
    constexpr auto b1 = tg::param<"b1">;
    constexpr auto w2 = tg::param<"w2">;
    constexpr auto b2 = tg::param<"b2">;
    constexpr auto w3 = tg::param<"w3">;
    constexpr auto w4 = tg::param<"w4">;
    constexpr auto b3 = tg::param<"b3">;
    constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;
    constexpr auto loss = tg::square(y - net);

    const std::string network = tg::to_dot(net);
    const std::string derivative = tg::to_dot(tg::d(loss, w1));
    const graph_size network_size = count(network), derivative_size = count(derivative);
    std::printf("net(x) = %s\n  %zu nodes, %zu edges\n", tg::to_string(net).c_str(), network_size.nodes,
                network_size.edges);
    std::printf("d(loss, w1) = %s\n  %zu nodes, %zu edges\n", tg::to_string(tg::d(loss, w1)).c_str(),
                derivative_size.nodes, derivative_size.edges);

    // The network has 18 distinct subexpressions: 7 parameters, x, and 10 ops (a product, a sum and a
    // softplus per neuron, two scalings and two sums); 8 binary ops and 2 unary ones make 18 edges. The
    // derivative reuses the network's 18 nodes and adds 8.
    bool ok = network_size.nodes == 18 && network_size.edges == 2 * 8 + 2 &&
              derivative_size.nodes == 26 && network.find("softplus") != std::string::npos &&
              derivative.find("sigmoid") != std::string::npos;
    if (!ok) std::fprintf(stderr, "graph: expected 18 nodes and 18 edges for net, 26 nodes for d(loss, w1)\n");

    if (data_dir != nullptr)
        ok = write(data_dir, "network.dot", network) && write(data_dir, "d_loss_w1.dot", derivative) && ok;
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
