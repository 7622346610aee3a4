// The primer's dosage network, shared by export_train.cpp and export_use.cpp, and the predictions both
// write: one program holds the trained parameters in memory, the other compiles them in from the header
// the first one wrote. The same code, compiler and flags must give the same bits.
#pragma once

#include <array>
#include <cstddef>
#include <cstdio>
#include <span>

#include <typegrad.hpp>

namespace export_example {
namespace tg = typegrad;

inline constexpr auto x = tg::input<"x">;
inline constexpr auto w1 = tg::param<"w1">;
inline constexpr auto b1 = tg::param<"b1">;
inline constexpr auto w2 = tg::param<"w2">;
inline constexpr auto b2 = tg::param<"b2">;
inline constexpr auto w3 = tg::param<"w3">;
inline constexpr auto w4 = tg::param<"w4">;
inline constexpr auto b3 = tg::param<"b3">;

/// Two softplus neurons, seven parameters: the network of example/backprop.cpp.
inline constexpr auto net = w3 * tg::softplus(w1 * x + b1) + w4 * tg::softplus(w2 * x + b2) + b3;

/// Writes net(x) at x = 0, 0.1, ..., 1 to `path`, one line "x net(x)" each, as hex floats (%a), which
/// show every bit. Returns false, after saying why, if it cannot.
template <class Set>
bool write_predictions(const Set& theta, const char* path) {
    // The x values pass through a volatile so that no compiler computes the predictions while compiling
    // (export_use.cpp's parameters are constants): a constant-folded exp or log1p may round differently
    // from the run-time library's, and this check is about the parameters, not about that.
    volatile double steps = 10;
    const double divisor = steps;
    std::array<double, 11> grid{};
    std::array<double, 11> predictions{};
    for (std::size_t i = 0; i < grid.size(); ++i) grid[i] = static_cast<double>(i) / divisor;
    const tg::data_error error = tg::predict(net, theta, tg::data(x = grid), std::span<double>(predictions));
    if (!error.ok()) {
        std::fprintf(stderr, "predict: %s\n", error.message.c_str());
        return false;
    }
    std::FILE* file = std::fopen(path, "w");
    if (file == nullptr) {
        std::fprintf(stderr, "cannot open %s for writing\n", path);
        return false;
    }
    bool ok = true;
    for (std::size_t i = 0; i < grid.size(); ++i) ok = std::fprintf(file, "%a %a\n", grid[i], predictions[i]) > 0 && ok;
    ok = std::fclose(file) == 0 && ok;
    if (!ok) std::fprintf(stderr, "cannot write %s\n", path);
    return ok;
}

}  // namespace export_example
