// The activation functions, as typegrad computes them: each activation f(x) and its derivative
// tg::d(f(x), x), evaluated with tg::eval at x = -4, -3.95, ..., 4. It prints a few values and checks
// them against the closed forms; with `--data DIR` it also writes the whole table to DIR/activations.dat,
// which doc/pictures/render.sh draws.
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <tuple>

#include <typegrad.hpp>

namespace tg = typegrad;

namespace {
constexpr auto x = tg::input<"x">;

/// The closed forms the library's values are checked against, in the order of the activations below.
double by_hand(std::size_t which, double v) {
    const double sigmoid = 1 / (1 + std::exp(-v));
    switch (which) {
        case 0: return std::log1p(std::exp(v));                         // softplus
        case 1: return v > 0 ? v : 0;                                    // relu
        case 2: return sigmoid;                                          // sigmoid
        case 3: return std::tanh(v);                                     // tanh
        case 4: return v > 0 ? v : 0.1 * v;                              // leaky_relu<0.1>
        case 5: return v > 0 ? v : std::expm1(v);                        // elu (alpha = 1)
        case 6: return v * sigmoid;                                      // silu
        default:                                                         // gelu, tanh form
            return 0.5 * v * (1 + std::tanh(0.7978845608028654 * (v + 0.044715 * v * v * v)));
    }
}
}  // namespace

int main(int argc, char** argv) {
    const char* data_dir = argc == 3 && std::string_view(argv[1]) == "--data" ? argv[2] : nullptr;
    if (argc != 1 && data_dir == nullptr) {
        std::fprintf(stderr, "usage: %s [--data DIR]\n", argv[0]);
        return EXIT_FAILURE;
    }

    // The primer's four activations, then four more that typegrad has.
    const auto activations = std::tuple{tg::softplus(x), tg::relu(x),          tg::sigmoid(x), tg::tanh(x),
                                        tg::leaky_relu<0.1>(x), tg::elu<>(x), tg::silu(x),    tg::gelu(x)};
    constexpr std::size_t count = std::tuple_size_v<decltype(activations)>;

    // One row per x: x, then f(x) and f'(x) for each activation, f' being the expression tg::d(f(x), x).
    constexpr std::size_t rows = 161;
    std::array<std::array<double, 1 + 2 * count>, rows> table{};
    for (std::size_t i = 0; i < rows; ++i) {
        const double v = -4 + 8 * static_cast<double>(i) / (rows - 1);
        table[i][0] = v;
        std::size_t k = 1;
        std::apply([&](const auto&... f) { ((table[i][k++] = tg::eval(f, x = v),
                                              table[i][k++] = tg::eval(tg::d(f, x), x = v)), ...); },
                   activations);
    }

    std::string names;
    std::apply([&](const auto&... f) { ((names += ' ' + tg::to_string(f)), ...); }, activations);
    std::printf("each activation f(x) and its derivative d(f(x), x), for x = %g to %g in %zu steps:\n",
                table.front()[0], table.back()[0], rows - 1);
    std::apply([&](const auto&... f) {
        ((std::printf("  %-20s %s\n", tg::to_string(f).c_str(), tg::to_string(tg::d(f, x)).c_str())), ...);
    }, activations);

    // Check every value against its closed form, and every derivative against a central difference
    // (away from the kinks of relu and leaky_relu at 0, where the difference quotient is not the derivative).
    bool ok = true;
    for (const auto& row : table)
        for (std::size_t a = 0; a < count; ++a) {
            const double v = row[0], h = 1e-6;
            const double value = row[1 + 2 * a], slope = row[2 + 2 * a];
            const double difference = (by_hand(a, v + h) - by_hand(a, v - h)) / (2 * h);
            if (std::fabs(value - by_hand(a, v)) > 1e-12 * (1 + std::fabs(value)) ||
                (std::fabs(v) > 1e-3 && std::fabs(slope - difference) > 1e-6)) {
                std::fprintf(stderr, "curves: activation %zu at x = %g: %.17g, %.17g (by hand %.17g, %.17g)\n", a,
                             v, value, slope, by_hand(a, v), difference);
                ok = false;
            }
        }

    if (data_dir != nullptr) {
        const std::string path = std::string(data_dir) + "/activations.dat";
        std::FILE* out = std::fopen(path.c_str(), "w");
        if (out == nullptr) {
            std::fprintf(stderr, "curves: cannot write %s\n", path.c_str());
            return EXIT_FAILURE;
        }
        std::fprintf(out, "# x, then f(x) and d(f(x), x) for each of:%s\n", names.c_str());
        for (const auto& row : table) {
            for (std::size_t c = 0; c < row.size(); ++c) std::fprintf(out, c == 0 ? "%.4f" : " %.10g", row[c]);
            std::fprintf(out, "\n");
        }
        ok = std::fclose(out) == 0 && ok;
        std::printf("wrote %s\n", path.c_str());
    }
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
